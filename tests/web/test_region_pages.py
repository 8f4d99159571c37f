"""Every region page shows what is known of the region (bundled REAL data: the Normandie
edition and the INSEE series of data/series/), and promises nothing it lacks."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from monoreg.loading import load
from monoreg.metadata.reference import load_catalog
from monoreg.settings import Settings
from monoreg.store.repository import Store
from monoreg.web.app import create_app

PROJECT = Path(__file__).resolve().parents[2]

POPULATIONS = PROJECT / "data" / "series" / "insee-populations-legales-regions-2021.csv"
CATALOG = load_catalog(PROJECT / "data")


def _populations() -> dict[str, int]:
    lines = [line for line in POPULATIONS.read_text("utf-8").splitlines()
             if not line.startswith("#")]
    return {row["code_region"]: int(row["population_municipale"])
            for row in csv.DictReader(lines, delimiter=";")}


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("regions-store")
    url = f"sqlite:///{root / 'store.sqlite'}"
    store = Store.open(url)
    load(store, PROJECT / "data")
    app = create_app(Settings(database_url=url, data_dir=PROJECT / "data", var_dir=root),
                     store=store, build_dir=root / "build")
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    store.close()


def _digits(html: str) -> str:
    """The page's text with the spaces inside numbers removed (French grouping)."""
    return re.sub(r"(?<=\d)[\s\u00a0\u202f](?=\d)", "", re.sub(r"&#?\w+;", " ", html))


def test_all_eighteen_regions_show_their_official_figures(real: TestClient) -> None:
    populations = _populations()
    assert len(populations) == 17                   # Mayotte is not in the INSEE file
    regions = CATALOG.territories.regions
    assert len(regions) == 18
    for region in regions:
        page = real.get(f"/regions/{region.slug}")
        assert page.status_code == 200, region.slug
        html, text = page.text, _digits(page.text)
        assert "Séries officielles" in html
        if region.code == "28":
            assert "Pas encore de monographie" not in html
        else:
            assert "Pas encore de monographie pour cette région" in html
            assert f"--region {region.code} --edition" in html
        if region.code in populations:
            assert str(populations[region.code]) in text, region.name
            assert "1er janvier 2021" in html
        else:
            # no legal population: said, and no figure shown for it
            block = html[html.index("Sans chiffre pour cette région"):]
            assert "Population municipale" in block.split("</ul>")[0]
            assert "absent du fichier chargé (Insee, Populations légales des régions en " \
                "2021" in block
            table = html[html.index("series-officielles"):html.index("Sans chiffre")]
            assert "Population municipale" not in table
        page_json = real.get(f"/api/v1/regions/{region.slug}").json()
        assert page_json["official"]["carif"] is not None, region.name


def test_employment_by_sector_with_period_and_source(real: TestClient) -> None:
    html = real.get("/regions/bretagne").text
    assert "Emploi total" in html or "emploi total" in html.lower()
    assert "fin 2021" in html
    assert "Insee" in html
