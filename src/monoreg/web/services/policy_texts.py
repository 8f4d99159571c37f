"""One policy text of an edition (CPER, CPRDFOP, PRIC, SPRO, news)."""

from __future__ import annotations

from monoreg.errors import NotFound
from monoreg.model.text_body import Paragraph, parse_body
from monoreg.web import models as m
from monoreg.web.portal import Portal
from monoreg.web.services.shared import (
    TYPE_LABELS,
    edition_model,
    edition_summary,
    find_region,
    region_ref,
    source_info,
)


def _blocks(body: str) -> list[m.Block]:
    """A text body as the page's blocks (model.text_body reads it, as for the monograph)."""
    return [m.Block(kind="p", lines=[b.text]) if isinstance(b, Paragraph)
            else m.Block(kind="ul", lines=list(b.items)) for b in parse_body(body)]


def policy_text(portal: Portal, slug: str, year: int, number: int) -> m.PolicyText:
    snapshot = portal.snapshot()
    territory = find_region(snapshot, slug)
    summary = edition_summary(snapshot, territory, year)
    assert summary is not None
    edition = snapshot.edition(summary)
    if not 1 <= number <= len(edition.texts):
        raise NotFound(f"pas de texte n° {number} dans l'édition {year} de {territory.name}")
    text = edition.texts[number - 1]
    return m.PolicyText(region=region_ref(territory), edition=edition_model(snapshot, summary),
                        title=text.title, type=text.type.value,
                        type_label=TYPE_LABELS[text.type.value],
                        date_label=text.date.label() if text.date else None,
                        source=source_info(snapshot, text.source, summary.id),
                        blocks=_blocks(text.body))
