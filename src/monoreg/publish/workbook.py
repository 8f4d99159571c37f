"""The XLSX download, for readers who work in a spreadsheet: a « Lisez-moi » sheet first
(what the file holds, its sources with their links and licences as their producers state
them, units, indicator definitions, quality statuses, columns), then the figures as a
table (real numbers with a number format, widths, filter, frozen header), then the
edition's lists, contacts, texts and directory each on its own sheet."""

from __future__ import annotations

import io
import json
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from monoreg.model.quality import QUALITY_LEGEND
from monoreg.publish.exports import (
    CSV_COLUMNS,
    CSV_FIELDS,
    FRENCH,
    NUMBER_COLUMNS,
    ExportData,
    _flat,
)

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
LINK = Font(color="0563C1", underline="single")
WRAP = Alignment(wrap_text=True, vertical="top")
INTEGER = "#,##0"
DECIMAL = "#,##0.0##"
NO_LICENCE = "non indiquée dans nos fichiers de référence : voir la source"
MAX_WIDTH = 60
# The edition's content sheets: (key of ExportData.content, sheet title).
CONTENT_SHEETS = (("evolutions", "Évolutions"), ("lists", "Listes"),
                  ("contacts", "Contacts"), ("texts", "Textes"), ("directory", "Annuaire"))


def workbook_bytes(data: ExportData) -> bytes:
    workbook = Workbook()
    readme = workbook.active
    readme.title = "Lisez-moi"
    _readme(readme, data)
    _figures(workbook.create_sheet("Chiffres"), data.observations)
    for key, title in CONTENT_SHEETS:
        items = data.content.get(key) or []
        if items:
            _table(workbook.create_sheet(title), [_cells(i) for i in items])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
    sheet.append([title])
    sheet["A1"].font = TITLE
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
        sheet.append([line])
    _section(sheet, "Sources", ["Identifiant", "Producteur", "Jeu de données", "Publication",
                                "Adresse", "Licence (telle que le producteur l'indique)",
                                "Texte de la licence"])
    for s in _sources(data):
        sheet.append([s["id"], s.get("producer"), s.get("dataset"), s.get("published"),
                      s.get("url"), s.get("licence") or NO_LICENCE, s.get("licence_url")])
        for column in (5, 7):
            _link(sheet.cell(sheet.max_row, column))
    _section(sheet, "Unités", ["Code", "Symbole", "Libellé"])
    for unit in data.reference.get("units", []):
        sheet.append([unit["code"], unit["symbol"], unit["label"]])
    _section(sheet, "Indicateurs", ["Identifiant", "Libellé", "Unité", "Définition",
                                    "Précautions de lecture"])
    for i in data.reference.get("indicators", []):
        sheet.append([i["id"], i["label"], i["unit"], i["definition"], i.get("caveats")])
    _section(sheet, "Qualité des chiffres (colonne quality_status)",
             ["Statut", "Libellé", "Ce qu'il signifie"])
    for status, entry in QUALITY_LEGEND.items():
        sheet.append([status.value, entry.label, entry.description])
    _section(sheet, "Colonnes de la feuille « Chiffres »", ["Colonne", "Type", "Description"])
    for name, kind, text in CSV_FIELDS:
        sheet.append([name, "nombre" if kind == "number" else "texte", text])
    widths = [28, 24, 48, 20, 40, 36, 40]
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP


def _section(sheet: Worksheet, title: str, header: list[str]) -> None:
    sheet.append([])
    sheet.append([title])
    sheet.cell(sheet.max_row, 1).font = BOLD
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD


def _link(cell: Any) -> None:
    if isinstance(cell.value, str) and cell.value.startswith(("https://", "http://")):
        cell.hyperlink = cell.value
        cell.font = LINK


def _figures(sheet: Worksheet, rows: list[dict[str, Any]]) -> None:
    numbers = [CSV_COLUMNS.index(c) for c in NUMBER_COLUMNS]
    table = []
    for row in rows:
        values: list[Any] = _flat(row, FRENCH)
        for index, column in zip(numbers, NUMBER_COLUMNS, strict=True):
            values[index] = row.get(column)  # real numbers in the spreadsheet
        table.append(values)
    _table(sheet, [dict(zip(CSV_COLUMNS, values, strict=True)) for values in table])
    for index in numbers:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
            if isinstance(cell.value, int):
                cell.number_format = INTEGER
            elif isinstance(cell.value, float):
                cell.number_format = DECIMAL


def _cells(item: dict[str, Any]) -> dict[str, Any]:
    """A content item as one row: nested values as compact JSON, empty ones empty."""
    return {key: value if value is None or isinstance(value, str | int | float | bool)
            else json.dumps(value, ensure_ascii=False) for key, value in item.items()}


def _table(sheet: Worksheet, rows: list[dict[str, Any]]) -> None:
    """Rows as a table: bold frozen header, autofilter, widths fitted to the content."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(c) for c in columns])
    for cell in sheet[1]:
        cell.font = BOLD
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(columns, 1):
        longest = max([len(column), *(len(str(r.get(column) or "")) for r in rows[:500])])
        sheet.column_dimensions[get_column_letter(index)].width = min(longest + 2, MAX_WIDTH)
