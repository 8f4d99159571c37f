"""The XLSX download, for readers who work in a spreadsheet: a « Lisez-moi » sheet first
(what the file holds, its sources with their links and licences as their producers state
them, units, indicator definitions, quality statuses, columns), then the figures as a
table (real numbers with a number format, widths, filter, frozen header), then the
edition's lists, contacts, texts, directory and measures each on its own sheet."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from monoreg.model.quality import QUALITY_LEGEND
from monoreg.publish.exports import (
    CSV_COLUMNS,
    CSV_FIELDS,
    FRENCH,
    MEASURE_COLUMNS,
    NUMBER_COLUMNS,
    ExportData,
    _flat,
    measure_flat,
)

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
LINK = Font(color="0563C1", underline="single")
WRAP = Alignment(wrap_text=True, vertical="top")
INTEGER = "#,##0"
DECIMAL = "#,##0.0##"
NO_LICENCE = "non indiquée dans nos fichiers de référence : voir la source"
MAX_WIDTH = 60
README_WIDTHS = (28, 24, 48, 20, 40, 36, 40)
# The edition's content sheets: (key of ExportData.content, sheet title).
CONTENT_SHEETS = (("evolutions", "Évolutions"), ("lists", "Listes"),
                  ("contacts", "Contacts"), ("texts", "Textes"), ("directory", "Annuaire"))

# The workbook is written in openpyxl's write-only mode: each row goes to the file as it is
# appended, no cell object is kept, which makes a download faster to write. Widths, the
# frozen header and the filter are therefore set before the rows, and a styled value is a
# WriteOnlyCell. (Its sheets are typed as the Worksheet whose API they borrow.)


def workbook_bytes(data: ExportData) -> bytes:
    workbook = Workbook(write_only=True)
    _readme(workbook.create_sheet("Lisez-moi"), data)   # the « Lisez-moi » comes first
    _figures(workbook.create_sheet("Chiffres"), data.observations)
    for key, title in CONTENT_SHEETS:
        items = data.content.get(key) or []
        if items:
            _table(workbook.create_sheet(title), [_cells(i) for i in items])
    measures = data.content.get("measures") or []
    if measures:  # the columns of the measures' CSV (exports.MEASURE_FIELDS)
        _table(workbook.create_sheet("Mesures"), [
            {c: row.get(c) for c in MEASURE_COLUMNS} for row in map(measure_flat, measures)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Worksheet, value: Any, *, font: Font | None = None,
          alignment: Alignment | None = None, number_format: str | None = None) -> Any:
    """A value with its style (a plain value when it has none)."""
    if value is None or (font is None and alignment is None and number_format is None):
        return value
    cell = WriteOnlyCell(sheet, value)
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    if number_format is not None:
        cell.number_format = number_format
    return cell


def _sources(data: ExportData) -> list[dict[str, Any]]:
    """Every source the file cites, once: the edition's own, then those of the figures."""
    found: dict[str, dict[str, Any]] = {}
    for source in [*(data.content.get("sources") or []),
                   *(row["source"] for row in data.observations if row.get("source"))]:
        found.setdefault(source["id"], source)
    return sorted(found.values(), key=lambda s: s["id"])


