"""Open-data downloads of an edition or of a region's figures: JSON, CSV, XLSX.

The data are built once (`ExportData`); each format is a writer in `WRITERS`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from monoreg.derive.published import published
from monoreg.model import Catalog, Edition, Measure, Observation, Source
from monoreg.model.codec import to_data
from monoreg.model.measure import (
    DOMAIN_LABELS,
    FRAMEWORK_LABELS,
    MEASURE_KIND_LABELS,
    MEASURE_STATUS_LABELS,
)
from monoreg.model.quality import legend_text

if TYPE_CHECKING:  # the workers of `monoreg build` write exports without loading the store
    from monoreg.store.repository import Store

# The CSV's columns: (name, Frictionless type, French description). The data package of a
# build (publish/datapackage.py) describes the CSV from this declaration.
CSV_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("indicator", "string", "Identifiant de l'indicateur (catalogue des indicateurs)"),
    ("label", "string", "Libellé de l'indicateur"),
    ("territory", "string", "Code du territoire : code INSEE de la région, FR, FR-HM ou FR-MET"),
    ("territory_name", "string", "Nom du territoire"),
    ("dimension", "string", "Ventilation du chiffre, quand il en a une (nsf:312, naf:GZ, "
                            "formacode:…)"),
    ("dimension_label", "string", "La ventilation telle qu'imprimée (un secteur)"),
    ("to_check", "string", "« à vérifier » : le lecteur de la monographie n'était pas sûr du "
                           "chiffre"),
    ("period", "string", "Période (2019, 2019-T2, 2019-07, 2018/2019, 2019-01-01)"),
    ("period_label", "string", "Période en toutes lettres"),
    ("value", "number", "Valeur publiée, dans l'unité de l'indicateur (colonne unit) : la "
                        "valeur imprimée convertie, ou la correction de l'éditeur ; vide si "
                        "non renseignée ou non publiée"),
    ("unit", "string", "Code de l'unité de l'indicateur (persons, thousands, count, eur, keur, "
                       "meur, beur, percent)"),
    ("printed_value", "number", "Valeur telle qu'imprimée, dans l'unité printed_unit"),
    ("printed_unit", "string", "Code de l'unité dans laquelle le chiffre est imprimé"),
    ("quality_status", "string", f"Qualité du chiffre : {legend_text()}"),
    ("quality_findings", "string", "Identifiants des règles de validation qui signalent le "
                                   "chiffre, séparés par des espaces"),
    ("quality_note", "string", "Note de l'éditeur que le lecteur doit voir (réserve, "
                               "correction, raison de la non-publication)"),
    ("status", "string", "value, non-renseigne (imprimé « Non renseigné ») ou sans-objet"),
    ("printed", "string", "Le chiffre tel qu'imprimé dans la monographie"),
    ("printed_period", "string", "La période telle qu'imprimée"),
    ("place", "string", "Section de la monographie où le chiffre est imprimé"),
    ("edition", "string", "Édition (région-année)"),
    ("source", "string", "Identifiant de la source"),
    ("source_label", "string", "Source telle que citée"),
    ("provenance", "string", "Fichier de données et ligne d'où vient le chiffre"),
    ("origin", "string", "Ligne du texte de la monographie où le chiffre est imprimé"),
    ("perimeter", "string", "Réserve sur le périmètre du territoire, telle qu'imprimée"),
    ("note", "string", "Note de saisie"),
)
CSV_COLUMNS = tuple(name for name, _, _ in CSV_FIELDS)

# The measures' sheet and CSV (mesures.csv): one row per published measure.
MEASURE_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("edition", "string", "Édition (région-année)"),
    ("id", "string", "Identifiant de la mesure dans son édition"),
    ("region", "string", "Code INSEE de la région"),
    ("title", "string", "Intitulé tel qu'imprimé"),
    ("kind", "string", "Nature : aide aux personnes, dispositif, appel à projets, convention, "
                       "plan, outil, orientation"),
    ("framework", "string", "Cadre : CPRDFOP, PRIC, CPER, SPRO ou autre"),
    ("status", "string", "Statut à la date d'arrêt de l'édition : annoncée, en cours, terminée"),
    ("publics", "string", "Publics visés (codes de data/reference/publics.yaml), séparés par "
                          "des espaces"),
    ("domains", "string", "Domaines, séparés par des espaces"),
    ("start", "string", "Début, tel qu'imprimé (vide s'il ne l'est pas)"),
    ("end", "string", "Fin, telle qu'imprimée (vide si elle ne l'est pas)"),
    ("territory", "string", "Territoire, quand il est plus petit que la région"),
    ("amounts", "string", "Montants tels qu'imprimés (valeur, unité, période), séparés par "
                          "« | »"),
    ("summary", "string", "Ce que fait la mesure, dans les mots du texte"),
    ("section", "string", "Section de la monographie"),
    ("text", "string", "Titre du texte d'où vient la mesure"),
    ("source", "string", "Source telle que citée"),
    ("origin", "string", "Ligne du texte de la monographie où la mesure est imprimée"),
    ("provenance", "string", "Fichier de données et ligne"),
)
MEASURE_COLUMNS = tuple(name for name, _, _ in MEASURE_FIELDS)


@dataclass(frozen=True)
class ExportData:
    region: dict[str, Any]
    edition: dict[str, Any] | None
    observations: list[dict[str, Any]]
    content: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"region": self.region, "edition": self.edition,
                "observations": self.observations, **self.content}


def json_number(value: Decimal | None) -> int | float | None:
    """A figure as a JSON number: an integer when it is one."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _source(source_id: str | None, local: dict[str, Source], catalog: Catalog
            ) -> dict[str, Any] | None:
    if not source_id:
        return None
    source = catalog.cited_source(source_id, local.values())
    if source is None:
        return {"id": source_id}
    return {**to_data(source), "label": source.label()}


