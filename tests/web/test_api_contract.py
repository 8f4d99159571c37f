"""The API's contract for analysts (issue 14), over HTTP on loopback: every CSV row, the
French and plain CSV dialects, one envelope for every list, typed sources, CORS and HEAD,
gzip, editions by year, 4xx for what the API does not understand, errors in French, and one
figure per key by default.

Most tests read the bundled REAL data (data/: Normandie 2020 and INSEE series, 134 figures
about region 28), the rest the SYNTHETIC data of conftest.py.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
from english import english_words

from monoreg.publish.exports import CSV_COLUMNS


@pytest.fixture(scope="module")
def real(real_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=real_url, timeout=30) as http:
        yield http


@pytest.fixture(scope="module")
def synthetic(live_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_url, timeout=30) as http:
        yield http


def _all_items(client: httpx.Client, params: dict[str, str]) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    page = client.get("/api/v1/observations", params={**params, "limit": 50}).json()
    while True:
        items.extend(page["items"])
        if page["next"] is None:
            return items
        page = client.get(page["next"]).json()


def _csv_rows(response: httpx.Response, delimiter: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")),
                               delimiter=delimiter))


# == CSV ===================================================================================
def test_the_csv_of_a_region_holds_every_matching_row(real: httpx.Client) -> None:
    page = real.get("/api/v1/observations", params={"region": "28", "limit": 10}).json()
    response = real.get("/api/v1/observations", params={"region": "28", "format": "csv"})
    rows = _csv_rows(response, ";")
    # More rows than the 100 a JSON page holds by default: nothing is cut.
    assert page["total"] > 100
    assert len(rows) == page["total"] == int(response.headers["x-total-count"])
    assert [r["indicator"] for r in rows] == [
        i["indicator"] for i in _all_items(real, {"region": "28"})]


def test_french_csv_has_semicolons_decimal_commas_and_a_bom(real: httpx.Client) -> None:
    response = real.get("/api/v1/observations", params={"region": "28", "format": "csv"})
    assert response.content.startswith("\ufeff".encode())
    rows = _csv_rows(response, ";")
    assert list(rows[0]) == list(CSV_COLUMNS)
    decimals = [r["value"] for r in rows if r["value"] and not r["value"].isdigit()]
    assert decimals and all("," in v and "." not in v for v in decimals)
    # Excel in French reads them as numbers: "940,1" is 940.1.
    assert float(decimals[0].replace(",", ".")) > 0


def test_plain_csv_has_commas_decimal_points_and_no_bom(real: httpx.Client) -> None:
    french = _csv_rows(real.get("/api/v1/observations", params={
        "region": "28", "format": "csv"}), ";")
    response = real.get("/api/v1/observations", params={
        "region": "28", "format": "csv", "dialect": "plain"})
    assert not response.content.startswith("\ufeff".encode())
    plain = _csv_rows(response, ",")
    assert len(plain) == len(french)
    for a, b in zip(french, plain, strict=True):
        assert b["value"] == a["value"].replace(",", ".")
        assert b["label"] == a["label"]  # text with commas is quoted, not split
    assert any("." in r["value"] for r in plain)


# == JSON ==================================================================================
def test_every_list_answers_in_one_envelope(synthetic: httpx.Client) -> None:
    keys = {"items", "total", "limit", "offset", "next", "previous"}
    for path, params in (("/api/v1/regions", {}), ("/api/v1/indicators", {}),
                         ("/api/v1/editions", {}), ("/api/v1/observations", {}),
                         ("/api/v1/search", {"q": "formation"})):
        body = synthetic.get(path, params=params).json()
        assert keys <= set(body), path
        assert isinstance(body["items"], list) and isinstance(body["total"], int), path
    page = synthetic.get("/api/v1/regions", params={"limit": 5, "offset": 5}).json()
    assert page["total"] == 18 and len(page["items"]) == 5
    assert page["next"].endswith("offset=10") and page["previous"].endswith("offset=0")


def test_numbers_are_numbers_and_sources_typed_objects(real: httpx.Client) -> None:
    items = _all_items(real, {"region": "28"})
    values = [i["value"] for i in items if i["value"] is not None]
    assert values and all(isinstance(v, int | float) for v in values)
    sourced = [i for i in items if i["source"]]
    assert sourced and all(isinstance(i["source"], dict) and i["source"]["id"]
                           for i in sourced)
    assert all(i["provenance"] is None or set(i["provenance"]) ==
               {"file", "line", "page", "column"} for i in items)


def test_a_page_is_the_export_s_document(real: httpx.Client) -> None:
    # The API joins the documents the load wrote; the JSON export writes the same shape.
    item = real.get("/api/v1/observations", params={"region": "28", "limit": 1}).json()[
        "items"][0]
    export = real.get("/regions/normandie/2020/donnees.json").json()["observations"]
    assert item in export


def test_default_answer_has_one_figure_per_key(real: httpx.Client) -> None:
    def key(i: dict[str, object]) -> tuple[object, ...]:
        return (i["indicator"], i["territory"], i["period"], i["dimension"])

    preferred = _all_items(real, {})
    assert preferred and max(Counter(map(key, preferred)).values()) == 1
    everything = _all_items(real, {"occurrences": "all"})
    # The monograph prints some figures twice (key figures and their section).
    repeated = [k for k, n in Counter(map(key, everything)).items() if n > 1]
    assert repeated and len(everything) > len(preferred)
    places = {i["place"] for i in everything if key(i) == repeated[0]}
    assert len(places) > 1
    assert all(i["quality"]["status"] for i in everything)
    units = {}
    for i in preferred:
        units.setdefault(i["indicator"], set()).add(i["unit"])
    assert all(len(u) == 1 for u in units.values()), units


def test_edition_is_the_id_or_the_year(real: httpx.Client) -> None:
    by_id = real.get("/api/v1/observations", params={"edition": "28-2020"}).json()
    by_year = real.get("/api/v1/observations", params={"edition": "2020"}).json()
    assert by_id["total"] > 0 and by_id["items"] == by_year["items"]
    # `region` filters the territory: Normandie's own figures of its 2020 edition.
    with_region = real.get("/api/v1/observations", params={
        "edition": "2020", "region": "normandie"}).json()
    assert with_region["items"] == real.get("/api/v1/observations", params={
        "edition": "28-2020", "region": "28"}).json()["items"]
    assert 0 < with_region["total"] < by_id["total"]


# == errors ================================================================================
@pytest.mark.parametrize("params,status,word", [
    ({"page": "-1"}, 400, "page"), ({"regoin": "28"}, 400, "regoin"),
    ({"edition": "1999"}, 404, "1999"), ({"edition": "28-1999"}, 404, "28-1999"),
    ({"edition": "2020", "region": "bretagne"}, 404, "2020"),
    ({"period_from": "2020", "period_to": "2018"}, 400, "period_from"),
    ({"limit": "abc"}, 422, "limit"), ({"dialect": "excel"}, 422, "dialect"),
])
def test_what_the_api_does_not_understand_is_4xx(real: httpx.Client, params: dict[str, str],
                                                 status: int, word: str) -> None:
    response = real.get("/api/v1/observations", params=params)
    assert response.status_code == status, response.text
    assert word in response.json()["error"]["message"]


@pytest.mark.parametrize("path,params", [
    ("/api/v1/observations", {"limit": "abc", "offset": "-3", "format": "xml"}),
    ("/api/v1/observations", {"region": "x" * 200}),
    ("/api/v1/observations", {"nope": "1"}),
    ("/api/v1/observations", {"period": "l'an dernier"}),
    ("/api/v1/search", {}),
    ("/api/v1/search", {"q": "x", "year": "deux"}),
    ("/api/v1/regions/atlantide", {}),
    ("/api/v1/nulle-part", {}),
])
def test_error_texts_and_details_are_french(synthetic: httpx.Client, path: str,
                                            params: dict[str, str]) -> None:
    response = synthetic.get(path, params=params)
    assert 400 <= response.status_code < 500
    error = response.json()["error"]
    texts = [error["message"], *(d["msg"] for d in error["details"])]
    # Parameter names are the contract's identifiers, not prose.
    names = {p["name"] for op in synthetic.get("/openapi.json").json()["paths"].values()
             for method in op.values() for p in method.get("parameters", [])}
    for text in texts:
        assert english_words(text, allowed=[*params, *names]) == [], text


# == HTTP ==================================================================================
def test_cors_and_head(synthetic: httpx.Client) -> None:
    url = "/api/v1/observations?region=28&limit=3"
    get = synthetic.get(url, headers={"Origin": "https://notebook.example"})
    assert get.headers["access-control-allow-origin"] == "*"
    assert "x-total-count" in get.headers.get("access-control-expose-headers", "").lower() \
        or "X-Total-Count" in get.headers.get("access-control-expose-headers", "")
    preflight = synthetic.options(url, headers={
        "Origin": "https://notebook.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "if-none-match"})
    assert preflight.status_code == 200
    head = synthetic.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    csv_head = synthetic.head("/api/v1/observations?region=28&format=csv")
    assert csv_head.status_code == 200 and int(csv_head.headers["x-total-count"]) > 0


def test_gzip_when_asked(real: httpx.Client) -> None:
    raw = real.get("/api/v1/observations", params={"region": "28", "limit": 100},
                   headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers
    with httpx.Client(base_url=str(real.base_url)) as client:
        response = client.send(client.build_request(
            "GET", "/api/v1/observations", params={"region": "28", "limit": 100},
            headers={"Accept-Encoding": "gzip"}), stream=True)
        compressed = b"".join(response.iter_raw())
    assert response.headers["content-encoding"] == "gzip"
    assert len(compressed) < len(raw.content) / 3
    assert json.loads(gzip.decompress(compressed)) == raw.json()


def test_csv_etag_gives_304(synthetic: httpx.Client) -> None:
    first = synthetic.get("/api/v1/observations", params={"region": "28", "format": "csv"})
    again = synthetic.get("/api/v1/observations", params={"region": "28", "format": "csv"},
                          headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_openapi_types_sources_documents_304_and_csv(synthetic: httpx.Client) -> None:
    spec = synthetic.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    observation = schemas["Observation"]["properties"]
    assert "SourceInfo" in json.dumps(observation["source"])
    assert "ProvenanceInfo" in json.dumps(observation["provenance"])
    assert schemas["SourceInfo"]["examples"] and schemas["ProvenanceInfo"]["examples"]
    operation = spec["paths"]["/api/v1/observations"]["get"]
    assert "304" in operation["responses"]
    assert "X-Total-Count" in operation["responses"]["200"]["headers"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"region", "edition", "dialect", "occurrences", "limit", "offset"} <= names


def test_atom_feed_of_editions_and_decisions(real: httpx.Client) -> None:
    from lxml import etree

    response = real.get("/api/v1/flux.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = etree.fromstring(response.content)
    entries = feed.findall("a:entry", ns)
    titles = [e.findtext("a:title", namespaces=ns) for e in entries]
    assert "Normandie, édition 2020" in titles
    decisions = [t for t in titles if t.startswith(("Chiffre corrigé", "Chiffre retiré",
                                                   "Chiffre publié avec réserve"))]
    assert decisions  # the editors' decisions on Normandie 2020 (resolutions.yaml)
    ids = [e.findtext("a:id", namespaces=ns) for e in entries]
    assert len(set(ids)) == len(ids) and all(" " not in i for i in ids)
    updated = [e.findtext("a:updated", namespaces=ns) for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert all(link.get("href").startswith("http") for link in feed.iter("{*}link"))


def test_source_is_one_object_in_every_answer(real: httpx.Client) -> None:
    keys = {"id", "producer", "dataset", "published", "url", "printed", "licence",
            "licence_url", "label"}
    comparison = real.get("/api/v1/indicators/population_municipale").json()
    series = real.get("/api/v1/regions/normandie/series/population_municipale").json()
    figure = real.get("/api/v1/observations", params={
        "region": "28", "indicator": "population_municipale"}).json()["items"][0]
    indicator = comparison["indicator"]
    sources = [*(r["source"] for r in comparison["rows"]), *(p["source"] for p in
                                                              series["points"]),
               figure["source"], indicator["source"]]
    sources = [s for s in sources if s is not None]
    assert sources and all(set(s) == keys for s in sources)
    # Insee states its licence (data/reference/sources.yaml); none is assumed for others.
    insee = [s for s in sources if s["producer"] == "Insee" and s["id"].startswith("insee")]
    assert insee and all(s["licence"] == "Licence Ouverte / Open Licence version 2.0"
                         for s in insee)
