"""The portal's pages (server-rendered HTML), on the SYNTHETIC data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from monoreg.web import services

PAGES = ["/", "/regions/normandie", "/regions/bretagne", "/indicateurs",
         "/indicateurs/population_totale", "/indicateurs/taux_chomage",
         "/regions/normandie/indicateurs/taux_chomage", "/recherche",
         "/recherche?q=formations", "/annuaire", "/annuaire?region=normandie",
         "/ou-s-adresser", "/ou-s-adresser?public=jeunes&region=normandie",
         "/regions/normandie/2030/validation", "/regions/normandie/2030/textes/1"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_french_and_carry_no_inline_script_or_style(client: TestClient,
                                                              path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    html = response.text
    assert '<html lang="fr">' in html
    assert "<script" not in html and "<style" not in html
    assert not re.search(r"<[a-zA-Z][^>]*\s(?:on\w+|style)\s*=", html)
    assert "cdn" not in html.lower() and "googleapis" not in html


def test_region_by_code_redirects_to_its_slug(client: TestClient) -> None:
    response = client.get("/regions/28", follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == "/regions/normandie"


def test_region_page_shows_figures_validation_and_downloads(client: TestClient) -> None:
    html = client.get("/regions/normandie").text
    assert "1\u202f010\u202f000" in html and "non renseigné" in html
    assert 'href="/regions/normandie/2030/validation"' in html
    assert "pas encore construite" in html  # no PDF built in this test store
    for fmt, media in (("csv", "text/csv"), ("json", "application/json"),
                       ("xlsx", "application/vnd.openxmlformats")):
        assert f'href="/regions/normandie/2030/donnees.{fmt}"' in html
        download = client.get(f"/regions/normandie/2030/donnees.{fmt}")
        assert download.headers["content-type"].startswith(media)
        assert download.headers["content-disposition"] == (
            f'attachment; filename="monoreg-normandie-2030.{fmt}"')


def test_a_built_pdf_is_served_and_linked(client: TestClient, web_root: Path) -> None:
    assert client.get("/regions/normandie/2030/monographie.pdf").status_code == 404
    pdf = web_root / "build" / "normandie" / "2030" / "normandie-2030.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF-1.4 SYNTHETIC placeholder\n")
    try:
        response = client.get("/regions/normandie/2030/monographie.pdf")
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        assert 'href="/regions/normandie/2030/monographie.pdf"' in client.get(
            "/regions/normandie").text
    finally:
        pdf.unlink()


def test_text_from_the_data_is_escaped(client: TestClient) -> None:
    html = client.get("/recherche", params={"q": "piégée"}).text
    assert "&lt;script&gt;alert(" in html and "<script>alert" not in html
    page = client.get("/regions/normandie/2030/textes/2").text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img src=x" not in page


def test_search_page_highlights_matches(client: TestClient) -> None:
    html = client.get("/recherche", params={"q": "formation", "type": "pric",
                                            "annee": "2029"}).text
    assert "<mark>formations</mark>" in html
    assert "1 résultat(s)" in html


@pytest.mark.parametrize("path,status", [
    ("/regions/atlantide", 404), ("/regions/normandie/1999/validation", 404),
    ("/regions/normandie/2030/textes/99", 404), ("/regions/normandie/2030/donnees.exe", 404),
    ("/indicateurs/nope", 404), ("/recherche?q=x&annee=demain", 400),
    ("/regions/normandie?edition=abc", 422),
])
def test_errors_are_french_pages(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="fr">' in response.text


@pytest.mark.parametrize("path", ["/static/../web/app.py", "/static/%2e%2e/app.py",
                                  "/static/%2e%2e%2f%2e%2e%2fsettings.py",
                                  "/regions/normandie/2030/donnees.%2e%2e%2fapp.py"])
def test_no_path_traversal(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "def create_app" not in response.text and "class Settings" not in response.text


def test_a_bug_is_a_500_without_traceback(client: TestClient,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(services, "indicators", broken)
    # distinct URLs, so that no cached answer hides the bug (the API refuses unknown
    # parameters: a real one varies)
    for path in ("/indicateurs?bug=1", "/api/v1/indicators?limit=99"):
        response = client.get(path)
        assert response.status_code == 500
        assert "secret internal detail" not in response.text
        assert "Traceback" not in response.text
        assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/v1/indicators?limit=98").json()["error"]["type"] == "internal_error"
