"""The Frictionless data package of an edition's download: datapackage.json describing the
figures' CSV (its dialect, the type of each column from exports.CSV_FIELDS, its primary
key) and the validation findings' CSV, with the sources cited, their addresses and their
licences as their producers state them (none is assumed), so that
`frictionless validate datapackage.json` checks the files and tools read them typed."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from monoreg.model import Catalog, Edition, Finding
from monoreg.publish.exports import CSV_FIELDS, FRENCH, CsvLines, observation_sources

# The identity of a figure in an edition's CSV: where it is printed and what it is.
PRIMARY_KEY = ("place", "indicator", "territory", "period", "dimension")
# The findings' CSV: (column, French description).
FINDING_FIELDS: tuple[tuple[str, str], ...] = (
    ("rule", "Règle de validation (docs/validation.md)"),
    ("severity", "error, warning ou info"),
    ("message", "Le constat, en français"),
    ("section", "Section de la monographie"),
    ("indicator", "Indicateur en cause"),
    ("territory", "Territoire en cause"),
    ("period", "Période en cause"),
    ("printed", "Le chiffre tel qu'imprimé"),
    ("expected", "Ce que la règle attendait"),
    ("location", "Fichier de données et ligne du chiffre"),
    ("decision", "Décision de l'éditeur : corrected, accepted, withheld ; vide sans décision"),
    ("decision_note", "Note de l'éditeur sur sa décision"),
)


def _fields(declared: Sequence[tuple[str, str, str]]) -> list[dict[str, Any]]:
    # French CSV (exports.FRENCH): numbers with a decimal comma.
    return [{"name": name, "type": kind, "description": text,
             **({"decimalChar": FRENCH.decimal} if kind == "number" else {})}
            for name, kind, text in declared]


def _csv_resource(name: str, path: str, title: str, fields: list[dict[str, Any]],
                  **extra: Any) -> dict[str, Any]:
    return {"name": name, "path": path, "title": title, "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",  # the CSV starts with a BOM for French Excel
            "dialect": {"delimiter": FRENCH.delimiter},
            "schema": {"fields": fields, "missingValues": [""], **extra}}


def descriptor(edition: Edition, catalog: Catalog, csv_path: str, findings_path: str
               ) -> dict[str, Any]:
    region = catalog.territories.get(edition.region)
    description = (f"Chiffres de la monographie {region.name} (édition {edition.year}), un "
                   "chiffre par ligne avec sa source, sa provenance et sa qualité ; les "
                   "constats de la validation. Licences : celles des sources, telles que "
                   "leurs producteurs les indiquent ; une source sans licence indiquée n'en "
                   "a pas ici.")
    if edition.synthetic:
        description += " DONNÉES SYNTHÉTIQUES : chiffres inventés, ne décrivent aucune région."
    sources = observation_sources(edition, catalog)
    licences = {(s.licence, s.licence_url) for s in sources if s.licence}
    return {
        "name": f"monoreg-{region.slug}-{edition.year}",
        "title": edition.title,
        "description": description,
        "licenses": [{"title": title, **({"path": url} if url else {})}
                     for title, url in sorted(licences, key=lambda x: (x[0], x[1] or ""))],
        "sources": [{"title": f"{s.id} : {s.label()}", **({"path": s.url} if s.url else {}),
                     **({"licence": s.licence} if s.licence else {})} for s in sources],
        "resources": [
            _csv_resource("observations", csv_path, "Chiffres", _fields(CSV_FIELDS),
                          primaryKey=list(PRIMARY_KEY)),
            _csv_resource("constats", findings_path, "Constats de la validation",
                          _fields([(n, "string", d) for n, d in FINDING_FIELDS])),
        ],
    }


def write_datapackage(edition: Edition, catalog: Catalog, csv_path: str,
                      findings_path: str) -> bytes:
    return json.dumps(descriptor(edition, catalog, csv_path, findings_path),
                      ensure_ascii=False, indent=2).encode("utf-8")


def write_findings_csv(findings: Sequence[Finding]) -> bytes:
    lines = CsvLines(FRENCH)
    rows = []
    for f in findings:
        decision = f.resolution.decision.value if f.resolution else (
            "accepted" if f.accepted else None)
        note = f.resolution.note if f.resolution else f.accepted
        rows.append({**{n: getattr(f, n, None) for n, _ in FINDING_FIELDS},
                     "severity": f.severity.value, "decision": decision,
                     "decision_note": note})
    return (lines.header([n for n, _ in FINDING_FIELDS])
            + lines.rows(rows, [n for n, _ in FINDING_FIELDS])).encode("utf-8")
