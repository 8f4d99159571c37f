"""Accepting a finding: an `accept` on the item itself, never a match on a message."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from validation_builders import accept, edition, evo, fig, run

from monoreg.model import Finding, Severity
from monoreg.validate.context import Context
from monoreg.validate.registry import RULES, Rule

PE = "population-emploi"


def population(printed: str, **claim: object) -> object:
    return edition(fig(PE, "population", "28", "2028", "1 000 000"),
                   fig(PE, "population", "28", "2029", "1 010 000"),
                   evolutions=(evo(PE, "population", "2028", "2029", printed, **claim),))


def test_accepted_finding_carries_the_justification() -> None:
    ed = population("+2,00 %", accepted=accept("evolution-mismatch"))
    findings = run(ed, "evolution-mismatch", "acceptance-unused")
    assert [(f.rule, f.severity, f.accepted) for f in findings] == [
        ("evolution-mismatch", Severity.ERROR,
         "justification synthétique pour evolution-mismatch")]


def test_acceptance_of_another_rule_accepts_nothing() -> None:
    ed = population("+2,00 %", accepted=accept("evolution-sign"))
    findings = run(ed, "evolution-mismatch")
    assert [f.accepted for f in findings] == [None]


def test_acceptance_on_a_compared_figure() -> None:
    # the same figure printed twice: accepting it on either line is enough
    ed = edition(fig("chiffres-cles", "demandeurs", "FR", "2029-07", "5 798 700"),
                 fig(PE, "demandeurs", "FR", "2029-07", "578 700",
                     accepted=accept("same-figure-two-places")))
    assert [f.accepted is not None for f in run(ed, "same-figure-two-places")] == [True]


def test_unknown_rule_in_an_acceptance() -> None:
    ed = population("+1,00 %", accepted=accept("evolution-mismatche"))
    findings = run(ed, "acceptance-unknown-rule")
    assert [(f.severity, f.location) for f in findings] == [
        (Severity.WARNING, str(ed.evolutions[0].provenance))]
    assert run(population("+1,00 %", accepted=accept("evolution-mismatch")),
               "acceptance-unknown-rule") == []


def test_acceptance_left_after_a_fix() -> None:
    fixed = population("+1,00 %", accepted=accept("evolution-mismatch"))
    findings = run(fixed, "evolution-mismatch", "acceptance-unused")
    assert [(f.rule, f.severity) for f in findings] == [("acceptance-unused", Severity.INFO)]
    # an acceptance still in use, or of a rule that did not run, is not reported
    assert run(population("+2,00 %", accepted=accept("evolution-mismatch")),
               "acceptance-unused") == []


@pytest.fixture
def handwritten_rule(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A SYNTHETIC rule writing its Finding by hand, as rules of other families may."""
    def check(context: Context) -> list[Finding]:
        claim = context.edition.evolutions[0]
        return [Finding("test-handwritten", Severity.ERROR, "Constat synthétique",
                        location=str(claim.provenance))]
    monkeypatch.setitem(RULES, "test-handwritten",
                        Rule("test-handwritten", Severity.ERROR, check, "test",
                             "Règle synthétique."))
    yield "test-handwritten"


def test_handwritten_findings_are_accepted_by_their_location(handwritten_rule: str) -> None:
    ed = population("+1,00 %", accepted=accept(handwritten_rule))
    findings = run(ed, handwritten_rule, "acceptance-unused")
    assert [(f.rule, f.accepted is not None) for f in findings] == [(handwritten_rule, True)]
