"""The portal's region page in headless Debian Chromium, on the bundled REAL data (Normandie,
May 2020, with its editor's resolutions): « Avertissements et corrections » quotes each printed
error and what was done; figures that are not plainly trusted carry their status, which leads
to that section; a withheld figure is never a number; the legend of statuses is on the page.
At 1280 px and 390 px."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from chromium import launch

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


@pytest.mark.parametrize("width", [1280, 390])
def test_region_page_shows_every_correction_and_marks(browser: Any, real_url: str,
                                                      width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(real_url + "/regions/normandie")
        section = page.locator("#avertissements-corrections")
        assert section.locator("h3, h2").first.inner_text().strip().lower() == \
            "avertissements et corrections"
        text = re.sub(r"\s+", " ", section.inner_text().replace("\u00a0", " "))
        # The printed errors quoted as printed, and what was done.
        assert "« 30 70 000 »" in text and "Non publié" in text
        assert "« 578 700 »" in text and "Corrigé : publié 5" in text
        assert "« -0.03% »" in text
        # The figures' own tables: marks lead to the section; no withheld figure as a number.
        page.locator("details.data-tables summary").click()
        marks = page.locator("table.data a.quality")
        assert marks.count() > 0
        assert all(marks.nth(i).get_attribute("href") == "#avertissements-corrections"
                   for i in range(marks.count()))
        rows = page.locator("table.data tr", has_text="Population active").first.inner_text()
        assert "30 70 000" not in rows and "3 070 000" not in rows.replace("\u202f", " ")
        assert "non publié" in rows
        legend = page.locator("dl.quality-legend").inner_text()
        for label in ("Vérifié", "À vérifier", "Publié avec réserve", "Corrigé", "Non publié"):
            assert label in legend
        # The section itself fits the screen (the page's other wide tables are the
        # responsive work of issue 13).
        box = section.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width + 1
        assert section.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    finally:
        context.close()


def test_comparison_marks_lead_to_the_region_notes(browser: Any, real_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(real_url + "/indicateurs/depenses_region_totales_meur")
        marks = page.locator("table.data a.quality")
        assert marks.count() > 0
        assert marks.first.get_attribute("href") == "/regions/normandie#avertissements-corrections"
        assert "Corrigé" in page.locator("dl.quality-legend").inner_text()
    finally:
        page.close()
