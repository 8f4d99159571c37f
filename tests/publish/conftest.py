"""Fixtures of the publication tests: the SYNTHETIC publication data (publish_data.py) loaded
once per session, and one build of its edition (PDF, HTML, downloads) shared by the tests
that read the outputs."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from publish_data import write_publish_data

from monoreg.loading import load
from monoreg.model import Catalog, Edition
from monoreg.publish.site import Report, build
from monoreg.store.repository import Store


@dataclass(frozen=True)
class Loaded:
    store: Store
    catalog: Catalog
    edition: Edition
    data_dir: Path
    url: str


@pytest.fixture(scope="session")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    root = tmp_path_factory.mktemp("publish")
    data_dir = write_publish_data(root)
    url = f"sqlite:///{root / 'store.sqlite'}"
    store = Store.open(url)
    load(store, data_dir)
    yield Loaded(store, store.catalog(), store.edition("28", 2030), data_dir, url)
    store.close()


@dataclass(frozen=True)
class Built:
    out: Path
    report: Report
    files: dict[str, Path]


@pytest.fixture(scope="session")
def built(loaded: Loaded, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """One public build of the synthetic edition, in this process (jobs=1)."""
    out = tmp_path_factory.mktemp("site")
    report = build(loaded.store, out, regions=["28"], jobs=1)
    (result,) = report.results
    return Built(out, report, {kind: out / path for kind, path in result.files.items()})


@pytest.fixture(scope="session")
def pdf_text(built: Built) -> str:
    """The PDF as a real reader extracts it (poppler's pdftotext)."""
    return subprocess.run(["pdftotext", "-layout", str(built.files["pdf"]), "-"],
                          capture_output=True, text=True, check=True).stdout


PROJECT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Normandie:
    """The real Normandie May-2020 edition of the bundled data/ (not synthetic)."""

    edition: Edition
    catalog: Catalog


@pytest.fixture(scope="session")
def normandie(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Normandie]:
    root = tmp_path_factory.mktemp("normandie")
    store = Store.open(f"sqlite:///{root / 'store.sqlite'}")
    load(store, PROJECT / "data")
    yield Normandie(store.edition("28", 2020), store.catalog())
    store.close()
