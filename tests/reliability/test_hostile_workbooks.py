"""Spreadsheets given back by editors, checked before any parser opens them
(ingest/xlsx_check.py): what is not a bounded .xlsx workbook without macros is refused in one
French sentence naming the file, before openpyxl reads a byte of it.

Every workbook is SYNTHETIC and made at test time; the huge sheet's XML is written directly
(openpyxl would take minutes and gigabytes to write a million rows).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from french_errors import assert_french_error
from openpyxl import Workbook

from monoreg.errors import InputError
from monoreg.ingest.xlsx_check import MAX_FILE_BYTES, MAX_ROWS, check_xlsx

SHEET_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             "{dimension}<sheetData>")
SHEET_END = "</sheetData></worksheet>"


def _workbook() -> bytes:
    """A small, good workbook: a sheet « Chiffres » with a header and two SYNTHETIC rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Chiffres"
    sheet.append(["Section", "Indicateur", "Valeur"])
    sheet.append(["population-emploi", "Population (SYNTHÉTIQUE)", "1 000"])
    sheet.append(["population-emploi", "Demandeurs (SYNTHÉTIQUE)", None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rewritten(extra: Callable[[zipfile.ZipFile], None],
               replace: dict[str, bytes] | None = None) -> bytes:
    """The good workbook with parts replaced and others added."""
    source = zipfile.ZipFile(io.BytesIO(_workbook()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, (replace or {}).get(item.filename, source.read(item)))
        extra(out)
    return buffer.getvalue()


def _macro_named_xlsx() -> bytes:
    """An .xlsm (a VBA project, the macro-enabled content type) saved under .xlsx."""
    types = zipfile.ZipFile(io.BytesIO(_workbook())).read("[Content_Types].xml")
    types = types.replace(b"spreadsheetml.sheet.main+xml",
                          b"ms-excel.sheet.macroEnabled.main+xml")
    return _rewritten(lambda out: out.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" +
                                               b"SYNTHETIC VBA" * 50),
                      {"[Content_Types].xml": types})


def _zip_bomb() -> bytes:
    """30 MB of zeros inflated from about 30 KB, in a part of the workbook."""
    def add(out: zipfile.ZipFile) -> None:
        with out.open("xl/media/image1.png", "w") as part:
            for _ in range(30):
                part.write(bytes(1 << 20))
    return _rewritten(add)


def _million_rows() -> bytes:
    """The sheet's XML written directly: 1 000 000 rows of SYNTHETIC numbers, no dimension to
    give them away (row and cell references are optional in the format)."""
    rows = "".join([f"<row><c><v>{i}</v></c></row>" for i in range(1_000_000)])
    xml = (SHEET_XML.format(dimension="") + rows + SHEET_END).encode()
    return _rewritten(lambda out: None, {"xl/worksheets/sheet1.xml": xml})


def _lying_dimension() -> bytes:
    """A sheet that declares 2 000 000 rows (and holds one)."""
    xml = (SHEET_XML.format(dimension='<dimension ref="A1:C2000000"/>') +
           '<row r="1"><c r="A1" t="n"><v>1</v></c></row>' + SHEET_END).encode()
    return _rewritten(lambda out: None, {"xl/worksheets/sheet1.xml": xml})


def _ods() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        out.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        out.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def _truncated() -> bytes:
    raw = _workbook()
    return raw[: len(raw) * 2 // 3]


# (case, the file's bytes, what the refusal must say)
CASES: tuple[tuple[str, Callable[[], bytes], str], ...] = (
    ("csv-renamed", lambda: b"Section;Indicateur;Valeur\npopulation;x;1\n",
     "ce n'est pas un classeur .xlsx"),
    ("pdf-renamed", lambda: b"%PDF-1.7\n%SYNTHETIC\n" + bytes(500), "ce n'est pas un classeur"),
    ("xls-97", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000), "(.xls)"),
    ("ods", _ods, "OpenDocument"),
    ("zip-not-a-workbook", lambda: _zip_of({"notes.txt": b"SYNTHETIC"}),
     "n'est pas un classeur Excel"),
    ("truncated", _truncated, "abîmé ou incomplet"),
    ("macro-named-xlsx", _macro_named_xlsx, "macros"),
    ("zip-bomb", _zip_bomb, "bombe ZIP"),
    ("a-million-rows", _million_rows, f"la feuille « Chiffres » compte plus de {MAX_ROWS}"),
    ("lying-dimension", _lying_dimension, "2000000"),
)


def _zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return buffer.getvalue()


def test_a_good_workbook_passes(tmp_path: Path) -> None:
    path = tmp_path / "edition.xlsx"
    path.write_bytes(_workbook())
    check_xlsx(path)  # raises nothing


@pytest.mark.parametrize(("case", "make", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_or_wrong_workbook_is_refused_before_it_is_opened(
        tmp_path: Path, case: str, make: Callable[[], bytes], expected: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(make())
    opened: list[object] = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: opened.append(a))
    with pytest.raises(InputError) as caught:
        check_xlsx(path)
    assert caught.value.file is not None and caught.value.file.endswith(path.name)
    assert expected in caught.value.reason, caught.value.reason
    assert_french_error(str(caught.value))
    assert not opened


def test_an_oversized_file_is_refused_from_its_size_alone(tmp_path: Path) -> None:
    path = tmp_path / "enorme.xlsx"
    with path.open("wb") as handle:  # sparse: nothing is written but the size
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(InputError, match="Mo : un classeur d'édition") as caught:
        check_xlsx(path)
    assert_french_error(str(caught.value))
