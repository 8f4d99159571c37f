"""Imports of outside files (application layer, beside loading.py): an importer of ingest/
reads and checks a whole file against the store's catalogue and returns a batch; this module
writes it to the store in one transaction, so a file that fails leaves the store untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from monoreg.errors import UsageError
from monoreg.ingest.import_batch import ImportBatch, check_drop
from monoreg.ingest.monograph.monograph_import import MonographImport, read_monograph
from monoreg.ingest.monograph.to_batch import monograph_batch
from monoreg.model import Catalog
from monoreg.store.repository import Store
from monoreg.validate.service import assess_store


def _catalog(store: Store) -> Catalog:
    catalog = store.catalog()
    if not catalog.territories.territories:
        raise UsageError("la base est vide : lancez d'abord « monoreg load »")
    return catalog


def store_batch(store: Store, batch: ImportBatch) -> int:
    """Write the batch in one transaction, which also stores the findings, qualities and
    preferred figures it changes (an import may add a figure another one is compared with,
    or a better figure for a key); returns the batch id."""
    return store.add_import(batch.kind, batch.name, batch.file, batch.sha256,
                            batch.observations, batch.report, assess=assess_store)


def import_file(store: Store, read: Callable[[Catalog], ImportBatch],
                drop_limit: float | None = None) -> ImportBatch:
    """Read a whole file against the store's catalogue, then store it in one transaction.

    With `drop_limit`, a count of records below that share of the previous import of the
    same source is refused (check_drop)."""
    catalog = _catalog(store)
    batch = read(catalog)
    if drop_limit is not None:
        check_drop(batch, store.last_import_report(batch.kind, batch.report.get("source", "")),
                   drop_limit)
    store_batch(store, batch)
    return batch


def import_monograph(store: Store, path: Path, *, region: str | None = None,
                     year: int | None = None, dry_run: bool = False) -> MonographImport:
    """Read a monograph against the store's catalogue; unless dry_run, store its figures as
    an import batch (one transaction)."""
    catalog = _catalog(store)
    imported = read_monograph(path, catalog, region=region, year=year)
    if not dry_run:
        store_batch(store, monograph_batch(imported))
    return imported
