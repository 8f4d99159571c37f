"""Read a whole data folder: reference data, every edition, official series."""

from __future__ import annotations

from pathlib import Path

from monoreg.ingest.datafiles.edition_folder import check_unique, edition_folders, load_edition
from monoreg.ingest.datafiles.series import load_series
from monoreg.metadata.reference import load_catalog
from monoreg.model import Dataset


def load_data_dir(data_dir: Path) -> Dataset:
    """Everything under `data_dir`, checked; raises InputError at the first problem."""
    catalog = load_catalog(data_dir)
    folders = edition_folders(data_dir)
    editions = [load_edition(folder, catalog, data_dir) for folder in folders]
    check_unique(editions, folders)
    return Dataset(catalog, tuple(editions), load_series(data_dir, catalog))
