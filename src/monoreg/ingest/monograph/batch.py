"""An imported monograph stored as an import batch: its figures, without an edition.

The store keeps one edition per region and year, and that is the one editors enter and check
in the data files; an imported monograph does not replace it. Its figures are stored as an
import batch (queryable, exported with the region's other figures, replaced when the same
monograph is imported again) whose source is the monograph itself, each figure noting the
source line the monograph prints for it. To turn an import into an edition, write it out as
data files (`--out`), review them, and move them into data/editions/.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from monoreg.errors import UsageError
from monoreg.ingest.batch import ImportBatch, store_batch
from monoreg.ingest.monograph.build import MonographImport, read_monograph
from monoreg.model import Catalog
from monoreg.publish.exports import edition_export
from monoreg.store.repository import Store


def monograph_batch(imported: MonographImport) -> ImportBatch:
    edition = imported.edition
    local = {s.id: s for s in edition.sources}
    observations = []
    for o in edition.observations:
        printed = local.get(o.source or edition.source_for_place(o.place) or "")
        note = f"Source imprimée : {printed.printed}" if printed and printed.printed else None
        observations.append(replace(o, source=imported.source, note=note))
    return ImportBatch(
        kind="monograph", name=f"monograph {edition.region}-{edition.year}",
        file=imported.document.file, sha256=imported.document.sha256,
        observations=tuple(observations), report=imported.report_json())


def import_monograph(store: Store, path: Path, *, region: str | None = None,
                     year: int | None = None, dry_run: bool = False) -> MonographImport:
    """Read a monograph against the store's catalogue; unless dry_run, store its figures as
    an import batch (one transaction)."""
    catalog = store.catalog()
    if not catalog.territories.territories:
        raise UsageError("la base est vide : lancez d'abord « monoreg load »")
    imported = read_monograph(path, catalog, region=region, year=year)
    if not dry_run:
        store_batch(store, monograph_batch(imported))
    return imported


def monograph_json(imported: MonographImport, catalog: Catalog) -> dict[str, Any]:
    """The edition in the export's JSON shape, each figure with its confidence, and the
    import report."""
    data = edition_export(catalog, imported.edition).as_json()
    for row, placed in zip(data["observations"], imported.placed, strict=True):
        row["confidence"] = placed.confidence
        row["confidence_reasons"] = placed.reasons
    return {**data, "import": imported.report_json()}
