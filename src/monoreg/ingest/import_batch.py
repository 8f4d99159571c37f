"""What every importer of an outside file shares: the stream it reads (hashed as it goes,
with progress), the period its counts are dated by, and the batch it returns.

An importer reads and checks the whole file and returns the batch; it writes nothing. The
application (monoreg/importing.py) stores the batch in one transaction, so a file that fails
leaves the store untouched.
"""

from __future__ import annotations

import hashlib
import io
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from monoreg.datafile_reader import display_path
from monoreg.errors import InputError, UsageError
from monoreg.model import Observation, Period, PeriodKind

Progress = Callable[[int, int], None]
"""Called with (bytes read so far, file size) while a file is read."""

CHUNK = 1 << 20


class HashingReader(io.RawIOBase):
    """A raw stream over a file that hashes what is read and reports progress.

    Wrapped in io.BufferedReader it gives C-speed line iteration, and the SHA-256 of the file
    comes for free from the one pass the importer makes anyway.
    """

    def __init__(self, handle: io.BufferedIOBase, size: int, progress: Progress | None
                 ) -> None:
        super().__init__()
        self._handle = handle
        self._size = size
        self._progress = progress
        self._read = 0
        self._reported = 0
        self._hash = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self._handle.readinto(buffer)
        if n:
            self._hash.update(memoryview(buffer)[:n])
            self._read += n
            if self._progress is not None and self._read - self._reported >= CHUNK:
                self._reported = self._read
                self._progress(self._read, self._size)
        return n or 0

    def hexdigest(self) -> str:
        return self._hash.hexdigest()

    def finish(self) -> None:
        """Hash whatever the parser left unread (a trailer after the last record)."""
        while self.readinto(bytearray(CHUNK)):
            pass
        if self._progress is not None:
            self._progress(self._read, self._size)


@dataclass
class InputFile:
    """An imported file, opened for one streaming pass."""

    path: Path
    progress: Progress | None = None
    _raw: HashingReader | None = field(default=None, init=False, repr=False)

    @property
    def name(self) -> str:
        return display_path(self.path)

    def open(self) -> io.BufferedReader:
        try:
            handle = self.path.open("rb")
        except FileNotFoundError:
            raise InputError("fichier introuvable", file=self.name) from None
        except IsADirectoryError:
            raise InputError("c'est un dossier, pas un fichier", file=self.name) from None
        self._raw = HashingReader(handle, self.path.stat().st_size, self.progress)
        return io.BufferedReader(self._raw, buffer_size=CHUNK)

    def sha256(self) -> str:
        if self._raw is None:
            raise RuntimeError("the file was not read")
        self._raw.finish()
        return self._raw.hexdigest()


def line_ranges(path: Path, start: int, parts: int) -> list[tuple[int, int]]:
    """[start, end) byte ranges of the file from `start`, cut at line starts, about equal."""
    size = path.stat().st_size
    bounds = [start]
    with path.open("rb") as handle:
        for k in range(1, parts):
            handle.seek(max(bounds[-1], start + (size - start) * k // parts))
            handle.readline()
            bounds.append(min(handle.tell(), size))
    bounds.append(size)
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def range_lines(handle: BinaryIO, size: int) -> Iterator[bytes]:
    """The lines of the next `size` bytes of a file (the range ends at a line end)."""
    for line in handle:
        yield line
        size -= len(line)
        if size <= 0:
            return


@dataclass(frozen=True)
class ImportBatch:
    """Figures read from one outside file, ready for the store, with the import report."""

    kind: str                # 'of-list', 'lheo', 'insee-population', 'monograph'
    name: str                # importing a file under the same name replaces the earlier batch
    file: str
    sha256: str
    observations: tuple[Observation, ...]
    report: dict[str, Any]   # JSON-ready: what was read, rejected, placed


def check_drop(batch: ImportBatch, previous: dict[str, Any] | None, limit: float) -> None:
    """Refuse a batch that counts far fewer records than the previous import of its source:
    a list cut short, or another file given by mistake, would otherwise replace the real
    counts of every region silently."""
    if previous is None or "counted" not in previous or "counted" not in batch.report:
        return
    before, now = int(previous["counted"]), int(batch.report["counted"])
    if before and now < before * limit:
        raise InputError(
            f"{now} enregistrements comptés contre {before} à l'import précédent de cette "
            f"source ({previous.get('file', '?')}, daté {previous.get('period', '?')}) : "
            f"une chute de plus de {round((1 - limit) * 100)} % ressemble à un fichier "
            "incomplet ; rien n'est enregistré (confirmez avec --accept-drop si elle est "
            "réelle)", file=batch.file)


@dataclass(frozen=True)
class CountDate:
    """The date per-region counts are dated by, and where it was taken from."""

    period: Period
    origin: str              # 'option' (--date) or 'file-date' (the file's modification date)


def count_date(text: str | None, path: Path) -> CountDate:
    """--date YYYY-MM-DD when given, else the file's modification date (documented in
    docs/importers.md: the open-data lists are snapshots, dated by their download)."""
    if text:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise UsageError(f"--date « {text} » n'est pas une date AAAA-MM-JJ") from None
        return CountDate(Period(PeriodKind.DATE, day.year, day.month, day.day), "option")
    try:
        day = date.fromtimestamp(path.stat().st_mtime)
    except FileNotFoundError:
        raise InputError("fichier introuvable", file=display_path(path)) from None
    return CountDate(Period(PeriodKind.DATE, day.year, day.month, day.day), "file-date")
