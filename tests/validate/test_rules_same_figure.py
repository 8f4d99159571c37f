"""Same figure, two places, each rule with a failing and a passing SYNTHETIC edition."""

from __future__ import annotations

from validation_builders import edition, fig, run

from monoreg.model import ListItem, ListKind, Severity

PE, CC = "population-emploi", "chiffres-cles"


def test_same_figure_with_two_values() -> None:
    ed = edition(fig(CC, "demandeurs", "FR", "2029-07", "5 798 700"),
                 fig(PE, "demandeurs", "FR", "2029-07", "578 700"))
    findings = run(ed, "same-figure-two-places")
    assert [(f.section, f.severity, f.printed) for f in findings] == [
        (CC, Severity.ERROR, "5 798 700")]
    assert findings[0].expected is not None and findings[0].expected.startswith("578\u202f700")
    assert len(findings[0].related) == 1


def test_same_figure_on_two_periods_and_territories() -> None:
    ed = edition(fig(CC, "taux", "FR", "2029-T1", "8,4 %"),
                 fig(PE, "taux", "FR-HM", "2029-T2", "8,4 %"))
    findings = run(ed, "same-figure-two-places")
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert "la période et le territoire diffèrent" in findings[0].message


def test_same_figure_on_a_date_of_its_year_is_information() -> None:
    ed = edition(fig(CC, "population", "FR", "2029", "20 000 000"),
                 fig(PE, "population", "FR", "1er janvier 2029", "20 000 000"))
    assert [f.severity for f in run(ed, "same-figure-two-places")] == [Severity.INFO]


def test_same_figure_names_the_figure_it_was_copied_from() -> None:
    ed = edition(fig(CC, "depenses", "28", "2029", "275,8"),
                 fig("budgets-consolides", "depenses", "28", "2029", "1 608,2"),
                 fig("budgets-consolides", "depenses_fonct", "28", "2029", "275,8"))
    findings = run(ed, "same-figure-two-places")
    assert len(findings) == 1
    assert "depenses_fonct (SYNTHÉTIQUE)" in findings[0].message


def test_same_figure_printed_alike() -> None:
    ed = edition(fig(CC, "demandeurs", "FR", "2029-07", "578 700"),
                 fig(PE, "demandeurs", "FR", "2029-07", "578 700"),
                 # thousands with one decimal and persons: the same figure
                 fig(CC, "emplois", "FR", "2029-T2", "12 465 512", unit="persons"),
                 fig("secteurs-activite", "emplois", "FR", "2029-T2", "12 465,5"))
    findings = run(ed, "same-figure-two-places")
    assert [f.indicator for f in findings] == ["emplois"]        # only the unit differs
    assert findings[0].severity is Severity.WARNING


def test_repeated_value_in_one_table() -> None:
    ed = edition(fig("secteurs-activite", "part_secteur_a", "FR", "2029", "12,7 %"),
                 fig("secteurs-activite", "part_secteur_b", "FR", "2029", "12,7 %"))
    findings = run(ed, "repeated-value")
    assert [(f.indicator, f.severity) for f in findings] == [("part_secteur_b", Severity.INFO)]


def test_repeated_value_not_reported() -> None:
    different = edition(fig("secteurs-activite", "part_secteur_a", "FR", "2029", "12,7 %"),
                        fig("secteurs-activite", "part_secteur_b", "FR", "2029", "5,9 %"))
    assert run(different, "repeated-value") == []
    balanced = edition(fig("budget-primitif", "recettes_bp", "28", "2029", "1 544 505 613,00"),
                       fig("budget-primitif", "depenses_bp", "28", "2029", "1 544 505 613,00"))
    assert run(balanced, "repeated-value") == []
    short = edition(fig("secteurs-activite", "part_secteur_a", "FR", "2029", "12 %"),
                    fig("secteurs-activite", "part_secteur_b", "FR", "2029", "12 %"))
    assert run(short, "repeated-value") == []     # two significant digits: a coincidence


def poles(printed: str, listed: int) -> object:
    return edition(fig("poles-competitivite", "poles", "28", "2029", printed),
                   lists=tuple(ListItem(ListKind.CLUSTER, f"Pôle synthétique {n}")
                               for n in range(listed)))


def test_list_count_differs() -> None:
    findings = run(poles("3", 2), "list-count")
    assert [(f.printed, f.expected) for f in findings] == [("3", "2")]


def test_list_count_matches() -> None:
    assert run(poles("2", 2), "list-count") == []
    assert run(poles("7", 0), "list-count") == []   # list not entered: nothing to count
