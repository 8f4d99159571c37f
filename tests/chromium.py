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
    """axe-core's serious and critical violations on the page, and its colour-contrast checks
    it could not decide ("incomplete": text on the same colour as its background reads as
    1:1 there, not as a violation). The page's context must bypass its CSP to inject the
    script."""
    if not AXE.exists():
        missing(f"axe-core ({AXE.relative_to(PROJECT)}; npm install --prefix .cache/node "
                "axe-core@4)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(_AXE_RUN)
    found = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    found += [v for v in result["incomplete"] if v["id"] == "color-contrast" and v["nodes"]]
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in found]


# axe cannot measure the text of an SVG drawing ("contains an image node"): charts and maps
# are named by their text alternative and their values are in tables; their colours are
# chosen for contrast in the stylesheets. Undecided contrasts elsewhere fail.
_AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations', 'incomplete']});
  for (const v of result.incomplete) {
    v.nodes = v.nodes.filter((n) => {
      const el = document.querySelector(n.target[n.target.length - 1]);
      return !(el && el.closest('svg'));
    });
  }
  return result;
}"""


# The contrast of each heading with the first opaque background behind it (WCAG 2 formula).
_HEADING_CONTRASTS = """() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter((h) => h.getClientRects().length > 0 && h.textContent.trim())
    .map((h) => {
      const a = lum(rgb(getComputedStyle(h).color).slice(0, 3)), b = lum(background(h));
      return [h.textContent.trim().slice(0, 60), (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
    });
}"""


def heading_contrasts(page: Any) -> list[tuple[str, float]]:
    """(heading text, contrast ratio) for every visible heading of the page."""
    return [(text, ratio) for text, ratio in page.evaluate(_HEADING_CONTRASTS)]


def sideways_scroll(page: Any) -> int:
    """How many pixels the page scrolls sideways (0: it fits its viewport)."""
    return int(page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"))
