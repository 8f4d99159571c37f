"""Resolutions (resolutions.yaml) on the SYNTHETIC data folder (tests/synthetic.py), on SQLite
and PostgreSQL: what a decision does to a figure's stored quality and published value, and
the editor's mistakes that stop a load with a French error naming the file and line."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from monoreg.errors import InputError
from monoreg.loading import load
from monoreg.model import QualityStatus
from monoreg.store.repository import Store

EDITION = "editions/normandie/2030"
# The printed evolution of the population, 2028 → 2029, made wrong: the figures give +1,00 %.
WRONG = "population-emploi;population_totale;28;2028;2029;+3,00 %;3.00;percent;;;"


def _plant(data_dir: Path) -> None:
    path = data_dir / EDITION / "evolutions.csv"
    lines = [WRONG if line.startswith("population-emploi;population_totale") else line
             for line in path.read_text("utf-8").splitlines()]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def _resolutions(data_dir: Path, body: str) -> Path:
    path = data_dir / EDITION / "resolutions.yaml"
    path.write_text("# SYNTHETIC decisions\nresolutions:\n" + textwrap.dedent(body), "utf-8")
    return path


ON_CLAIM = """\
  - rule: evolution-mismatch
    place: population-emploi
    indicator: population_totale
    territory: "28"
    base_period: "2028"
    period: "2029"
    decision: {decision}
{extra}    note: Note de test (SYNTHÉTIQUE).
    evidence: Recalcul (SYNTHÉTIQUE).
    author: Tests
    date: 2030-02-01
"""
ON_FIGURE = """\
  - rule: {rule}
    place: population-emploi
    indicator: population_totale
    territory: "28"
    period: "{period}"
    decision: withheld
    note: Chiffre douteux (SYNTHÉTIQUE).
    evidence: Aucune (SYNTHÉTIQUE).
    author: Tests
    date: 2030-02-01
"""


def _claim(store: Store):  # type: ignore[no-untyped-def]
    edition = store.edition("28", 2030)
    return next(c for c in edition.evolutions if c.indicator == "population_totale")


def test_an_open_error_flags_the_figures_it_compares(store: Store, data_dir: Path) -> None:
    _plant(data_dir)
    load(store, data_dir)
    claim = _claim(store)
    assert claim.quality.status is QualityStatus.FLAGGED
    assert claim.quality.findings == ("evolution-mismatch",)
    [error] = store.open_errors("28-2030")
    assert error.rule == "evolution-mismatch" and error.resolution is None


def test_a_correction_publishes_its_value_and_keeps_the_print(store: Store,
                                                              data_dir: Path) -> None:
    _plant(data_dir)
    _resolutions(data_dir, ON_CLAIM.format(decision="corrected", extra='    value: "1.00"\n'))
    load(store, data_dir)
    claim = _claim(store)
    assert claim.quality.status is QualityStatus.CORRECTED
    assert claim.quality.note == "Note de test (SYNTHÉTIQUE)."
    assert (claim.printed, claim.value) == ("+3,00 %", Decimal("3.00"))   # as printed
    assert claim.published_value == Decimal("1.00")
    assert store.open_errors("28-2030") == []
    [resolution] = store.resolutions("28-2030")
    assert resolution.printed == "+3,00 %"          # quoted for « Avertissements… »
    assert resolution.provenance is not None and resolution.provenance.line == 3
    [finding] = [f for f in store.findings("28-2030") if f.rule == "evolution-mismatch"]
    assert finding.resolution == resolution


def test_withholding_the_figure_that_changes(store: Store, data_dir: Path) -> None:
    # The finding compares the evolution with the figures 2028 and 2029: it is decided on
    # the figure the editor doubts, which alone changes; the evolution is no longer flagged.
    _plant(data_dir)
    _resolutions(data_dir, ON_FIGURE.format(rule="evolution-mismatch", period="2029"))
    load(store, data_dir)
    figure = next(o for o in store.edition("28", 2030).observations
                  if (o.indicator, o.territory, o.period.code, o.place)
                  == ("population_totale", "28", "2029", "population-emploi"))
    assert figure.quality.status is QualityStatus.WITHHELD
    assert figure.published_value is None and figure.value == Decimal("1010000")
    assert _claim(store).quality.status is QualityStatus.OK


@pytest.mark.parametrize(("body", "line", "words"), [
    (ON_FIGURE.format(rule="evolution-mismatch", period="2031"), 3, "aucun chiffre"),
    (ON_FIGURE.format(rule="parts-sum", period="2029"), 3, "ne décide d'aucun constat"),
    (ON_CLAIM.format(decision="accepted", extra="") * 2, 14, "deux résolutions"),
    (ON_CLAIM.format(decision="accepted", extra="")
     + ON_FIGURE.format(rule="evolution-mismatch", period="2029"), 14,
     "deux résolutions décident du même constat"),
    (ON_CLAIM.format(decision="corrected", extra=""), 3, "« corrected » donne ce qui est"),
    (ON_CLAIM.format(decision="fixed", extra=""), 3, "décision « fixed » inconnue"),
], ids=["unknown-figure", "no-such-finding", "twice", "twice-on-two-figures",
        "corrected-without-value", "unknown-decision"])
def test_an_editor_mistake_stops_the_load_and_changes_nothing(
        store: Store, data_dir: Path, body: str, line: int, words: str) -> None:
    _plant(data_dir)
    load(store, data_dir)
    before = (store.version(), store.findings("28-2030"))
    path = _resolutions(data_dir, body)
    with pytest.raises(InputError) as error:
        load(store, data_dir)
    assert error.value.file is not None and error.value.file.endswith(
        f"{EDITION}/resolutions.yaml")
    assert error.value.line == line
    assert words in error.value.reason
    assert (store.version(), store.findings("28-2030")) == before
    assert path.exists()


def test_the_preferred_figure_is_stored_one_per_key(store: Store, data_dir: Path) -> None:
    load(store, data_dir)
    records = store.observations(preferred=True)
    keys = [(r.observation.indicator, r.observation.territory, r.observation.period.code,
             r.observation.dimension) for r in records]
    assert len(keys) == len(set(keys))
    everything = {(r.observation.indicator, r.observation.territory,
                   r.observation.period.code, r.observation.dimension)
                  for r in store.observations()}
    assert set(keys) == everything
