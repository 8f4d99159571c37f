"""The API over HTTP (httpx against a live server on loopback), on the SYNTHETIC data."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from monoreg.publish.exports import CSV_COLUMNS


@pytest.fixture(scope="module")
def api(live_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_url, timeout=10) as http:
        yield http


def _error(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status and body["error"]["message"]
    return body["error"]


def test_regions_list_the_18_regions_with_their_editions(api: httpx.Client) -> None:
    regions = api.get("/api/v1/regions").json()["items"]
    assert len(regions) == 18
    normandie = next(r for r in regions if r["code"] == "28")
    assert normandie["slug"] == "normandie" and normandie["editions"] == [2030]
    assert normandie["url"] == "/regions/normandie"


@pytest.mark.parametrize("name", ["28", "Normandie", "NORMANDIE", "normandie"])
def test_a_region_is_found_by_code_name_or_slug(api: httpx.Client, name: str) -> None:
    page = api.get(f"/api/v1/regions/{name}").json()
    assert page["region"]["code"] == "28"
    assert page["edition"]["id"] == "28-2030" and page["edition"]["synthetic"] is True


def test_accents_do_not_matter_in_region_names(api: httpx.Client) -> None:
    assert api.get("/api/v1/regions/ile-de-france").json()["region"]["code"] == "11"
    assert api.get("/api/v1/regions/Île-de-France").json()["region"]["code"] == "11"


def test_an_unknown_region_is_a_404_json_error(api: httpx.Client) -> None:
    error = _error(api.get("/api/v1/regions/atlantide"), 404)
    assert "atlantide" in str(error["message"])


def test_region_page_gives_key_figures_with_french_text(api: httpx.Client) -> None:
    page = api.get("/api/v1/regions/normandie").json()
    rows = {r["indicator"]: r for s in page["sections"] for r in s["rows"]}
    population = rows["population_totale"]
    assert population["current"]["value"] == 1010000
    assert population["current"]["text"] == "1\u202f010\u202f000"
    assert population["base"]["period"] == "2028"
    assert population["evolution"] == "+1,00\u00a0%"   # (1 010 000 - 1 000 000) / 1 000 000
    assert population["evolution_printed"] == "+1,00 %"
    rate = rows["taux_chomage"]
    assert rate["evolution"] == "-0,5\u00a0pt"
    # "Non renseigné" stays missing, never 0.
    assert rate["national"]["value"] is None and rate["national"]["status"] == "non-renseigne"
    assert {d["format"] for d in page["downloads"]} == {"pdf", "csv", "json", "xlsx"}


def test_indicators_carry_their_metadata(api: httpx.Client) -> None:
    indicators = {i["id"]: i for i in api.get("/api/v1/indicators").json()["items"]}
    rate = indicators["taux_chomage"]
    assert rate["unit"] == {"code": "percent", "symbol": "%", "label": rate["unit"]["label"]}
    assert rate["polarity"] == "up_bad" and rate["kind"] == "rate"
    assert rate["definition"] == "Indicateur synthétique de test."
    assert indicators["population_totale"]["source"]["id"] == "synth"


def test_observations_filter_by_region_indicator_and_period(api: httpx.Client) -> None:
    page = api.get("/api/v1/observations", params={
        "region": "Normandie", "indicator": "population_totale"}).json()
    assert [i["period"] for i in page["items"]] == ["2028", "2029", "2029-01-01"]
    assert page["total"] == 3 and page["next"] is None
    exact = api.get("/api/v1/observations", params={
        "region": "28", "indicator": "population_totale", "period": "en 2029"}).json()
    assert [i["value"] for i in exact["items"]] == [1010000]
    recent = api.get("/api/v1/observations", params={
        "region": "28", "indicator": "population_totale", "period_from": "2029"}).json()
    assert recent["total"] == 2


def test_observations_paginate_with_a_next_link(api: httpx.Client) -> None:
    first = api.get("/api/v1/observations", params={"region": "28", "limit": 2}).json()
    assert len(first["items"]) == 2 and first["total"] > 2
    second = api.get(first["next"]).json()
    assert second["offset"] == 2
    assert second["items"][0] != first["items"][0]


@pytest.mark.parametrize("accept,params", [("text/csv", {}), ("*/*", {"format": "csv"})])
def test_observations_as_csv(api: httpx.Client, accept: str, params: dict[str, str]) -> None:
    response = api.get("/api/v1/observations", headers={"Accept": accept},
                       params={"region": "28", **params})
    assert response.headers["content-type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert text[1:].splitlines()[0].split(";") == list(CSV_COLUMNS)


@pytest.mark.parametrize("params,status", [
    ({"limit": 0}, 422), ({"limit": 100000}, 422), ({"offset": -1}, 422),
    ({"limit": "beaucoup"}, 422), ({"period": "l'an dernier"}, 400),
    ({"indicator": "nope"}, 404), ({"region": "nulle-part"}, 404), ({"format": "xml"}, 422),
])
def test_malformed_queries_are_4xx_json_errors(api: httpx.Client, params: dict[str, object],
                                                status: int) -> None:
    _error(api.get("/api/v1/observations", params=params), status)


def test_comparison_ranks_regions_at_one_period(api: httpx.Client) -> None:
    view = api.get("/api/v1/indicators/population_totale").json()
    # Two regions have the SYNTHETIC series "au 1er janvier 2029".
    assert view["period"] == "2029-01-01"
    ranked = [(r["rank"], r["region"]["code"]) for r in view["rows"] if r["rank"]]
    assert ranked == [(1, "28"), (2, "53")]
    assert len(view["missing"]) == 16


def test_etag_gives_304_and_cache_headers(api: httpx.Client) -> None:
    first = api.get("/api/v1/indicators")
    assert "max-age" in first.headers["cache-control"]
    again = api.get("/api/v1/indicators", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_search_is_stemmed_accent_insensitive_and_highlighted(api: httpx.Client) -> None:
    result = api.get("/api/v1/search", params={"q": "FORMATION synthetique"}).json()
    titles = ["".join(p["text"] for p in h["title"]) for h in result["items"]]
    assert "Pacte synthétique" in titles
    hit = result["items"][titles.index("Pacte synthétique")]
    assert {p["text"] for p in hit["snippet"] if p["match"]} == {"synthétique", "formations"}
    assert hit["url"] == "/regions/normandie/2030/textes/1"
    filtered = api.get("/api/v1/search", params={"q": "formations", "type": "cper"}).json()
    assert filtered["total"] == 0


def test_search_pages_link_to_the_api_not_to_the_page(api: httpx.Client) -> None:
    first = api.get("/api/v1/search", params={"q": "synthetique", "limit": 1,
                                              "year": 2030}).json()
    assert first["total"] > 1
    assert first["next"].startswith("/api/v1/search?") and "year=2030" in first["next"]
    second = api.get(first["next"]).json()
    assert second["offset"] == 1 and second["previous"].startswith("/api/v1/search?")


@pytest.mark.parametrize("params,status", [
    ({}, 422), ({"q": ""}, 422), ({"q": "de la"}, 400), ({"q": "x", "type": "roman"}, 400),
    ({"q": "x", "year": "deux"}, 422), ({"q": "x" * 300}, 422),
])
def test_bad_searches_are_4xx(api: httpx.Client, params: dict[str, str], status: int) -> None:
    _error(api.get("/api/v1/search", params=params), status)


def test_directory_gives_tel_links(api: httpx.Client) -> None:
    view = api.get("/api/v1/directory", params={"region": "normandie"}).json()
    contact = view["contacts"][0]
    assert contact["person"] == "Jean TEST"
    assert contact["phones"][0] == {"text": "02 31 00 00 00", "tel": "tel:+33231000000",
                                    "label": None}
    assert view["carif_oref"][0]["websites"][0]["href"] == "https://www.example.org"
    assert api.get("/api/v1/directory", params={"q": "personne"}).json()["contacts"] == []


def test_guide_explains_acronyms_and_gives_the_carif_oref(api: httpx.Client) -> None:
    view = api.get("/api/v1/guide", params={"public": "Jeunes", "region": "28"}).json()
    structures = view["needs"][0]["structures"]
    assert structures[0]["acronyms"] == [{"acronym": "ML", "definition": "Mission locale"}]
    assert view["carif_oref"][0]["organisation"] == "Carif-Oref synthétique"
    _error(api.get("/api/v1/guide", params={"public": "martiens"}), 404)


def test_validation_report_of_an_edition(api: httpx.Client) -> None:
    report = api.get("/api/v1/editions/normandie/2030/validation").json()
    status = report["status"]
    assert status["errors"] == sum(f["severity"] == "error" and not f["accepted"]
                                   for f in report["findings"])
    _error(api.get("/api/v1/editions/normandie/1999/validation"), 404)


def test_security_headers_on_pages_and_api(api: httpx.Client) -> None:
    for path in ("/", "/api/v1/regions", "/static/portal.css", "/nope"):
        headers = api.get(path).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_request_bodies_are_bounded(api: httpx.Client) -> None:
    _error(api.post("/api/v1/admin/reload", content=b"x" * 200_000), 413)


def test_reload_needs_the_admin_token(api: httpx.Client, admin_token: str) -> None:
    _error(api.post("/api/v1/admin/reload"), 401)
    _error(api.post("/api/v1/admin/reload", headers={"Authorization": "Bearer wrong"}), 401)
    # the right token without its scheme, or under another scheme, is refused too
    _error(api.post("/api/v1/admin/reload", headers={"Authorization": admin_token}), 401)
    _error(api.post("/api/v1/admin/reload", headers={"Authorization": f"Basic {admin_token}"}),
           401)
    _error(api.get("/api/v1/admin/reload"), 405)
    ok = api.post("/api/v1/admin/reload", headers={"Authorization": f"Bearer {admin_token}"})
    assert ok.status_code == 200 and ok.json()["editions"] == 1


def test_openapi_documents_the_contract(api: httpx.Client) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/api/v1/regions", "/api/v1/indicators", "/api/v1/observations",
                 "/api/v1/search"):
        assert path in paths
    assert not any(p.startswith("/regions") for p in paths)  # pages are not the API
