"""The store on SQLite and on a real PostgreSQL server (see conftest.store_url)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from monoreg.errors import InputError
from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.loading import load
from monoreg.model import parse_period
from monoreg.store import schema as t
from monoreg.store.observation_sql import ObservationFilter
from monoreg.store.repository import Store


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in t.metadata.sorted_tables}


def test_edition_round_trips_exactly(store: Store, data_dir: Path) -> None:
    dataset = load_data_dir(data_dir)
    report = store.load_dataset(dataset)
    assert (report.editions, report.observations, report.series) == (1, 9, 2)
    assert store.edition("28", 2030) == dataset.editions[0]
    catalog = store.catalog()
    assert catalog.indicators == dataset.catalog.indicators
    assert catalog.territories.find("Provence-Alpes-Côte d'Azur").code == "93"


def test_reload_replaces_instead_of_adding(store: Store, data_dir: Path) -> None:
    load(store, data_dir)
    first = _counts(store)
    load(store, data_dir)
    assert _counts(store) == first


def test_queries_filter_by_territory_indicator_and_period(store: Store, data_dir: Path) -> None:
    load(store, data_dir)
    records = store.observations(territories=["28"], indicators=["population_totale"])
    assert [(r.observation.period.code, r.batch_kind) for r in records] == [
        ("2028", "datafiles"), ("2029", "datafiles"), ("2029-01-01", "series")]
    recent = store.observations(territories=["28"], indicators=["population_totale"],
                                period_from=parse_period("2029"))
    assert len(recent) == 2


def test_failed_load_leaves_the_store_unchanged(store: Store, data_dir: Path) -> None:
    load(store, data_dir)
    before = _counts(store)
    edition = store.edition("28", 2030)
    path = data_dir / "editions/normandie/2030/observations.csv"
    path.write_text(path.read_text(encoding="utf-8") + "population-emploi;x;28;2029;;1;;;;;;;;;\n",
                    encoding="utf-8")
    with pytest.raises(InputError):
        load(store, data_dir)
    assert _counts(store) == before
    assert store.edition("28", 2030) == edition


def test_error_inside_the_transaction_rolls_back(store: Store, data_dir: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    load(store, data_dir)
    before = _counts(store)

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Store, "_write_edition", boom)
    with pytest.raises(RuntimeError):
        load(store, data_dir)
    assert _counts(store) == before


def test_imports_survive_a_reload(store: Store, data_dir: Path) -> None:
    load(store, data_dir)
    dataset = load_data_dir(data_dir)
    observations = dataset.series[0].observations
    store.add_import("import", "test-import", "x.csv", "0" * 64, observations, {"rows": 2})
    load(store, data_dir)
    kinds = [r.batch_kind for r in store.observations(territories=["53"])]
    assert sorted(kinds) == ["import", "series"]


def test_a_count_and_its_documents_are_read_in_one_snapshot(store: Store,
                                                            data_dir: Path) -> None:
    """What a CSV answer is made of: its X-Total-Count and its rows, while an import
    commits between the count and the reading of the rows."""
    load(store, data_dir)
    everything = ObservationFilter()
    total, documents = store.counted_documents(everything, chunk=3)
    added = load_data_dir(data_dir).series[0].observations
    store.add_import("import", "test-import", "x.csv", "0" * 64, added, {"rows": len(added)})
    assert sum(len(chunk) for chunk in documents) == total
    assert store.count(everything) == total + len(added) > total

