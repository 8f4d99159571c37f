"""`monoreg load`: read every data file, then replace the store's copy in one transaction."""

from __future__ import annotations

from pathlib import Path

from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.store.repository import LoadReport, Store
from monoreg.validate.service import assess_store


def load(store: Store, data_dir: Path) -> LoadReport:
    """All files are read and checked before the store is touched; then one transaction,
    which also stores the findings, the figures' qualities and the preferred figures."""
    dataset = load_data_dir(data_dir)
    return store.load_dataset(dataset, assess=assess_store)
