"""A published edition's record, and the dated notes that amend it afterwards.

Once `monoreg release` records an edition as published (its date and the hash of the build's
manifest, kept with its data files), a figure readers see may change only with an update note
(old → new, why, date) that the monograph shows in « Avertissements et corrections » and that
is never removed, as statistical offices do with amendments.
"""

from __future__ import annotations

from dataclasses import dataclass

from monoreg.model.quality import FigureKey
from monoreg.model.source import Provenance


@dataclass(frozen=True)
class ReleasedFigure:
    """A figure as a release published it: its published value (text, exact) and status."""

    figure: FigureKey
    value: str | None          # the published value as a plain decimal; None: no number
    unit: str | None
    status: str                # a QualityStatus value


@dataclass(frozen=True)
class Release:
    """An edition recorded as published: when, and the manifest that proves what."""

    date: str                  # ISO date of publication
    manifest_sha256: str       # of the manifest file kept with the data files
    manifest: str              # that file, relative to the data folder
    figures: tuple[ReleasedFigure, ...] = ()
    updates: tuple[FigureKey, ...] = ()   # figures with an update note at that release
    provenance: Provenance | None = None  # releases.yaml and line


@dataclass(frozen=True)
class UpdateNote:
    """A figure changed after publication: old → new, why, when (updates.yaml)."""

    date: str                  # ISO date of the change
    figure: FigureKey
    old: str                   # as published before (French typography)
    new: str                   # as published now
    why: str                   # French, for readers
    provenance: Provenance | None = None
