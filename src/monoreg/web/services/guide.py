"""The orientation guide: which structures answer which need, by public."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from monoreg.errors import NotFound
from monoreg.model.names import fold, slugify
from monoreg.web import models as m
from monoreg.web.portal import Portal
from monoreg.web.services.directory import carif_entries, carif_model, web_link
from monoreg.web.services.shared import (
    optional_region,
    region_ref,
)


def _acronyms(structure: str, glossary: Sequence[Any]) -> list[m.Glossary]:
    """The glossary entries named in a structure ('ME/MEF' answers to ME and MEF)."""
    folded = fold(structure)
    found = []
    for entry in glossary:
        names = [n.strip() for n in entry.acronym.split("/") if n.strip()]
        if any(re.search(rf"(?<![\w-]){re.escape(fold(n))}(?![\w-])", folded) for n in names):
            found.append(m.Glossary(acronym=entry.acronym, definition=entry.definition))
    return found


def guide(portal: Portal, public: str | None = None, region: str | None = None) -> m.Guide:
    snapshot = portal.snapshot()
    territory = optional_region(snapshot, region)
    data = next((g for g in (snapshot.edition(s).guide for s in sorted(
        snapshot.editions, key=lambda e: e.year, reverse=True)) if g is not None), None)
    regions_ = [region_ref(t) for t in snapshot.catalog.territories.regions]
    carif = [carif_model(e) for e in carif_entries(snapshot)
             if territory is not None and e.territory == territory.code]
    if data is None:
        return m.Guide(title=None, published_label=None, note=None, choices=[],
                       regions=regions_, public=None,
                       region=region_ref(territory) if territory else None, needs=[],
                       networks=[], carif_oref=carif)
    choices: dict[str, m.GuideChoice] = {}
    for p in data.publics:
        choices.setdefault(slugify(p.label), m.GuideChoice(id=slugify(p.label), label=p.label,
                                                           group=p.group))
    chosen = None
    if public:
        chosen = choices.get(slugify(public))
        if chosen is None:
            raise NotFound(f"public inconnu : « {public} » ({', '.join(choices)})")
    needs = [m.GuideNeed(need=p.need, structures=[
                 m.Structure(name=s, acronyms=_acronyms(s, data.glossary))
                 for s in p.structures])
             for p in data.publics if chosen is not None and slugify(p.label) == chosen.id]
    return m.Guide(
        title=data.title, published_label=data.published.label() if data.published else None,
        note=data.note, choices=list(choices.values()), regions=regions_, public=chosen,
        region=region_ref(territory) if territory else None, needs=needs,
        networks=[m.Network(network=n.network, link=web_link(n.url)) for n in data.networks],
        carif_oref=carif)
