"""The non-numeric content of an edition: lists, contacts, texts, directory, guide."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from monoreg.model.period import Period
from monoreg.model.source import Provenance

Accepted = tuple[tuple[str, str], ...]  # (rule id, justification)


class ListKind(StrEnum):
    SHORTAGE_REGIONAL = "shortage_regional"   # métiers en tension dans la région
    SHORTAGE_NATIONAL = "shortage_national"   # métiers en tension au niveau national
    CLUSTER = "cluster"                       # pôles de compétitivité
    CAMPUS = "campus"                         # campus des métiers et des qualifications
    CAMPUS_EXCELLENCE = "campus_excellence"   # campus d'excellence


@dataclass(frozen=True)
class ListItem:
    kind: ListKind
    title: str
    body: str | None = None
    details: tuple[tuple[str, str], ...] = ()  # labelled fields ('Territoire', '…')
    source: str | None = None
    provenance: Provenance | None = None
    note: str | None = None
    accepted: Accepted = ()
    verified: Period | None = None  # last checked, when carried over from an earlier edition


class ContactGroup(StrEnum):
    REGIONAL_COUNCIL = "conseil_regional"
    STATE = "etat"
    OPERATORS = "operateurs"


@dataclass(frozen=True)
class Contact:
    group: ContactGroup
    organisation: str
    role: str | None = None
    person: str | None = None
    unit: str | None = None        # direction, commission, service
    phone: str | None = None       # as printed
    email: str | None = None
    website: str | None = None
    source: str | None = None
    provenance: Provenance | None = None
    note: str | None = None
    accepted: Accepted = ()
    verified: Period | None = None  # last checked, when carried over from an earlier edition


class TextType(StrEnum):
    PRESENTATION = "presentation"  # introductions of sections (clusters, campus, budget)
    CPER = "cper"
    CPRDFOP = "cprdfop"
    PRIC = "pric"
    SPRO = "spro"
    NEWS = "actualite"


@dataclass(frozen=True)
class Text:
    type: TextType
    title: str
    body: str                      # paragraphs separated by blank lines, bullets as '- '
    section: str = ""              # section id it is printed in
    date: Period | None = None
    source: str | None = None      # the source line as printed, or a source id
    provenance: Provenance | None = None
    note: str | None = None
    accepted: Accepted = ()
    verified: Period | None = None  # last checked, when carried over from an earlier edition


@dataclass(frozen=True)
class Phone:
    number: str                    # as printed
    label: str | None = None       # 'Site de Caen', 'Plate-forme téléphonique'


@dataclass(frozen=True)
class DirectoryEntry:
    """One Carif-Oref (or equivalent) of the national directory."""

    territory: str | None          # region code; None for a territory that is not a region
    territory_label: str           # as printed ('Nouvelle-Calédonie')
    organisation: str
    phones: tuple[Phone, ...] = ()
    emails: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()
    public_websites: tuple[str, ...] = ()
    provenance: Provenance | None = None
    note: str | None = None
    accepted: Accepted = ()


@dataclass(frozen=True)
class GuidePublic:
    """A public of the orientation guide and the kinds of structures that serve it."""

    id: str                        # 'jeunes-scolaires'
    label: str                     # 'Jeunes scolarisés'
    group: str                     # 'Jeunes', 'Demandeurs d'emploi', 'Personnes en emploi', …
    structures: tuple[str, ...]    # as printed ('CIO', 'CIDJ', 'Cité des métiers')
    need: str | None = None        # the expectation column, when known
    provenance: Provenance | None = None
    note: str | None = None
    accepted: Accepted = ()


@dataclass(frozen=True)
class GlossaryEntry:
    acronym: str
    definition: str
    provenance: Provenance | None = None


@dataclass(frozen=True)
class NetworkLink:
    """'Où trouver les antennes territoriales des principaux réseaux ?': network and address."""

    network: str
    url: str
    provenance: Provenance | None = None


@dataclass(frozen=True)
class Guide:
    title: str
    published: Period | None
    publics: tuple[GuidePublic, ...]
    glossary: tuple[GlossaryEntry, ...]
    networks: tuple[NetworkLink, ...] = ()
    note: str | None = None


ContentItem = ListItem | Contact | Text | DirectoryEntry | GuidePublic | GlossaryEntry | NetworkLink


def item_title(item: ContentItem) -> str:
    """How an editor names a content item (a resolution of a finding about it does)."""
    if isinstance(item, Contact | DirectoryEntry):
        return item.organisation
    if isinstance(item, GuidePublic):
        return item.label
    if isinstance(item, GlossaryEntry):
        return item.acronym
    if isinstance(item, NetworkLink):
        return item.network
    return item.title
