"""Imported figures broken down by a dimension (LHEO counts per NSF domain) stay distinct in
the downloads, and the import's batch remembers its importer. SYNTHETIC figures."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from monoreg.loading import load
from monoreg.model import Observation, parse_period
from monoreg.publish.exports import region_export, write_csv
from monoreg.store import schema as t
from monoreg.store.repository import Store


def test_dimension_in_exports_and_importer_in_report(store: Store, data_dir: Path) -> None:
    load(store, data_dir)
    figures = [Observation("population_totale", "28", parse_period("2029"), Decimal(v),
                           "persons", dimension=d) for v, d in ((5, "nsf:312"), (7, "nsf:330"))]
    store.add_import("lheo", "synthetic lheo", "offres.xml", "0" * 64, figures, {"rows": 2})
    data = region_export(store, store.catalog(), "28")
    imported = [r for r in data.observations if r["edition"] is None and r["dimension"]]
    assert sorted((r["dimension"], r["value"]) for r in imported) == [("nsf:312", 5),
                                                                      ("nsf:330", 7)]
    rows = list(csv.DictReader(io.StringIO(write_csv(data).decode("utf-8-sig")), delimiter=";"))
    assert {r["dimension"] for r in rows} >= {"nsf:312", "nsf:330"}
    with store.engine.connect() as conn:
        report = conn.execute(select(t.batches.c.report).where(
            t.batches.c.name == "synthetic lheo")).scalar_one()
    assert report == {"importer": "lheo", "rows": 2}
