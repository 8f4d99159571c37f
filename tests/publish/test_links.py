"""Addresses in printed text (publish/links.py): the pattern runs only on the words that hold
'@', 'http(s)://' or 'www.', and finds exactly what it finds on the whole text, on tricky
texts and on every text of the REAL Normandie 2020 monograph."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from monoreg.publish import links
from monoreg.publish.render import monograph

TRICKY = [
    "",
    "Aucune adresse ici, ni arobase.",
    "contact@c2rp.fr",
    "Écrire à contact@c2rp.fr, ou voir https://www.c2rp.fr.",
    "(www.ressources-de-la-formation.fr) et « https://exemple.fr/a?b=1 »",
    "ww.orientation-formation-emploi.org et www.é-accent.fr",
    "a@b@c.fr  x.y+z@d-e.f.g\u00a0www.h.fr\u202fi@j.fr",
    "https://a.fr/x@y.fr/z et mail:moi@ici.fr;toi@la.fr",
    "@ seul, http:// seul, www. seul, www.x",
    "https://a.fr\\b www.c.fr\\",
    "abc" * 500 + "@x.fr " + "mot " * 300 + "https://fin.fr",
]


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _strings(item)
    elif isinstance(node, dict):
        for item in node.values():
            yield from _strings(item)
    elif hasattr(node, "__dataclass_fields__"):
        for name in node.__dataclass_fields__:
            yield from _strings(getattr(node, name))


def _same_as_whole_text(text: str) -> None:
    expected = [m.span() for m in links.ADDRESS.finditer(text)]
    pieces = list(links.segments(text))
    assert "".join(piece for piece, _ in pieces) == text
    found, position = [], 0
    for piece, _ in pieces:
        if links.ADDRESS.fullmatch(piece) and any(
                start == position for start, _ in expected):
            found.append((position, position + len(piece)))
        position += len(piece)
    assert found == expected, text[:80]


@pytest.mark.parametrize("text", TRICKY)
def test_addresses_as_the_pattern_finds_them_on_the_whole_text(text: str) -> None:
    _same_as_whole_text(text)


def test_every_text_of_the_real_monograph(normandie) -> None:  # type: ignore[no-untyped-def]
    texts = set(_strings(monograph(normandie.edition, normandie.catalog)))
    with_address = [t for t in texts if links.ADDRESS.search(t)]
    assert len(with_address) > 20   # the directory and contacts print many
    for text in texts:
        _same_as_whole_text(text)
