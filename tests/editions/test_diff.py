"""What changed between two SYNTHETIC editions (tests/synthetic.py, synthetic_editions.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from synthetic_editions import NORMANDIE_2031, add_edition

from monoreg.editions.diff import diff_editions
from monoreg.editions.scaffold import scaffold_edition
from monoreg.errors import NotFound
from monoreg.loading import load
from monoreg.store.repository import Store

# Beside NORMANDIE_2031: France hors Mayotte's rate, "non renseigné" in 2030, now known;
# the population on 1 January 2029, which the (SYNTHETIC) series gives as 1 005 000.
MORE_2031 = """\
population-emploi;taux_chomage;FR-HM;2029-T2;;8,0 %;;;;;;;;;
population-emploi;population_totale;28;2029-01-01;;1 004 000;;;;;;;;;
"""


@pytest.fixture
def two_editions(store: Store, data_dir: Path) -> Store:
    add_edition(data_dir, 2031, NORMANDIE_2031 + MORE_2031)
    load(store, data_dir)
    return store


def keys(entries: tuple) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    return [(e.indicator, e.territory, e.period.code) for e in entries]


def test_revised_figure_is_flagged_apart(two_editions: Store) -> None:
    diff = diff_editions(two_editions, "28", 2030, 2031)
    editions = [r for r in diff.revisions if r.kind == "editions"]
    assert keys(tuple(editions)) == [("population_totale", "28", "2029")]
    revision = editions[0]
    assert revision.before is not None and revision.after is not None
    assert (revision.before.value, revision.after.value) == (Decimal("1010000"),
                                                              Decimal("1012000"))
    assert (revision.before.edition, revision.after.edition) == ("28-2030", "28-2031")
    assert revision.difference == Decimal("2000")
    assert round(revision.relative or 0, 3) == Decimal("0.198")


def test_revision_against_official_series(two_editions: Store) -> None:
    diff = diff_editions(two_editions, "28", 2030, 2031)
    (revision,) = [r for r in diff.revisions if r.kind == "source"]
    assert (revision.indicator, revision.territory, revision.period.code) == (
        "population_totale", "28", "2029-01-01")
    assert revision.before is not None and revision.after is not None
    assert (revision.before.value, revision.before.edition) == (Decimal("1004000"), "28-2031")
    assert (revision.after.value, revision.after.batch) == (Decimal("1005000"),
                                                            "series:population.csv")


def test_added_removed_changed_unchanged(two_editions: Store) -> None:
    diff = diff_editions(two_editions, "28", 2030, 2031)
    assert keys(diff.added) == [("population_totale", "28", "2029-01-01"),
                                ("population_totale", "28", "2030"),
                                ("population_totale", "FR", "2030"),
                                ("taux_chomage", "28", "2030-T2")]
    assert ("population_totale", "28", "2028") in keys(diff.removed)
    assert len(diff.removed) == 6
    (changed,) = diff.changed
    assert (changed.territory, changed.what) == ("FR-HM", ("status",))
    assert changed.before is not None and changed.before.value is None
    # T2 2029 printed twice in 2031, with the same value and source as in 2030: one figure
    assert diff.unchanged == 1
    assert diff.pending == ()


def test_scaffolded_edition_is_pending_not_revised(store: Store, data_dir: Path) -> None:
    scaffold_edition(data_dir, "normandie", 2031)
    load(store, data_dir)
    diff = diff_editions(store, "28", 2030, 2031)
    assert len(diff.pending) == 7 and diff.unchanged == 2
    assert (diff.added, diff.changed, diff.revisions) == ((), (), ())


def test_unknown_edition(two_editions: Store) -> None:
    with pytest.raises(NotFound):
        diff_editions(two_editions, "28", 2030, 2040)


def test_a_key_printed_twice_with_two_values_is_no_revision(store: Store,
                                                            data_dir: Path) -> None:
    """2031 prints the 2030 budget twice, with two values (as the real 2020 print does with
    669 and 247,9 M€); 2032 keeps one of them: no producer revised anything."""
    add_edition(data_dir, 2031, """\
        chiffres-cles;budget_fpa;28;2030;;669 M€;;;;;;;;;
        autres-financeurs;budget_fpa;28;2030;;247,9 M€;;;;;;;;;
        """)
    add_edition(data_dir, 2032, "autres-financeurs;budget_fpa;28;2030;;247,9 M€;;;;;;;;;")
    load(store, data_dir)
    diff = diff_editions(store, "28", 2031, 2032)
    assert (diff.revisions, diff.unchanged) == ((), 1)
    add_edition(data_dir, 2033, "autres-financeurs;budget_fpa;28;2030;;250,0 M€;;;;;;;;;")
    load(store, data_dir)
    (revision,) = diff_editions(store, "28", 2031, 2033).revisions
    assert revision.before is not None and revision.before.value == Decimal("247.9")
