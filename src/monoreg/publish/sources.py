"""The source line printed under a table, a chart or a text ('Source : Insee')."""

from __future__ import annotations

import re
from collections.abc import Iterable

from monoreg.model import Catalog, Edition, Observation

_PREFIX = re.compile(r"^\s*(sources?|extraits?)\s*:", re.IGNORECASE)
UNKNOWN = "Source : non renseignée"


def _label(reference: str, edition: Edition, catalog: Catalog) -> str:
    return catalog.source_label(reference, edition.sources)


def _without_prefix(label: str) -> str:
    return _PREFIX.sub("", label).strip()


def _line(label: str) -> str:
    """Printed source lines keep their own wording ('Extraits : …')."""
    return label if _PREFIX.match(label) else "Source\u00a0: " + label


def source_text(reference: str | None, edition: Edition, catalog: Catalog) -> str | None:
    return _line(_label(reference, edition, catalog)) if reference else None


def observation_source(o: Observation, edition: Edition) -> str | None:
    return o.source or edition.source_for_place(o.place)


def source_line(observations: Iterable[Observation], edition: Edition,
                catalog: Catalog) -> str:
    """The sources of a set of figures, each once, in order: 'Sources : A ; B'."""
    references = dict.fromkeys(
        ref for o in observations if (ref := observation_source(o, edition)))
    labels = list(dict.fromkeys(_label(r, edition, catalog) for r in references))
    if not labels:
        return UNKNOWN
    if len(labels) == 1:
        return _line(labels[0])
    return "Sources\u00a0: " + " ; ".join(_without_prefix(label) for label in labels)
