"""The seed's real inconsistencies are found: REAL data, the Normandie monograph of May 2020
(data/editions/normandie/2020, Centre Inffo). Figures below are copied from its source.txt
(line numbers given) and the expected values are computed here from them, not taken from
the validation's output."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from monoreg import formatting as fr
from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.model import Edition, Evolution, Finding, Severity
from monoreg.validate import validate_edition

DATA = Path(__file__).resolve().parents[2] / "data"
HUNDRED = Decimal(100)


@cache
def normandie() -> tuple[Edition, list[Finding]]:
    dataset = load_data_dir(DATA)
    edition = next(e for e in dataset.editions if (e.region, e.year) == ("28", 2020))
    return edition, validate_edition(edition, dataset.catalog)


def found(rule: str, **about: str) -> list[Finding]:
    return [f for f in normandie()[1] if f.rule == rule
            and all(getattr(f, k) == v for k, v in about.items())]


def relative(base: str, current: str) -> str:
    change = (Decimal(current) - Decimal(base)) / Decimal(base) * HUNDRED
    return fr.evolution(change, Evolution.RELATIVE, 2)


def test_real_edition_is_not_synthetic() -> None:
    assert not normandie()[0].synthetic


def test_population_evolution_and_its_two_years() -> None:
    # line 114-118: 3 420 995 en 2017, 3 319 067 en 2019, printed -0.03%
    [mismatch] = found("evolution-mismatch", indicator="population_totale")
    assert mismatch.printed == "-0.03%"
    assert mismatch.expected == relative("3420995", "3319067")          # -2,98 %
    assert mismatch.severity is Severity.ERROR
    assert mismatch.location == "editions/normandie/2020/evolutions.csv, line 2"
    [gap] = found("period-n-minus-1", indicator="population_totale")
    assert gap.expected == "2018"


def test_unemployment_rate_evolution_in_points() -> None:
    # lines 177-186: 9% (T2 2018) -> 8,3% (T2 2019), printed "0,7 %"
    [finding] = found("rate-evolution-in-points", indicator="taux_chomage")
    assert finding.expected == fr.points(Decimal("8.3") - Decimal("9"))   # -0,7 pt


def test_consolidated_budget_2017_parts_and_2018_rounding() -> None:
    # line 728: 1 608,2 = 124,7 + 483,9 ? ; line 730: 1 700,1 = 1 169,3 + 530,7 ?
    [error] = found("parts-sum", indicator="depenses_region_totales_meur", period="2017")
    total = Decimal("124.7") + Decimal("483.9")
    assert error.severity is Severity.ERROR
    assert error.expected == f"{fr.number(total, 1)}\u00a0M€"
    [rounding] = found("parts-sum", indicator="depenses_region_totales_meur", period="2018")
    assert rounding.severity is Severity.INFO
    assert rounding.expected == f"{fr.number(Decimal('1169.3') + Decimal('530.7'), 1)}\u00a0M€"


def test_national_jobseekers() -> None:
    # key figures (line 74) 5 798 700 vs table (line 145) 578 700; "Moins de 25 ans" 7 282 019
    [twice] = found("same-figure-two-places", indicator="demandeurs_emploi_abc",
                    territory="FR")
    assert (twice.printed, twice.severity) == ("5 798 700", Severity.ERROR)
    assert found("part-exceeds-whole", indicator="demandeurs_emploi_abc_moins_25",
                 territory="FR")
    [ages] = found("parts-sum", indicator="demandeurs_emploi_abc", territory="FR")
    total = Decimal(7282019) + Decimal(3551400) + Decimal(1519100)
    assert ages.expected == fr.number(total)
    # the region's age groups add up: 42 340 + 164 950 + 68 860 = 276 150
    assert found("parts-sum", indicator="demandeurs_emploi_abc", territory="28") == []


def test_active_population_malformed_and_on_another_period() -> None:
    # line 126: "30 70 000" en 2019, against the region's 1 515 616 en 2015
    [malformed] = found("malformed-number", indicator="population_active", territory="FR")
    assert malformed.printed == "30 70 000"
    [period] = found("region-france-period", indicator="population_active")
    assert period.expected == "2015"
    assert found("region-share", indicator="population_active")
    assert found("region-france-period", indicator="population_active_16_25")


def test_organisations_evolution_missing_and_ungrouped() -> None:
    # lines 378-382: 2133 en 2016, 2144 en 2017, evolution printed "%"
    [missing] = found("evolution-missing", indicator="nombre_of")
    assert missing.printed == "%"
    assert missing.expected == relative("2133", "2144")                  # +0,52 %
    assert {f.printed for f in found("digit-grouping", indicator="nombre_of")} == {
        "2133", "2144"}


def test_budget_fpa_evolution_and_key_figures() -> None:
    # line 758-762: 283,8 M€ -> 247,9 M€, printed -12,72%
    [evolution] = found("evolution-mismatch", indicator="budget_fpa_regions_meur")
    assert evolution.expected == relative("283.8", "247.9")              # -12,65 %
    # key figures « BUDGET GLOBAL » 275,8 / 283,8 / 247,9: the FPA column, not the total
    globals_ = found("same-figure-two-places", indicator="depenses_region_totales_meur")
    assert sorted(f.period for f in globals_ if f.severity is Severity.ERROR) == [
        "2017", "2018", "2019"]
    assert all("formation professionnelle" in f.message for f in globals_)
    [fpa] = found("same-figure-two-places", indicator="budget_fpa_regions_meur",
                  territory="28")
    assert fpa.printed == "669"


def test_printed_form_of_budgets() -> None:
    assert found("malformed-number", printed="12 302,1")
    assert found("malformed-number", printed="993 520 495, 00")
    assert found("budget-balance") == []           # receipts = expenses, lines 802-806
    dots = {f.printed for f in found("decimal-separator", section="capacites-engagement")}
    assert {"-3.38%", "10.42%", "-3.3%"} <= dots
    assert found("evolution-sign", printed="10.42%")
    assert found("printed-precision", printed="-3.3%")
    assert found("printed-precision", printed="12 %")


def test_periods_of_the_seed() -> None:
    assert found("period-n-minus-1", indicator="effectif_apprentis")      # 2016/2017 -> 2018/2019
    assert {f.territory for f in found("stale-figure",
                                       indicator="part_emploi_secteur")} == {
        "28", "FR"}                                                       # « en 2015 »
    cfa = found("region-france-period", indicator="nombre_cfa", section="apprentissage")
    assert [f.expected for f in cfa] == ["2018"]
    assert found("region-france-unit", indicator="nombre_cfa", printed="936 CFA/SA")
    assert found("national-perimeter", indicator="depense_apprentissage_keur")
    taux = found("same-figure-two-places", indicator="taux_chomage")
    assert {(f.territory, f.severity) for f in taux} == {
        ("28", Severity.WARNING), ("FR", Severity.ERROR)}                 # T1 vs T2; 8,4 vs 8,5
    assert found("missing-period", indicator="taux_chomage_15_24")


def test_sectors_key_figures_against_the_table() -> None:
    # key figures (line 14) 12 425 900 persons T1; table (line 226) 12 465,5 thousands T2
    [jobs] = found("same-figure-two-places", indicator="emplois_tertiaire_marchand",
                   territory="FR")
    assert jobs.severity is Severity.ERROR
    assert "l'unité" in jobs.message and "la période" in jobs.message


def test_directory_and_guide() -> None:
    printed = {f.printed for f in found("phone-number")}
    assert {"05 55 79 36 000", "0 800 007 070 / 474"} <= printed
    assert [f.expected for f in found("phone-format", printed="0269 64 38 42")] == [
        "02 69 64 38 42"]
    assert [f.expected for f in found("web-address",
                                      printed="ww.orientation-formation-emploi.org")] == [
        "www.orientation-formation-emploi.org"]
    assert found("email-address", printed="contact@cap-métiers.pro")
    assert found("web-address", printed="www.atout-grh.cap-métiers.pro")
    acronyms = {f.printed for f in found("guide-acronym-undefined")}
    assert {"AFPA", "MDE", "SCUIO", "OPACIF", "CBC", "Agefiph", "FAFCEA", "Agefice",
            "Vivéa"} <= acronyms


def test_lists_match_their_counts() -> None:
    # « 7 POLES » (line 481) and seven pôles listed; « CINQ CAMPUS » (line 517) and five
    assert found("list-count") == []
