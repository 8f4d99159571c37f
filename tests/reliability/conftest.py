"""Fixtures shared by the reliability tests."""

from __future__ import annotations

import pytest
from import_runs import ImportStore
from store_rows import store_rows

from monoreg.loading import load
from monoreg.settings import PROJECT_ROOT
from monoreg.store.repository import Store


@pytest.fixture(scope="session")
def import_store(tmp_path_factory: pytest.TempPathFactory) -> ImportStore:
    """A SQLite store loaded with the bundled data (the catalogue users have)."""
    path = tmp_path_factory.mktemp("imports") / "store.sqlite"
    store = Store.open(f"sqlite:///{path}")
    load(store, PROJECT_ROOT / "data")
    store.close()
    return ImportStore(path, store_rows(f"sqlite:///{path}"))
