"""The regions-sum rule on SYNTHETIC editions and series: invented figures for several
regions (no figure here is real)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from synthetic import write_data_dir

from monoreg.metadata.reference import load_catalog
from monoreg.model import Catalog, Edition, Observation, Provenance, Status, parse_period
from monoreg.validate import validate_edition
from monoreg.validate.rules.regions_sum import Tolerance, perimeter_regions, regions_sum_findings

PERIOD = parse_period("2029")


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_catalog(write_data_dir(tmp_path_factory.mktemp("synthetic")))


def figure(territory: str, value: str | None, indicator: str = "population_totale",
           unit: str = "persons") -> Observation:
    return Observation(indicator, territory, PERIOD, None if value is None else Decimal(value),
                       unit, Status.VALUE if value is not None else Status.MISSING,
                       source="synth", place="population-emploi",
                       provenance=Provenance(f"synthetic/{territory}.csv", 1))


def edition(region: str, *figures: Observation) -> Edition:
    return Edition(region, 2030, parse_period("mai 2030"), parse_period("décembre 2029"),
                   "SYNTHÉTIQUE", "tests", observations=figures, synthetic=True)


def metropolitan(catalog: Catalog) -> dict[str, int]:
    """SYNTHETIC populations: 100 000 + 1 000 × rank for each metropolitan region."""
    codes = [r.code for r in perimeter_regions("FR-MET", catalog)]
    return {code: 100_000 + 1_000 * i for i, code in enumerate(codes)}


def editions(catalog: Catalog, national: str, values: dict[str, int]
             ) -> tuple[Edition, tuple[Edition, ...]]:
    """Normandie's edition prints its figure and the national one; the others theirs."""
    normandie = edition("28", figure("28", str(values["28"])), figure("FR-MET", national))
    others = tuple(edition(code, figure(code, str(v))) for code, v in values.items()
                   if code != "28")
    return normandie, others


def test_perimeters(catalog: Catalog) -> None:
    assert len(perimeter_regions("FR", catalog)) == 18
    assert len(perimeter_regions("FR-HM", catalog)) == 17
    assert len(perimeter_regions("FR-MET", catalog)) == 13


def test_sum_equal_to_the_national_figure_passes(catalog: Catalog) -> None:
    values = metropolitan(catalog)
    normandie, others = editions(catalog, str(sum(values.values())), values)
    assert validate_edition(normandie, catalog, others=others, only=["regions-sum"]) == []


def test_sum_off_by_two_percent_is_reported(catalog: Catalog) -> None:
    values = metropolitan(catalog)
    total = sum(values.values())                       # 1 378 000
    national = total * 100 // 98                       # the sum is 2 % short of it
    normandie, others = editions(catalog, str(national), values)
    findings = validate_edition(normandie, catalog, others=others, only=["regions-sum"])
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.rule, finding.severity.value, finding.territory, finding.period) == (
        "regions-sum", "warning", "FR-MET", "2029")
    assert finding.location == "synthetic/FR-MET.csv, line 1"
    assert len(finding.related) == 13 and "synthetic/94.csv, line 1" in finding.related
    assert "13 régions métropolitaines" in finding.message
    assert finding.expected == "1\u202f378\u202f000"
    assert "-2,00\u00a0%" in finding.message


def test_within_tolerance_and_custom_tolerance(catalog: Catalog) -> None:
    values = metropolitan(catalog)
    national = sum(values.values()) + 5_000            # 0,36 %: within 0,5 %
    normandie, others = editions(catalog, str(national), values)
    assert list(regions_sum_findings(normandie, catalog, others)) == []
    strict = Tolerance(relative=Decimal("0.001"))
    assert len(list(regions_sum_findings(normandie, catalog, others, tolerance=strict))) == 1


def test_a_missing_region_means_nothing_can_be_said(catalog: Catalog) -> None:
    values = metropolitan(catalog)
    normandie, others = editions(catalog, "1", values)  # absurd national figure
    assert len(list(regions_sum_findings(normandie, catalog, others))) == 1
    # Corse's edition prints "Non renseigné": missing, not 0, so no sum can be made
    others = tuple(edition("94", figure("94", None)) if e.region == "94" else e for e in others)
    assert list(regions_sum_findings(normandie, catalog, others)) == []


def test_rates_are_not_added(catalog: Catalog) -> None:
    codes = [r.code for r in perimeter_regions("FR-MET", catalog)]
    rate = {code: figure(code, "8.0", "taux_chomage", "percent") for code in codes}
    normandie = edition("28", rate["28"], figure("FR-MET", "50.0", "taux_chomage", "percent"))
    others = tuple(edition(code, rate[code]) for code in codes if code != "28")
    assert list(regions_sum_findings(normandie, catalog, others)) == []


def test_regions_and_france_from_series(catalog: Catalog) -> None:
    """All 18 regions and France from (SYNTHETIC) official series; the edition prints only
    its region's figure: the finding points at it."""
    codes = [r.code for r in perimeter_regions("FR", catalog)]
    series = tuple(figure(code, "1000", unit="thousands") for code in codes)
    france = figure("FR", "18900", unit="thousands")   # the 18 regions add up to 18 000
    normandie = edition("28", figure("28", "1000000"))
    findings = list(regions_sum_findings(normandie, catalog, (), (*series, france)))
    assert [(f.territory, f.location) for f in findings] == [
        ("FR", "synthetic/28.csv, line 1")]
    assert list(regions_sum_findings(normandie, catalog, (),
                                     (*series, figure("FR", "18000", unit="thousands")))) == []
