"""Reading data files with the line of every record, so that errors name file and line."""

from __future__ import annotations

import codecs
import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from yaml.nodes import MappingNode, Node, SequenceNode

from monoreg.errors import InputError

Model = TypeVar("Model", bound=BaseModel)
V = TypeVar("V")


def display_path(path: Path) -> str:
    """The path as users see it: relative to the working directory when possible."""
    return _display_path(path, os.getcwd())


def data_path(path: Path, root: Path) -> str:
    """A stable name for provenance: the path inside the data folder ('editions/…')."""
    return _data_path(path, root, os.getcwd())


# Both are asked for every record read; resolving a path costs several system calls, which
# made path names most of the time spent reading a big observations.csv.
@lru_cache(maxsize=4096)
def _display_path(path: Path, cwd: str) -> str:
    try:
        return str(path.resolve().relative_to(Path(cwd).resolve()))
    except ValueError:
        return str(path)


@lru_cache(maxsize=4096)
def _data_path(path: Path, root: Path, cwd: str) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return _display_path(path, cwd)


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", file=display_path(path)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", file=display_path(path)) from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError("encoded in UTF-16; save the file as UTF-8", file=display_path(path))
    if b"\x00" in raw[:4096]:
        raise InputError("binary content, expected UTF-8 text", file=display_path(path))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file "
                         "as UTF-8", file=display_path(path), line=line) from None


