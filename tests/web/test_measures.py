"""Measures in the API, the portal, the downloads and the search, on the bundled REAL data
(Normandie, May 2020: data/editions/normandie/2020/measures.yaml, read from source.txt).
Expected titles are looked up in source.txt, never copied from the code under test."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PROJECT, make_app
from fastapi.testclient import TestClient
from openpyxl import load_workbook

SOURCE = (PROJECT / "data" / "editions" / "normandie" / "2020" / "source.txt").read_text(
    encoding="utf-8")


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = make_app(PROJECT / "data", tmp_path_factory.mktemp("measures-store"))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_jobseekers_measures_in_the_common_envelope(real: TestClient) -> None:
    body = real.get("/api/v1/measures", params={"public": "demandeurs-emploi",
                                                 "limit": 2}).json()
    assert set(body) >= {"items", "total", "limit", "offset", "next", "previous"}
    assert body["limit"] == 2 and body["offset"] == 0 and body["previous"] is None
    assert body["total"] > 2 and body["next"].endswith("offset=2")
    everything = real.get("/api/v1/measures", params={"public": "demandeurs-emploi",
                                                       "limit": 200}).json()
    titles = {m["title"] for m in everything["items"]}
    assert "« Plateaux Techniques »" in titles and "Aides à la mobilité" in titles
    assert all("demandeurs-emploi" in {p["id"] for p in m["publics"]}
               for m in everything["items"])
    second = real.get(body["next"]).json()
    assert second["previous"] is not None and second["offset"] == 2


@pytest.mark.parametrize(("params", "wanted"), [
    ({"domain": "illettrisme"}, "Cap Lire, Ecrire, Compter"),
    ({"framework": "spro"}, "La charte commune du service public"),
    ({"status": "annoncee", "public": "entreprises"}, "Job-Normandie"),
    ({"q": "illettrisme"}, "Cap Lire, Ecrire, Compter"),
    ({"q": "plateaux techniques", "region": "Normandie"}, "Plateaux Techniques"),
])
def test_filters_find_what_the_text_prints(real: TestClient, params: dict[str, str],
                                          wanted: str) -> None:
    assert wanted in SOURCE
    items = real.get("/api/v1/measures", params={**params, "limit": 200}).json()["items"]
    assert any(wanted in m["title"] for m in items), [m["title"] for m in items]


def test_bad_filters_are_french_400(real: TestClient) -> None:
    response = real.get("/api/v1/measures", params={"public": "martiens"})
    assert response.status_code == 400
    assert "public inconnu : « martiens »" in response.json()["error"]["message"]
    # A proposal is never published, so « proposee » is no filter value.
    assert real.get("/api/v1/measures", params={"status": "proposee"}).status_code == 400


def test_one_measure_with_its_money_and_origin_line(real: TestClient) -> None:
    body = real.get("/api/v1/measures/normandie/2020/bareme-remuneration-stagiaires").json()
    (amount,) = body["amounts"]
    assert (amount["value"], amount["unit"], amount["period"]) == (652, "eur", None)
    line = SOURCE.splitlines()[amount["origin"]["line"] - 1]
    assert "652 euros" in line
    assert body["text_url"].startswith("/regions/normandie/2020/textes/")
    assert real.get(body["text_url"]).status_code == 200
    assert real.get("/api/v1/measures/normandie/2020/inconnue").status_code == 404


def test_pages_list_filter_and_show_a_measure(real: TestClient) -> None:
    page = real.get("/mesures", params={"public": "demandeurs-emploi", "q": "mobilité"})
    assert page.status_code == 200
    assert "Aides à la mobilité" in page.text and "Job-Normandie" not in page.text
    one = real.get("/mesures/normandie/2020/aides-mobilite").text
    assert "jusqu’à 250 euros" in one and "Pour qui" in one and "Demandeurs d&#39;emploi" in one
    assert "ligne 1102" in one
    assert "Date non imprimée" in one  # the reform's date is not printed: none shown
    spro = real.get("/mesures/normandie/2020/charte-spro").text
    assert "Depuis le 1er septembre 2015" in spro
    cper = real.get("/api/v1/measures/normandie/2020/cper-basse-normandie-volet-emploi").json()
    assert cper["dates_label"] == "Depuis 2015, jusqu’en 2020"
    assert cper["cutoff_label"] == "décembre 2019"
    region = real.get("/regions/normandie").text
    assert 'href="/mesures/normandie/2020/job-normandie"' in region
    guide = real.get("/ou-s-adresser", params={"public": "demandeurs-d-emploi",
                                               "region": "normandie"}).text
    assert 'href="/mesures/normandie/2020/plateaux-techniques"' in guide
    assert 'href="/mesures/normandie/2020/job-normandie"' not in guide  # for companies


def test_downloads_carry_the_measures(real: TestClient) -> None:
    data = real.get("/regions/normandie/2020/donnees.json").json()
    assert any(m["id"] == "guichet-unique-region-pole-emploi"
               and m["territory"] == "Cotentin et Axe Seine" for m in data["measures"])
    rows = list(csv.DictReader(io.StringIO(
        real.get("/regions/normandie/2020/mesures.csv").content.decode("utf-8-sig")),
        delimiter=";"))
    assert len(rows) == len(data["measures"])
    assert {r["title"] for r in rows} == {m["title"] for m in data["measures"]}
    workbook = load_workbook(io.BytesIO(real.get("/regions/normandie/2020/donnees.xlsx")
                                        .content))
    sheet = workbook["Mesures"]
    assert sheet.max_row == len(rows) + 1


def test_search_finds_measures(real: TestClient) -> None:
    hits = real.get("/api/v1/search", params={"q": "Job-Normandie"}).json()["items"]
    measure_hits = [h for h in hits if h["kind"] == "measure"]
    assert measure_hits and measure_hits[0]["url"] == "/mesures/normandie/2020/job-normandie"
    assert real.get(measure_hits[0]["url"]).status_code == 200


def test_proposals_are_not_published(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(PROJECT / "data", data)
    path = data / "editions" / "normandie" / "2020" / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: job-normandie\n    title: « Job-Normandie »\n"
                                 "    kind: outil\n    framework: pric\n    status: annoncee",
                                 "  - id: job-normandie\n    title: « Job-Normandie »\n"
                                 "    kind: outil\n    framework: pric\n    status: proposee"),
                    encoding="utf-8")
    assert "status: proposee" in path.read_text(encoding="utf-8")
    with TestClient(make_app(data, tmp_path)) as client:
        assert client.get("/mesures/normandie/2020/job-normandie").status_code == 404
        items = client.get("/api/v1/measures", params={"limit": 200}).json()["items"]
        assert "job-normandie" not in {m["id"] for m in items}
        hits = client.get("/api/v1/search", params={"q": "Job-Normandie"}).json()["items"]
        assert not [h for h in hits if h["kind"] == "measure"]
        assert "job-normandie" not in client.get("/regions/normandie/2020/mesures.csv").text
