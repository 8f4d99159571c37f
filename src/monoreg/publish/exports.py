"""Open-data downloads of an edition or of a region's figures: JSON, CSV, XLSX.

The data are built once (`ExportData`) from the figures' documents (store/documents.py, the
API's shape too); each format is one entry of the registry `FORMATS`: writer, media type,
label, extension.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from monoreg.errors import NotFound
from monoreg.model import Catalog, Edition, Source
from monoreg.model.codec import to_data
from monoreg.model.quality import legend_text
from monoreg.store.documents import observation_document

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
NUMBER_COLUMNS = tuple(name for name, kind, _ in CSV_FIELDS if kind == "number")


@dataclass(frozen=True)
class ExportData:
    region: dict[str, Any]
    edition: dict[str, Any] | None
    observations: list[dict[str, Any]]
    content: dict[str, Any] = field(default_factory=dict)
    # What a reader needs to read the figures (the XLSX « Lisez-moi »): the units and
    # indicators they use, from the catalogue.
    reference: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"region": self.region, "edition": self.edition,
                "observations": self.observations, **self.content}


def reference_data(catalog: Catalog, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The units and indicators the rows use, with their labels and definitions."""
    used_units = {u for r in rows for u in (r.get("unit"), r.get("printed_unit")) if u}
    used_indicators = dict.fromkeys(r["indicator"] for r in rows)
    units = [{"code": u.code, "symbol": u.symbol, "label": u.label}
             for code, u in sorted(catalog.units.items()) if code in used_units]
    indicators = [{"id": i.id, "label": i.label, "unit": i.unit, "definition": i.definition,
                   "caveats": i.caveats}
                  for key in used_indicators if (i := catalog.indicators.get(key))]
    return {"units": units, "indicators": indicators}


def observation_sources(edition: Edition, catalog: Catalog) -> list[Source]:
    """The sources an edition's figures cite and its own declared sources, each once, by
    id."""
    ids = {s.id for s in edition.sources} | {o.source for o in edition.observations
                                             if o.source}
    local = list(edition.sources)
    found = [s for i in sorted(ids) if (s := catalog.cited_source(i, local)) is not None]
    return found


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
    }
    meta = {"id": edition.id, "year": edition.year, "title": edition.title,
            "publisher": edition.publisher, "published": edition.published.code,
            "published_label": edition.published.label(), "cutoff": edition.cutoff.code,
            "cutoff_label": edition.cutoff.label(), "synthetic": edition.synthetic,
            "facts": [{"label": k, "value": v} for k, v in edition.facts]}
    rows = [observation_document(o, catalog, edition.id, local) for o in edition.observations]
    return ExportData(region_data(catalog, edition.region), meta, rows, content,
                      reference_data(catalog, rows))


def region_export(store: Store, catalog: Catalog, code: str) -> ExportData:
    """Every figure about the region: its editions' (with the France figures they print),
    then official series and imports."""
    rows: list[dict[str, Any]] = []
    for summary in store.editions(code):
        edition = store.edition(summary.region, summary.year)
        local = {s.id: s for s in edition.sources}
        rows.extend(observation_document(o, catalog, edition.id, local)
                    for o in edition.observations)
    rows.extend(observation_document(r.observation, catalog, None, {})
                for r in store.observations(territories=[code]) if r.edition is None)
    return ExportData(region_data(catalog, code), None, rows, {},
                      reference_data(catalog, rows))


# -- writers ----------------------------------------------------------------------------
def write_json(data: ExportData) -> bytes:
    return json.dumps(data.as_json(), ensure_ascii=False, indent=2).encode("utf-8")


@dataclass(frozen=True)
class CsvDialect:
    """How a CSV is written: French Excel's (';', decimal comma, BOM) or plain (',', decimal
    point, UTF-8 without BOM) for tools that read RFC 4180."""

    name: str
    delimiter: str
    decimal: str
    bom: bool


FRENCH = CsvDialect("fr", ";", ",", True)
PLAIN = CsvDialect("plain", ",", ".", False)
DIALECTS = {d.name: d for d in (FRENCH, PLAIN)}


def _decimal(value: Any, dialect: CsvDialect) -> str | None:
    return None if value is None else str(value).replace(".", dialect.decimal)


def _flat(row: dict[str, Any], dialect: CsvDialect) -> list[str]:
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
              "origin": f"{origin.get('file')}:{origin.get('line')}" if origin else "",
              **{c: _decimal(row.get(c), dialect) for c in NUMBER_COLUMNS}}
    return ["" if values.get(c) is None else str(values[c]) for c in CSV_COLUMNS]


class CsvLines:
    """CSV text one row at a time (the API streams every matching row through it)."""

    def __init__(self, dialect: CsvDialect = FRENCH) -> None:
        self.dialect = dialect
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, delimiter=dialect.delimiter,
                                  lineterminator="\r\n")

    def _take(self) -> str:
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text

    def header(self, columns: Sequence[str] = CSV_COLUMNS) -> str:
        self._writer.writerow(columns)
        return ("\ufeff" if self.dialect.bom else "") + self._take()

    def rows(self, rows: Iterable[dict[str, Any]], columns: Sequence[str] | None = None
             ) -> str:
        """Figures' documents as the CSV's columns, or plain rows as `columns`."""
        for row in rows:
            self._writer.writerow(_flat(row, self.dialect) if columns is None else [
                "" if row.get(c) is None else str(row[c]) for c in columns])
        return self._take()


def write_csv(data: ExportData, dialect: CsvDialect = FRENCH) -> bytes:
    """French by default (';', decimal comma, BOM): French Excel opens it with accents,
    columns and numbers right."""
    lines = CsvLines(dialect)
    return (lines.header() + lines.rows(data.observations)).encode("utf-8")


def write_plain_csv(data: ExportData) -> bytes:
    return write_csv(data, PLAIN)


@dataclass(frozen=True)
class Format:
    """One download format: its writer, media type, label and file extension."""

    name: str
    label: str
    media_type: str
    extension: str
    write: Callable[[ExportData], bytes] | None  # None: not written from the data (PDF)

    def render(self, data: ExportData) -> bytes:
        if self.write is None:
            raise NotFound(f"le format {self.name} ne s'écrit pas à partir des données")
        return self.write(data)


PDF = Format("pdf", "Monographie (PDF)", "application/pdf", "pdf", None)
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("csv", "Chiffres (CSV, Excel français)", "text/csv; charset=utf-8", "csv",
           write_csv),
    Format("json", "Chiffres et contenus (JSON)", "application/json", "json", write_json),
    Format("xlsx", "Chiffres et contenus (XLSX, avec « Lisez-moi »)",
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
           lambda data: write_xlsx(data)),
)}


def data_format(name: str) -> Format:
    """A data format by name; NotFound naming the known ones otherwise."""
    if name not in FORMATS:
        raise NotFound(f"format inconnu : « {name} » ({', '.join(FORMATS)})")
    return FORMATS[name]


def write_xlsx(data: ExportData) -> bytes:
    from monoreg.publish.workbook import workbook_bytes

    return workbook_bytes(data)
