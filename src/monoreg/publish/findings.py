"""Which validation findings concern which printed figure, and what a block may say about them.

A finding names its figure by `location` (the data file and line, as the validation sets it
from the figure's provenance) or by section, indicator, territory and period. Findings that
no figure claims stay with their section (proof mode prints them there).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from monoreg.model import Decision, Edition, EvolutionClaim, Finding, Observation
from monoreg.publish.document import Mode, Note, NoteKind

Item = Observation | EvolutionClaim


def _matches(finding: Finding, item: Item, located: set[str]) -> bool:
    if finding.location in located:
        # The finding names a figure's line: that figure and no other.
        return item.provenance is not None and finding.location == str(item.provenance)
    if finding.indicator is None or finding.indicator != item.indicator:
        return False
    if finding.territory not in (None, item.territory):
        return False
    if finding.section not in (None, item.place):
        return False
    if isinstance(item, EvolutionClaim):
        return finding.period in (None, item.period.code, item.base_period.code)
    return finding.period in (None, item.period.code)


def is_blocking(finding: Finding) -> bool:
    """An error nobody resolved, or a figure an editor withheld or corrected: the printed
    figure is not fit to be turned into a sentence."""
    return finding.is_open_error or (
        finding.resolution is not None and finding.resolution.decision is not Decision.ACCEPTED)


@dataclass
class FindingIndex:
    """The findings of one edition, looked up by figure; remembers which ones were claimed."""

    findings: Sequence[Finding]
    edition: Edition
    _claimed: set[int] = field(default_factory=set)
    _located: set[str] = field(default_factory=set)
    _claims: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        figures: list[Observation | EvolutionClaim] = [*self.edition.observations,
                                                        *self.edition.evolutions]
        self._located = {str(item.provenance) for item in figures
                         if item.provenance is not None}
        self._claims = {str(c.provenance) for c in self.edition.evolutions
                        if c.provenance is not None}

    def about(self, item: Item) -> list[Finding]:
        found = []
        for number, finding in enumerate(self.findings):
            if _matches(finding, item, self._located):
                self._claimed.add(number)
                found.append(finding)
        return found

    def _compared(self, item: Item) -> list[Finding]:
        """Findings on a figure that name this one among those it was compared with (a part
        of a sum that does not add up): any of them may be the wrong one. A printed
        evolution compared with its two figures puts the evolution in question, not them."""
        if item.provenance is None:
            return []
        location = str(item.provenance)
        return [f for f in self.findings if location in f.related
                and f.location not in self._claims]

    def blocks(self, items: Iterable[Item | None]) -> bool:
        """True when one of the figures carries, or takes part in, an unaccepted error."""
        return any(is_blocking(f) for item in items if item is not None
                   for f in (*self.about(item), *self._compared(item)))

    def unclaimed(self, section: str | None) -> list[Finding]:
        """Findings of the section (None: of no known section) no figure has claimed."""
        return [f for number, f in enumerate(self.findings)
                if number not in self._claimed and f.section == section]


def note_text(finding: Finding, mode: Mode) -> str:
    if mode is Mode.PUBLIC:
        return finding.accepted or ""
    text = finding.message
    if finding.printed:
        text += f" — imprimé\u00a0: {finding.printed}"
    if finding.expected:
        text += f" — attendu\u00a0: {finding.expected}"
    if finding.accepted:
        text += f" — accepté\u00a0: {finding.accepted}"
    return text


def note_kind(finding: Finding) -> NoteKind:
    if finding.accepted:
        return NoteKind.ACCEPTED
    return NoteKind(finding.severity.value)


@dataclass
class Notes:
    """Numbers the notes of one block: each finding shown once, marks point to its number."""

    mode: Mode
    notes: list[Note] = field(default_factory=list)
    _numbers: dict[int, int] = field(default_factory=dict)

    def visible(self, finding: Finding) -> bool:
        return self.mode is Mode.PROOF or bool(finding.accepted)

    def mark(self, findings: Iterable[Finding]) -> tuple[int, ...]:
        marks = []
        for finding in findings:
            if not self.visible(finding):
                continue
            key = id(finding)
            if key not in self._numbers:
                number = len(self.notes) + 1
                self._numbers[key] = number
                self.notes.append(Note(number, note_kind(finding),
                                       note_text(finding, self.mode), finding.rule))
            marks.append(self._numbers[key])
        return tuple(dict.fromkeys(marks))

    def done(self) -> tuple[Note, ...]:
        return tuple(self.notes)
