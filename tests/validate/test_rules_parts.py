"""Parts and wholes, each rule with a failing and a passing SYNTHETIC edition."""

from __future__ import annotations

from decimal import Decimal

from validation_builders import CATALOG, edition, fig, missing, run

from monoreg import formatting as fr
from monoreg.model import Severity

BC, PE = "budgets-consolides", "population-emploi"


def budget(total: str, functioning: str, investment: str) -> object:
    return edition(fig(BC, "depenses", "28", "2029", total),
                   fig(BC, "depenses_fonct", "28", "2029", functioning),
                   fig(BC, "depenses_invest", "28", "2029", investment))


def test_parts_do_not_add_up() -> None:
    findings = run(budget("1 608,2", "124,7", "483,9"), "parts-sum")
    expected = fr.with_unit(Decimal("124.7") + Decimal("483.9"), CATALOG.units["meur"], 1)
    assert [(f.severity, f.printed, f.expected) for f in findings] == [
        (Severity.ERROR, "1 608,2", expected)]
    assert len(findings[0].related) == 2


def test_parts_add_up_within_rounding_is_information() -> None:
    findings = run(budget("1 700,1", "1 169,3", "530,7"), "parts-sum")
    assert [f.severity for f in findings] == [Severity.INFO]
    assert "tolérance d'arrondi" in findings[0].message


def test_parts_add_up() -> None:
    assert run(budget("1 700,0", "1 169,3", "530,7"), "parts-sum") == []
    # a part not printed: nothing to add up
    ed = edition(fig(BC, "depenses", "28", "2029", "1 700,0"),
                 fig(BC, "depenses_fonct", "28", "2029", "1 169,3"),
                 missing(BC, "depenses_invest", "28", "2029"))
    assert run(ed, "parts-sum") == []


def test_part_exceeds_whole_from_the_catalogue_and_from_checks() -> None:
    ed = edition(fig(PE, "demandeurs", "FR", "2029-07", "578 700"),
                 fig(PE, "demandeurs_jeunes", "FR", "2029-07", "7 282 019"),
                 fig(PE, "actifs", "FR", "2029", "3 070 000"),
                 fig("chiffres-cles", "demandeurs", "FR", "2029-07", "5 798 700"))
    findings = run(ed, "part-exceeds-whole")
    found = {(f.indicator, f.section, f.expected) for f in findings}
    assert found == {
        ("demandeurs_jeunes", PE, "au plus 578\u202f700"),            # part_of, same table
        ("demandeurs", "chiffres-cles", "au plus 3\u202f070\u202f000"),  # bound, July in 2029
    }


def test_parts_within_their_whole() -> None:
    ed = edition(fig(PE, "demandeurs", "FR", "2029-07", "5 798 700"),
                 fig(PE, "demandeurs_jeunes", "FR", "2029-07", "728 201"),
                 fig(PE, "actifs", "FR", "2029", "30 700 000"),
                 # a whole of another year is not compared
                 fig(PE, "actifs", "28", "2015", "1 000"),
                 fig(PE, "demandeurs", "28", "2029-07", "276 150"))
    assert run(ed, "part-exceeds-whole") == []


def primitive_budget(receipts: str, expenses: str) -> object:
    return edition(fig("budget-primitif", "recettes_bp", "28", "2029", receipts),
                   fig("budget-primitif", "depenses_bp", "28", "2029", expenses))


def test_budget_does_not_balance() -> None:
    findings = run(primitive_budget("2 538 026 108,00", "2 538 026 107,00"), "budget-balance")
    assert [(f.indicator, f.expected) for f in findings] == [
        ("recettes_bp", "2\u202f538\u202f026\u202f107,00\u00a0€")]


def test_budget_balances() -> None:
    assert run(primitive_budget("2 538 026 108,00", "2 538 026 108,00"),
               "budget-balance") == []


def test_rate_out_of_range() -> None:
    findings = run(edition(fig(PE, "taux", "28", "2029-T2", "120,0 %")), "rate-range")
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert run(edition(fig(PE, "taux", "28", "2029-T2", "12,0 %")), "rate-range") == []
