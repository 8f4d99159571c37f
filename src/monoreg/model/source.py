"""Where figures come from, and where in a file a given figure was read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """A producer and dataset ('Insee', 'Estimations de population'), as cited."""

    id: str
    producer: str
    dataset: str | None = None
    published: str | None = None   # ISO date or French label when only that is known
    url: str | None = None
    printed: str | None = None     # the source line as the document prints it
    # The licence of its data as the producer states it (never one we assume), and where
    # the producer states it; None when the data files do not say.
    licence: str | None = None
    licence_url: str | None = None

    def label(self) -> str:
        if self.printed:
            return self.printed
        parts = [self.producer]
        if self.dataset:
            parts.append(self.dataset)
        if self.published:
            parts.append(self.published)
        return ", ".join(parts)


@dataclass(frozen=True)
class Provenance:
    """The place a value was read from: data file and line, or imported file and line/page."""

    file: str
    line: int | None = None
    page: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        text = self.file
        if self.page is not None:
            text += f", page {self.page}"
        if self.line is not None:
            text += f", line {self.line}"
        if self.column:
            text += f", column {self.column}"
        return text
