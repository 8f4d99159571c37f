"""Evolution rules, each with a failing and a passing SYNTHETIC edition."""

from __future__ import annotations

from decimal import Decimal

from validation_builders import edition, evo, fig, missing, run

from monoreg import formatting as fr
from monoreg.model import Evolution, Severity
from monoreg.validate import ValidationSettings

PE = "population-emploi"


def population(printed_evolution: str) -> list:
    return [fig(PE, "population", "28", "2028", "1 000 000"),
            fig(PE, "population", "28", "2029", "1 010 000"),
            evo(PE, "population", "2028", "2029", printed_evolution)]


def build(items: list) -> object:
    return edition(*items[:-1], evolutions=(items[-1],))


def test_evolution_mismatch_gives_the_recomputed_value() -> None:
    findings = run(build(population("+2,00 %")), "evolution-mismatch")
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity is Severity.ERROR
    assert finding.printed == "+2,00 %"
    assert finding.expected == fr.evolution(Decimal(1), Evolution.RELATIVE, 2)  # +1,00 %
    assert "1 000 000" in finding.message.replace("\u202f", " ")
    assert finding.location is not None and finding.location.startswith(
        "editions/normandie/2030/evolutions.csv, line ")
    assert len(finding.related) == 2


def test_evolution_mismatch_passes_at_the_printed_precision() -> None:
    assert run(build(population("+1,00 %")), "evolution-mismatch") == []
    assert run(build(population("+1,0 %")), "evolution-mismatch") == []  # 1 decimal printed


def test_evolution_tolerance_is_a_setting() -> None:
    ed = build(population("+1,02 %"))
    assert len(run(ed, "evolution-mismatch")) == 1
    assert run(ed, "evolution-mismatch",
               settings=ValidationSettings(evolution_tolerance=2)) == []


def rate(printed_evolution: str) -> object:
    return edition(fig(PE, "taux", "28", "2028-T2", "9,0 %"),
                   fig(PE, "taux", "28", "2029-T2", "8,3 %"),
                   evolutions=(evo(PE, "taux", "2028-T2", "2029-T2", printed_evolution),))


def test_rate_evolution_printed_in_percent_is_an_error_in_points() -> None:
    findings = run(rate("0,7 %"), "rate-evolution-in-points")
    assert [f.expected for f in findings] == [fr.points(Decimal("8.3") - Decimal("9.0"))]
    assert "en %" in findings[0].message


def test_rate_evolution_in_points_passes() -> None:
    assert run(rate("-0,7 pt"), "rate-evolution-in-points", "evolution-mismatch") == []


def test_rate_evolution_with_the_wrong_value_in_points_is_a_mismatch() -> None:
    findings = run(rate("+0,7 pt"), "evolution-mismatch")
    assert [f.expected for f in findings] == ["-0,7\u00a0pt"]


def test_evolution_without_sign() -> None:
    findings = run(build(population("1,00 %")), "evolution-sign")
    assert [(f.severity, f.expected) for f in findings] == [
        (Severity.WARNING, fr.percent(Decimal(1), 2, signed=True))]
    assert run(build(population("+1,00 %")), "evolution-sign") == []


def test_evolution_missing_when_both_figures_are_known() -> None:
    printed_unit_only = run(build(population("%")), "evolution-missing")
    assert [(f.printed, f.expected) for f in printed_unit_only] == [("%", "+1,00\u00a0%")]
    # no evolution at all for a row of a table that prints an evolution column
    ed = edition(*population("+1,00 %")[:2],
                 fig(PE, "actifs", "28", "2028", "400 000"),
                 fig(PE, "actifs", "28", "2029", "404 000"),
                 evolutions=(population("+1,00 %")[2],))
    findings = run(ed, "evolution-missing")
    assert [(f.indicator, f.printed) for f in findings] == [("actifs", "")]


def test_evolution_missing_passes() -> None:
    assert run(build(population("+1,00 %")), "evolution-missing") == []
    # a table without an evolution column asks for none
    assert run(edition(*population("+1,00 %")[:2]), "evolution-missing") == []


def test_evolution_without_figures() -> None:
    claim = evo(PE, "taux", "2028-T2", "2029-T2", "-0,5 pt")
    ed = edition(fig(PE, "taux", "28", "2028-T2", "8,0 %"),
                 missing(PE, "taux", "28", "2029-T2"), evolutions=(claim,))
    findings = run(ed, "evolution-without-figures")
    assert [(f.printed, f.expected) for f in findings] == [("-0,5 pt", "–")]
    dash = edition(*ed.observations, evolutions=(evo(PE, "taux", "2028-T2", "2029-T2", "-"),))
    assert run(dash, "evolution-without-figures", "evolution-missing") == []
