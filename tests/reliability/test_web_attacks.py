"""Attacks on the portal and API: markup and URLs planted in the data or sent in requests,
path traversal, search syntax, oversized requests, the write endpoint.

The data is the SYNTHETIC folder with hostile texts planted in every kind of content. Raw
requests (dot segments, encodings, chunked bodies, oversized headers) go to the real
`monoreg serve` on loopback, since a test client would tidy them before sending; the rest goes
through FastAPI's test client, on SQLite and PostgreSQL where the backend matters (search).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cli_process import monoreg_env
from fastapi.testclient import TestClient
from hostile_data import assert_inert_html, hostile_data_dir
from live_portal import raw_request, serving
from synthetic import write_data_dir

from monoreg.loading import load
from monoreg.settings import Settings
from monoreg.store.repository import Store
from monoreg.web.app import create_app

TOKEN = f"test-token-{uuid.uuid4().hex}"  # not a secret: made for this run
PAGES = ("/", "/regions/normandie", "/regions/normandie/2030/textes/1", "/annuaire",
         "/annuaire?region=normandie", "/ou-s-adresser?public=jeunes&region=normandie",
         "/recherche?q=synth%C3%A9tique", "/indicateurs", "/regions/normandie/2030/validation")


@dataclass(frozen=True)
class Portal:
    client: TestClient
    port: int         # the real server
    canary: str       # the content of a file next to the build folder


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    root = tmp_path_factory.mktemp("portal")
    data = hostile_data_dir(root)
    url = f"sqlite:///{root / 'store.sqlite'}"
    store = Store.open(url)
    load(store, data)
    canary = f"CANARY-{uuid.uuid4().hex}"
    (root / "secret.txt").write_text(canary, encoding="utf-8")
    build = root / "build" / "normandie" / "2030"
    build.mkdir(parents=True)
    # A PDF that is a link out of the build folder must not be served.
    (build / "normandie-2030.pdf").symlink_to(root / "secret.txt")
    settings = Settings(database_url=url, data_dir=data, var_dir=root, admin_token=TOKEN)
    env = {**monoreg_env(url, data), "MONOREG_VAR_DIR": str(root),
           "MONOREG_ADMIN_TOKEN": TOKEN}
    with serving(env, root / "serve.log") as port, \
            TestClient(create_app(settings, store=store), raise_server_exceptions=False) as client:
        yield Portal(client, port, canary)
    store.close()


@pytest.mark.parametrize("path", PAGES)
def test_planted_markup_and_urls_are_inert_in_pages(portal: Portal, path: str) -> None:
    response = portal.client.get(path)
    assert response.status_code == 200, path
    assert_inert_html(response.text)


def test_planted_markup_is_shown_as_text(portal: Portal) -> None:
    """Escaped, not dropped: readers see what the data says."""
    html = portal.client.get("/regions/normandie/2030/textes/1").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


REFLECTED = ('"><script>alert(6)</script>', "'onmouseover=alert(7) x='",
             "</title><svg onload=alert(8)>")


@pytest.mark.parametrize("payload", REFLECTED)
@pytest.mark.parametrize("path", ["/recherche?q={}", "/annuaire?q={}", "/annuaire?region={}",
                                  "/ou-s-adresser?public={}", "/indicateurs/{}",
                                  "/regions/{}", "/regions/normandie?edition={}",
                                  "/{}"])
def test_what_a_request_sends_is_never_echoed_as_markup(portal: Portal, path: str,
                                                        payload: str) -> None:
    response = portal.client.get(path.format(payload))
    assert response.status_code < 500
    assert payload not in response.text
    assert not re.search(r"<(script|svg)[^>]*>|\sonmouseover=alert", response.text)


TRAVERSALS = (
    "/static/../../../../../../etc/passwd",
    "/static/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/%252e%252e/%252e%252e/%252e%252e/etc/passwd",
    "/static/..\\..\\..\\..\\..\\..\\etc\\passwd",
    "/static/..%5c..%5c..%5c..%5c..%5c..%5cetc%5cpasswd",
    "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/portal.css%00.png",
    "/../../../../../../etc/passwd",
    "/regions/..%2f..%2f..%2fsecret.txt/2030/monographie.pdf",
    "/regions/%2e%2e/2030/monographie.pdf",
    "/regions/normandie/2030/monographie.pdf",       # a symlink out of the build folder
    "/regions/normandie/2030/donnees.%2e%2e%2f%2e%2e%2fsecret.txt",
    "/regions/normandie/..%2f..%2f..%2fsecret.txt",
    "/api/v1/regions/..%2f..%2f..%2f..%2fetc%2fpasswd",
)


@pytest.mark.parametrize("target", TRAVERSALS)
def test_no_path_leads_out_of_the_served_folders(portal: Portal, target: str) -> None:
    response = raw_request(portal.port, "GET", target)
    assert response.status in (400, 404), (response.status, response.body[:200])
    assert b"root:" not in response.body and portal.canary.encode() not in response.body


SEARCHES = ('"', '""', "'", "(", ")", "*", "^", "-", ":", "NEAR(", "NEAR(a b, 2)",
            "a AND OR b", "OR", "NOT", "AND", "a NOT", "title:x", "x:y:z", "{a b}", "a*b",
            "\\", "%", "_", "'); DROP TABLE search_docs; --", "&", "|", "!", "a & | b",
            "<->", "a:*", "x" * 200, "é" * 50, "\u202e", "\x00", "\x01")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def search_client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    """The portal over the SYNTHETIC folder on each backend (the search index differs)."""
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite"
                                  else "postgres_url")
    store = Store.open(url)
    load(store, write_data_dir(tmp_path))
    settings = Settings(database_url=url, data_dir=tmp_path / "data", var_dir=tmp_path)
    with TestClient(create_app(settings, store=store), raise_server_exceptions=False) as client:
        yield client
    store.close()


def test_search_syntax_is_never_a_server_error(search_client: TestClient) -> None:
    for query in SEARCHES:
        api = search_client.get("/api/v1/search", params={"q": query})
        assert api.status_code < 500, (query, api.text)
        if api.status_code >= 400:
            assert set(api.json()["error"]) >= {"status", "type", "message"}, query
        page = search_client.get("/recherche", params={"q": query})
        assert page.status_code < 500, (query, page.text[:300])
    # The index still answers afterwards (nothing was dropped by an injected statement).
    found = search_client.get("/api/v1/search", params={"q": "synthétique"}).json()
    assert found["total"] > 0


def test_request_size_limits_on_the_real_server(portal: Portal) -> None:
    big = b"x" * 200_000
    declared = raw_request(portal.port, "POST", "/api/v1/admin/reload", body=big)
    assert declared.status == 413
    # A chunked body declares no size: no endpoint reads one, and the server drops it.
    chunked = raw_request(portal.port, "POST", "/api/v1/admin/reload",
                          body=iter([big[:100_000], big[100_000:]]), chunked=True)
    assert chunked.status == 401
    header = raw_request(portal.port, "GET", "/api/v1/regions",
                         headers={"X-Padding": "x" * 100_000})
    assert header.status == 431
    url = raw_request(portal.port, "GET", "/api/v1/search?q=" + "x" * 100_000)
    assert 400 <= url.status < 500
    # Still serving.
    assert raw_request(portal.port, "GET", "/api/v1/regions").status == 200


@pytest.mark.parametrize("authorization", [None, "", "Bearer", "Bearer ", "Bearer None",
                                           "Basic " + TOKEN, "Bearer " + TOKEN[:-1]])
def test_the_write_endpoint_needs_the_configured_token(portal: Portal,
                                                       authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = portal.client.post("/api/v1/admin/reload", headers=headers)
    assert response.status_code == 401


def test_a_token_in_the_url_opens_nothing(portal: Portal) -> None:
    """The API refuses parameters it does not know: a token in the URL is one of them."""
    response = portal.client.post("/api/v1/admin/reload", params={"token": TOKEN})
    assert response.status_code in (400, 401), response.text


def test_the_write_endpoint_is_closed_without_a_configured_token(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = Store.open(url)
    load(store, write_data_dir(tmp_path))
    settings = Settings(database_url=url, data_dir=tmp_path / "data", var_dir=tmp_path,
                        admin_token=None)
    with TestClient(create_app(settings, store=store), raise_server_exceptions=False) as client:
        for authorization in ("", "Bearer ", "Bearer None", "Bearer null"):
            response = client.post("/api/v1/admin/reload",
                                   headers={"Authorization": authorization})
            assert response.status_code == 403, authorization
    store.close()


@pytest.mark.parametrize(("method", "target", "body"), [
    ("GET", "/regions/28", None),                       # a redirect
    ("DELETE", "/api/v1/regions", None),                # a method not allowed
    ("POST", "/api/v1/admin/reload", b"x" * 100_000),   # refused before the app
    ("HEAD", "/", None),
    ("GET", "/regions/normandie/2030/donnees.csv", None),
    ("GET", "/static/nope.css", None),
    ("GET", "/openapi.json", None),
])
def test_security_headers_on_every_kind_of_answer(portal: Portal, method: str, target: str,
                                                  body: bytes | None) -> None:
    headers = raw_request(portal.port, method, target, body=body).headers
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] in ("no-referrer", "strict-origin-when-cross-origin",
                                          "same-origin")


def test_no_debug_surface(portal: Portal) -> None:
    for target in ("/docs", "/redoc", "/debug", "/__debug__", "/.env", "/.git/config"):
        response = raw_request(portal.port, "GET", target)
        assert response.status == 404, target
        assert b"Traceback" not in response.body
    assert "server" not in raw_request(portal.port, "GET", "/").headers
