"""The HTML validation report of the REAL Normandie 2020 edition (data/editions/normandie/
2020) in headless Debian Chromium (tests/chromium.py): grouped by section in print order,
errors first in each section, no console error, and no serious accessibility violation
found by axe-core."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import PROJECT, launch, serious_violations

from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.model import Severity
from monoreg.validate import validate_edition
from monoreg.validate.report import build_report
from monoreg.validate.writers import report_html

pytestmark = pytest.mark.browser

RANK = {s.value: s.rank for s in Severity}


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    dataset = load_data_dir(PROJECT / "data")
    edition = next(e for e in dataset.editions if (e.region, e.year) == ("28", 2020))
    report = build_report(edition, dataset.catalog,
                          validate_edition(edition, dataset.catalog))
    path = tmp_path_factory.mktemp("validation") / "validation.html"
    path.write_text(report_html(report), encoding="utf-8")
    return path, [s.id for s in dataset.catalog.sections]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


def test_report_is_grouped_ordered_and_clean(browser: Any,
                                             report_page: tuple[Path, list[str]]) -> None:
    path, section_order = report_page
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").count() == 1
    groups = page.eval_on_selector_all(
        "section.group", "nodes => nodes.map(n => ({section: n.dataset.section, "
        "severities: [...n.querySelectorAll('tbody tr')].map(r => r.dataset.severity)}))")
    sections = [g["section"] for g in groups]
    assert len(sections) > 5 and len(set(sections)) == len(sections)
    assert sections == sorted(sections, key=section_order.index)       # print order
    for group in groups:
        ranks = [RANK[s] for s in group["severities"]]
        assert ranks == sorted(ranks), group["section"]                  # errors first
    first = page.locator("section.group").first
    assert first.locator("tbody tr").first.get_attribute("data-severity") == "error"
    assert page.locator("caption").count() == len(groups) + 1
    assert page.locator("th[scope=col]").count() > 0
    assert serious_violations(page) == []
    assert errors == []
    context.close()
