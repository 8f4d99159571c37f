"""An imported monograph as an import batch: its figures, without an edition.

The store keeps one edition per region and year, and that is the one editors enter and check
in the data files; an imported monograph does not replace it. Its figures are stored as an
import batch (queryable, exported with the region's other figures, replaced when the same
monograph is imported again) whose source is the monograph itself, each figure noting the
source line the monograph prints for it. To turn an import into an edition, write it out as
data files (`--out`), review them, and move them into data/editions/.
"""

from __future__ import annotations

from dataclasses import replace

from monoreg.ingest.import_batch import ImportBatch
from monoreg.ingest.monograph.monograph_import import MonographImport


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
