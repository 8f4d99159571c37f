"""Region against France, each rule with a failing and a passing SYNTHETIC edition."""

from __future__ import annotations

from decimal import Decimal

from validation_builders import edition, fig, run

from monoreg import formatting as fr
from monoreg.model import Severity
from monoreg.validate import ValidationSettings

PE, CC = "population-emploi", "chiffres-cles"
POPULATION = (fig(PE, "population", "28", "2029", "1 000 000"),
              fig(PE, "population", "FR", "2029", "20 000 000"))  # the region: 5 %


def test_region_exceeds_france() -> None:
    ed = edition(fig(PE, "demandeurs", "28", "2029-07", "1 200 000"),
                 fig(PE, "demandeurs", "FR", "2029-07", "1 000 000"))
    findings = run(ed, "region-exceeds-france")
    assert [(f.territory, f.severity) for f in findings] == [("28", Severity.ERROR)]


def test_region_below_france_in_another_unit() -> None:
    ed = edition(fig(CC, "emplois", "28", "2029-T2", "940,1"),                # thousands
                 fig(CC, "emplois", "FR", "2029-T2", "12 425 900", unit="persons"))
    assert run(ed, "region-exceeds-france") == []


def test_region_share_out_of_the_band() -> None:
    ed = edition(*POPULATION, fig(PE, "demandeurs", "28", "2029-07", "50 000"),
                 fig(PE, "demandeurs", "FR", "2029-07", "100 000"))
    findings = run(ed, "region-share")
    assert [(f.indicator, f.severity) for f in findings] == [("demandeurs", Severity.WARNING)]
    low, high = Decimal("0.05") * Decimal("40"), Decimal("0.05") * Decimal("250")
    assert findings[0].expected == f"une part entre {fr.percent(low, 2)} et " \
                                   f"{fr.percent(high, 2)}"


def test_region_share_plausible_and_band_as_setting() -> None:
    ed = edition(*POPULATION, fig(PE, "demandeurs", "28", "2029-07", "50 000"),
                 fig(PE, "demandeurs", "FR", "2029-07", "400 000"))   # 12,5 %: 2,5 times
    assert run(ed, "region-share") == []
    narrow = ValidationSettings(share_band=(Decimal("0.5"), Decimal("2")))
    assert len(run(ed, "region-share", settings=narrow)) == 1


def test_region_and_france_in_two_units() -> None:
    ed = edition(fig(CC, "emplois", "28", "2029-T1", "940,1"),
                 fig(CC, "emplois", "FR", "2029-T1", "12 425 900", unit="persons"))
    findings = run(ed, "region-france-unit")
    assert [(f.territory, f.expected) for f in findings] == [("FR", "milliers")]


def test_region_and_france_count_two_things() -> None:
    ed = edition(fig("apprentissage", "organismes", "28", "2029", "143", raw="143 CFA"),
                 fig("apprentissage", "organismes", "FR", "2029", "936", raw="936 CFA/SA"))
    findings = run(ed, "region-france-unit")
    assert [(f.printed, f.expected) for f in findings] == [("936 CFA/SA", "CFA")]


def test_region_and_france_in_one_unit() -> None:
    ed = edition(fig("apprentissage", "organismes", "28", "2029", "143", raw="143 CFA"),
                 fig("apprentissage", "organismes", "FR", "2029", "936", raw="936 CFA"))
    assert run(ed, "region-france-unit") == []


def test_national_figure_on_a_partial_perimeter() -> None:
    partial = fig("apprentissage", "organismes", "FR", "2029", "936",
                  perimeter="Hors Corse (SYNTHÉTIQUE)")
    assert [f.severity for f in run(edition(partial), "national-perimeter")] == [
        Severity.WARNING]
    whole = fig("apprentissage", "organismes", "FR", "2029", "936")
    assert run(edition(whole), "national-perimeter") == []
