"""Shared fixtures: the synthetic data folder and stores on SQLite and PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from synthetic import write_data_dir

from monoreg.store.db import throwaway_database
from monoreg.store.repository import Store

PROJECT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("MONOREG_TEST_POSTGRES_URL")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # In CI a missing server is a failure, not a skip: the store must be proven on both.
    if POSTGRES_URL or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="MONOREG_TEST_POSTGRES_URL is not set")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A SYNTHETIC data folder (see tests/synthetic.py)."""
    return write_data_dir(tmp_path)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh database on the test PostgreSQL server, dropped afterwards."""
    if not POSTGRES_URL:
        pytest.fail("MONOREG_TEST_POSTGRES_URL is not set (scripts/test.sh starts a server)")
    with throwaway_database(POSTGRES_URL, "monoreg_test") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest) -> str:
    """The same tests on SQLite and on a real PostgreSQL server."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    store = Store.open(store_url)
    yield store
    store.close()


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, data_dir: Path, sqlite_url: str) -> dict[str, str]:
    """Settings for CLI tests: the synthetic data folder and a fresh SQLite store."""
    monkeypatch.setenv("MONOREG_DATA_DIR", str(data_dir))
    monkeypatch.setenv("MONOREG_DATABASE_URL", sqlite_url)
    return {"MONOREG_DATA_DIR": str(data_dir), "MONOREG_DATABASE_URL": sqlite_url}
