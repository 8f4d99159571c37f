"""What validation reports: one problem, where it is, and what was expected."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from monoreg.model.quality import FigureKey, Resolution


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str                   # French, for an editor
    section: str | None = None
    indicator: str | None = None
    territory: str | None = None
    period: str | None = None
    printed: str | None = None
    expected: str | None = None
    location: str | None = None    # the figure's provenance: data file and line
    accepted: str | None = None    # the editor's justification when the finding is accepted
    origin: str | None = None      # where the document prints it (source.txt line)
    related: tuple[str, ...] = ()  # locations of the other figures the finding compares
    # The figures it is about (its subject first, then the figures it compares it with);
    # a resolution names one of them.
    figures: tuple[FigureKey, ...] = ()
    resolution: Resolution | None = None   # the editor's decision (resolutions.yaml)

    @property
    def resolved(self) -> bool:
        """Decided by an editor: a resolution, or an `accept` in the data files."""
        return self.resolution is not None or self.accepted is not None

    @property
    def is_open_error(self) -> bool:
        """An error no editor resolved: it blocks a public build and `--strict`."""
        return self.severity is Severity.ERROR and not self.resolved
