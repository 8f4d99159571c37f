"""A regional policy measure: what a region does, for whom, since when, with what money."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from monoreg.model.period import Period
from monoreg.model.source import Provenance


class MeasureKind(StrEnum):
    AID = "aide-aux-personnes"
    SCHEME = "dispositif"
    CALL = "appel-a-projets"
    CONVENTION = "convention"
    PLAN = "plan"
    TOOL = "outil"
    ORIENTATION = "orientation"


class MeasureDomain(StrEnum):
    TRAINING = "formation"
    APPRENTICESHIP = "apprentissage"
    GUIDANCE = "orientation"
    EMPLOYMENT = "emploi"
    ILLITERACY = "illettrisme"


class Framework(StrEnum):
    CPRDFOP = "cprdfop"
    PRIC = "pric"
    CPER = "cper"
    SPRO = "spro"
    OTHER = "autre"


class MeasureStatus(StrEnum):
    """As printed, at the edition's cutoff; a proposal awaits the editor's confirmation."""

    ANNOUNCED = "annoncee"
    RUNNING = "en-cours"
    ENDED = "terminee"
    PROPOSED = "proposee"


MEASURE_KIND_LABELS = {
    MeasureKind.AID: "Aide aux personnes", MeasureKind.SCHEME: "Dispositif",
    MeasureKind.CALL: "Appel à projets", MeasureKind.CONVENTION: "Convention",
    MeasureKind.PLAN: "Plan", MeasureKind.TOOL: "Outil", MeasureKind.ORIENTATION: "Orientation",
}
MEASURE_STATUS_LABELS = {
    MeasureStatus.ANNOUNCED: "Annoncée", MeasureStatus.RUNNING: "En cours",
    MeasureStatus.ENDED: "Terminée", MeasureStatus.PROPOSED: "Proposée",
}
FRAMEWORK_LABELS = {
    Framework.CPRDFOP: "CPRDFOP", Framework.PRIC: "PRIC", Framework.CPER: "CPER",
    Framework.SPRO: "SPRO", Framework.OTHER: "Autre",
}
DOMAIN_LABELS = {
    MeasureDomain.TRAINING: "Formation", MeasureDomain.APPRENTICESHIP: "Apprentissage",
    MeasureDomain.GUIDANCE: "Orientation", MeasureDomain.EMPLOYMENT: "Emploi",
    MeasureDomain.ILLITERACY: "Illettrisme",
}


@dataclass(frozen=True)
class PublicCode:
    """A public measures are meant for (data/reference/publics.yaml), with the publics of
    the orientation guide it covers."""

    id: str                        # 'demandeurs-emploi'
    label: str                     # "Demandeurs d'emploi"
    guide_publics: tuple[str, ...] = ()   # guide.yaml public ids


@dataclass(frozen=True)
class MeasureAmount:
    """Money of a measure, a figure like any other: value, unit, period and source."""

    value: Decimal
    unit: str                      # units.csv code ('euros', 'millions_euros')
    printed: str                   # as printed ('minimum de 652 euros')
    period: str | None = None      # as printed ('2019', '2019-2022'); empty when not printed
    label: str | None = None       # what it pays ('Rémunération minimale des stagiaires')
    source: str | None = None
    origin: Provenance | None = None
    indicator: str | None = None   # the budget indicator it overlaps, when it does


@dataclass(frozen=True)
class Measure:
    id: str                        # slug, unique in its edition
    region: str                    # INSEE region code
    title: str                     # as printed
    kind: MeasureKind
    framework: Framework
    status: MeasureStatus
    publics: tuple[str, ...] = ()  # PublicCode ids
    domains: tuple[MeasureDomain, ...] = ()
    summary: str | None = None     # what it does, in the text's words
    start: Period | None = None    # as printed; empty when not printed
    end: Period | None = None
    amounts: tuple[MeasureAmount, ...] = ()
    territory: str | None = None   # when narrower than the region ('Cotentin')
    section: str = ""              # the section of the text it comes from
    text: str | None = None        # the title of that text
    source: str | None = None
    provenance: Provenance | None = None   # measures.yaml line
    origin: Provenance | None = None       # source.txt line
    note: str | None = None
    accepted: tuple[tuple[str, str], ...] = ()

    @property
    def published(self) -> bool:
        """A proposal is the importer's guess: nothing shows it before the editor confirms."""
        return self.status is not MeasureStatus.PROPOSED