def observation_data(o: Observation, catalog: Catalog, edition_id: str | None,
                     local_sources: dict[str, Source]) -> dict[str, Any]:
    territory = catalog.territories.find(o.territory)
    indicator = catalog.indicators.get(o.indicator)
    value, unit = published(o, catalog)
    return {
        "indicator": o.indicator, "label": indicator.label if indicator else o.indicator,
        "territory": o.territory, "territory_name": territory.name if territory else None,
        "dimension": o.dimension, "dimension_label": o.dimension_label,
        "to_check": o.to_check,
        "period": o.period.code, "period_label": o.period.label(),
        "value": json_number(value), "unit": unit,
        "printed_value": json_number(o.value), "printed_unit": o.unit,
        "quality": o.quality.as_data(), "status": o.status.value,
        "printed": o.printed, "printed_period": o.printed_period, "place": o.place or None,
        "edition": edition_id,
        "source": _source(o.source, local_sources, catalog),
        "provenance": to_data(o.provenance), "origin": to_data(o.origin),
        "perimeter": o.perimeter, "raw": o.raw, "note": o.note,
        "accepted": [{"rule": r, "justification": j} for r, j in o.accepted],
    }


def measure_data(m: Measure, catalog: Catalog, edition_id: str) -> dict[str, Any]:
    """A measure with its labels, as the API, the JSON download and the sheets give it."""
    publics = catalog.publics

    def unit_symbol(code: str) -> str:
        unit = catalog.units.get(code)
        return unit.symbol or unit.label if unit else code

    return {
        "edition": edition_id, "id": m.id, "region": m.region, "title": m.title,
        "kind": m.kind.value, "kind_label": MEASURE_KIND_LABELS[m.kind],
        "framework": m.framework.value, "framework_label": FRAMEWORK_LABELS[m.framework],
        "status": m.status.value, "status_label": MEASURE_STATUS_LABELS[m.status],
        "publics": [{"id": p, "label": publics[p].label if p in publics else p}
                    for p in m.publics],
        "domains": [{"id": d.value, "label": DOMAIN_LABELS[d]} for d in m.domains],
        "summary": m.summary,
        "start": to_data(m.start), "start_label": m.start.label() if m.start else None,
        "end": to_data(m.end), "end_label": m.end.label() if m.end else None,
        "territory": m.territory,
        "amounts": [{"printed": a.printed, "value": json_number(a.value), "unit": a.unit,
                     "unit_symbol": unit_symbol(a.unit), "period": a.period,
                     "label": a.label, "source": a.source, "origin": to_data(a.origin)}
                    for a in m.amounts],
        "section": m.section, "text": m.text, "source": m.source,
        "origin": to_data(m.origin), "provenance": to_data(m.provenance), "note": m.note,
    }


def published_measures(edition: Edition) -> tuple[Measure, ...]:
    """The measures readers see: an importer's proposals wait for the editor."""
    return tuple(m for m in edition.measures if m.published)


def region_data(catalog: Catalog, code: str) -> dict[str, Any]:
    region = catalog.territories.get(code)
    return {"code": region.code, "name": region.name, "slug": region.slug}


