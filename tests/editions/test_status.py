"""The editor's checklist on SYNTHETIC editions (tests/synthetic.py, synthetic_editions.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from synthetic_editions import add_edition

from monoreg.editions.scaffold import scaffold_edition
from monoreg.editions.status import StatusPolicy, edition_status
from monoreg.loading import load
from monoreg.model import Finding, Severity, parse_period
from monoreg.store.repository import Store
from monoreg.validate.registry import RULES, Context, Rule


@pytest.fixture
def scaffolded(store: Store, data_dir: Path) -> Store:
    scaffold_edition(data_dir, "normandie", 2031)
    load(store, data_dir)
    return store


def test_to_update_lists_figures_to_fill_with_the_latest_known(scaffolded: Store) -> None:
    status = edition_status(scaffolded, "28", 2031)
    keys = {(t.indicator, t.territory, t.period.code) for t in status.to_update}
    assert ("population_totale", "28", "2030") in keys
    assert ("population_totale", "28", "2029") not in keys      # carried over
    assert len(status.to_update) == 7
    item = next(t for t in status.to_update
                if (t.indicator, t.territory) == ("population_totale", "28"))
    assert item.previous is not None
    assert (item.previous.period.code, item.previous.value) == ("2029", Decimal("1010000"))
    # 3 comment lines, the header, N-1 2029 carried over, then N 2030
    assert item.location == "editions/normandie/2031/observations.csv, line 6"
    assert (status.progress.figures_done, status.progress.figures_total) == (2, 9)


def test_carried_contacts_are_stale_until_checked(scaffolded: Store, data_dir: Path) -> None:
    status = edition_status(scaffolded, "28", 2031)
    # published mai 2031: checked in the 6 months before, i.e. since 1 November 2030
    assert status.checked_since == parse_period("1er novembre 2030")
    assert [(c.title, c.verified) for c in status.stale_contacts] == [
        ("Conseil régional (synthétique)", parse_period("mai 2030"))]
    assert len(status.stale_content) == 4     # 3 list items and 1 text
    path = data_dir / "editions" / "normandie" / "2031" / "contacts.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("verified: mai 2030",
                                                             "verified: mars 2031"),
                    encoding="utf-8")
    load(scaffolded, data_dir)
    status = edition_status(scaffolded, "28", 2031)
    assert status.stale_contacts == ()
    assert (status.progress.items_done, status.progress.items_total) == (1, 5)
    lenient = edition_status(scaffolded, "28", 2031, StatusPolicy(stale_months=13))
    assert lenient.stale_content == ()


def test_region_and_france_on_different_periods(store: Store, data_dir: Path) -> None:
    add_edition(data_dir, 2031, """\
        population-emploi;population_totale;28;2030;;1 020 000;;;;;;;;;
        population-emploi;population_totale;FR;2029;;20 000 000;;;;;;;;;
        population-emploi;taux_chomage;28;2030-T2;;7,0 %;;;;;;;;;
        population-emploi;taux_chomage;FR-HM;2030-T2;;8,0 %;;;;;;;;;
        """)
    load(store, data_dir)
    status = edition_status(store, "28", 2031)
    assert [(m.indicator, m.region_period.code, m.national, m.national_period.code)
            for m in status.misaligned] == [("population_totale", "2030", "FR", "2029")]


def test_open_validation_errors_and_accepted_ones(scaffolded: Store, data_dir: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # Figures still to fill never reach the rules (tests/validate/test_figures_to_fill.py).
    def rule(context: Context) -> list[Finding]:
        return [Finding("test-error", Severity.ERROR, "Erreur de test", location="a"),
                Finding("test-error", Severity.ERROR, "Acceptée", accepted="justifiée"),
                Finding("test-error", Severity.WARNING, "Avertissement de test")]

    monkeypatch.setitem(RULES, "test-error",
                        Rule("test-error", Severity.ERROR, rule, "test", "SYNTHETIC rule"))
    load(scaffolded, data_dir)  # findings are computed when the store changes
    status = edition_status(scaffolded, "28", 2031)
    assert [f.message for f in status.validation_errors if f.rule == "test-error"] == [
        "Erreur de test"]
