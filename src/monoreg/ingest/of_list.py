"""The public list of training organisations → organisations per region, dated.

The list (layout: ingest/layouts/liste-publique-of.yaml) holds one declared organisation per
line; monoreg counts, per INSEE region, the organisations and those certified to train
apprentices, and stores the counts as observations dated by --date (or the file's date).

The file is read in one streaming pass. A line whose only `;` and `"` are field separators
and whole-field quotes (almost all of them) is split with bytes.split, which is several
times faster than the csv module; any other line (a `;` or a line break inside quotes,
escaped quotes) goes through the csv module, so both give the fields a strict CSV reader
would. Rows that cannot be counted are rejected, counted and listed with their line.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
import threading
import time
from array import array
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from monoreg.datafile_reader import FileItem, load_yaml
from monoreg.errors import InputError, UsageError
from monoreg.ingest.import_batch import (
    CHUNK,
    CountDate,
    ImportBatch,
    InputFile,
    Progress,
    count_date,
    line_ranges,
    range_lines,
)
from monoreg.ingest.tally import RegionCodes, Rejections, Tally
from monoreg.model import Catalog
from monoreg.settings import fault_point

LAYOUTS = Path(__file__).resolve().parent / "layouts"
OF_LIST_LAYOUT = LAYOUTS / "liste-publique-of.yaml"
CONTINUATION = 50      # lines a quoted field may run over before the row is given up
SHAPES = 4096          # quoting patterns remembered (a list has a handful)
PARALLEL_BYTES = 16 << 20   # bigger files are counted by several processes
MAX_WORKERS = 4
_BOOLEANS = {"true": True, "false": False}


class MeasureFile(FileItem):
    indicator: str
    where: str | None = None       # a boolean column that must be true for the row to count


class CountLayout(FileItem):
    """Columns of a list of records counted per region (schema of ingest/layouts/*.yaml)."""

    name: str
    source: str
    delimiter: str = ";"
    key: str                       # the record's unique key (a repeated key is rejected)
    region: str                    # INSEE region code
    measures: list[MeasureFile]


@dataclass(frozen=True)
class _Columns:
    """Where the layout's columns are in this file, found from its header."""

    count: int                     # fields per line (a trailing ';' makes one more)
    key: int
    region: int
    flags: tuple[int, ...]         # the measures' `where` columns, in order
    names: tuple[str | None, ...]  # the `where` column of each measure (None: every row)

    @property
    def split(self) -> int:
        return max(self.key, self.region, *self.flags) + 1


# Everything but ';' and '"': deleting it leaves a line's skeleton, b';;""; …'.
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b';"')


def _header(first: bytes, layout: CountLayout, file: str) -> _Columns:
    try:
        text = first.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("l'en-tête n'est pas en UTF-8", file=file, line=1) from None
    names = next(csv.reader([text.rstrip("\r\n")], delimiter=layout.delimiter))
    position = {name.strip(): i for i, name in enumerate(names) if name.strip()}
    wanted = [layout.key, layout.region, *(m.where for m in layout.measures if m.where)]
    missing = [name for name in wanted if name not in position]
    if missing:
        raise InputError(f"colonne(s) manquante(s) : {', '.join(missing)} (est-ce bien la "
                         f"{layout.name} ?)", file=file, line=1)
    wheres = tuple(dict.fromkeys(m.where for m in layout.measures if m.where))
    return _Columns(len(names), position[layout.key], position[layout.region],
                    tuple(position[w] for w in wheres), tuple(m.where for m in layout.measures))


class _Counter:
    """One pass over the records: counts per distinct (region, flags) text, rejections."""

    def __init__(self, columns: _Columns, layout: CountLayout, codes: RegionCodes) -> None:
        self.columns = columns
        self.layout = layout
        self.codes = codes
        self.rejections = Rejections()
        self.lines = 0          # physical lines read
        self.open_end = False   # the last record ran past the last line (a cut range)
        self.cut: tuple[int, str] | None = None  # (line, why) when the last record is cut
        # (region text, flag texts…) -> [rows] when countable, or the reason it is not
        self.keys: dict[tuple[bytes, ...], list[int] | str] = {}
        self.idents: list[bytes] = []   # keys of the counted records (fast pass)
        self.unique = True              # … none empty or repeated (known once sealed)
        self.hashes: list[array[int]] = []  # hashes of the distinct keys, one array a part
        self.rows = 0
        self.wheres = tuple(dict.fromkeys(m.where for m in layout.measures if m.where))

    def classify(self, key: tuple[bytes, ...]) -> list[int] | str:
        try:
            region_text, *flags = (part.decode("utf-8") for part in key)
        except UnicodeDecodeError:
            return "texte qui n'est pas en UTF-8"
        if self.codes.check(region_text) is None:
            return RegionCodes.reason(region_text)
        for name, flag in zip(self.wheres, flags, strict=True):
            if flag.strip('"') not in _BOOLEANS:
                return f"{name} vaut « {flag} » au lieu de true ou false"
        return [0]

    def counted(self) -> int:
        return sum(entry[0] for entry in self.keys.values() if isinstance(entry, list))

    def keys_unique(self) -> bool:
        """No counted record had an empty key, nor one repeated in this or another part."""
        self.seal(hashes=False)
        if len(self.hashes) < 2:
            return self.unique
        return self.unique and len(set().union(*self.hashes)) == sum(map(len, self.hashes))

    def seal(self, hashes: bool = True) -> None:
        """Keep of the keys only what tells whether they repeat: the hash of each distinct key
        (a collision across parts only costs a strict second pass). What a part sends back to
        the parent process is then small."""
        if not self.idents:
            return
        distinct = {i.strip(b'" ') for i in self.idents}
        self.unique = self.unique and len(distinct) == len(self.idents) and b"" not in distinct
        if hashes:
            self.hashes.append(array("q", map(hash, distinct)))
        self.idents = []

    def slow_fields(self, line: bytes, lines: Iterator[bytes]) -> tuple[list[bytes] | str, int]:
        """Fields of a line the fast split cannot take, with the csv module; returns the
        fields (or why the row is rejected) and how many more lines it ran over."""
        extra = 0
        while line.count(b'"') % 2:  # a quoted field goes on over the next line
            following = next(lines, None)
            if following is None:
                self.open_end = True
            if following is None or extra >= CONTINUATION:
                return "guillemet ouvert jamais refermé", extra
            line += following
            extra += 1
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            return "ligne qui n'est pas en UTF-8", extra
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""),
                                   delimiter=self.layout.delimiter, strict=True))
        except csv.Error as error:
            return f"CSV mal formé ({error})", extra
        fields = rows[0] if len(rows) == 1 else []
        if len(fields) != self.columns.count:
            return f"{len(fields)} champs au lieu de {self.columns.count}", extra
        return [f.encode("utf-8") for f in fields], extra

    def run(self, lines: Iterator[bytes], first_line: int, strict: bool) -> None:
        """Count the records. Not strict, keys are only collected, and `keys_unique` tells
        afterwards whether a key was empty or repeated (then the file is counted again,
        strictly, rejecting those rows with their line): the list's key is unique, so the
        fast pass is almost always the only one."""
        c = self.columns
        skeleton = self.layout.delimiter.encode() * (c.count - 1)
        split, key_at = c.split, c.key
        getter: Callable[[list[bytes]], Any] = itemgetter(c.region, *c.flags)
        if not c.flags:
            region_at = c.region
            getter = lambda f: (f[region_at],)  # noqa: E731 - one column, still a tuple
        keys, reject = self.keys, self.rejections.add
        seen: set[bytes] = set()
        collect = self.idents.append
        separator = self.layout.delimiter.encode()
        # Skeletons seen so far, and whether they are plain (only separators and whole-field
        # quotes): a list repeats a handful of quoting patterns, so this is one dict lookup.
        plain: dict[bytes, bool] = {}
        rejected, counted = self.rejections.count, self.counted()
        extra = 0  # lines a record ran over (quoted line breaks): they shift the numbering
        index = first_line - 1
        short: tuple[int, int, str] | None = None  # (index, line, why) of the last short row
        for index, line in enumerate(lines, first_line):
            number = index + extra
            simple = plain.get(line.translate(None, _NOT_STRUCTURE))
            if simple is None:
                shape = line.translate(None, _NOT_STRUCTURE)
                simple = shape.replace(b'""', b"") == skeleton
                if len(plain) < SHAPES:
                    plain[shape] = simple
            if simple:
                fields = line.split(separator, split)
            elif not line.strip():
                continue  # an empty line is no record
            else:
                result, more = self.slow_fields(line, lines)
                extra += more
                if isinstance(result, str):
                    reject(number, result)
                    if self.open_end or _fewer_fields(line, separator, c.count):
                        short = (index, number, result)
                    continue
                fields = result
            key = getter(fields)
            entry = keys.get(key)
            if entry is None:
                entry = keys[key] = self.classify(key)
            if entry.__class__ is str:
                reject(number, entry)
                continue
            if not strict:
                collect(fields[key_at])
                entry[0] += 1  # type: ignore[index,operator]  # a list: str is the case above
                continue
            ident = fields[key_at].strip(b'" ')
            if not ident:
                reject(number, f"{self.layout.key} vide")
                continue
            size = len(seen)
            seen.add(ident)
            if len(seen) == size:
                reject(number, f"{self.layout.key} en double")
                continue
            entry[0] += 1  # type: ignore[index,operator]  # a list: str is the case above
        self.rows += self.rejections.count - rejected + self.counted() - counted
        self.lines = index - first_line + 1 + extra
        # Only the last record tells a cut file: a short row inside the list is a bad row.
        self.cut = (short[1], short[2]) if short is not None and short[0] == index else None

    def absorb(self, part: _Counter, offset: int) -> None:
        """Add what another process counted in a later range; its lines start at offset+1."""
        self.cut = None if part.cut is None else (part.cut[0] + offset, part.cut[1])
        self.rows += part.rows
        self.lines += part.lines
        self.unique = self.unique and part.unique
        self.hashes.extend(part.hashes)
        self.rejections.extend(part.rejections, offset)
        for key, entry in part.keys.items():
            mine = self.keys.setdefault(key, [0] if isinstance(entry, list) else entry)
            if isinstance(entry, list) and isinstance(mine, list):
                mine[0] += entry[0]

    def tally(self) -> Tally:
        tally = Tally()
        for key, entry in self.keys.items():
            if isinstance(entry, str) or not entry[0]:
                continue
            region = self.codes.check(key[0].decode("utf-8"))
            assert region is not None  # classify() accepted it
            flags = dict(zip(self.wheres, (k.decode().strip('"') == "true" for k in key[1:]),
                             strict=True))
            for measure in self.layout.measures:
                if measure.where is None or flags[measure.where]:
                    tally.add(measure.indicator, region, n=entry[0])
                else:
                    tally.add(measure.indicator, region, n=0)
        return tally


def _fewer_fields(line: bytes, separator: bytes, count: int) -> bool:
    """The record stops before its last column (the csv module's count is not to be had
    for a record that it could not read)."""
    return line.count(separator) < count - 1


def check_layout(layout: CountLayout, catalog: Catalog, where: str) -> None:
    """The layout's indicators and source must be in the store's catalogue."""
    for measure in layout.measures:
        if measure.indicator not in catalog.indicators:
            raise UsageError(f"{where} : l'indicateur « {measure.indicator} » manque au "
                             "catalogue de la base (data/reference/indicators.yaml) : lancez "
                             "« monoreg load »")
    if layout.source not in catalog.sources:
        raise UsageError(f"{where} : la source « {layout.source} » manque au catalogue de la "
                         "base (data/reference/sources.yaml) : lancez « monoreg load »")


def _count_file(path: Path, columns: _Columns, layout: CountLayout, codes: RegionCodes,
                strict: bool) -> _Counter:
    counter = _Counter(columns, layout, codes)
    with path.open("rb", buffering=CHUNK) as handle:
        handle.readline()  # the header
        counter.run(iter(handle), 2, strict=strict)
    return counter


def _count_range(path: Path, start: int, end: int, columns: _Columns, layout: CountLayout,
                 codes: RegionCodes) -> _Counter:
    counter = _Counter(columns, layout, codes)
    with path.open("rb", buffering=CHUNK) as handle:
        handle.seek(start)
        counter.run(range_lines(handle, end - start), 1, strict=False)
    counter.seal()
    return counter


def _count_parallel(path: Path, start: int, columns: _Columns, layout: CountLayout,
                    codes: RegionCodes, workers: int, meanwhile: Callable[[], str]
                    ) -> tuple[_Counter | None, str]:
    """The records counted by several processes, each on a range of lines, while this one
    runs `meanwhile` (the hash); the counter is None when a range cut a record in two (a
    quoted line break at the cut): the file is then to be counted in one pass."""
    ranges = line_ranges(path, start, workers)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(len(ranges), mp_context=context, initializer=_end_with_parent,
                             initargs=(os.getpid(),)) as pool:
        # the processes are forked here, before this process does anything else
        futures = [pool.submit(_count_range, path, a, b, columns, layout, codes)
                   for a, b in ranges]
        fault_point("of-list-counting")
        done = meanwhile()
        parts = [future.result() for future in futures]
    if any(part.open_end for part in parts[:-1]):
        return None, done
    total = _Counter(columns, layout, codes)
    offset = 1  # the header
    for part in parts:
        total.absorb(part, offset)
        offset += part.lines
    return total, done


def _end_with_parent(parent: int) -> None:
    """In a counting process: exit when the import that forked it is gone. A killed import
    (SIGKILL, out of memory) cannot stop its workers, which would wait for work forever."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()  # after the fork, in the child


def _workers(path: Path) -> int:
    """Processes to count with: one per core (at most 4) for big files where fork exists."""
    cores = min(os.cpu_count() or 1, MAX_WORKERS)
    if cores < 2 or path.stat().st_size < PARALLEL_BYTES or \
            "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return cores


def read_of_list(path: Path, catalog: Catalog, date: str | None = None,
                 progress: Progress | None = None,
                 layout_path: Path = OF_LIST_LAYOUT) -> ImportBatch:
    """Count the organisations of the list per region; raises InputError when the file cannot
    be read as the list (missing columns, not a single countable row)."""
    layout = load_yaml(CountLayout, layout_path)
    check_layout(layout, catalog, layout_path.name)
    when = count_date(date, path)
    source = InputFile(path, progress)
    codes = RegionCodes(catalog)
    with source.open() as stream:
        first = stream.readline()
        if not first.strip():
            raise InputError("le fichier est vide", file=source.name)
        columns = _header(first, layout, source.name)
        workers = _workers(path)
        if workers > 1:
            counter, sha256 = _count_parallel(path, len(first), columns, layout, codes,
                                              workers, source.sha256)
            if counter is None:  # the stream is spent by the hash: read the file again
                counter = _count_file(path, columns, layout, codes, strict=False)
        else:
            counter = _Counter(columns, layout, codes)
            counter.run(iter(stream), 2, strict=False)
            sha256 = source.sha256()
    if counter.cut is not None:
        line, why = counter.cut
        raise InputError(f"fichier probablement tronqué : son dernier enregistrement est "
                         f"coupé ({why}) ; téléchargez de nouveau la liste complète",
                         file=source.name, line=line)
    if not counter.keys_unique():
        counter = _count_file(path, columns, layout, codes, strict=True)
    tally = counter.tally()
    if counter.rows and not tally.counts:
        first_reject = counter.rejections.listed[0]
        raise InputError(f"aucune ligne n'a pu être comptée (première : {first_reject[1]})",
                         file=source.name, line=first_reject[0])
    return ImportBatch(
        kind="of-list", name=f"of-list {when.period.code}", file=source.name, sha256=sha256,
        observations=tally.observations(catalog, when.period, layout.source, source.name,
                                        layout.region),
        report=_report(layout, source.name, when, counter, tally))


def _report(layout: CountLayout, file: str, when: CountDate, counter: _Counter,
            tally: Tally) -> dict[str, Any]:
    return {
        "kind": "of-list", "layout": layout.name, "file": file, "source": layout.source,
        "period": when.period.code, "period_from": when.origin,
        "rows": counter.rows, "counted": tally.total(layout.measures[0].indicator),
        "rejected": counter.rejections.report(), "regions": tally.by_region(),
    }
