"""Rules `official-series` and `prose-number` on SYNTHETIC editions built in code
(validation_builders.py): indicators, series and texts are invented."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from validation_builders import CATALOG, CHECKS, INDICATORS, STOCK, _indicator, edition, fig

from monoreg.model import (
    Observation,
    ProseTerm,
    SeriesCheck,
    Severity,
    Status,
    Text,
    TextType,
    parse_period,
)
from monoreg.validate import validate_edition
from monoreg.validate.rules.prose import quoted_numbers

SA, PE = "secteurs-activite", "population-emploi"
SERIES_CATALOG = replace(
    CATALOG,
    indicators={**INDICATORS,
                "emplois_b": _indicator("emplois_b", "thousands", STOCK, 1, SA),
                "emploi_total": _indicator("emploi_total", "thousands", STOCK, 0, SA),
                "population_legale": _indicator("population_legale", "persons", STOCK, 0, PE)},
    checks=replace(CHECKS, series=(
        SeriesCheck(("emplois", "emplois_b"), "emploi_total", "within"),
        SeriesCheck(("population",), "population_legale", "level")),
        prose=(ProseTerm("campus", ("organismes",)),
               ProseTerm("millions d'euros", (), "meur"))))


def official(indicator: str, period: str, value: str, unit: str) -> Observation:
    return Observation(indicator=indicator, territory="28", period=parse_period(period),
                       value=Decimal(value), unit=unit, status=Status.VALUE)


SERIES = (official("emploi_total", "fin 2029", "1000", "thousands"),
          official("population_legale", "au 1er janvier 2030", "1000000", "persons"))


def run(*observations: Observation, texts: tuple[Text, ...] = ()) -> list:  # type: ignore[type-arg]
    return validate_edition(edition(*observations, texts=texts), SERIES_CATALOG,
                            series=SERIES, only=["official-series", "prose-number"])


def test_sector_jobs_beyond_total_employment_are_an_error() -> None:
    findings = run(fig(SA, "emplois", "28", "2029-T2", "940,1"),
                   fig(SA, "emplois_b", "28", "2029-T2", "196,9", unit="thousands"))
    [finding] = findings
    assert (finding.rule, finding.severity) == ("official-series", Severity.ERROR)
    assert finding.indicator == "emplois"                  # the largest figure
    assert len(finding.figures) == 2                       # both can be resolved on
    assert "+13,7\u00a0%" in finding.message


def test_sector_jobs_within_total_employment_pass() -> None:
    # 2 % over the total: within the 5 % tolerated
    assert run(fig(SA, "emplois", "28", "2029-T2", "600,0"),
               fig(SA, "emplois_b", "28", "2029-T2", "420,0", unit="thousands")) == []


def test_population_far_from_the_legal_population_is_a_warning() -> None:
    # end 2028 and 1 January 2030 are 13 months apart: 0,5 % + 0,54 % tolerated, +3 % is
    # not; end 2029 is a month away: +0,4 % is tolerated
    [finding] = run(fig(PE, "population", "28", "2028", "1 030 000"),
                    fig(PE, "population", "28", "2029", "1 004 000"))
    assert (finding.rule, finding.severity, finding.period) == (
        "official-series", Severity.WARNING, "2028")


def test_a_series_too_far_in_time_is_not_compared() -> None:
    assert run(fig(PE, "population", "28", "2020", "2 000 000")) == []


def text(body: str) -> Text:
    return Text(TextType.NEWS, "Actualité synthétique", body, "actualites")


def test_numbers_in_prose_match_the_figures_with_the_texts_rounding() -> None:
    figures = (fig("organismes-formation", "organismes", "28", "2029", "95"),
               fig("budgets-consolides", "depenses", "28", "2029", "337,2"))
    body = ("Le territoire compte 95 campus ; 17 nouveaux campus cette année. L'État engage "
            "337 millions d’euros, la Région 2,5 millions d'euros.")
    findings = run(*figures, texts=(text(body),))
    assert [f.printed for f in findings] == ["17 nouveaux campus", "2,5 millions d'euros"]
    assert all(f.rule == "prose-number" for f in findings)


def test_prose_about_figures_the_edition_does_not_print_is_not_checked() -> None:
    assert run(texts=(text("Il y a 12 campus et 4 millions d'euros."),)) == []


def test_quoted_numbers_read_french_numbers() -> None:
    terms = (ProseTerm("millions d'euros", (), "meur"),)
    [quoted] = quoted_numbers("un effort de 1 337,5 millions d’euros", terms)
    assert (quoted.value, quoted.tolerance) == (Decimal("1337.5"), Decimal("0.05"))
