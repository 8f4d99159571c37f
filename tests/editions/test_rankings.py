"""Regions ranked per indicator and period, on SYNTHETIC editions and series."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from synthetic_editions import NORMANDIE_2031, add_edition

from monoreg.editions.rankings import rankings
from monoreg.errors import NotFound
from monoreg.loading import load
from monoreg.model import parse_period
from monoreg.store.repository import Store


@pytest.fixture
def regions(store: Store, data_dir: Path) -> Store:
    add_edition(data_dir, 2031, NORMANDIE_2031)   # Normandie 2029 revised to 1 012 000
    add_edition(data_dir, 2030, "population-emploi;population_totale;53;2029;;1 012 000;;;;;;;;;",
                region="53", slug="bretagne")
    add_edition(data_dir, 2030, "population-emploi;population_totale;32;2029;;500 000;;;;;;;;;",
                region="32", slug="hauts-de-france")
    add_edition(data_dir, 2030,
                "population-emploi;population_totale;94;2029;;Non renseigné;;;;;;;;;",
                region="94", slug="corse")
    load(store, data_dir)
    return store


def test_ranking_of_one_period(regions: Store) -> None:
    (ranking,) = rankings(regions, "population_totale", parse_period("2029"))
    assert [(r.rank, r.region, r.value) for r in ranking.ranked] == [
        (1, "28", Decimal("1012000")),   # the revised figure, not 1 010 000
        (1, "53", Decimal("1012000")),   # equal values share a rank
        (3, "32", Decimal("500000"))]
    assert ranking.ranked[0].edition == "28-2031"
    assert "94" in ranking.missing       # "non renseigné": missing, never ranked as 0
    assert len(ranking.missing) == 15


def test_only_the_same_period_is_ranked_together(regions: Store) -> None:
    periods = [r.period.code for r in rankings(regions, "population_totale")]
    # the series' 1 January 2029 is not the year 2029
    assert periods == ["2028", "2029-01-01", "2029", "2030"]
    january = next(r for r in rankings(regions, "population_totale")
                   if r.period.code == "2029-01-01")
    assert [r.region for r in january.ranked] == ["28", "53"]


def test_unknown_indicator(regions: Store) -> None:
    with pytest.raises(NotFound):
        rankings(regions, "no_such_indicator")
