"""Time series across editions and series, on SYNTHETIC editions (tests/synthetic.py and
tests/editions/synthetic_editions.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from synthetic_editions import NORMANDIE_2031, add_edition

from monoreg.editions.timeseries import time_series
from monoreg.errors import NotFound
from monoreg.loading import load
from monoreg.model import Status
from monoreg.store.repository import Store


@pytest.fixture
def loaded(store: Store, data_dir: Path) -> Store:
    add_edition(data_dir, 2031, NORMANDIE_2031)
    load(store, data_dir)
    return store


def test_points_across_editions_and_series_with_a_revision(loaded: Store) -> None:
    series = time_series(loaded, "normandie", "population_totale")
    assert series.territory == "28" and series.unit == "persons"
    got = [(p.period.code, p.value, p.edition, p.batch_kind, p.revision) for p in series.points]
    # periods in calendar order (by end date): 1 January 2029 comes before the year 2029
    assert got == [
        ("2028", Decimal("1000000"), "28-2030", "datafiles", False),
        ("2029-01-01", Decimal("1005000"), None, "series", False),
        ("2029", Decimal("1010000"), "28-2030", "datafiles", False),
        ("2029", Decimal("1012000"), "28-2031", "datafiles", True),
        ("2030", Decimal("1020000"), "28-2031", "datafiles", False),
    ]
    revised = series.revisions[0]
    assert (revised.revises, revised.revises_edition) == (Decimal("1010000"), "28-2030")
    assert revised.provenance is not None
    assert revised.provenance.file == "editions/normandie/2031/observations.csv"


def test_same_figure_printed_twice_or_carried_over_is_one_point(loaded: Store) -> None:
    series = time_series(loaded, "28", "taux_chomage")
    t2_2029 = [p for p in series.points if p.period.code == "2029-T2"]
    assert len(t2_2029) == 1
    assert t2_2029[0].editions == ("28-2030", "28-2031")
    assert not t2_2029[0].revision
    assert [p.period.code for p in series.points] == ["2028-T2", "2029-T2", "2030-T2"]


def test_non_renseigne_is_a_gap_not_zero(loaded: Store) -> None:
    series = time_series(loaded, "FR-HM", "taux_chomage")
    assert [(p.value, p.status) for p in series.points] == [(None, Status.MISSING)]


def test_unknown_codes(loaded: Store) -> None:
    with pytest.raises(NotFound):
        time_series(loaded, "28", "no_such_indicator")
    with pytest.raises(NotFound):
        time_series(loaded, "atlantide", "population_totale")
