"""The Frictionless data package of an edition's download: datapackage.json describing the
CSV (its dialect and the type of each column, from exports.CSV_FIELDS), so that
`frictionless validate datapackage.json` checks the file and tools read it typed."""

from __future__ import annotations

import json
from typing import Any

from monoreg.model import Catalog, Edition
from monoreg.publish.exports import CSV_FIELDS, FRENCH
from monoreg.publish.sources import source_text


def descriptor(edition: Edition, catalog: Catalog, csv_path: str) -> dict[str, Any]:
    region = catalog.territories.get(edition.region)
    sources = dict.fromkeys(
        text for s in edition.sources if (text := source_text(s.id, edition, catalog)))
    description = (f"Chiffres de la monographie {region.name} (édition {edition.year}), un "
                   "chiffre par ligne avec sa source et sa provenance.")
    if edition.synthetic:
        description += " DONNÉES SYNTHÉTIQUES : chiffres inventés, ne décrivent aucune région."
    return {
        "name": f"monoreg-{region.slug}-{edition.year}",
        "title": edition.title,
        "description": description,
        "sources": [{"title": title} for title in sources],
        "resources": [{
            "name": "observations",
            "path": csv_path,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",  # the CSV starts with a BOM for French Excel
            "dialect": {"delimiter": FRENCH.delimiter},
            "schema": {
                # French CSV (exports.FRENCH): numbers with a decimal comma
                "fields": [{"name": name, "type": kind, "description": text,
                            **({"decimalChar": FRENCH.decimal} if kind == "number" else {})}
                           for name, kind, text in CSV_FIELDS],
                "missingValues": [""],
            },
        }],
    }


def write_datapackage(edition: Edition, catalog: Catalog, csv_path: str) -> bytes:
    return json.dumps(descriptor(edition, catalog, csv_path), ensure_ascii=False,
                      indent=2).encode("utf-8")
