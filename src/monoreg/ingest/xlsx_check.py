"""A spreadsheet checked from its ZIP directory before any parser opens it.

An .xlsx file is a ZIP of XML parts. openpyxl reads a whole workbook into memory, so what it
is given must be bounded first: the file's size, the size its parts inflate to (a ZIP bomb
inflates a few kilobytes to gigabytes), the rows each sheet declares or holds. A file that
is not an .xlsx workbook (a CSV, a PDF, an old .xls, an OpenDocument sheet) or that carries
macros (an .xlsm renamed .xlsx) is refused by name. Every refusal is one French sentence
naming the file (and the sheet when it is about one).
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path, PurePosixPath

from monoreg.datafile_reader import display_path
from monoreg.errors import InputError

MAX_FILE_BYTES = 20 << 20          # an edition's workbook is a few hundred kilobytes
MAX_INFLATED_BYTES = 100 << 20     # all parts together, once inflated
MAX_RATIO = 200                    # inflated / compressed size of one part (XML: ~10-30)
MAX_PARTS = 2_000
MAX_ROWS = 100_000                 # rows of one sheet (an edition has a few hundred figures)
CHUNK = 1 << 20

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # Excel 97-2003 (.xls), and .doc
_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")


def check_xlsx(path: Path) -> None:
    """Refuse, before it is opened, what is not a bounded .xlsx workbook without macros."""
    name = display_path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("fichier introuvable", file=name) from None
    if path.is_dir():
        raise InputError("c'est un dossier, pas un classeur", file=name)
    if size > MAX_FILE_BYTES:
        raise InputError(f"fichier de {size >> 20} Mo : un classeur d'édition n'en fait pas "
                         f"plus de {MAX_FILE_BYTES >> 20}", file=name)
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_OLE):
        raise InputError("classeur Excel 97-2003 (.xls) ou document Office ancien : "
                         "enregistrez-le au format .xlsx", file=name)
    if head.startswith(b"PK\x03\x04") and not zipfile.is_zipfile(path):
        raise InputError("classeur .xlsx abîmé ou incomplet (fichier tronqué ?) : "
                         "enregistrez-le de nouveau", file=name)
    if not zipfile.is_zipfile(path):
        raise InputError("ce n'est pas un classeur .xlsx (ni ZIP ni feuille Excel : un CSV, "
                         "un PDF ou un texte renommé ?)", file=name)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_parts(archive, name)
    except zipfile.BadZipFile:
        raise InputError("classeur .xlsx abîmé ou incomplet (archive ZIP illisible)",
                         file=name) from None


def _check_parts(archive: zipfile.ZipFile, name: str) -> None:
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise InputError(f"{len(parts)} parties dans l'archive : ce n'est pas un classeur "
                         "d'édition", file=name)
    names = {p.filename for p in parts}
    if "mimetype" in names and "xl/workbook.xml" not in names:
        raise InputError("feuille OpenDocument (.ods) : enregistrez-la au format .xlsx",
                         file=name)
    if "[Content_Types].xml" not in names or not any(
            n in names for n in ("xl/workbook.xml", "xl/workbook.bin")):
        raise InputError("archive ZIP qui n'est pas un classeur Excel .xlsx", file=name)
    if "xl/workbook.bin" in names:
        raise InputError("classeur binaire Excel (.xlsb) : enregistrez-le au format .xlsx",
                         file=name)
    inflated = 0
    for part in parts:
        path = PurePosixPath(part.filename)
        if path.is_absolute() or ".." in path.parts:
            raise InputError(f"partie « {part.filename} » hors de l'archive : fichier "
                             "refusé", file=name)
        inflated += part.file_size
        ratio = part.file_size // part.compress_size if part.compress_size else 0
        if ratio > MAX_RATIO:
            raise InputError(f"la partie « {part.filename} » se décompresse {ratio} fois sa "
                             "taille : archive piégée (bombe ZIP), fichier refusé", file=name)
    if inflated > MAX_INFLATED_BYTES:
        raise InputError(f"l'archive se décompresse en {inflated >> 20} Mo : plus que les "
                         f"{MAX_INFLATED_BYTES >> 20} Mo d'un classeur d'édition", file=name)
    types = archive.read("[Content_Types].xml")
    if "xl/vbaProject.bin" in names or b"macroEnabled" in types:
        raise InputError("classeur à macros (.xlsm renommé .xlsx ?) : monoreg n'ouvre pas "
                         "de macros ; enregistrez une copie au format .xlsx sans macros",
                         file=name)
    titles = _sheet_titles(archive)
    for part in parts:
        if _SHEET.match(part.filename):
            _check_rows(archive, part, titles.get(part.filename, part.filename), name)


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """{part name: the sheet's title as the editor sees it} (workbook.xml and its rels)."""
    try:
        book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {m["id"]: m["target"] for m in re.finditer(
        r'<Relationship\b[^>]*?\bId="(?P<id>[^"]+)"[^>]*?\bTarget="(?P<target>[^"]+)"', rels)}
    targets |= {m["id"]: m["target"] for m in re.finditer(
        r'<Relationship\b[^>]*?\bTarget="(?P<target>[^"]+)"[^>]*?\bId="(?P<id>[^"]+)"', rels)}
    titles = {}
    for m in re.finditer(r'<(?:\w+:)?sheet\b[^>]*?\bname="(?P<name>[^"]*)"[^>]*?'
                         r'\br:id="(?P<id>[^"]+)"', book):
        target = targets.get(m["id"], "").lstrip("/")
        titles[target if target.startswith("xl/") else f"xl/{target}"] = html.unescape(
            m["name"])
    return titles


def _check_rows(archive: zipfile.ZipFile, part: zipfile.ZipInfo, sheet: str, name: str
                ) -> None:
    """The rows a sheet declares (<dimension ref="A1:K120"/>), and those it holds: a
    dimension may be absent or lie."""
    rows, tail = 0, b""
    with archive.open(part) as stream:
        first = True
        while chunk := stream.read(CHUNK):
            text = tail + chunk
            if first:
                declared = _DIMENSION.search(text)
                if declared and declared.group(1) and int(declared.group(1)) > MAX_ROWS:
                    _too_many(sheet, int(declared.group(1)), name)
                first = False
            # A row tag cut by the chunk's end is counted with the next chunk, from the tail.
            keep = max(0, len(text) - 16)
            rows += sum(1 for m in _ROW.finditer(text) if m.start() < keep)
            tail = text[keep:]
            if rows > MAX_ROWS:
                _too_many(sheet, rows, name)
        rows += len(_ROW.findall(tail))
    if rows > MAX_ROWS:
        _too_many(sheet, rows, name)


def _too_many(sheet: str, rows: int, name: str) -> None:
    raise InputError(f"la feuille « {sheet} » compte plus de {MAX_ROWS} lignes ({rows} au "
                     "moins) : ce n'est pas une feuille d'édition", file=name)
