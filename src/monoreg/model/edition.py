"""An edition: one region's monograph for one publication year."""

from __future__ import annotations

from dataclasses import dataclass

from monoreg.model.content import (
    Contact,
    DirectoryEntry,
    Guide,
    ListItem,
    PrintedMatter,
    Text,
)
from monoreg.model.measure import Measure
from monoreg.model.observation import EvolutionClaim, Observation
from monoreg.model.period import Period
from monoreg.model.quality import Resolution
from monoreg.model.release import Release, UpdateNote
from monoreg.model.source import Provenance, Source


@dataclass(frozen=True)
class Edition:
    region: str                    # INSEE region code
    year: int                      # publication year
    published: Period              # 'Mai 2020'
    cutoff: Period                 # data collection stopped ('décembre 2019')
    title: str
    publisher: str
    observations: tuple[Observation, ...] = ()
    evolutions: tuple[EvolutionClaim, ...] = ()
    sources: tuple[Source, ...] = ()            # sources printed in this edition
    table_sources: tuple[tuple[str, str], ...] = ()  # (place, source id)
    lists: tuple[ListItem, ...] = ()
    contacts: tuple[Contact, ...] = ()
    texts: tuple[Text, ...] = ()
    directory: tuple[DirectoryEntry, ...] = ()
    directory_title: str | None = None          # the directory leaflet's title, as printed
    directory_published: Period | None = None   # when the directory was up to date
    guide: Guide | None = None
    facts: tuple[tuple[str, str], ...] = ()     # labelled facts ('Groupe majoritaire', '…')
    matter: tuple[PrintedMatter, ...] = ()      # credits, legends, the publisher's pages
    provenance: Provenance | None = None
    synthetic: bool = False        # generated for tests or benchmarks, not real data
    resolutions: tuple[Resolution, ...] = ()    # the editor's decisions (resolutions.yaml)
    measures: tuple[Measure, ...] = ()          # regional policy measures (measures.yaml)
    releases: tuple[Release, ...] = ()          # when it was published (releases.yaml)
    updates: tuple[UpdateNote, ...] = ()        # changes since (updates.yaml), never removed

    @property
    def id(self) -> str:
        return f"{self.region}-{self.year}"

    def source_for_place(self, place: str) -> str | None:
        return dict(self.table_sources).get(place)
