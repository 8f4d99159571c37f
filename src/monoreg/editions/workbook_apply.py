"""`monoreg edition apply`: the editors' workbook (editions/workbook.py) read back.

Every filled cell is checked before anything is written: a value is a number in French
(« 1 608,2 », « 12,5 % ») or plain (« 1608.2 ») form, or a number cell; a period one monoreg
reads (« 2021 », « T2 2021 », « juillet 2021 », « 2020/2021 »); a unit one of the catalogue's
(code, symbol or name) of the same kind as the expected one; a source an id of the catalogue
or of the edition. One bad cell and nothing is written: the error names the sheet and cell
(« feuille Chiffres, cellule E14 : … »). Then the values go into observations.csv with their
provenance (file, sheet, cell) and the store is reloaded (editions/figure_updates.py).

In « Constats », a decision (« corriger » with the « Valeur corrigée », « accepter », « ne
pas publier »), always with a note for readers, becomes a resolution of the edition's
resolutions.yaml on the finding's own figure, the sheet and row as its evidence.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from monoreg.datafile_reader import display_path
from monoreg.editions.figure_updates import RowUpdate, filled, to_fill, write_and_reload
from monoreg.editions.workbook import (
    DECISIONS,
    FIGURE_COLUMNS,
    FIGURES,
    FINDING_COLUMNS,
    FINDINGS,
    META,
    Column,
    column_of,
    finding_ref,
    open_findings,
)
from monoreg.errors import InputError
from monoreg.model import (
    Catalog,
    Edition,
    FigureKey,
    Observation,
    Period,
    PeriodParseError,
    parse_period,
)
from monoreg.store.repository import LoadReport, Store

_NUMBER = re.compile(r"^(?P<sign>[-+−])?\s*(?P<int>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)"
                     r"(?:[.,](?P<dec>\d+))?\s*(?P<unit>%|k€|M€|Md€|€)?$")
_UNIT_SYMBOLS = {"%": "percent", "k€": "keur", "M€": "meur", "Md€": "beur", "€": "eur"}
MAX_LISTED = 20   # errors listed at most


@dataclass(frozen=True)
class ApplyReport:
    edition: str
    figures: int                   # figures written
    decisions: int                 # findings decided (resolutions written)
    remaining: int                 # figures still to fill afterwards
    load: LoadReport | None


class _Cells:
    """Errors found so far, each named by its sheet and cell."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, sheet: str, row: int, columns: tuple[Column, ...], title: str,
              reason: str) -> None:
        cell = f"{get_column_letter(column_of(columns, title))}{row}"
        self.errors.append(f"feuille {sheet}, cellule {cell} : {reason}")


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def read_number(value: Any) -> tuple[Decimal, str | None]:
    """A cell's number and the unit it says (None); ValueError when it is not one."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value), None
    match = _NUMBER.match(_text(value))
    if not match:
        raise ValueError
    digits = re.sub(r"\D", "", match["int"]) + ("." + match["dec"] if match["dec"] else "")
    try:
        number = Decimal(digits)
    except InvalidOperation:
        raise ValueError from None
    sign = -1 if match["sign"] in ("-", "−") else 1
    return sign * number, _UNIT_SYMBOLS.get(match["unit"] or "")


def _period(value: Any) -> Period:
    if isinstance(value, datetime | date):
        return parse_period(value.strftime("%Y-%m-%d"))
    return parse_period(_text(value))


def _unit(catalog: Catalog, text: str, expected: str) -> str | None:
    wanted = text.casefold()
    for unit in catalog.units.values():
        if wanted in (unit.code.casefold(), (unit.symbol or "\0").casefold(),
                      unit.label.casefold()):
            if unit.dimension == catalog.units[expected].dimension:
                return unit.code
            return None
    return None


def _sources(catalog: Catalog, edition: Edition) -> set[str]:
    return set(catalog.sources) | {s.id for s in edition.sources}


def _rows(sheet: Worksheet, columns: tuple[Column, ...]) -> list[tuple[int, dict[str, Any]]]:
    header = [_text(c.value) for c in sheet[1]]
    if header[:len(columns)] != [c.title for c in columns]:
        raise InputError(f"feuille {sheet.title} : en-tête modifié (attendu : "
                         f"{', '.join(c.title for c in columns)})")
    return [(r, dict(zip(header, (c.value for c in cells), strict=False)))
            for r, cells in enumerate(sheet.iter_rows(min_row=2), 2)]


def _figure_key(o: Observation) -> str:
    where = str(o.provenance) if o.provenance else ""
    return " | ".join((o.place, o.indicator, o.dimension or "", o.territory, o.period.code,
                       where))


def _figures(sheet: Worksheet, book_name: str, edition: Edition, catalog: Catalog,
             cells: _Cells) -> list[RowUpdate]:
    pending = {_figure_key(o): o for o in to_fill(edition)}
    known = _sources(catalog, edition)
    updates: list[RowUpdate] = []
    for r, row in _rows(sheet, FIGURE_COLUMNS):
        raw = row.get("Valeur")
        extra = [t for t in ("Unité", "Période", "Source", "Note") if _text(row.get(t))]
        if _text(raw) == "":
            continue
        o = pending.get(_text(row.get("Réf.")))
        if o is None:
            cells.error(FIGURES, r, FIGURE_COLUMNS, "Valeur", "ce chiffre n'est plus à compléter "
                        "dans l'édition (déjà rempli, ou la feuille est d'une autre version "
                        "des fichiers) : refaites la feuille avec « monoreg edition sheet »")
            continue
        try:
            value, printed_unit = read_number(raw)
        except ValueError:
            cells.error(FIGURES, r, FIGURE_COLUMNS, "Valeur", f"« {_text(raw)} » n'est pas un "
                        "nombre (exemples : 1 608,2 ou 1608.2 ou 12,5 %)")
            continue
        unit = o.unit
        unit_text = _text(row.get("Unité")) if "Unité" in extra else ""
        if printed_unit is not None:
            unit_text = unit_text or printed_unit
        if unit_text:
            found = _unit(catalog, unit_text, o.unit)
            if found is None:
                cells.error(FIGURES, r, FIGURE_COLUMNS, "Unité", f"unité « {unit_text} » "
                            f"inconnue ou d'une autre nature que "
                            f"« {catalog.units[o.unit].label} »")
                continue
            unit = found
        period = None
        if "Période" in extra:
            try:
                period = _period(row.get("Période"))
            except PeriodParseError:
                cells.error(FIGURES, r, FIGURE_COLUMNS, "Période", f"période « "
                            f"{_text(row.get('Période'))} » illisible (exemples : 2021, "
                            "T2 2021, juillet 2021, 2020/2021)")
                continue
            if period == o.period:
                period = None
        source = _text(row.get("Source")) or o.source
        if source and source not in known:
            cells.error(FIGURES, r, FIGURE_COLUMNS, "Source", f"source « {source} » inconnue : "
                        "identifiant d'une source du catalogue (data/reference/sources.yaml) "
                        "ou de l'édition (edition.yaml) attendu")
            continue
        note = f"Saisi dans {book_name}, feuille {FIGURES}, cellule " \
               f"{get_column_letter(column_of(FIGURE_COLUMNS, 'Valeur'))}{r}"
        if _text(row.get("Note")):
            note += f" ; {_text(row.get('Note'))}"
        assert o.provenance is not None and o.provenance.line is not None
        updates.append(filled(o.provenance.line, value, unit, source, note + ".", period))
    return updates


DECISION_OF = {"corriger": "corrected", "accepter": "accepted", "ne pas publier": "withheld"}


def _figure_fields(key: FigureKey) -> dict[str, str]:
    """How resolutions.yaml names a figure (or a content item)."""
    if key.item is not None:
        return {"place": key.place, "item": key.item}
    fields = {"place": key.place, "indicator": key.indicator, "territory": key.territory,
              "period": key.period}
    if key.base_period:
        fields["base_period"] = key.base_period
    if key.dimension:
        fields["dimension"] = key.dimension
    return fields


def _decisions(sheet: Worksheet, book_name: str, store: Store, edition: Edition,
               cells: _Cells) -> list[dict[str, str]]:
    """Decided findings as resolutions.yaml entries, on the finding's own figure."""
    rows = [(r, row) for r, row in _rows(sheet, FINDING_COLUMNS) if _text(row.get("Décision"))]
    if not rows:
        return []
    findings = {finding_ref(f): f for f in open_findings(store, edition.region, edition.year)}
    entries: list[dict[str, str]] = []
    for r, row in rows:
        decision = _text(row.get("Décision")).casefold()
        if decision not in DECISIONS:
            cells.error(FINDINGS, r, FINDING_COLUMNS, "Décision", f"« {row.get('Décision')} » "
                        f"n'est pas une décision ({', '.join(DECISIONS)})")
            continue
        finding = findings.get(_text(row.get("Réf.")))
        if finding is None or not finding.figures:
            cells.error(FINDINGS, r, FINDING_COLUMNS, "Décision", "ce constat n'est plus "
                        "ouvert : refaites la feuille avec « monoreg edition sheet »")
            continue
        note = _text(row.get("Note"))
        if not note:
            cells.error(FINDINGS, r, FINDING_COLUMNS, "Note", f"« {decision} » demande une "
                        "note pour les lecteurs, qui justifie la décision")
            continue
        entry = {"rule": finding.rule, **_figure_fields(finding.figures[0]),
                 "decision": DECISION_OF[decision], "note": note,
                 "evidence": f"Feuille {FINDINGS} de {book_name}, ligne {r}",
                 "author": f"Éditeur (classeur {book_name})",
                 "date": date.today().isoformat()}
        corrected = row.get("Valeur corrigée")
        if decision == "corriger":
            try:
                value, _ = read_number(corrected)
            except ValueError:
                cells.error(FINDINGS, r, FINDING_COLUMNS, "Valeur corrigée", f"« "
                            f"{_text(corrected)} » n'est pas un nombre : « corriger » donne la "
                            "valeur publiée à la place de l'imprimé")
                continue
            entry["value"] = format(value, "f")
        elif _text(corrected):
            cells.error(FINDINGS, r, FINDING_COLUMNS, "Valeur corrigée", f"une valeur "
                        f"corrigée va avec la décision « corriger », pas « {decision} »")
            continue
        entries.append(entry)
    return entries


