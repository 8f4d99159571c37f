"""Reading data files with the line of every record, so that errors name file and line."""

from __future__ import annotations

import codecs
import csv
import os
from collections.abc import Iterator, Set
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
        raise InputError("fichier introuvable", file=display_path(path)) from None
    except IsADirectoryError:
        raise InputError("c'est un dossier, pas un fichier", file=display_path(path)) from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError("fichier encodé en UTF-16 : enregistrez-le en UTF-8",
                         file=display_path(path))
    if b"\x00" in raw[:4096]:
        raise InputError("contenu binaire, alors qu'un texte UTF-8 est attendu",
                         file=display_path(path))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(f"texte qui n'est pas en UTF-8 (octet 0x{raw[error.start]:02x}) : "
                         "enregistrez le fichier en UTF-8", file=display_path(path),
                         line=line) from None


# -- YAML -------------------------------------------------------------------------------
def _build(loader: yaml.SafeLoader, node: Node, path: Path) -> Any:
    if isinstance(node, MappingNode):
        loader.flatten_mapping(node)
        key_lines: dict[str, int] = {}
        result: dict[Any, Any] = {"__line__": node.start_mark.line + 1, "__keylines__": key_lines}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) or key is None:
                raise InputError("une clé doit être un simple mot", file=display_path(path),
                                 line=key_node.start_mark.line + 1)
            if key in result:
                raise InputError(f"la clé '{key}' est donnée deux fois", file=display_path(path),
                                 line=key_node.start_mark.line + 1)
            result[str(key)] = _build(loader, value_node, path)
            key_lines[str(key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, SequenceNode):
        return [_build(loader, item, path) for item in node.value]
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as error:  # a date like 2029-02-30, an integer of 5 000 digits
        raise InputError(_value_reason(str(error)), file=display_path(path),
                         line=node.start_mark.line + 1) from None


def _value_reason(problem: str) -> str:
    if "out of range" in problem:
        return "date inexistante (jour ou mois hors du calendrier)"
    if "digits" in problem:
        return "nombre de plusieurs milliers de chiffres : valeur illisible"
    return "valeur illisible"


# Aliases let a short file stand for a huge one ("billion laughs"): the composer shares an
# aliased node, but the dicts and lists built from it copy it every time it is used.
MAX_ALIAS_EXPANSION = 10
MAX_DEPTH = 50  # levels of nesting; data files use fewer than ten


def _check_aliases(root: Node, path: Path) -> None:
    """Refuse a document that aliases expand more than tenfold, or that contains itself."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Node, bool, int]] = [(root, False, 0)]
    while stack:  # iterative: a deep document must not exhaust Python's recursion limit
        node, children_done, depth = stack.pop()
        if depth > MAX_DEPTH:  # _build recurses by level: cap it before it runs
            raise InputError(f"imbrication de plus de {MAX_DEPTH} niveaux : aucun fichier de "
                             "données n'en a besoin", file=display_path(path),
                             line=node.start_mark.line + 1)
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
                raise InputError("un alias renvoie à l'élément qui le contient",
                                 file=display_path(path), line=node.start_mark.line + 1)
            continue
        sizes[id(node)] = -1
        stack.append((node, True, depth))
        stack.extend((child, False, depth + 1) for child in children
                     if sizes.get(id(child), 0) <= 0)
    if sizes[id(root)] > MAX_ALIAS_EXPANSION * len(sizes) + 1000:
        raise InputError(f"les alias (*nom) font de ce fichier {sizes[id(root)]} éléments, "
                         f"plus de {MAX_ALIAS_EXPANSION} fois sa taille : écrivez les "
                         "éléments en entier",
                         file=display_path(path))


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; every mapping gets '__line__' (its line) and '__keylines__'."""
    text = read_text(path)
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as error:  # a control character: checked before parsing
        line = text[: error.position].count("\n") + 1
        raise InputError(f"YAML invalide : le caractère {error.character!r} n'est pas "
                         "permis",
                         file=display_path(path), line=line) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError("le fichier est vide", file=display_path(path))
        _check_aliases(node, path)
        return _build(loader, node, path)
    except RecursionError:
        raise InputError("YAML invalide : imbrication trop profonde",
                         file=display_path(path)) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context == "while scanning a simple key":
            mark = error.context_mark  # the problem mark is on the line after the culprit
        where = mark.line + 1 if mark else None
        reason = yaml_reason(error.problem or error.context or "")
        raise InputError(f"YAML invalide : {reason}", file=display_path(path),
                         line=where) from None
    except yaml.YAMLError as error:
        raise InputError(f"YAML invalide : {yaml_reason(str(error))}",
                         file=display_path(path)) from None
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
        message = schema_reason(first)
        raise InputError(message, file=display_path(path), line=_line_at(data, loc),
                         field=field) from None


def load_yaml(model: type[Model], path: Path) -> Model:
    return validate_yaml(model, read_yaml(path), path)



# -- French reasons for what the parsers report in English --------------------------------
_YAML_REASONS = (  # libyaml/PyYAML wording -> what the user reads
    ("mapping values are not allowed", "un « : » de trop, ou une valeur mal indentée"),
    ("could not find expected ':'", "il manque un « : » après une clé"),
    ("found character '\\t'", "une tabulation : indentez avec des espaces"),
    ("that cannot start any token", "un caractère qui ne peut pas commencer une valeur"),
    ("found undefined alias", "un alias (*nom) qui ne renvoie à aucune ancre (&nom)"),
    ("expected <block end>", "une indentation qui ne suit pas celle des lignes voisines"),
    ("did not find expected key", "une indentation qui ne suit pas celle des lignes voisines"),
    ("did not find expected '-'", "un élément de liste sans son « - »"),
    ("unknown escape character", "un échappement inconnu (\\) entre guillemets"),
    ("but got '<stream end>'", "une accolade ou un crochet ouvert jamais refermé : fichier "
     "probablement tronqué"),
    ("expected ',' or '}'", "une accolade { ouverte sans son } ou une virgule manquante"),
    ("expected ',' or ']'", "un crochet [ ouvert sans son ] ou une virgule manquante"),
    ("found unexpected end of stream", "le fichier s'arrête au milieu d'une valeur : "
     "fichier probablement tronqué"),
    ("while scanning a quoted scalar", "des guillemets ouverts jamais refermés"),
    ("could not determine a constructor", "une étiquette (!…) que monoreg ne lit pas"),
    ("found duplicate anchor", "une ancre (&nom) définie deux fois"),
    ("expected a single document", "plusieurs documents (---) dans un seul fichier"),
)


def yaml_reason(problem: str) -> str:
    """A French reading of a YAML parser's problem."""
    for english, french in _YAML_REASONS:
        if english in problem:
            return french
    return "structure illisible à cet endroit"


_CSV_REASONS = (
    ("expected after", "un guillemet fermant doit être suivi du séparateur"),
    ("new-line character seen in unquoted field", "un retour à la ligne hors guillemets"),
    ("field larger than field limit", "un champ de plus de 131 072 caractères"),
    ("line contains NUL", "un caractère nul (fichier binaire ?)"),
)


def csv_reason(error: Exception) -> str:
    text = str(error)
    return next((french for english, french in _CSV_REASONS if english in text),
                "ligne illisible")


_BOUNDS = {"greater_than": "supérieur à {gt}", "greater_than_equal": "au moins {ge}",
           "less_than": "inférieur à {lt}", "less_than_equal": "au plus {le}"}


def schema_reason(error: Any) -> str:
    """A French sentence for the first error pydantic found in a data file's item."""
    kind, ctx = error["type"], error.get("ctx") or {}
    given = error.get("input")
    shown = f"« {given} »" if isinstance(given, str | int | float) else "la valeur"
    if kind == "missing":
        return "clé obligatoire absente"
    if kind == "extra_forbidden":
        return "clé inconnue (vérifiez son orthographe dans data/README.md)"
    if kind.startswith("int_"):
        return f"{shown} n'est pas un nombre entier"
    if kind.startswith(("float_", "decimal_")):
        return f"{shown} n'est pas un nombre"
    if kind.startswith("bool_"):
        return f"{shown} ne vaut ni true ni false"
    if kind.startswith("date"):
        return f"{shown} n'est pas une date AAAA-MM-JJ"
    if kind in ("string_type", "string_sub_type"):
        return "un texte est attendu ici"
    if kind in ("list_type", "tuple_type", "set_type"):
        return "une liste est attendue ici"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "des clés et leurs valeurs sont attendues ici"
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace(" or ", " ou ")
        return f"{shown} n'est pas l'une des valeurs permises : {expected}"
    if kind in _BOUNDS:
        return f"{shown} doit être " + _BOUNDS[kind].format(**ctx)
    if kind in ("string_too_short", "too_short"):
        return "valeur vide ou trop courte"
    if kind in ("string_too_long", "too_long"):
        return "valeur trop longue"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", "valeur refusée"))
    return f"{shown} est refusée ici"

# -- CSV --------------------------------------------------------------------------------
@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()


def read_csv(path: Path, *, required: set[str], optional: Set[str] = frozenset(),
             delimiter: str = ";", allow_other: bool = False) -> Iterator[CsvRow]:
    """Rows of a `;` CSV with their physical line numbers; '#' lines are comments."""
    text = read_text(path)
    lines = text.splitlines(keepends=True)
    where = display_path(path)
    last = next((n for n in range(len(lines), 0, -1)
                 if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")), 0)
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
        reason = ('un guillemet (") ouvert sur cette ligne n\'est jamais refermé : fichier '
                  "probablement tronqué" if "unexpected end of data" in str(error)
                  else f"CSV mal formé : {csv_reason(error)}")
        return InputError(reason, file=where, line=started)

    reader = csv.reader(physical(), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InputError("le fichier n'a pas de ligne d'en-tête", file=where) from None
    except csv.Error as error:
        raise malformed(error) from None
    while header and header[-1] == "":
        header.pop()
    missing = sorted(required - set(header))
    if missing:
        raise InputError(f"colonne(s) manquante(s) : {', '.join(missing)}", file=where,
                         line=current)
    unknown = sorted(set(header) - required - set(optional))
    if unknown and not allow_other:
        raise InputError(f"colonne(s) inconnue(s) : {', '.join(unknown)}", file=where,
                         line=current)
    if len(set(header)) != len(header):
        raise InputError("un nom de colonne est répété dans l'en-tête", file=where,
                         line=current)
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
        if len(cells) < len(header) and line == last and not lines[-1].endswith("\n"):
            raise InputError(f"fichier probablement tronqué : sa dernière ligne s'arrête au "
                             f"champ '{header[len(cells) - 1]}', {len(header)} champs sont "
                             "attendus", file=where, line=line)
        if len(cells) != len(header):
            raise InputError(f"{len(cells)} champs alors que l'en-tête en a {len(header)} "
                             f"(le séparateur est « {delimiter} »)", file=where, line=line)
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


