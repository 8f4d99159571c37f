"""The built pages in headless Debian Chromium (PyPI playwright driving /usr/bin/chromium, never
a downloaded browser): no console error, and axe-core (npm, installed by scripts/test.sh
under .cache/node) finds no serious or critical accessibility violation — in the public
monograph, its proof and the index page of the build; the real Normandie monograph fits a
390 px phone and a 1280 px screen without sideways scrolling, with readable headings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import heading_contrasts, launch, serious_violations, sideways_scroll

from monoreg.publish.document import Mode
from monoreg.publish.html_writer import render_page
from monoreg.publish.render import monograph
from monoreg.publish.site import build

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


@pytest.fixture(scope="module")
def proof_page(loaded, built) -> Path:  # type: ignore[no-untyped-def]
    report = build(loaded.store, built.out, regions=["28"], mode=Mode.PROOF, jobs=1)
    return built.out / report.results[0].files["html"]


def _open(browser: Any, path: Path, width: int = 1280) -> tuple[Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR",
                                  java_script_enabled=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    return page, errors


@pytest.mark.parametrize("width", [1280, 390])
def test_public_monograph_opens_cleanly_and_is_accessible(browser, built, width) -> None:  # type: ignore[no-untyped-def]
    page, errors = _open(browser, built.files["html"], width)
    assert page.locator("html").get_attribute("lang") == "fr"
    # 22 sections, then « Avertissements et corrections »
    assert page.locator("section h2").count() == 23
    # the apprentices chart is left out: both its figures carry an open warning
    assert page.locator(".chart svg[role=img]").count() == 3
    assert serious_violations(page) == []
    assert errors == []
    page.context.close()


def test_proof_and_index_pages_are_accessible(browser, built, proof_page) -> None:  # type: ignore[no-untyped-def]
    for path in (proof_page, built.out / "index.html"):
        page, errors = _open(browser, path)
        assert serious_violations(page) == [], path.name
        assert errors == [], path.name
        page.context.close()


@pytest.fixture(scope="module")
def normandie_page(normandie, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("html") / "normandie-2020.html"
    path.write_text(render_page(monograph(normandie.edition, normandie.catalog),
                                downloads={"La monographie en PDF": "normandie-2020.pdf"}),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("width", [390, 1280])
def test_real_monograph_fits_the_screen_with_readable_headings(browser, normandie_page,  # type: ignore[no-untyped-def]
                                                              width) -> None:
    page, errors = _open(browser, normandie_page, width)
    assert sideways_scroll(page) == 0
    contrasts = heading_contrasts(page)
    assert len(contrasts) > 60
    assert [(text, round(ratio, 2)) for text, ratio in contrasts if ratio < 4.5] == []
    # On a phone, tables stack (one block per row, each value labelled with its column) and
    # charts keep labels of at least 11 px.
    if width == 390:
        assert page.locator(".table-wrap").evaluate_all(
            "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).length") == 0
        labels = page.locator(".table-wrap td").evaluate_all(
            "els => els.map(e => getComputedStyle(e, '::before').content)")
        assert '"Évolution"' in labels and '"National"' in labels
        sizes = page.locator(".chart-image svg text").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect().height)")
        assert sizes and min(sizes) >= 11
    # A phone number never breaks across lines.
    phones = page.locator("td:has-text('02 31 95 52 00')").first
    assert "\u00a0" in phones.inner_text() or "02 31 95 52 00" not in phones.inner_text()
    assert serious_violations(page) == []
    assert errors == []
    page.context.close()
