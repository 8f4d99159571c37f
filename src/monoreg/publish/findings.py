"""Which validation findings concern which printed figure, and what a block may say about them.

A finding names its figure by `location` (the data file and line, as the validation sets it
from the figure's provenance) or by section, indicator, territory and period. Findings that
no figure claims stay with their section (proof mode prints them there).

Readers of the public version see, next to each figure that is not plainly trusted, a note
call leading to a note named by its quality status (« Corrigé », « Non publié », « Publié
avec réserve », « À vérifier »: model/quality.py's one legend); editors' proofs show every
finding, with the editor's decision when there is one. Generated text and charts rest only
on trusted figures (`trusted`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from monoreg.model import (
    QUALITY_LEGEND,
    Edition,
    EvolutionClaim,
    Finding,
    Observation,
    QualityStatus,
    Severity,
)
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
    """An error nobody resolved: the figure is not fit to be turned into a sentence."""
    return finding.is_open_error


# What generated sentences and charts may rest on: figures published as printed with no
# doubt, or corrected with evidence; never flagged, withheld or published with a caveat.
TRUSTED = frozenset({QualityStatus.OK, QualityStatus.CORRECTED})


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
        """True when one of the figures is not trusted (flagged, withheld, published with a
        caveat), or carries or takes part in an unresolved error."""
        present = [item for item in items if item is not None]
        return (any(item.quality.status not in TRUSTED for item in present)
                or any(is_blocking(f) for item in present
                       for f in (*self.about(item), *self._compared(item))))

    def unclaimed(self, section: str | None) -> list[Finding]:
        """Findings of the section (None: of no known section) no figure has claimed."""
        return [f for number, f in enumerate(self.findings)
                if number not in self._claimed and f.section == section]


SEVERITY_LABELS = {Severity.ERROR: "Erreur", Severity.WARNING: "Avertissement",
                   Severity.INFO: "Information"}
_DECISION_WORDS = {QualityStatus.CORRECTED: "corrigé", QualityStatus.ACCEPTED: "accepté",
                   QualityStatus.WITHHELD: "non publié"}


def note_text(finding: Finding, mode: Mode) -> str:
    if mode is Mode.PUBLIC:
        return finding.accepted or ""
    text = finding.message
    if finding.printed:
        text += f" — imprimé\u00a0: {finding.printed}"
    if finding.expected:
        text += f" — attendu\u00a0: {finding.expected}"
    if finding.resolution is not None:
        word = _DECISION_WORDS[finding.resolution.status]
        text += f" — {word}\u00a0: {finding.resolution.note}"
    elif finding.accepted:
        text += f" — accepté\u00a0: {finding.accepted}"
    return text


def note_kind(finding: Finding) -> NoteKind:
    if finding.resolution is not None:
        return NoteKind(finding.resolution.status.value)
    if finding.accepted:
        return NoteKind.ACCEPTED
    return NoteKind(finding.severity.value)


def note_label(finding: Finding) -> str:
    if finding.resolved:
        status = finding.resolution.status if finding.resolution else QualityStatus.ACCEPTED
        return QUALITY_LEGEND[status].label
    return SEVERITY_LABELS[finding.severity]


def quoted(printed: str | None) -> str:
    return f"«\u00a0{printed}\u00a0»" if printed else "sans texte imprimé"


def quality_note(item: Item, findings: Sequence[Finding]) -> str:
    """What a reader must know about a figure that is not plainly trusted (public version)."""
    quality = item.quality
    status = quality.status
    if status is QualityStatus.FLAGGED:
        doubts = "\u00a0; ".join(dict.fromkeys(f.message for f in findings if not f.resolved))
        return doubts or "Une vérification a relevé une incohérence non encore tranchée."
    note = quality.note or ""
    if status is QualityStatus.ACCEPTED:
        return note
    printed = f"Imprimé {quoted(item.printed)}"
    return f"{printed}. {note}".strip()


@dataclass
class Notes:
    """Numbers the notes of one block: each finding (proof) or figure (public) noted once,
    marks point to its number."""

    mode: Mode
    notes: list[Note] = field(default_factory=list)
    _numbers: dict[object, int] = field(default_factory=dict)

    def visible(self, finding: Finding) -> bool:
        return self.mode is Mode.PROOF or bool(finding.accepted)

    def _add(self, key: object, kind: NoteKind, text: str, rule: str | None,
             label: str) -> int:
        if key not in self._numbers:
            number = len(self.notes) + 1
            self._numbers[key] = number
            self.notes.append(Note(number, kind, text, rule, label))
        return self._numbers[key]

    def mark(self, findings: Iterable[Finding]) -> tuple[int, ...]:
        marks = [self._add(id(finding), note_kind(finding), note_text(finding, self.mode),
                           finding.rule, note_label(finding))
                 for finding in findings if self.visible(finding)]
        return tuple(dict.fromkeys(marks))

    def mark_figure(self, item: Item, findings: Sequence[Finding]) -> tuple[int, ...]:
        """The note calls of one figure: every finding about it in a proof; in the public
        version, one note for its quality when it is not plainly trusted."""
        status = item.quality.status
        if self.mode is Mode.PROOF or status is QualityStatus.OK:
            return self.mark(findings)
        rules = ", ".join(item.quality.findings) or None
        return (self._add(("figure", item.figure), NoteKind(status.value),
                          quality_note(item, findings), rules, QUALITY_LEGEND[status].label),)

    def done(self) -> tuple[Note, ...]:
        return tuple(self.notes)
