"""Sentences generated from figures, on SYNTHETIC indicators and figures built here.

Expected sentences are written by hand: the wording (verb by polarity, % or points by kind,
'est stable'), French number typography (narrow no-break spaces between digit groups,
no-break space before '%', ':' and 'point'), and the rule that a figure with an unaccepted
validation error gets no sentence.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from monoreg.derive.tables import indicator_rows
from monoreg.model import (
    Catalog,
    Edition,
    Evolution,
    EvolutionClaim,
    Finding,
    Indicator,
    IndicatorKind,
    Observation,
    Polarity,
    Provenance,
    Severity,
    Status,
    parse_period,
)
from monoreg.publish.findings import FindingIndex
from monoreg.publish.sentences import Subject, evolution_sentence, in_words

NN, NB = "\u202f", "\u00a0"   # narrow no-break space (digit groups), no-break space
PLACE = "population-emploi"

COUNT = Indicator(id="synth_count", label="Effectif synthétique", unit="persons",
                  kind=IndicatorKind.STOCK, evolution=Evolution.RELATIVE,
                  polarity=Polarity.UP_GOOD, decimals=0, definition="SYNTHETIC",
                  source=None, section=PLACE)
RATE = replace(COUNT, id="synth_rate", label="Taux synthétique", unit="percent",
               kind=IndicatorKind.RATE, evolution=Evolution.POINTS, polarity=Polarity.UP_BAD,
               decimals=1)


@pytest.fixture(scope="module")
def catalog(loaded) -> Catalog:  # type: ignore[no-untyped-def]
    """The real units and territories, with the SYNTHETIC indicators of this module."""
    return replace(loaded.catalog, indicators={})


def _obs(indicator: Indicator, territory: str, period: str, value: str | None,
         line: int) -> Observation:
    return Observation(indicator.id, territory, parse_period(period),
                       Decimal(value) if value is not None else None, indicator.unit,
                       Status.VALUE if value is not None else Status.MISSING, place=PLACE,
                       provenance=Provenance("observations.csv", line))


def _sentence(catalog: Catalog, indicator: Indicator, base: tuple[str, str | None],
              current: tuple[str, str | None], national: tuple[str, str, str] | None = None,
              subject: Subject | None = None, findings: tuple[Finding, ...] = (),
              claim: bool = False) -> str | None:
    observations = [_obs(indicator, "28", *base, line=10), _obs(indicator, "28", *current, 11)]
    if national:
        observations.append(_obs(indicator, national[0], national[1], national[2], 12))
    claims = ()
    if claim:
        claims = (EvolutionClaim(indicator.id, "28", parse_period(base[0]),
                                 parse_period(current[0]), "0,7 %", Decimal("0.7"), "percent",
                                 PLACE, provenance=Provenance("evolutions.csv", 2)),)
    edition = Edition(region="28", year=2030, published=parse_period("mai 2030"),
                      cutoff=parse_period("décembre 2029"), title="SYNTHÉTIQUE",
                      publisher="tests", observations=tuple(observations), evolutions=claims,
                      synthetic=True)
    catalog = replace(catalog, indicators={indicator.id: indicator})
    (row,) = indicator_rows(edition, catalog, PLACE)
    return evolution_sentence(row, catalog, FindingIndex(findings, edition), subject)


APPRENTIS = Subject("le nombre d’apprentis")


def test_rise_of_a_good_count_progresses_in_percent_with_france(catalog: Catalog) -> None:
    # (10 940 - 10 000) / 10 000 = 9,4 %
    assert _sentence(catalog, COUNT, ("2026/2027", "10000"), ("2028/2029", "10940"),
                     ("FR", "2028/2029", "400000"), APPRENTIS) == (
        f"Le nombre d’apprentis progresse de 9,4{NB}% entre 2026/2027 et 2028/2029, "
        f"passant de 10{NN}000 à 10{NN}940 (France{NB}: 400{NN}000 en 2028/2029).")


def test_wording_follows_polarity(catalog: Catalog) -> None:
    up, down = ("2028", "5000"), ("2029", "4900")   # -2 %
    assert " recule de 2,0" in _sentence(catalog, COUNT, up, down, subject=APPRENTIS)
    bad = replace(COUNT, polarity=Polarity.UP_BAD)
    assert " augmente de 2,0" in _sentence(catalog, bad, down, ("2030", "4998"),
                                           subject=APPRENTIS)
    assert " recule de 2,0" in _sentence(catalog, bad, up, down, subject=APPRENTIS)
    neutral = replace(COUNT, polarity=Polarity.NEUTRAL)
    assert " augmente de 2,0" in _sentence(catalog, neutral, down, ("2030", "4998"),
                                           subject=APPRENTIS)
    assert " diminue de 2,0" in _sentence(catalog, neutral, up, down, subject=APPRENTIS)


def test_a_rate_moves_in_points_between_quarters(catalog: Catalog) -> None:
    sentence = _sentence(catalog, RATE, ("2028-T2", "9.0"), ("2029-T2", "8.3"),
                         ("FR-HM", "2029-T2", "8.5"), Subject("le taux de chômage"))
    assert sentence == (
        f"Le taux de chômage recule de 0,7{NB}point entre le 2e trimestre 2028 et le "
        f"2e trimestre 2029, passant de 9,0{NB}% à 8,3{NB}% "
        f"(France hors Mayotte{NB}: 8,5{NB}% au 2e trimestre 2029).")
    rise = _sentence(catalog, RATE, ("2028-T2", "8.0"), ("2029-T2", "10.5"),
                     subject=Subject("le taux de chômage"))
    assert f"augmente de 2,5{NB}points" in rise


def test_no_change_at_the_printed_precision_is_stable(catalog: Catalog) -> None:
    assert _sentence(catalog, COUNT, ("2028-07", "25000"), ("2029-07", "25000"),
                     subject=APPRENTIS) == (
        f"Le nombre d’apprentis est stable entre juillet 2028 et juillet 2029, à 25{NN}000.")
    # +0,04 %: rounds to 0,0 % → stable, not 'progresse de 0,0 %'.
    assert " est stable " in _sentence(catalog, COUNT, ("2028", "25000"), ("2029", "25010"),
                                       subject=APPRENTIS)
    assert " sont stables " in _sentence(catalog, COUNT, ("2028", "1"), ("2029", "1"),
                                         subject=Subject("les dépenses", plural=True))


def test_plural_subject_and_nominal_form_without_wording(catalog: Catalog) -> None:
    assert " diminuent de " in _sentence(
        catalog, replace(COUNT, polarity=Polarity.NEUTRAL), ("2028", "100"), ("2029", "90"),
        subject=Subject("les dépenses", plural=True))
    assert _sentence(catalog, replace(COUNT, polarity=Polarity.NEUTRAL), ("2028", "100"),
                     ("2029", "110")) == (
        f"Effectif synthétique{NB}: hausse de 10,0{NB}% entre 2028 et 2029, passant de 100 "
        "à 110.")


def test_missing_figure_gives_no_sentence(catalog: Catalog) -> None:
    assert _sentence(catalog, RATE, ("2028-T2", "20"), ("2029-T2", None),
                     subject=Subject("le taux")) is None


def _finding(severity: Severity, line: int, accepted: str | None = None,
             file: str = "observations.csv") -> Finding:
    return Finding("synthetic-rule", severity, "Constat synthétique", section=PLACE,
                   location=str(Provenance(file, line)), accepted=accepted)


def test_an_error_on_a_figure_withholds_its_sentence(catalog: Catalog) -> None:
    figures = (("2028", "5000"), ("2029", "4900"))
    for line in (10, 11):   # the N-1 figure, the N figure
        assert _sentence(catalog, COUNT, *figures, subject=APPRENTIS,
                         findings=(_finding(Severity.ERROR, line),)) is None
    # A warning, or an error the editor accepted, do not.
    assert _sentence(catalog, COUNT, *figures, subject=APPRENTIS,
                     findings=(_finding(Severity.WARNING, 11),)) is not None
    assert _sentence(catalog, COUNT, *figures, subject=APPRENTIS,
                     findings=(_finding(Severity.ERROR, 11, "vérifié"),)) is not None


def test_an_error_on_the_printed_evolution_withholds_the_sentence(catalog: Catalog) -> None:
    # The print and the figures disagree: one of them is wrong, and nothing says which (the
    # Normandie population printed -0.03% over two figures giving -2,98 %: the 2017 figure
    # was the misprint). A sentence from the figures would state what may be false.
    arguments = (catalog, RATE, ("2028-T2", "9.0"), ("2029-T2", "8.3"))
    assert _sentence(*arguments, subject=Subject("le taux"), claim=True,
                     findings=(_finding(Severity.ERROR, 2, file="evolutions.csv"),)) is None
    clean = _sentence(*arguments, subject=Subject("le taux"), claim=True)
    assert clean is not None and f"recule de 0,7{NB}point" in clean


def test_an_error_on_the_national_figure_drops_only_the_comparison(catalog: Catalog) -> None:
    sentence = _sentence(catalog, COUNT, ("2028", "5000"), ("2029", "4900"),
                         ("FR", "2029", "100000"), APPRENTIS,
                         findings=(_finding(Severity.ERROR, 12),))
    assert sentence is not None and "France" not in sentence


def test_an_error_comparing_figures_withholds_the_sentences_of_each(catalog: Catalog) -> None:
    figures = (("2028", "5000"), ("2029", "4900"))
    # A sum that does not add up, reported on another figure (line 99) and naming ours.
    sum_error = replace(_finding(Severity.ERROR, 99),
                        related=(str(Provenance("observations.csv", 11)),))
    assert _sentence(catalog, COUNT, *figures, subject=APPRENTIS,
                     findings=(sum_error,)) is None
    # A printed evolution that its two figures contradict puts the row in question: the
    # sentence (an evolution of the row) is withheld.
    claim_error = replace(_finding(Severity.ERROR, 2, file="evolutions.csv"),
                          related=(str(Provenance("observations.csv", 10)),
                                   str(Provenance("observations.csv", 11))))
    assert _sentence(catalog, COUNT, *figures, subject=APPRENTIS, claim=True,
                     findings=(claim_error,)) is None


@pytest.mark.parametrize(("unit", "value", "expected"), [
    ("eur", "233361308", f"233,4{NB}millions d’euros"),
    ("keur", "124045", f"124,0{NB}millions d’euros"),
    ("keur", "1574811", f"1,6{NB}milliard d’euros"),
    ("meur", "2538.0", f"2,5{NB}milliards d’euros"),
    ("eur", "850", f"850{NB}euros"),
])
def test_sentences_say_amounts_of_money_in_words(catalog: Catalog, unit: str, value: str,
                                                 expected: str) -> None:
    """« 233,4 millions d’euros », never « 233 361 308 € » nor « 124 045 k€ »."""
    money = replace(COUNT, id="synth_money", unit=unit, kind=IndicatorKind.AMOUNT)
    with_money = replace(catalog, indicators={"synth_money": money})
    assert in_words(_obs(money, "28", "2019", value, 1), with_money) == expected
