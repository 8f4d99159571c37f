"""Measures: a status contradicting its dates at the cutoff, an amount against its budget
table. SYNTHETIC editions (validation_builders): the measures and amounts are invented."""

from __future__ import annotations

from decimal import Decimal

from validation_builders import edition, fig, run

from monoreg.model import (
    Framework,
    Measure,
    MeasureAmount,
    MeasureKind,
    MeasureStatus,
    Provenance,
    parse_period,
)


def measure(status: MeasureStatus, start: str | None = None, end: str | None = None,
            amounts: tuple[MeasureAmount, ...] = ()) -> Measure:
    return Measure(
        id="mesure-synthetique", region="28", title="Dispositif SYNTHÉTIQUE",
        kind=MeasureKind.SCHEME, framework=Framework.PRIC, status=status,
        start=parse_period(start) if start else None, end=parse_period(end) if end else None,
        amounts=amounts, section="pric", text="Texte synthétique",
        provenance=Provenance("editions/normandie/2030/measures.yaml", 4),
        origin=Provenance("editions/normandie/2030/source.txt", 900))


def test_running_measure_dated_after_the_cutoff_is_flagged() -> None:
    findings = run(edition(measures=(measure(MeasureStatus.RUNNING, "1er janvier 2030"),)),
                   "measure-date-after-cutoff")
    assert [(f.section, f.printed, f.expected) for f in findings] == [
        ("pric", "1er janvier 2030", "au plus tard décembre 2029")]
    assert findings[0].location == "editions/normandie/2030/measures.yaml, line 4"
    assert findings[0].origin == "editions/normandie/2030/source.txt, line 900"


def test_ended_measure_ending_after_the_cutoff_is_flagged() -> None:
    findings = run(edition(measures=(measure(MeasureStatus.ENDED, "2028", "2031"),)),
                   "measure-date-after-cutoff")
    assert [f.printed for f in findings] == ["2031"]


def test_announcing_a_future_measure_is_normal() -> None:
    assert run(edition(measures=(measure(MeasureStatus.ANNOUNCED, "1er janvier 2030"),)),
               "measure-date-after-cutoff") == []
    assert run(edition(measures=(measure(MeasureStatus.RUNNING, "décembre 2029"),)),
               "measure-date-after-cutoff") == []


def _amount(printed: str, value: str, unit: str) -> MeasureAmount:
    return MeasureAmount(Decimal(value), unit, printed, "2029", indicator="depenses")


def test_amount_against_the_budget_table_it_overlaps() -> None:
    table = fig("budgets-consolides", "depenses", "28", "2029", "1 608,2")
    wrong = measure(MeasureStatus.RUNNING, amounts=(_amount("1 700 M€", "1700", "meur"),))
    findings = run(edition(table, measures=(wrong,)), "measure-amount-budget")
    assert [(f.printed, f.expected) for f in findings] == [("1 700 M€", "1 608,2")]
    # The same money in another unit of the same dimension agrees.
    right = measure(MeasureStatus.RUNNING,
                    amounts=(_amount("1 608 200 000 euros", "1608200000", "eur"),))
    assert run(edition(table, measures=(right,)), "measure-amount-budget") == []
