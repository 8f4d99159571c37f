"""Headless Debian Chromium for page tests (PyPI playwright driving /usr/bin/chromium, never a
downloaded browser) and axe-core (npm, installed by scripts/test.sh under .cache/node).

Shared by the test modules that open pages: `launch()` for a module fixture,
`serious_violations(page)` for an accessibility audit.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = PROJECT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def missing(what: str) -> None:
    # In CI a missing tool is a failure (scripts/test.sh installs it), elsewhere a skip.
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing (scripts/system-deps.sh and scripts/test.sh install it)")
    pytest.skip(f"{what} is missing")


def launch() -> Iterator[Any]:
    """A browser for the length of a fixture."""
    if not CHROMIUM.exists():
        missing("Debian's chromium (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page (its context must bypass the
    page's CSP to inject the script)."""
    if not AXE.exists():
        missing(f"axe-core ({AXE.relative_to(PROJECT)}; npm install --prefix .cache/node "
                "axe-core@4)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]
