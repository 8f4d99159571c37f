"""`edition new` on the SYNTHETIC data folder, and on a copy of the real bundled data."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from synthetic_editions import set_frequency

from monoreg.editions.scaffold import OBSERVATION_HEADER, scaffold_edition
from monoreg.errors import UsageError
from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.ingest.datafiles.edition_folder import OBSERVATION_COLUMNS, OBSERVATION_OPTIONAL
from monoreg.model import Edition, Observation, Status, parse_period

PROJECT_DATA = Path(__file__).resolve().parents[2] / "data"

NEWS = """\
  - type: actualite
    section: pric
    title: Actualité synthétique de 2029
    date: juin 2029
    body: Une nouvelle inventée.
"""


@pytest.fixture
def synthetic(data_dir: Path) -> Path:
    """The SYNTHETIC folder, with producer rhythms, a news text and a source.txt."""
    set_frequency(data_dir, {"taux_chomage": "quarterly", "demandeurs_emploi": "monthly",
                             "population_totale": "yearly"})
    base = data_dir / "editions" / "normandie" / "2030"
    with (base / "texts.yaml").open("a", encoding="utf-8") as texts:
        texts.write(NEWS)
    (base / "source.txt").write_text("SYNTHETIC extracted text\n", encoding="utf-8")
    return data_dir


def figures(edition: Edition) -> dict[tuple[str, str, str, str], Observation]:
    return {(o.place, o.indicator, o.territory, o.period.code): o for o in edition.observations}


def new_edition(data_dir: Path, year: int) -> Edition:
    return {e.year: e for e in load_data_dir(data_dir).editions}[year]


def test_header_is_the_loader_columns() -> None:
    assert set(OBSERVATION_HEADER) == OBSERVATION_COLUMNS | OBSERVATION_OPTIONAL


def test_scaffold_then_load(synthetic: Path) -> None:
    report = scaffold_edition(synthetic, "normandie", 2031)
    assert report.folder == synthetic / "editions" / "normandie" / "2031"
    assert (report.base_year, report.cutoff.code, report.published.code) == (
        2030, "2030-12", "2031-05")
    got = figures(new := new_edition(synthetic, 2031))
    # N becomes N-1 with its value and source; N is to fill, at the producer's next period
    carried = got[("population-emploi", "population_totale", "28", "2029")]
    assert (carried.value, carried.status, carried.source) == (
        Decimal("1010000"), Status.VALUE, "table-pop")
    assert carried.printed is None and carried.origin is None
    assert "Repris de l'édition 2030" in (carried.note or "")
    assert got[("population-emploi", "population_totale", "28", "2030")].status is Status.TO_FILL
    assert got[("population-emploi", "taux_chomage", "28", "2029-T2")].value == Decimal("7.5")
    assert got[("population-emploi", "taux_chomage", "28", "2030-T2")].status is Status.TO_FILL
    assert got[("population-emploi", "demandeurs_emploi", "28", "2030-07")].status \
        is Status.TO_FILL
    # a figure printed for one period only (France) is to fill at the next period
    assert got[("population-emploi", "taux_chomage", "FR-HM", "2030-T2")].status \
        is Status.TO_FILL
    # the 7 groups of the 2030 edition: 2 of two periods (N-1 carried, N to fill), 5 of one
    assert len(got) == 9 and (report.carried, report.to_fill) == (2, 7)
    # no producer rhythm in the catalogue: assumed yearly, and said so
    assert report.assumed_rhythm == ("budget_fpa", "demandeurs_emploi_moins_25")
    assert got[("autres-financeurs", "budget_fpa", "28", "2030")].status is Status.TO_FILL
    assert new.evolutions == ()


def test_carried_contact_has_its_verified_date(synthetic: Path) -> None:
    scaffold_edition(synthetic, "normandie", 2031)
    new = new_edition(synthetic, 2031)
    contact = new.contacts[0]
    assert (contact.person, contact.phone, contact.verified) == (
        "Jean TEST", "02 31 00 00 00", parse_period("mai 2030"))
    assert {i.verified for i in (*new.lists, *new.texts)} == {parse_period("mai 2030")}
    # news are of their year; the other texts, the directory and the guide are carried
    assert [t.title for t in new.texts] == ["Pacte synthétique"]
    assert new.directory and new.guide is not None
    folder = synthetic / "editions" / "normandie" / "2031"
    assert not (folder / "source.txt").exists()


def test_a_verified_date_already_given_is_kept(synthetic: Path) -> None:
    contacts = synthetic / "editions" / "normandie" / "2030" / "contacts.yaml"
    contacts.write_text(contacts.read_text(encoding="utf-8")
                        + "      verified: 2030-03-15\n", encoding="utf-8")
    scaffold_edition(synthetic, "normandie", 2031)
    assert new_edition(synthetic, 2031).contacts[0].verified == parse_period("15 mars 2030")


def test_refusals_change_nothing(synthetic: Path) -> None:
    editions = synthetic / "editions"
    before = sorted(p.relative_to(editions) for p in editions.rglob("*"))
    with pytest.raises(UsageError, match="aucune édition de Normandie antérieure à 2030"):
        scaffold_edition(synthetic, "normandie", 2030)
    with pytest.raises(UsageError, match="doit être postérieur"):
        scaffold_edition(synthetic, "28", 2031, cutoff=parse_period("juin 2029"))
    with pytest.raises(UsageError, match="région inconnue"):
        scaffold_edition(synthetic, "atlantide", 2031)
    assert sorted(p.relative_to(editions) for p in editions.rglob("*")) == before
    scaffold_edition(synthetic, "normandie", 2031)
    with pytest.raises(UsageError, match="existe déjà"):
        scaffold_edition(synthetic, "normandie", 2031)


def test_cutoff_option_moves_periods_by_the_producer_rhythm(synthetic: Path) -> None:
    report = scaffold_edition(synthetic, "normandie", 2031, cutoff=parse_period("mars 2031"))
    assert report.cutoff.code == "2031-03"
    got = figures(new_edition(synthetic, 2031))
    # 15 months later: quarterly T2 2029 -> T3 2030, monthly juillet 2029 -> octobre 2030
    assert ("population-emploi", "taux_chomage", "28", "2030-T3") in got
    assert ("population-emploi", "demandeurs_emploi", "28", "2030-10") in got


def test_real_bundled_data(tmp_path: Path) -> None:
    """The real Normandie May 2020 edition (data/, as printed) scaffolds a 2021 edition that
    loads: the 2017 -> 2019 gap of the print becomes N-1 2019, N 2020."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT_DATA, data)
    scaffold_edition(data, "normandie", 2021)
    new = new_edition(data, 2021)
    got = figures(new)
    assert got[("population-emploi", "population_totale", "28", "2019")].value \
        == Decimal("3319067")
    assert got[("population-emploi", "population_totale", "28", "2020")].status \
        is Status.TO_FILL
    assert ("population-emploi", "population_totale", "28", "2017") not in got
    assert got[("population-emploi", "taux_chomage", "28", "2020-T2")].status \
        is Status.TO_FILL
    assert got[("population-emploi", "taux_chomage", "28", "2019-T2")].value == Decimal("8.3")
    # "Non renseigné" stays missing when carried over, never 0
    assert got[("population-emploi", "taux_chomage_15_24", "28", "2019-T2")].status \
        is Status.MISSING
    assert all(c.verified == parse_period("mai 2020") for c in new.contacts)
