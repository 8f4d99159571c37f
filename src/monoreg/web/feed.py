"""The Atom feed (RFC 4287) of published editions and of the editors' decisions on their
figures (corrections, reservations, figures withheld), for readers who follow them in a feed
reader: /api/v1/flux.atom."""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import quote

from lxml import etree

from monoreg.model import Resolution
from monoreg.store.repository import EditionSummary
from monoreg.web.portal import Portal
from monoreg.web.services.shared import region_url

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
PATH = "/api/v1/flux.atom"
# Entry ids are tag URIs (RFC 4151): stable whatever host serves the portal.
TAG = "tag:monoreg,2026:"
DECISION_TITLES = {"corrected": "Chiffre corrigé", "accepted": "Chiffre publié avec réserve",
                   "withheld": "Chiffre retiré de la publication"}


def _stamp(day: date) -> str:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).isoformat()


def _add(parent: etree._Element, tag: str, text: str | None = None, **attributes: str
         ) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _entry(feed: etree._Element, base: str, entry_id: str, title: str, updated: str,
           link: str, summary: str) -> None:
    entry = _add(feed, "entry")
    _add(entry, "id", TAG + entry_id)
    _add(entry, "title", title)
    _add(entry, "updated", updated)
    _add(entry, "link", href=base + link, rel="alternate", type="text/html")
    _add(entry, "summary", summary, type="text")


def _decision(r: Resolution) -> str:
    text = f"{r.figure.label()} : imprimé « {r.printed or '—'} »"
    if r.decision.value == "corrected" and r.value is not None:
        text += f", publié {r.value}" + (f" {r.unit}" if r.unit else "")
    return f"{text}. {r.note}"


def atom_feed(portal: Portal, base: str) -> bytes:
    """Every edition (at its publication date) and every decision (at its date), newest
    first; `base` makes the links absolute (the feed is read outside the portal)."""
    snapshot = portal.snapshot()
    entries: list[tuple[str, EditionSummary, Resolution | None]] = []
    for summary in snapshot.editions:
        entries.append((_stamp(summary.published.start), summary, None))
        for stored in portal.store.resolutions(summary.id):
            entries.append((_stamp(date.fromisoformat(stored.date)), summary, stored))
    entries.sort(key=lambda e: e[0], reverse=True)
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})  # type: ignore[dict-item]
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "fr")
    _add(feed, "id", TAG + "editions")
    _add(feed, "title", "monoreg : éditions publiées et corrections")
    _add(feed, "subtitle", "Monographies régionales formation, apprentissage, emploi : "
         "chaque édition publiée et chaque décision de l'éditeur sur un chiffre.")
    _add(feed, "updated", entries[0][0] if entries else _stamp(date(2000, 1, 1)))
    _add(feed, "link", href=base + PATH, rel="self", type="application/atom+xml")
    _add(feed, "link", href=base + "/", rel="alternate", type="text/html")
    author = _add(feed, "author")
    _add(author, "name", "monoreg")
    seen: dict[str, int] = {}
    for updated, summary, decision in entries:
        territory = snapshot.catalog.territories.get(summary.region)
        page = f"{region_url(territory)}?edition={summary.year}"
        r = decision
        if r is None:
            synthetic = " (SYNTHÉTIQUE)" if summary.synthetic else ""
            _entry(feed, base, f"edition/{summary.id}",
                   f"{territory.name}, édition {summary.year}{synthetic}", updated, page,
                   f"{summary.title}. Publiée : {summary.published.label()} ; collecte "
                   f"arrêtée : {summary.cutoff.label()}.")
        else:
            f = r.figure
            # the breakdown too: a region's main sectors share indicator and period
            key = ",".join(x or "" for x in (f.place, f.indicator, f.territory,
                                             f.base_period, f.period, f.item, f.dimension))
            entry_id = f"decision/{summary.id}/{r.rule}/{quote(key, safe=',')}"
            # Two decisions on one figure under one rule (a figure and its evolution, two
            # items of one title) are told apart by their rank among such decisions.
            seen[entry_id] = seen.get(entry_id, 0) + 1
            if seen[entry_id] > 1:
                entry_id += f"/{seen[entry_id]}"
            _entry(feed, base, entry_id,
                   f"{DECISION_TITLES.get(r.decision.value, r.decision.value)} — "
                   f"{territory.name}, édition {summary.year}", updated,
                   f"{region_url(territory)}/{summary.year}/validation", _decision(r))
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)
