"""SYNTHETIC data with hostile content planted in every kind of item monoreg shows (texts,
lists, contacts, directory, facts): markup, event handlers and URLs that run code."""

from __future__ import annotations

import re
from pathlib import Path

from synthetic import write_data_dir

EDITION = "editions/normandie/2030"
SCRIPT = "<script>alert(1)</script>"
# SYNTHETIC hostile content, planted in each kind of item the portal shows.
PLANTED = {
    f"{EDITION}/texts.yaml": ("title: Pacte synthétique",
                              f'title: "Pacte {SCRIPT} synthétique"'),
    f"{EDITION}/lists.yaml": ("title: Métier synthétique A",
                              'title: "Métier <img src=x onerror=alert(2)> A"'),
    f"{EDITION}/contacts.yaml": ("phone: 02 31 00 00 00",
                                 'phone: 02 31 00 00 00\n      website: "javascript:alert(3)"'
                                 f'\n      unit: "{SCRIPT}"'),
    f"{EDITION}/directory.yaml": ("websites: [www.example.org]",
                                  'websites: ["javascript:alert(4)", '
                                  '"data:text/html,<script>alert(5)</script>", '
                                  '"www.example.org"]'),
    f"{EDITION}/edition.yaml": ("value: Groupe synthétique", f'value: "Groupe {SCRIPT}"'),
}
# What a reader must see, literally, wherever the item is printed.
SHOWN = ("Pacte <script>alert(1)</script> synthétique", "Métier <img src=x onerror=alert(2)> A",
         "javascript:alert(3)", "Groupe <script>alert(1)</script>")


def hostile_data_dir(root: Path) -> Path:
    """The synthetic data folder of tests/synthetic.py with PLANTED in place."""
    data = write_data_dir(root)
    for name, (good, bad) in PLANTED.items():
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert good in text, f"{name} no longer holds {good!r}"
        path.write_text(text.replace(good, bad, 1), encoding="utf-8")
    return data


def assert_inert_html(html: str) -> None:
    """No markup from the data became markup, and no link runs code."""
    assert "<script>alert" not in html
    # No element carries an event handler (the portal has none of its own: CSP forbids them).
    assert not re.search(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", html)
    # A link never carries a scheme that runs code.
    for href in re.findall(r"""href\s*=\s*["']?\s*([^"'\s>]*)""", html, re.IGNORECASE):
        assert not re.match(r"(?i)\s*(javascript|data|vbscript):", href), href