# -- YAML -------------------------------------------------------------------------------
def _build(loader: yaml.SafeLoader, node: Node, path: Path) -> Any:
    if isinstance(node, MappingNode):
        loader.flatten_mapping(node)
        key_lines: dict[str, int] = {}
        result: dict[Any, Any] = {"__line__": node.start_mark.line + 1, "__keylines__": key_lines}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) or key is None:
                raise InputError("a key must be a plain word", file=display_path(path),
                                 line=key_node.start_mark.line + 1)
            if key in result:
                raise InputError(f"key '{key}' is given twice", file=display_path(path),
                                 line=key_node.start_mark.line + 1)
            result[str(key)] = _build(loader, value_node, path)
            key_lines[str(key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, SequenceNode):
        return [_build(loader, item, path) for item in node.value]
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as error:  # a date like 2029-02-30, an integer of 5 000 digits
        raise InputError(f"invalid value: {error}", file=display_path(path),
                         line=node.start_mark.line + 1) from None


# Aliases let a short file stand for a huge one ("billion laughs"): the composer shares an
# aliased node, but the dicts and lists built from it copy it every time it is used.
MAX_ALIAS_EXPANSION = 10


def _check_aliases(root: Node, path: Path) -> None:
    """Refuse a document that aliases expand more than tenfold, or that contains itself."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:  # iterative: a deep document must not exhaust Python's recursion limit
        node, children_done = stack.pop()
        if isinstance(node, MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        else:
            children = []
        if children_done:
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            continue
        if id(node) in sizes:
            if sizes[id(node)] < 0:
                raise InputError("an alias refers to the item that contains it",
                                 file=display_path(path), line=node.start_mark.line + 1)
            continue
        sizes[id(node)] = -1
        stack.append((node, True))
        stack.extend((child, False) for child in children if sizes.get(id(child), 0) <= 0)
    if sizes[id(root)] > MAX_ALIAS_EXPANSION * len(sizes) + 1000:
        raise InputError(f"aliases (*name) expand this file to {sizes[id(root)]} items, over "
                         f"{MAX_ALIAS_EXPANSION} times its size: write the items out",
                         file=display_path(path))


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; every mapping gets '__line__' (its line) and '__keylines__'."""
    text = read_text(path)
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as error:  # a control character: checked before parsing
        line = text[: error.position].count("\n") + 1
        raise InputError(f"invalid YAML: character {error.character!r} is not allowed",
                         file=display_path(path), line=line) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError("the file is empty", file=display_path(path))
        _check_aliases(node, path)
        return _build(loader, node, path)
    except RecursionError:
        raise InputError("invalid YAML: nested too deeply", file=display_path(path)) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context == "while scanning a simple key":
            mark = error.context_mark  # the problem mark is on the line after the culprit
        line = mark.line + 1 if mark else None
        reason = error.problem or error.context or "invalid YAML"
        raise InputError(f"invalid YAML: {reason}", file=display_path(path), line=line) from None
    except yaml.YAMLError as error:
        raise InputError(f"invalid YAML: {error}", file=display_path(path)) from None
    finally:
        loader.dispose()


def _line_at(data: Any, loc: tuple[Any, ...]) -> int | None:
    line = data.get("__line__") if isinstance(data, dict) else None
    for part in loc:
        if isinstance(data, dict) and part in data.get("__keylines__", {}):
            line = data["__keylines__"][part]
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(data, dict) and "__line__" in data:
            line = data["__line__"]
    return line


def validate_yaml(model: type[Model], data: Any, path: Path) -> Model:
    """Validate parsed YAML against a schema; the first error names its line and field."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        loc = tuple(first["loc"])
        field = ".".join(str(p) for p in loc if p not in ("__line__", "__keylines__")) or None
        message = first["msg"]
        if first["type"] == "extra_forbidden":
            message = "unknown key (check its spelling against data/README.md)"
        elif first["type"] == "missing":
            message = "required key is missing"
        raise InputError(message, file=display_path(path), line=_line_at(data, loc),
                         field=field) from None


def load_yaml(model: type[Model], path: Path) -> Model:
    return validate_yaml(model, read_yaml(path), path)


# -- CSV --------------------------------------------------------------------------------
@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()


def read_csv(path: Path, *, required: set[str], optional: set[str] = frozenset(),
             delimiter: str = ";", allow_other: bool = False) -> Iterator[CsvRow]:
    """Rows of a `;` CSV with their physical line numbers; '#' lines are comments."""
    text = read_text(path)
    lines = text.splitlines(keepends=True)
    where = display_path(path)
    current = 0
    started = 0  # first line of the record being read: a quote left open is found only at
    # the end of the file, but the mistake is where the record starts

    def physical() -> Iterator[str]:
        nonlocal current, started
        for number, line in enumerate(lines, 1):
            if line.lstrip().startswith("#") or not line.strip():
                continue
            current = number
            started = started or number
            yield line

    def malformed(error: csv.Error) -> InputError:
        reason = ('a quote (") opened on this line is never closed'
                  if "unexpected end of data" in str(error) else f"malformed CSV: {error}")
        return InputError(reason, file=where, line=started)

    reader = csv.reader(physical(), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InputError("the file has no header line", file=where) from None
    except csv.Error as error:
        raise malformed(error) from None
    while header and header[-1] == "":
        header.pop()
    missing = sorted(required - set(header))
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}", file=where, line=current)
    unknown = sorted(set(header) - required - set(optional))
    if unknown and not allow_other:
        raise InputError(f"unknown column(s): {', '.join(unknown)}", file=where, line=current)
    if len(set(header)) != len(header):
        raise InputError("a column name is repeated in the header", file=where, line=current)
    while True:
        started = 0
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise malformed(error) from None
        line = current
        if len(cells) > len(header) and not any(c.strip() for c in cells[len(header):]):
            cells = cells[: len(header)]
        if len(cells) != len(header):
            raise InputError(f"{len(cells)} fields where the header has {len(header)} "
                             f"(separator is '{delimiter}')", file=where, line=line)
        yield CsvRow(line, dict(zip(header, cells, strict=True)))


# -- the base of the pydantic models of YAML data files ------------------------------------
MARKS = ("__line__", "__keylines__")


def _without_line(value: Any) -> Any:
    """The YAML reader marks every mapping with its lines; plain maps do not keep them."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in MARKS}
    return value


Map = Annotated[dict[str, V], BeforeValidator(_without_line)]


class FileItem(BaseModel):
    """A mapping of a YAML data file: unknown keys are errors; its lines are kept."""


    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    line: Annotated[int | None, Field(alias="__line__")] = None
    keylines: Annotated[dict[str, int], Field(alias="__keylines__", exclude=True)] = {}
    origin: int | None = None  # line in the edition's source.txt, when copied from a print


