"""What a finding is about: any item of an edition (a figure, a printed evolution, a contact,
a directory entry, a public of the guide…) seen the same way — its section, indicator,
territory, period, printed text, data-file line and the findings an editor accepted on it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import singledispatch

from monoreg.model import (
    Contact,
    ContactGroup,
    DirectoryEntry,
    Edition,
    EvolutionClaim,
    FigureKey,
    GlossaryEntry,
    GuidePublic,
    ListItem,
    ListKind,
    NetworkLink,
    Observation,
    Provenance,
    Text,
    item_title,
)
from monoreg.model.content import ContentItem

# The section of reference/sections.yaml each kind of content is printed in.
CONTACT_SECTIONS = {ContactGroup.REGIONAL_COUNCIL: "conseil-regional",
                    ContactGroup.STATE: "services-etat",
                    ContactGroup.OPERATORS: "operateurs-regionaux"}
LIST_SECTIONS = {ListKind.SHORTAGE_REGIONAL: "metiers-en-tension",
                 ListKind.SHORTAGE_NATIONAL: "metiers-en-tension",
                 ListKind.CLUSTER: "poles-competitivite",
                 ListKind.CAMPUS: "campus-metiers",
                 ListKind.CAMPUS_EXCELLENCE: "campus-metiers"}
DIRECTORY_SECTION = "annuaire"
GUIDE_SECTION = "guide-orientation"

Accepted = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Subject:
    item: object
    section: str | None
    location: str | None
    origin: str | None = None
    indicator: str | None = None
    territory: str | None = None
    period: str | None = None
    printed: str | None = None

    @property
    def accepted(self) -> Accepted:
        return getattr(self.item, "accepted", ())


def _where(provenance: Provenance | None) -> str | None:
    return str(provenance) if provenance is not None else None


@singledispatch
def subject_of(item: object) -> Subject:
    raise TypeError(f"no finding can be about a {type(item).__name__}")


@subject_of.register
def _(item: Subject) -> Subject:
    return item


@subject_of.register
def _(item: Observation) -> Subject:
    return Subject(item, item.place or None, _where(item.provenance), _where(item.origin),
                   item.indicator, item.territory, item.period.code, item.printed)


@subject_of.register
def _(item: EvolutionClaim) -> Subject:
    return Subject(item, item.place, _where(item.provenance), _where(item.origin),
                   item.indicator, item.territory, item.period.code, item.printed)


@subject_of.register
def _(item: Contact) -> Subject:
    return Subject(item, CONTACT_SECTIONS[item.group], _where(item.provenance))


@subject_of.register
def _(item: DirectoryEntry) -> Subject:
    return Subject(item, DIRECTORY_SECTION, _where(item.provenance), territory=item.territory)


@subject_of.register(GuidePublic)
@subject_of.register(GlossaryEntry)
@subject_of.register(NetworkLink)
def _(item: GuidePublic | GlossaryEntry | NetworkLink) -> Subject:
    return Subject(item, GUIDE_SECTION, _where(item.provenance))


@subject_of.register
def _(item: Text) -> Subject:
    return Subject(item, item.section or None, _where(item.provenance))


@subject_of.register
def _(item: ListItem) -> Subject:
    return Subject(item, LIST_SECTIONS[item.kind], _where(item.provenance))


def subject_key(subject: Subject) -> FigureKey | None:
    """The key a resolution names the subject by (None for what no resolution can name)."""
    item = subject.item
    if isinstance(item, Observation | EvolutionClaim):
        # a figure of an official series or an import is no edition's to resolve
        return item.figure if item.place else None
    if isinstance(item, ContentItem) and subject.section:
        return FigureKey(subject.section, item=item_title(item))
    return None


def edition_items(edition: Edition) -> Iterator[object]:
    """Every item of the edition a finding can be about, in file order."""
    yield from edition.observations
    yield from edition.evolutions
    yield from edition.lists
    yield from edition.contacts
    yield from edition.texts
    yield from edition.directory
    if edition.guide is not None:
        yield from edition.guide.publics
        yield from edition.guide.glossary
        yield from edition.guide.networks
