"""INSEE legal populations of the regions → population observations.

The file is read like the official series of data/series/ (ingest/datafiles/series.py), with
a layout (ingest/layouts/insee-populations-legales-regions.yaml) in the same shape as an
entry of series.yaml: one reader for both, the layout says which column is which.
"""

from __future__ import annotations

from pathlib import Path

from monoreg.datafile_reader import display_path, read_yaml, validate_yaml
from monoreg.errors import InputError, UsageError
from monoreg.ingest.datafiles.fields import Cell
from monoreg.ingest.datafiles.schemas import SeriesFile
from monoreg.ingest.datafiles.series import load_series_file
from monoreg.ingest.import_batch import ImportBatch, count_date
from monoreg.model import Catalog

POPULATION_LAYOUT = Path(__file__).resolve().parent / "layouts" / \
    "insee-populations-legales-regions.yaml"


def read_insee_population(path: Path, catalog: Catalog, date: str | None,
                          layout_path: Path = POPULATION_LAYOUT) -> ImportBatch:
    """Populations of the regions on `date` (the 1 January of the vintage: the file has none)."""
    if not date:
        raise UsageError("donnez --date AAAA-MM-JJ : le fichier ne dit pas la date de ses "
                         "populations (1er janvier du millésime, par exemple 2021-01-01)")
    when = count_date(date, path)
    if not path.is_file():
        raise InputError("fichier introuvable", file=display_path(path))
    data = read_yaml(layout_path)
    data.update(file=path.name, period=when.period.code)
    spec = validate_yaml(SeriesFile, data, layout_path)
    layout_cell = Cell(display_path(layout_path), spec.line)
    for value in spec.values:
        if value.indicator not in catalog.indicators:
            raise UsageError(f"il manque « {value.indicator} » au catalogue de la base : "
                             "lancez « monoreg load »")
    series = load_series_file(path.parent, spec, catalog, layout_cell, path.parent)
    regions = {o.territory for o in series.observations}
    return ImportBatch(
        kind="insee-population", name=f"insee-population {when.period.code}",
        file=display_path(path), sha256=series.sha256, observations=series.observations,
        report={"kind": "insee-population", "file": display_path(path),
                "source": spec.source, "period": when.period.code, "period_from": when.origin,
                "regions": len(regions), "figures": len(series.observations),
                "columns": {v.column: v.indicator for v in spec.values}})
