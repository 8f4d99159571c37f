"""Printed form, each rule with a failing and a passing SYNTHETIC edition."""

from __future__ import annotations

from dataclasses import replace

from validation_builders import edition, evo, fig, run

from monoreg.model import ListItem, ListKind, Severity, Text, TextType

PE, BC = "population-emploi", "budgets-consolides"


def test_malformed_numbers() -> None:
    ed = edition(fig(PE, "actifs", "FR", "2029", "30 70 000"),
                 fig("budget-primitif", "recettes_bp", "28", "2029", "993 520 495, 00"))
    findings = run(ed, "malformed-number")
    assert [(f.printed, f.expected) for f in findings] == [
        ("30 70 000", "3\u202f070\u202f000"), ("993 520 495, 00", "993\u202f520\u202f495,00")]


def test_numbers_run_together() -> None:
    ed = edition(fig(BC, "depenses_invest", "28", "2029", "12", raw="12 302,1"),
                 fig(BC, "depenses", "28", "2029", "302,1", raw="12 302,1"))
    findings = run(ed, "malformed-number")
    assert len(findings) == 1                    # one finding for the two cells
    assert findings[0].printed == "12 302,1"
    assert len(findings[0].related) == 1


def test_well_formed_numbers() -> None:
    ed = edition(fig(PE, "actifs", "FR", "2029", "30 700 000"),
                 fig("apprentissage", "organismes", "28", "2029", "143", raw="143 CFA"),
                 fig("budget-primitif", "recettes_bp", "28", "2029", "993 520 495,00"))
    assert run(ed, "malformed-number") == []


def test_dot_as_decimal_separator() -> None:
    ed = edition(fig(PE, "population", "28", "2028", "1 000 000"),
                 fig(PE, "population", "28", "2029", "1 010 000"),
                 evolutions=(evo(PE, "population", "2028", "2029", "+1.00%"),))
    findings = run(ed, "decimal-separator")
    assert [(f.printed, f.expected) for f in findings] == [("+1.00%", "+1,00\u00a0%")]
    comma = replace(ed, evolutions=(evo(PE, "population", "2028", "2029", "+1,00 %"),))
    assert run(comma, "decimal-separator") == []


def test_digits_not_grouped() -> None:
    findings = run(edition(fig("organismes-formation", "organismes", "28", "2029", "2133")),
                   "digit-grouping")
    assert [f.expected for f in findings] == ["2\u202f133"]


def test_digits_grouped() -> None:
    ed = edition(fig("organismes-formation", "organismes", "28", "2029", "2 133"),
                 fig("organismes-formation", "organismes", "FR", "2029", "213"),
                 fig(PE, "taux", "28", "2029-T2", "8,1234 %"))
    assert run(ed, "digit-grouping") == []


def test_precision_of_figures_and_evolutions() -> None:
    ed = edition(fig("secteurs-activite", "part_secteur_a", "28", "2029", "12 %"),
                 fig("secteurs-activite", "part_secteur_b", "28", "2029", "12,7 %"),
                 fig(PE, "population", "28", "2028", "1 000 000"),
                 fig(PE, "population", "28", "2029", "1 010 000"),
                 evolutions=(evo(PE, "population", "2028", "2029", "+1,0 %"),))
    findings = run(ed, "printed-precision")
    assert {(f.printed, f.expected) for f in findings} == {
        ("12 %", "12,0\u00a0%"), ("+1,0 %", "+1,00\u00a0%")}


def test_precision_as_declared() -> None:
    ed = edition(fig("secteurs-activite", "part_secteur_a", "28", "2029", "12,0 %"),
                 # printed in another unit than the indicator's: not judged here
                 fig("chiffres-cles", "emplois", "FR", "2029-T2", "12 425 900", unit="persons"))
    assert run(ed, "printed-precision") == []


def test_zero_and_dash_for_a_figure() -> None:
    ed = edition(fig("organismes-formation", "organismes", "28", "2029", "0"),
                 fig("organismes-formation", "organismes", "FR", "2029", "-"))
    findings = run(ed, "zero-or-missing")
    assert [(f.territory, f.severity) for f in findings] == [
        ("28", Severity.WARNING), ("FR", Severity.WARNING)]


def test_non_renseigne_is_not_zero() -> None:
    ed = edition(fig("organismes-formation", "organismes", "28", "2029", "Non renseigné"),
                 fig("organismes-formation", "organismes", "FR", "2029", "213"))
    assert run(ed, "zero-or-missing") == []


def test_missing_or_unknown_source() -> None:
    ed = edition(fig(PE, "actifs", "28", "2029", "450 000", source=None),
                 fig(PE, "actifs", "FR", "2029", "9 000 000", source="inconnue"),
                 texts=(Text(TextType.NEWS, "Actualité synthétique", "Texte.", "actualites"),),
                 lists=(ListItem(ListKind.CLUSTER, "Pôle synthétique"),))
    findings = run(ed, "missing-source")
    assert [(f.territory, f.severity) for f in findings] == [
        ("28", Severity.ERROR), ("FR", Severity.ERROR), (None, Severity.WARNING),
        (None, Severity.WARNING)]


def test_sources_known() -> None:
    ed = edition(fig(PE, "actifs", "28", "2029", "450 000"),
                 texts=(Text(TextType.NEWS, "Actualité synthétique", "Texte.", "actualites",
                             source="Source : tests"),))
    assert run(ed, "missing-source") == []


def test_figure_without_period_in_a_dated_table() -> None:
    ed = edition(fig(PE, "taux", "28", "2028-T2", "9,0 %"),
                 fig(PE, "taux", "28", "2029-T2", "8,3 %"),
                 fig(PE, "demandeurs", "28", "2029-07", "50 000"),
                 fig(PE, "actifs", "28", "2028-T2", "23,0 %", printed_period=None))
    findings = run(ed, "missing-period")
    assert [(f.indicator, f.expected) for f in findings] == [("actifs", "2e trimestre 2028")]


def test_table_dated_by_its_header() -> None:
    # no figure of the table prints a period: the header gives it
    ed = edition(fig(BC, "depenses", "28", "2029", "1 608,2", printed_period=None),
                 fig(BC, "depenses_fonct", "28", "2029", "1 124,3", printed_period=None))
    assert run(ed, "missing-period") == []
