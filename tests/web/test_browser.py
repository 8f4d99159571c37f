"""The portal in headless Debian Chromium (PyPI playwright driving /usr/bin/chromium, never a
downloaded browser), on the bundled REAL data (Normandie, May 2020; INSEE series).

The journey of the issue's "done when": Normandie's figures, a figure compared across
regions, a policy text found by a French query, where a young person leaving school should
go in Normandie. Screenshots go to a temporary folder, or to docs/screenshots/ when
MONOREG_SCREENSHOTS=1. axe-core (npm, installed by scripts/test.sh under .cache/node) checks
the main pages for serious accessibility violations.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import launch, serious_violations

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("MONOREG_SCREENSHOTS") == "1":
        folder = PROJECT / "docs" / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    tab = context.new_page()
    yield tab
    context.close()


def _shot(page: Any, folder: Path, name: str, full_page: bool = True) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=full_page)


def test_journey_home_region_indicator_search_guide(page: Any, real_url: str,
                                                    shots: Path) -> None:
    from playwright.sync_api import expect

    page.goto(real_url + "/")
    expect(page.locator("svg.map path")).to_have_count(18)
    _shot(page, shots, "01-accueil")

    # Normandie's figures.
    page.locator("ul.regions").get_by_role("link", name="Normandie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Normandie")
    expect(page.locator("table.data").first).to_contain_text("3\u202f319\u202f067")

    # The monograph is embedded; its figures are also in tables that link to comparisons.
    expect(page.locator("section.monograph article")).to_be_visible()
    _shot(page, shots, "02-region-normandie", full_page=False)  # the monograph is long
    page.locator("details.data-tables summary").click()

    # A figure compared across regions.
    page.locator("table.data a[href^='/indicateurs/emplois_industrie']").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("industrie")
    _shot(page, shots, "03-indicateur")
    page.goto(real_url + "/indicateurs/population_municipale?region=normandie")
    # INSEE publishes no legal population 2021 for Mayotte: 17 regions, Mayotte said missing.
    expect(page.locator("table.data tbody tr")).to_have_count(17)
    expect(page.locator("figure.chart svg rect.bar")).to_have_count(17)
    expect(page.locator("main")).to_contain_text("Sans chiffre : Mayotte")
    _shot(page, shots, "04-indicateur-population")

    # A policy text found by a French query (plural, no accents).
    page.get_by_role("link", name="Recherche", exact=True).click()
    page.get_by_label("Mots cherchés").fill("formations numeriques")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator("ol.hits li").first).to_be_visible()
    expect(page.locator("ol.hits mark").first).to_be_visible()
    _shot(page, shots, "05-recherche")
    page.locator("ol.hits h3 a").first.click()
    expect(page.locator("article h1")).to_be_visible()
    _shot(page, shots, "06-texte")

    # Where should a young person who left school go in Normandie?
    page.get_by_role("link", name="Où s'adresser ?").click()
    page.get_by_label("Public").select_option(label="Jeunes sortis du système scolaire")
    page.get_by_label("Région").select_option(label="Normandie")
    page.get_by_role("button", name="Voir").click()
    expect(page.locator("#structures + .card")).to_contain_text("Mission locale")
    expect(page.locator("main")).to_contain_text("Carif-Oref Normandie")
    expect(page.locator("main a[href^='tel:']").first).to_be_visible()
    _shot(page, shots, "07-ou-s-adresser")


def test_keyboard_reaches_the_skip_link_first(page: Any, real_url: str) -> None:
    page.goto(real_url + "/regions/normandie")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


MAIN_PAGES = ["/", "/regions/normandie", "/indicateurs/population_municipale",
              "/regions/normandie/indicateurs/population_totale",
              "/recherche?q=apprentissage", "/annuaire?region=normandie",
              "/ou-s-adresser?public=demandeurs-d-emploi&region=normandie",
              "/regions/normandie/2020/validation",
              "/mesures?public=demandeurs-emploi&q=formation",
              "/mesures/normandie/2020/pric-2019-2022"]


def test_no_serious_accessibility_violation(browser: Any, real_url: str) -> None:
    # The app's CSP forbids injected scripts: only this audit context bypasses it.
    context = browser.new_context(bypass_csp=True)
    problems = []
    try:
        tab = context.new_page()
        for path in MAIN_PAGES:
            tab.goto(real_url + path)
            problems.extend(f"{path}: {v}" for v in serious_violations(tab))
    finally:
        context.close()
    assert not problems, "\n".join(problems)


MEASURE_PAGES = ["/mesures", "/mesures?public=entreprises&cadre=pric",
                 "/mesures/normandie/2020/guichet-unique-region-pole-emploi",
                 "/mesures/normandie/2020/pric-2019-2022",
                 "/ou-s-adresser?public=demandeurs-d-emploi&region=normandie"]


def test_measure_pages_have_no_sideways_scroll_at_390_px(browser: Any, real_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    wide = []
    try:
        tab = context.new_page()
        for path in MEASURE_PAGES:
            tab.goto(real_url + path)
            width = tab.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                wide.append(f"{path}: {width} px")
    finally:
        context.close()
    assert not wide, "\n".join(wide)
