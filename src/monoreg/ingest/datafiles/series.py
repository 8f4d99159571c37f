"""Official series copied as published (data/series/), mapped to indicators by series.yaml."""

from __future__ import annotations

import hashlib
from pathlib import Path

from monoreg.datafile_reader import (
    data_path,
    display_path,
    read_csv,
    read_yaml,
    validate_yaml,
)
from monoreg.errors import InputError
from monoreg.ingest.datafiles.fields import Cell
from monoreg.ingest.datafiles.schemas import SeriesFile
from monoreg.model import Catalog, Observation, Provenance, SeriesBatch


def _territory(cell: Cell, catalog: Catalog, spec: SeriesFile, text: str) -> str:
    if spec.territory_by == "code" and text.isdigit() and len(text) == 1:
        text = "0" + text  # spreadsheets drop the leading zero of '01'
    return cell.territory(catalog, text, spec.territory_column).code


def load_series_file(folder: Path, spec: SeriesFile, catalog: Catalog,
                     spec_cell: Cell, root: Path) -> SeriesBatch:
    path = folder / spec.file
    if not path.resolve().is_relative_to(folder.resolve()):
        raise spec_cell.error(f"le fichier de série « {spec.file} » est hors du dossier "
                              "series/", "file")
    if not path.is_file():
        raise spec_cell.error(f"fichier de série « {spec.file} » introuvable", "file")
    if spec.source not in catalog.sources:
        raise spec_cell.error(f"source inconnue « {spec.source} »", "source")
    if (spec.period is None) == (spec.period_column is None):
        raise spec_cell.error("donnez soit period, soit period_column", "period")
    for value in spec.values:
        spec_cell.indicator(catalog, value.indicator, "values.indicator")
        if value.unit:
            spec_cell.unit(catalog, value.unit, "values.unit")
    required = {spec.territory_column} | {v.column for v in spec.values}
    if spec.period_column:
        required.add(spec.period_column)
    fixed = spec_cell.period(spec.period, "period") if spec.period else None
    observations: list[Observation] = []
    seen: dict[tuple[str, str], int] = {}
    for row in read_csv(path, required=required, delimiter=spec.delimiter, allow_other=True):
        cell = Cell(display_path(path), row.line)
        territory = _territory(cell, catalog, spec, row.get(spec.territory_column))
        period = fixed or cell.period(spec.period_format.format(row.get(spec.period_column or "")),
                                      spec.period_column or "period")
        if (territory, period.code) in seen:  # two figures for one key: which is right?
            raise cell.error(f"le territoire {territory} et la période {period.label()} sont "
                             f"déjà donnés à la ligne {seen[(territory, period.code)]}",
                             spec.territory_column)
        seen[(territory, period.code)] = row.line
        for value in spec.values:
            text = row.get(value.column)
            observations.append(Observation(
                indicator=value.indicator, territory=territory, period=period,
                value=cell.decimal(text, value.column),
                unit=value.unit or catalog.indicators[value.indicator].unit,
                source=spec.source, printed=text,
                provenance=Provenance(data_path(path, root), row.line, column=value.column)))
    return SeriesBatch(spec.file, data_path(path, root),
                       hashlib.sha256(path.read_bytes()).hexdigest(), tuple(observations))


def load_series(data_dir: Path, catalog: Catalog) -> tuple[SeriesBatch, ...]:
    folder = data_dir / "series"
    index = folder / "series.yaml"
    if not index.is_file():
        return ()
    data = read_yaml(index)
    if not isinstance(data, list):
        raise InputError("une liste de fichiers de séries est attendue",
                         file=display_path(index), line=1)
    batches = []
    for item in data:
        spec = validate_yaml(SeriesFile, item, index)
        batches.append(load_series_file(folder, spec, catalog,
                                        Cell(display_path(index), spec.line), data_dir))
    return tuple(batches)