def _readme(sheet: Worksheet, data: ExportData) -> None:
    region = data.region.get("name", "")
    edition = data.edition
    title = (f"Monographie {region}, édition {edition['year']}" if edition
             else f"Chiffres de la région {region}")
    for index, width in enumerate(README_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([_cell(sheet, title, font=TITLE)])
    lines = [f"{len(data.observations)} chiffres, un par ligne dans la feuille « Chiffres », "
             "chacun avec sa source, sa provenance et sa qualité."]
    if edition:
        lines.append(f"Publiée : {edition['published_label']} ; collecte arrêtée : "
                     f"{edition['cutoff_label']}.")
        if edition.get("synthetic"):
            lines.append("DONNÉES SYNTHÉTIQUES : chiffres inventés pour les tests, ils ne "
                         "décrivent aucune région.")
    lines.append("Un chiffre « non renseigné » reste vide, jamais 0. La valeur (value) est "
                 "publiée dans l'unité de l'indicateur ; la valeur imprimée (printed_value) "
                 "est à côté, dans son unité.")
    for line in lines:
        _rows(sheet, [[line]])
    _section(sheet, "Sources", ["Identifiant", "Producteur", "Jeu de données", "Publication",
                                "Adresse", "Licence (telle que le producteur l'indique)",
                                "Texte de la licence"])
    for s in _sources(data):
        sheet.append([_link(sheet, value) if column in (5, 7) else
                      _cell(sheet, value, alignment=WRAP)
                      for column, value in enumerate(
                          [s["id"], s.get("producer"), s.get("dataset"), s.get("published"),
                           s.get("url"), s.get("licence") or NO_LICENCE, s.get("licence_url")],
                          1)])
    _section(sheet, "Unités", ["Code", "Symbole", "Libellé"])
    _rows(sheet, ([unit["code"], unit["symbol"], unit["label"]]
                  for unit in data.reference.get("units", [])))
    _section(sheet, "Indicateurs", ["Identifiant", "Libellé", "Unité", "Définition",
                                    "Précautions de lecture"])
    _rows(sheet, ([i["id"], i["label"], i["unit"], i["definition"], i.get("caveats")]
                  for i in data.reference.get("indicators", [])))
    _section(sheet, "Qualité des chiffres (colonne quality_status)",
             ["Statut", "Libellé", "Ce qu'il signifie"])
    _rows(sheet, ([status.value, entry.label, entry.description]
                  for status, entry in QUALITY_LEGEND.items()))
    _section(sheet, "Colonnes de la feuille « Chiffres »", ["Colonne", "Type", "Description"])
    _rows(sheet, ([name, "nombre" if kind == "number" else "texte", text]
                  for name, kind, text in CSV_FIELDS))


def _rows(sheet: Worksheet, rows: Iterable[list[Any]], font: Font | None = None
          ) -> None:
    """Rows of the « Lisez-moi »: wrapped text, aligned at the top."""
    for row in rows:
        sheet.append([_cell(sheet, value, font=font, alignment=WRAP) for value in row])


def _section(sheet: Worksheet, title: str, header: list[str]) -> None:
    sheet.append([])
    _rows(sheet, [[title], header], font=BOLD)


def _link(sheet: Worksheet, value: Any) -> Any:
    if not (isinstance(value, str) and value.startswith(("https://", "http://"))):
        return _cell(sheet, value, alignment=WRAP)
    cell = _cell(sheet, value, font=LINK, alignment=WRAP)
    cell.hyperlink = value
    return cell


def _figures(sheet: Worksheet, rows: list[dict[str, Any]]) -> None:
    numbers = [CSV_COLUMNS.index(c) for c in NUMBER_COLUMNS]
    table = []
    for row in rows:
        values: list[Any] = _flat(row, FRENCH)
        for index, column in zip(numbers, NUMBER_COLUMNS, strict=True):
            values[index] = row.get(column)  # real numbers in the spreadsheet
        table.append(values)
    _table(sheet, [dict(zip(CSV_COLUMNS, values, strict=True)) for values in table],
           numbers=NUMBER_COLUMNS)


def _cells(item: dict[str, Any]) -> dict[str, Any]:
    """A content item as one row: nested values as compact JSON, empty ones empty."""
    return {key: value if value is None or isinstance(value, str | int | float | bool)
            else json.dumps(value, ensure_ascii=False) for key, value in item.items()}


def _number_format(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return INTEGER
    return DECIMAL if isinstance(value, float) else None


def _table(sheet: Worksheet, rows: list[dict[str, Any]],
           numbers: Iterable[str] = ()) -> None:
    """Rows as a table: bold frozen header, autofilter, widths fitted to the content; the
    `numbers` columns with a number format."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    for index, column in enumerate(columns, 1):
        longest = max([len(column), *(len(str(r.get(column) or "")) for r in rows[:500])])
        sheet.column_dimensions[get_column_letter(index)].width = min(longest + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    sheet.append([_cell(sheet, column, font=BOLD) for column in columns])
    formatted = set(numbers)
    for row in rows:
        sheet.append([
            _cell(sheet, value, number_format=_number_format(value)) if column in formatted
            else None if value == "" else value
            for column, value in ((c, row.get(c)) for c in columns)])
