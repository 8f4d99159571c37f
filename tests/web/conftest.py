"""Fixtures of the web tests: one app per session over the SYNTHETIC data folder (API and
page tests), one over the bundled real data (browser tests), and live servers on loopback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from synthetic import write_data_dir

from monoreg.loading import load
from monoreg.settings import Settings
from monoreg.store.repository import Store
from monoreg.web.app import create_app

PROJECT = Path(__file__).resolve().parents[2]
ADMIN_TOKEN = "test-admin-token-not-secret"
# SYNTHETIC: a text whose title and body try to inject markup, to prove escaping.
HOSTILE_TEXT = """\
  - type: actualite
    section: actualites
    title: "<script>alert('titre')</script> Actualité piégée"
    date: avril 2029
    body: |
      Une actualité synthétique <img src=x onerror=alert(1)> sur l'apprentissage.
"""


def make_app(data_dir: Path, root: Path, **options: object) -> FastAPI:
    url = f"sqlite:///{root / 'store.sqlite'}"
    store = Store.open(url)
    load(store, data_dir)
    settings = Settings(database_url=url, data_dir=data_dir, var_dir=root,
                        admin_token=ADMIN_TOKEN)
    return create_app(settings, store=store, build_dir=root / "build", **options)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def admin_token() -> str:
    return ADMIN_TOKEN


@pytest.fixture(scope="session")
def synthetic_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = write_data_dir(tmp_path_factory.mktemp("web-data"))
    texts = data / "editions" / "normandie" / "2030" / "texts.yaml"
    texts.write_text(texts.read_text(encoding="utf-8") + HOSTILE_TEXT, encoding="utf-8")
    return data


@pytest.fixture(scope="session")
def web_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("web-store")


@pytest.fixture(scope="session")
def app(synthetic_dir: Path, web_root: Path) -> FastAPI:
    """The portal over the SYNTHETIC data folder."""
    return make_app(synthetic_dir, web_root)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def serve_in_thread(application: FastAPI) -> Iterator[str]:
    """Serve on 127.0.0.1 at a free port in a thread; yields the base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(application, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="session")
def live_url(app: FastAPI) -> Iterator[str]:
    """The synthetic portal served over HTTP on loopback."""
    yield from serve_in_thread(app)


@pytest.fixture(scope="session")
def real_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The portal over the bundled REAL data (data/: Normandie, May 2020, and INSEE
    series), as after the README's run command."""
    root = tmp_path_factory.mktemp("real-store")
    yield from serve_in_thread(make_app(PROJECT / "data", root))
