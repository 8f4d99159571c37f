"""How names typed by users are compared: without regard to case, accents or punctuation."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII with accents removed: 'Île-de-France' -> 'ile-de-france'."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return ascii_only.lower()


def slugify(text: str) -> str:
    """URL slug: 'Provence-Alpes-Côte d'Azur' -> 'provence-alpes-cote-d-azur'."""
    return _NON_ALNUM.sub("-", fold(text).replace("’", "'")).strip("-")
