"""What a reader may trust: each figure's quality, and the editor's resolutions of findings.

The legend (`QUALITY_LEGEND`) is the one definition of the statuses: their French labels,
what they mean for a reader and the SDMX observation status they map to. Every output that
shows statuses generates its legend from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from monoreg.model.source import Provenance


class QualityStatus(StrEnum):
    OK = "ok"                  # no open finding, nothing decided: published as printed
    FLAGGED = "flagged"        # an open finding (error or warning) nobody resolved yet
    ACCEPTED = "accepted"      # published as printed, with a caveat the reader must see
    CORRECTED = "corrected"    # published value, period or unit differs from the print
    WITHHELD = "withheld"      # not published: readers see « non publié » and why

    @property
    def legend(self) -> LegendEntry:
        return QUALITY_LEGEND[self]

    @property
    def label(self) -> str:
        return QUALITY_LEGEND[self].label

    @property
    def published(self) -> bool:
        """Whether a reader may see the figure as a number."""
        return self is not QualityStatus.WITHHELD


@dataclass(frozen=True)
class LegendEntry:
    label: str              # French, short (« Corrigé »)
    description: str        # French, for a legend under a table
    sdmx: str | None        # SDMX OBS_STATUS code (SDMX 2.1 CL_OBS_STATUS) when one fits


QUALITY_LEGEND: dict[QualityStatus, LegendEntry] = {
    QualityStatus.OK: LegendEntry(
        "Vérifié", "Chiffre publié tel qu'imprimé ; aucune vérification ne l'a mis en doute.",
        "A"),
    QualityStatus.FLAGGED: LegendEntry(
        "À vérifier", "Une vérification a relevé une incohérence que l'éditeur n'a pas "
        "encore tranchée : le chiffre est douteux.", "U"),
    QualityStatus.ACCEPTED: LegendEntry(
        "Publié avec réserve", "Chiffre publié tel qu'imprimé, avec une réserve que la note "
        "explique.", "A"),
    QualityStatus.CORRECTED: LegendEntry(
        "Corrigé", "Chiffre publié différent de l'imprimé (valeur, période ou unité) ; la "
        "note cite la preuve et le texte imprimé.", None),
    QualityStatus.WITHHELD: LegendEntry(
        "Non publié", "Chiffre imprimé mais non publié : rien ne permet d'établir la bonne "
        "valeur ; la note dit pourquoi.", "Q"),
}


def legend_text() -> str:
    """'ok (Vérifié), flagged (À vérifier), …': the statuses in one line (column docs)."""
    return ", ".join(f"{s.value} ({e.label})" for s, e in QUALITY_LEGEND.items())


@dataclass(frozen=True)
class Quality:
    """A figure's quality as stored at load: its status, the rule ids of every finding about
    it (resolved or not) and the note a reader must see (None when there is nothing to say)."""

    status: QualityStatus = QualityStatus.OK
    findings: tuple[str, ...] = ()
    note: str | None = None
    # For a corrected figure: what is published instead of the print (None: as printed).
    value: Decimal | None = None
    period: str | None = None      # period code
    unit: str | None = None        # unit code

    def as_data(self) -> dict[str, object]:
        """The shape every output (export, API) gives: status, findings, note."""
        return {"status": self.status.value, "findings": list(self.findings),
                "note": self.note}


OK = Quality()


class Decision(StrEnum):
    CORRECTED = "corrected"
    ACCEPTED = "accepted"
    WITHHELD = "withheld"

    @property
    def status(self) -> QualityStatus:
        return QualityStatus(self.value)


@dataclass(frozen=True)
class FigureKey:
    """What a finding is about, stable across reloads: a printed figure (observations.csv),
    with `base_period` a printed evolution (evolutions.csv), or with `item` a content item
    (a directory entry, a contact…) named by its title, in section `place`."""

    place: str
    indicator: str = ""
    territory: str = ""
    period: str = ""               # period code
    base_period: str | None = None # period code; only for an evolution
    item: str | None = None        # the content item's title; only for content
    dimension: str | None = None   # the figure's breakdown ('naf:GZ'), as Observation's

    @property
    def is_evolution(self) -> bool:
        return self.base_period is not None

    @property
    def is_item(self) -> bool:
        return self.item is not None

    def label(self) -> str:
        if self.item is not None:
            return f"« {self.item} » ({self.place})"
        what = "évolution " if self.is_evolution else ""
        span = f"{self.base_period}→{self.period}" if self.is_evolution else self.period
        series = f"{self.indicator}/{self.dimension}" if self.dimension else self.indicator
        return f"{what}{series} / {self.territory} / {span} ({self.place})"


@dataclass(frozen=True)
class Resolution:
    """An editor's decision on one finding (rule) about one figure, from resolutions.yaml."""

    rule: str
    figure: FigureKey
    decision: Decision
    note: str                      # French, for readers
    evidence: str                  # French: what proves it (page, table, INSEE file)
    author: str
    date: str                      # ISO date
    value: Decimal | None = None   # corrected: the published value
    period: str | None = None      # corrected: the published period code
    unit: str | None = None        # corrected: the published unit code
    text: str | None = None        # corrected, on a content item: the published text
    printed: str | None = None     # the figure (or item text) as printed, quoted
    provenance: Provenance | None = None   # resolutions.yaml and line

    @property
    def status(self) -> QualityStatus:
        return self.decision.status