def apply_workbook(store: Store, data_dir: Path, path: Path) -> ApplyReport:
    name = display_path(path)
    try:
        book = load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise InputError("fichier introuvable", file=name) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise InputError(f"pas un classeur .xlsx lisible ({error})", file=name) from None
    if META not in book.sheetnames or FIGURES not in book.sheetnames:
        raise InputError("pas une feuille de « monoreg edition sheet » (feuilles "
                         f"{FIGURES} et {META} attendues)", file=name)
    meta = {_text(row[0]): row[1] for row in book[META].iter_rows(values_only=True)}
    try:
        region, year = _text(meta["région"]), int(_text(meta["édition"]))
    except (KeyError, ValueError):
        raise InputError(f"feuille {META} modifiée : région et édition illisibles",
                         file=name) from None
    edition = store.edition(region, year)
    catalog = store.catalog()
    cells = _Cells()
    try:
        updates = _figures(book[FIGURES], path.name, edition, catalog, cells)
        decisions = _decisions(book[FINDINGS], path.name, store, edition, cells) \
            if FINDINGS in book.sheetnames else []
    except InputError as error:
        raise InputError(error.reason, file=name) from None
    if cells.errors:
        more = len(cells.errors) - MAX_LISTED
        raise InputError("rien n'est écrit :\n  " + "\n  ".join(cells.errors[:MAX_LISTED])
                         + (f"\n  … et {more} autre(s)" if more > 0 else ""), file=name)
    load = write_and_reload(store, data_dir, edition, updates, decisions)
    remaining = len(to_fill(store.edition(region, year))) if load else len(to_fill(edition))
    return ApplyReport(edition.id, len(updates), len(decisions), remaining, load)
