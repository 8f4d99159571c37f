"""Period rules, each with a failing and a passing SYNTHETIC edition."""

from __future__ import annotations

from validation_builders import edition, evo, fig, run

from monoreg.model import Severity
from monoreg.validate import ValidationSettings

PE = "population-emploi"


def two_years(base: str, current: str) -> object:
    return edition(fig(PE, "population", "28", base, "1 000 000"),
                   fig(PE, "population", "28", current, "1 010 000"),
                   evolutions=(evo(PE, "population", base, current, "+1,00 %"),))


def test_n_minus_1_two_years_before_n() -> None:
    findings = run(two_years("2027", "2029"), "period-n-minus-1")
    assert [(f.severity, f.printed, f.expected) for f in findings] == [
        (Severity.WARNING, "2027 → 2029", "2028")]
    assert "2\u00a0ans d'écart" in findings[0].message


def test_n_minus_1_is_one_year_before_whatever_the_period() -> None:
    assert run(two_years("2028", "2029"), "period-n-minus-1") == []
    assert run(two_years("2028-T2", "2029-T2"), "period-n-minus-1") == []
    assert run(two_years("juillet 2028", "juillet 2029"), "period-n-minus-1") == []
    assert len(run(two_years("2029-T1", "2029-T2"), "period-n-minus-1")) == 1


def region_and_france(region: str, france: str) -> object:
    return edition(fig(PE, "actifs", "28", region, "450 000"),
                   fig(PE, "actifs", "FR", france, "9 000 000"))


def test_region_and_france_on_different_periods() -> None:
    findings = run(region_and_france("2025", "2029"), "region-france-period")
    assert [(f.territory, f.severity, f.expected) for f in findings] == [
        ("FR", Severity.WARNING, "2025")]
    school_year = run(region_and_france("2028", "2028/2029"), "region-france-period")
    assert [f.severity for f in school_year] == [Severity.WARNING]


def test_region_and_france_on_one_period() -> None:
    assert run(region_and_france("2029", "2029"), "region-france-period") == []
    # a date of the region's year is only worth an information
    dated = run(region_and_france("2029", "1er janvier 2029"), "region-france-period")
    assert [f.severity for f in dated] == [Severity.INFO]


def test_figure_after_the_cutoff() -> None:
    after = run(edition(fig(PE, "actifs", "28", "2030", "450 000")), "period-after-cutoff")
    assert [(f.severity, f.expected) for f in after] == [
        (Severity.ERROR, "décembre 2029 au plus tard")]
    partly = run(edition(fig("apprentissage", "actifs", "28", "2029/2030", "4 500")),
                 "period-after-cutoff")
    assert [f.severity for f in partly] == [Severity.WARNING]


def test_figure_before_the_cutoff() -> None:
    assert run(edition(fig(PE, "actifs", "28", "décembre 2029", "450 000")),
               "period-after-cutoff") == []


def test_stale_figure() -> None:
    findings = run(edition(fig(PE, "actifs", "28", "2024", "440 000"),
                           fig(PE, "actifs", "28", "2025", "450 000")), "stale-figure")
    # only the latest figure (N) is judged: 48 months before the cut-off
    assert [(f.period, f.severity) for f in findings] == [("2025", Severity.WARNING)]
    assert "48 mois avant" in findings[0].message


def test_recent_figure_and_threshold() -> None:
    ed = edition(fig(PE, "actifs", "28", "2027", "450 000"))  # 24 months
    assert run(ed, "stale-figure") == []
    assert len(run(ed, "stale-figure", settings=ValidationSettings(stale_after_months=12))) == 1
