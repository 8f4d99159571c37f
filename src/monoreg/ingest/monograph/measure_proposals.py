"""Measures the importer proposes from an imported monograph's policy texts.

The headings (« 1. Repérer et mobiliser… ») and bullet lists of the CPER, CPRDFOP, PRIC and
SPRO pages name the measures a region runs. Each becomes a proposal (status « proposée »)
in the edition's measures.yaml, with its text and the line of source.txt where it is
printed. Nothing else is guessed: no public, domain, date or amount; the editor completes a
proposal and confirms it by changing its status. Proposals are never published.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from monoreg.ingest.monograph.numbered_lines import Line
from monoreg.model import (
    Edition,
    Framework,
    Measure,
    MeasureKind,
    MeasureStatus,
    Provenance,
    Text,
    TextType,
)
from monoreg.model.names import fold, slugify
from monoreg.model.text_body import Bullets, Paragraph, parse_body

FRAMEWORKS = {TextType.CPER: Framework.CPER, TextType.CPRDFOP: Framework.CPRDFOP,
              TextType.PRIC: Framework.PRIC, TextType.SPRO: Framework.SPRO}
# What a text's bullets are, by the page they are printed on: the CPRDFOP and SPRO list
# orientations and axes, the CPER and PRIC list actions.
BULLET_KINDS = {TextType.CPER: MeasureKind.SCHEME, TextType.CPRDFOP: MeasureKind.ORIENTATION,
                TextType.PRIC: MeasureKind.SCHEME, TextType.SPRO: MeasureKind.ORIENTATION}
HEADING = re.compile(r"^\d{1,2}\s*[.)]\s+\S")
MAX_TITLE = 160
NOTE = ("Proposée par « monoreg import monograph » : intitulé, nature et ligne d'origine "
        "lus dans le texte ; publics, domaines, dates et montants à compléter. Changez le "
        "statut (annoncee, en-cours, terminee) pour la confirmer.")


def _title(item: str) -> str:
    """The measure's name as printed: the item up to its first colon, cut at a word."""
    head = re.split(r"\s:\s|\s:$", item, maxsplit=1)[0].strip(" ,;.")
    if len(head) <= MAX_TITLE:
        return head
    return head[:MAX_TITLE].rsplit(" ", 1)[0] + " …"


def _candidates(text: Text) -> Iterator[tuple[str, MeasureKind]]:
    for block in parse_body(text.body):
        if isinstance(block, Paragraph) and HEADING.match(block.text):
            yield _title(block.text), MeasureKind.ORIENTATION
        elif isinstance(block, Bullets):
            for item in block.items:
                yield _title(item), BULLET_KINDS[text.type]


def _key(value: str) -> str:
    return " ".join(fold(value).split())


def _origin(title: str, lines: Sequence[Line], start: int) -> int | None:
    """The first line at or after `start` where the title's opening words are printed."""
    words = _key(title).split()[:6]
    wanted = " ".join(words)
    for line in lines:
        if line.number >= start and wanted and wanted[:40] in _key(line.text):
            return line.number
    return None


def propose_measures(edition: Edition, lines: Sequence[Line]) -> tuple[Measure, ...]:
    proposals: list[Measure] = []
    ids: set[str] = set()
    for text in edition.texts:
        if text.type not in FRAMEWORKS or text.provenance is None:
            continue
        start = text.provenance.line or 0
        for title, kind in _candidates(text):
            line = _origin(title, lines, start)
            if line is None or len(title) < 4:
                continue  # a measure is always linked to its line: none found, no proposal
            base = slugify(title)[:60].strip("-") or "mesure"
            slug, n = base, 2
            while slug in ids:
                slug, n = f"{base}-{n}", n + 1
            ids.add(slug)
            proposals.append(Measure(
                id=slug, region=edition.region, title=title, kind=kind,
                framework=FRAMEWORKS[text.type], status=MeasureStatus.PROPOSED,
                section=text.section, text=text.title, source=text.source,
                origin=Provenance(text.provenance.file, line), note=NOTE))
    return tuple(proposals)