def edition_export(catalog: Catalog, edition: Edition) -> ExportData:
    local = {s.id: s for s in edition.sources}
    content = {
        "evolutions": [to_data(c) for c in edition.evolutions],
        "lists": [to_data(i) for i in edition.lists],
        "contacts": [to_data(c) for c in edition.contacts],
        "texts": [to_data(t) for t in edition.texts],
        "directory": [to_data(d) for d in edition.directory],
        "guide": to_data(edition.guide),
        "sources": [{**to_data(s), "label": s.label()} for s in edition.sources],
        # « Avertissements et corrections »: every decision, the print quoted as printed
        "resolutions": [to_data(r) for r in edition.resolutions],
        "measures": [measure_data(m, catalog, edition.id) for m in published_measures(edition)],
    }
    meta = {"id": edition.id, "year": edition.year, "title": edition.title,
            "publisher": edition.publisher, "published": edition.published.code,
            "published_label": edition.published.label(), "cutoff": edition.cutoff.code,
            "cutoff_label": edition.cutoff.label(), "synthetic": edition.synthetic,
            "facts": [{"label": k, "value": v} for k, v in edition.facts]}
    return ExportData(region_data(catalog, edition.region), meta,
                      [observation_data(o, catalog, edition.id, local)
                       for o in edition.observations], content)


def region_export(store: Store, catalog: Catalog, code: str) -> ExportData:
    """Every figure about the region: its editions' (with the France figures they print),
    then official series and imports."""
    rows: list[dict[str, Any]] = []
    for summary in store.editions(code):
        edition = store.edition(summary.region, summary.year)
        local = {s.id: s for s in edition.sources}
        rows.extend(observation_data(o, catalog, edition.id, local)
                    for o in edition.observations)
    rows.extend(observation_data(r.observation, catalog, None, {})
                for r in store.observations(territories=[code]) if r.edition is None)
    return ExportData(region_data(catalog, code), None, rows)


# -- writers ----------------------------------------------------------------------------
def write_json(data: ExportData) -> bytes:
    return json.dumps(data.as_json(), ensure_ascii=False, indent=2).encode("utf-8")


def _flat(row: dict[str, Any]) -> list[str]:
    source = row.get("source") or {}
    provenance = row.get("provenance") or {}
    origin = row.get("origin") or {}
    quality = row.get("quality") or {}
    values = {**row, "source": source.get("id", ""), "source_label": source.get("label", ""),
              "quality_status": quality.get("status"),
              "quality_findings": " ".join(quality.get("findings") or ()),
              "quality_note": quality.get("note"),
              "provenance": f"{provenance.get('file')}:{provenance.get('line')}"
              if provenance else "",
              "origin": f"{origin.get('file')}:{origin.get('line')}" if origin else ""}
    return ["" if values.get(c) is None else str(values[c]) for c in CSV_COLUMNS]


def _where(data: dict[str, Any] | None) -> str:
    return f"{data.get('file')}:{data.get('line')}" if data else ""


def measure_row(row: dict[str, Any]) -> list[str]:
    values = {**row, "publics": " ".join(p["id"] for p in row["publics"]),
              "domains": " ".join(d["id"] for d in row["domains"]),
              "kind": row["kind_label"], "framework": row["framework_label"],
              "status": row["status_label"], "start": row["start_label"],
              "end": row["end_label"],
              "amounts": " | ".join(
                  f"{a['printed']} ({a['value']} {a['unit']}"
                  f"{', ' + a['period'] if a['period'] else ''})" for a in row["amounts"]),
              "origin": _where(row["origin"]), "provenance": _where(row["provenance"])}
    return ["" if values.get(c) is None else str(values[c]) for c in MEASURE_COLUMNS]


def write_measures_csv(data: ExportData) -> bytes:
    """The edition's published measures, as the observations' CSV is written."""
    return _csv(MEASURE_COLUMNS, (measure_row(r) for r in data.content.get("measures", ())))


def _csv(header: tuple[str, ...], rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_csv(data: ExportData) -> bytes:
    """';' separated, UTF-8 with a BOM: French Excel opens it with accents and columns right."""
    return _csv(CSV_COLUMNS, (_flat(row) for row in data.observations))


def write_xlsx(data: ExportData) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "observations"
    sheet.append(list(CSV_COLUMNS))
    for row in data.observations:
        cells = _flat(row)
        values: list[Any] = list(cells)
        for column in ("value", "printed_value"):  # real numbers in the spreadsheet
            values[CSV_COLUMNS.index(column)] = row[column]
        sheet.append(values)
    sheet.freeze_panes = "A2"
    if data.content.get("measures"):
        measures = workbook.create_sheet("mesures")
        measures.append(list(MEASURE_COLUMNS))
        for measure in data.content["measures"]:
            measures.append(measure_row(measure))
        measures.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


WRITERS: dict[str, Callable[[ExportData], bytes]] = {
    "json": write_json, "csv": write_csv, "xlsx": write_xlsx,
}
MEDIA_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
