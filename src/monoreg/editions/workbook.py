"""`monoreg edition sheet`: the editors' workbook of an edition in preparation (.xlsx).

Sheet « Chiffres »: one row per figure still to fill — section, indicator, territory,
expected period, then the editor's columns « Valeur », « Unité », « Période », « Source »,
« Note », and, as a reminder, the last figure known with its period and source. Sheet
« Constats »: the validation findings nobody has decided on, with « Décision » (corriger /
accepter / ne pas publier), « Valeur corrigée » and « Note ». A hidden sheet « monoreg »
says which edition the workbook is for; the last column of each sheet (« Réf. ») ties a row to
its figure. `monoreg edition apply` (editions/workbook_apply.py) reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from monoreg.editions.status import ToUpdate, edition_status
from monoreg.model import Catalog, Finding, Severity
from monoreg.store.repository import Store

FIGURES = "Chiffres"
FINDINGS = "Constats"
META = "monoreg"
DECISIONS = ("corriger", "accepter", "ne pas publier")
SEVERITY_FR = {Severity.ERROR: "erreur", Severity.WARNING: "avertissement",
               Severity.INFO: "information"}


@dataclass(frozen=True)
class Column:
    title: str
    width: int
    editable: bool = False


FIGURE_COLUMNS = (
    Column("Section", 20), Column("Indicateur", 48), Column("Territoire", 16),
    Column("Période attendue", 18), Column("Valeur", 14, True), Column("Unité", 10, True),
    Column("Période", 16, True), Column("Source", 22, True), Column("Note", 36, True),
    Column("Dernier chiffre connu", 16), Column("Période du dernier chiffre", 18),
    Column("Source du dernier chiffre", 26), Column("Réf.", 40))
FINDING_COLUMNS = (
    Column("Gravité", 14), Column("Règle", 24), Column("Message", 70), Column("Section", 18),
    Column("Indicateur", 28), Column("Territoire", 12), Column("Période", 12),
    Column("Imprimé", 14), Column("Attendu", 18), Column("Décision", 16, True),
    Column("Valeur corrigée", 16, True), Column("Note", 40, True), Column("Réf.", 44))
VALUE = "Valeur"
EDITABLE = PatternFill("solid", start_color="FFF4CC")


def column_of(columns: tuple[Column, ...], title: str) -> int:
    """1-based index of a column by its title."""
    return next(i for i, c in enumerate(columns, 1) if c.title == title)


def figure_ref(item: ToUpdate) -> str:
    """What ties a row of « Chiffres » to its figure: key and data-file line."""
    return " | ".join((item.place, item.indicator, item.dimension or "", item.territory,
                       item.period.code, item.location or ""))


def finding_ref(finding: Finding) -> str:
    return " | ".join((finding.rule, finding.location or "", finding.indicator or "",
                       finding.territory or "", finding.period or ""))


def number_format(decimals: int) -> str:
    # a format code, not a locale: LibreOffice and Excel show it with the user's separators
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _sheet(sheet: Worksheet, columns: tuple[Column, ...], rows: list[list[Any]]) -> None:
    sheet.append([c.title for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
    for i, column in enumerate(columns, 1):
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = column.width
        if column.editable:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.fill = EDITABLE
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _figure_rows(items: tuple[ToUpdate, ...], catalog: Catalog, sections: dict[str, str]
                 ) -> list[list[Any]]:
    rows = []
    for item in items:
        known = item.previous
        unit = catalog.units[item.unit]
        rows.append([
            sections.get(item.place, item.place), item.label,
            catalog.territories.get(item.territory).name, item.period.label(), None,
            unit.label, None, item.source or None, None,
            float(known.value) if known and known.value is not None else None,
            known.period.label() if known else None,
            (known.source or "") + (f" (édition {known.edition})" if known.edition else "")
            if known else None,
            figure_ref(item)])
    return rows


def _finding_rows(findings: list[Finding]) -> list[list[Any]]:
    return [[SEVERITY_FR[f.severity], f.rule, f.message, f.section, f.indicator, f.territory,
             f.period, f.printed, f.expected, None, None, None, finding_ref(f)]
            for f in findings]


def open_findings(store: Store, region: str, year: int) -> list[Finding]:
    """Findings of the edition (stored at its last load) no editor has decided on, errors
    first."""
    edition_id = f"{region}-{year}"
    store.edition(region, year)  # an unknown edition is an error, not an empty sheet
    return sorted((f for f in store.findings(edition_id) if not f.resolved),
                  key=lambda f: f.severity.rank)


def write_workbook(store: Store, region: str, year: int, out: Path) -> tuple[int, int]:
    """Write the workbook; returns (figures to fill, findings listed)."""
    catalog = store.catalog()
    status = edition_status(store, region, year)
    findings = open_findings(store, region, year)
    sections = {s.id: s.title for s in catalog.sections}
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
    sheet.title = FIGURES
    _sheet(sheet, FIGURE_COLUMNS, _figure_rows(status.to_update, catalog, sections))
    value, known = column_of(FIGURE_COLUMNS, VALUE), column_of(FIGURE_COLUMNS,
                                                               "Dernier chiffre connu")
    for r, item in enumerate(status.to_update, 2):
        decimals = catalog.indicators[item.indicator].decimals
        for c in (value, known):
            sheet.cell(r, c).number_format = number_format(decimals)
    checked = book.create_sheet(FINDINGS)
    _sheet(checked, FINDING_COLUMNS, _finding_rows(findings))
    if findings:
        choice = DataValidation(type="list", formula1='"' + ",".join(DECISIONS) + '"',
                                allow_blank=True, showErrorMessage=True,
                                errorTitle="Décision", error="corriger, accepter ou ne pas "
                                                             "publier")
        letter = get_column_letter(column_of(FINDING_COLUMNS, "Décision"))
        choice.add(f"{letter}2:{letter}{len(findings) + 1}")
        checked.add_data_validation(choice)
    for row in checked.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    meta = book.create_sheet(META)
    meta.append(["région", region])
    meta.append(["édition", year])
    meta.append(["note", "Feuille technique de monoreg : ne pas modifier."])
    meta.sheet_state = "hidden"
    book.properties.title = f"Édition {year} — chiffres à compléter"
    book.properties.creator = "monoreg"
    staged = out.with_name(f".{out.name}.tmp")
    book.save(staged)
    staged.replace(out)
    return len(status.to_update), len(findings)

