"""Every page type of the portal, on the bundled REAL data, in headless Debian Chromium at a
390 px phone and a 1280 px screen: no sideways scrolling (the page's scrollWidth is its
viewport's), every heading readable (contrast measured against what is behind it), tables
stacked on a phone with each value labelled, phone numbers whole. Screenshots of the pages
go to docs/screenshots/ when MONOREG_SCREENSHOTS=1."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import heading_contrasts, launch, serious_violations, sideways_scroll

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parents[2]

# One page of every type, with the data that makes it widest (long file paths in the
# validation report, long addresses in the directory and the guide).
PAGES = {
    "accueil": "/",
    "regions": "/regions",
    "region": "/regions/normandie",
    "validation": "/regions/normandie/2020/validation",
    "texte": "/regions/normandie/2020/textes/1",
    "serie": "/regions/normandie/indicateurs/taux_chomage",
    "indicateurs": "/indicateurs",
    "indicateur": "/indicateurs/taux_chomage",
    "recherche": "/recherche?q=VAE",
    "recherche-vide": "/recherche?q=les",
    "annuaire": "/annuaire",
    "guide": "/ou-s-adresser?public=demandeurs-d-emploi&region=normandie",
    "introuvable": "/regions/atlantide",
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_fits_its_screen_with_readable_headings(browser: Any, real_url: str,
                                                           width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    save = os.environ.get("MONOREG_SCREENSHOTS") == "1"
    folder = PROJECT / "docs" / "screenshots"
    problems = []
    try:
        tab = context.new_page()
        for name, path in PAGES.items():
            tab.goto(real_url + path)
            if (overflow := sideways_scroll(tab)) > 0:
                problems.append(f"{path}: scrolls {overflow} px sideways at {width} px")
            problems += [f"{path}: heading « {text} » contrast {ratio:.2f}"
                         for text, ratio in heading_contrasts(tab) if ratio < 4.5]
            if save:
                folder.mkdir(parents=True, exist_ok=True)
                tab.screenshot(path=str(folder / f"portail-{name}-{width}.png"),
                               full_page=False)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_region_page_headings_are_white_on_the_accent(browser: Any, real_url: str) -> None:
    """The 22 section titles of the embedded monograph were blue on blue (1:1)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(real_url + "/regions/normandie")
        titles = [(t, r) for t, r in heading_contrasts(tab)]
        sections = tab.locator(".monograph .section:not(.publisher) > h3")
        # the 22 sections of the print, and « Avertissements et corrections »
        assert sections.count() == 23
        colour = sections.first.evaluate("e => getComputedStyle(e).color")
        assert colour == "rgb(255, 255, 255)"
        assert min(r for _, r in titles) >= 4.5
    finally:
        context.close()


def test_phone_tables_stack_with_labels_and_pass_axe(browser: Any, real_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    try:
        tab = context.new_page()
        tab.goto(real_url + "/annuaire")
        cell = tab.locator("table.data td[data-label='Téléphone']").first
        assert cell.evaluate("e => getComputedStyle(e, '::before').content") == '"Téléphone"'
        tel = tab.locator(".tel").first
        # A phone number stays on one line.
        assert tel.evaluate("e => e.getClientRects().length") == 1
        for path in ("/annuaire", "/regions/normandie"):
            tab.goto(real_url + path)
            assert serious_violations(tab) == [], path
    finally:
        context.close()
