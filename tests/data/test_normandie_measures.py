"""The Normandie 2020 policy measures (measures.yaml) checked against the seed text.

Real data: Centre Inffo, Normandie monograph, May 2020 (source.txt is its PDF text). The
expected words, amounts and dates are looked up in source.txt by the test.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from monoreg.errors import InputError
from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.model import Dataset, Edition, Framework, MeasureStatus
from monoreg.store.repository import Store
from monoreg.store.search import SearchIndex, SearchQuery

DATA = Path(__file__).resolve().parents[2] / "data"
FOLDER = Path("editions") / "normandie" / "2020"
SOURCE = DATA / FOLDER / "source.txt"


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " ")).strip()


@pytest.fixture(scope="module")
def seed() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").splitlines()


def _near(seed: list[str], line: int, before: int = 0, after: int = 3) -> str:
    return _collapse(" ".join(seed[line - 1 - before:line - 1 + after]))


@pytest.mark.parametrize("printed", [
    "Une formation, Un Emploi", "Cap Lire, Ecrire, Compter", "Plateaux Techniques",
    "guichet unique", "Formation en Situation de Travail", "Job-Normandie", "Outil Prospectif",
    "Forem", "Qualif", "#Avenir", "charte commune", "Appel à Projets Formations Qualifiantes"])
def test_the_measures_the_texts_name_are_entered_on_their_line(
        edition: Edition, seed: list[str], printed: str) -> None:
    found = [m for m in edition.measures if printed.lower() in m.title.lower()]
    assert found, f"no measure titled with « {printed} »"
    for measure in found:
        assert measure.origin is not None
        assert printed.lower() in _near(seed, measure.origin.line).lower(), measure.id


def test_every_measure_has_its_origin_text_and_source(edition: Edition) -> None:
    titles = {t.title: t for t in edition.texts}
    for measure in edition.measures:
        assert measure.origin is not None and measure.origin.file.endswith("source.txt")
        assert measure.text in titles
        assert measure.section == titles[measure.text].section
        assert measure.source, measure.id
        assert measure.provenance is not None and measure.provenance.line


def test_amounts_are_printed_on_their_line(edition: Edition, seed: list[str]) -> None:
    amounts = [(m, a) for m in edition.measures for a in m.amounts]
    assert len(amounts) >= 6
    for measure, amount in amounts:
        assert amount.origin is not None, measure.id
        around = _near(seed, amount.origin.line, before=0, after=2)
        figure = re.search(r"\d[\d ]*", amount.printed)
        assert figure is not None and figure.group().strip() in around, measure.id
        assert amount.source, measure.id


def test_remuneration_reform_as_printed(edition: Edition, seed: list[str]) -> None:
    by_id = {m.id: m for m in edition.measures}
    line = _collapse(seed[by_id["bareme-remuneration-stagiaires"].amounts[0].origin.line - 1])  # type: ignore[union-attr]
    assert "minimum de 652 euros" in line and "jusqu’à 250 euros" in line
    assert by_id["bareme-remuneration-stagiaires"].amounts[0].value == 652
    assert by_id["aides-mobilite"].amounts[0].value == 250
    # Neither period nor start is printed for the reform: they stay empty.
    assert by_id["bareme-remuneration-stagiaires"].amounts[0].period is None
    assert by_id["bareme-remuneration-stagiaires"].start is None


def test_dates_are_the_printed_ones(edition: Edition, seed: list[str]) -> None:
    by_id = {m.id: m for m in edition.measures}
    spro = by_id["charte-spro"]
    assert spro.start is not None and spro.framework is Framework.SPRO
    assert "signée le 1er septembre 2015" in _near(seed, spro.origin.line)  # type: ignore[union-attr]
    assert spro.start.code == "2015-09-01"
    avenir = by_id["avenir"]
    assert avenir.start is not None and avenir.start.code == "2020-01-01"
    assert "à compter du 1er janvier 2020" in _near(seed, avenir.origin.line, after=6)  # type: ignore[union-attr]
    # Announced after the cutoff: normal for an announcement.
    assert avenir.status is MeasureStatus.ANNOUNCED
    territories = {m.territory for m in edition.measures if m.territory}
    assert "Cotentin et Axe Seine" in territories


def test_five_cprdfop_orientations(edition: Edition, seed: list[str]) -> None:
    printed = re.search(r"définir (\d) orientations majeures", _collapse(" ".join(seed)))
    assert printed is not None
    orientations = [m for m in edition.measures
                    if m.framework is Framework.CPRDFOP and m.kind.value == "orientation"]
    assert len(orientations) == int(printed.group(1))


def test_publics_map_to_the_guide(dataset: Dataset, edition: Edition) -> None:
    publics = dataset.catalog.publics
    guide_ids = {p.id for p in edition.guide.publics}  # type: ignore[union-attr]
    for code in publics.values():
        assert set(code.guide_publics) <= guide_ids, code.id
    jobseekers = {m.id for m in edition.measures if "demandeurs-emploi" in m.publics}
    assert {"plateaux-techniques", "une-formation-un-emploi", "aides-mobilite"} <= jobseekers


def test_measures_round_trip_through_the_store(store: Store, dataset: Dataset,
                                               edition: Edition) -> None:
    store.load_dataset(dataset)
    stored = store.edition("28", 2020)
    assert stored.measures == edition.measures
    assert store.catalog().publics == dataset.catalog.publics
    # The search index holds them, stemmed in French on both backends.
    hits = SearchIndex(store.engine).search(SearchQuery(text="plateau technique")).hits
    assert [h.position for h in hits if h.kind == "measure"] == [
        n for n, m in enumerate(edition.measures) if m.id == "plateaux-techniques"]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.mark.parametrize(("old", "new", "reason", "field"), [
    ("    kind: outil\n", "    kind: logiciel\n", "« logiciel » n'est pas l'une des", "kind"),
    ("publics: [entreprises]", "publics: [patrons]", "public inconnu « patrons »", "publics"),
    ("    text: SPRO\n", "    text: SPROUT\n", "texte inconnu « SPROUT »", "text"),
    ("    start: 1er janvier 2020\n", "    start: bientôt\n", "bientôt", "start"),
    ("        unit: meur\n", "        unit: dollars\n", "unité inconnue « dollars »", "unit"),
    ("  - id: qualif\n", "  - id: forem\n", "mesure « forem » donnée deux fois", "id"),
])
def test_bad_measures_are_named_in_french(copy: Path, old: str, new: str, reason: str,
                                         field: str) -> None:
    path = copy / FOLDER / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_data_dir(copy)
    message = str(caught.value)
    assert "measures.yaml" in message and "ligne" in message and reason in message
    assert field in message
