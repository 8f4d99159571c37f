"""What a rule reads (the edition, the catalogue, other editions, settings) and how it writes
a finding about an item, with the editor's acceptance attached."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from monoreg.model import Catalog, Edition, Finding, Observation, Severity
from monoreg.validate.figure_index import Figures
from monoreg.validate.subjects import Subject, edition_items, subject_key, subject_of
from monoreg.validate.tolerances import DEFAULT_SETTINGS, ValidationSettings

if TYPE_CHECKING:
    from monoreg.validate.registry import Rule


class Acceptances:
    """The editors' acceptances (`accept` in the data files) and which ones a finding used.

    A finding is accepted when the very item it is about — or one of the items it compares
    it with — accepts its rule id: the match is on the item, not on a message or a line.
    Findings written without `Context.finding` (by hand) are matched on their location, the
    item's data-file line.
    """

    def __init__(self, edition: Edition) -> None:
        self.used: set[tuple[int, str]] = set()
        self.by_location: dict[str, list[object]] = {}
        for item in edition_items(edition):
            where = subject_of(item).location
            if where is not None and getattr(item, "accepted", None):
                self.by_location.setdefault(where, []).append(item)

    def justification(self, rule_id: str, items: Iterable[object]) -> str | None:
        for item in items:
            for accepted_rule, why in getattr(item, "accepted", ()):
                if accepted_rule == rule_id:
                    self.used.add((id(item), rule_id))
                    return why
        return None

    def by_location_of(self, finding: Finding) -> str | None:
        if finding.location is None:
            return None
        return self.justification(finding.rule, self.by_location.get(finding.location, ()))


@dataclass(frozen=True)
class Context:
    """What a rule may read: the edition, the catalogue, other editions and figures stored
    outside editions when known, and the settings. `rule` is the rule being run."""

    edition: Edition
    catalog: Catalog
    others: tuple[Edition, ...] = field(default=())
    # figures stored outside editions (official series, imports), when known
    series: tuple[Observation, ...] = field(default=())
    settings: ValidationSettings = DEFAULT_SETTINGS
    rule: Rule | None = None
    findings: tuple[Finding, ...] = ()       # for final rules: what the other rules found
    ran: frozenset[str] = frozenset()        # for final rules: the rules that ran
    figures: Figures = field(default=None, repr=False, compare=False)  # type: ignore[assignment]
    acceptances: Acceptances = field(default=None, repr=False,  # type: ignore[assignment]
                                     compare=False)

    def __post_init__(self) -> None:
        # Built once; dataclasses.replace() (one context per rule) passes them on.
        if self.figures is None:
            object.__setattr__(self, "figures", Figures(self.edition, self.catalog))
        if self.acceptances is None:
            object.__setattr__(self, "acceptances", Acceptances(self.edition))

    def finding(self, about: object, message: str, *, expected: str | None = None,
                printed: str | None = None, severity: Severity | None = None,
                related: Sequence[object] = ()) -> Finding:
        """A finding of the running rule about `about` (an item of the edition or a
        Subject), compared with the `related` items; printed defaults to the item's."""
        assert self.rule is not None, "findings are written by a running rule"
        subject = subject_of(about)
        others = [subject_of(r) for r in related]
        accepted = self.acceptances.justification(
            self.rule.id, [s.item for s in (subject, *others)])
        figures = tuple(dict.fromkeys(k for s in (subject, *others)
                                      if (k := subject_key(s)) is not None))
        return Finding(
            rule=self.rule.id, severity=severity or self.rule.severity,
            message=message[:1].upper() + message[1:],
            section=subject.section, indicator=subject.indicator,
            territory=subject.territory, period=subject.period,
            printed=printed if printed is not None else subject.printed, expected=expected,
            location=subject.location, accepted=accepted, origin=subject.origin,
            related=tuple(s.location for s in others if s.location), figures=figures)


__all__ = ["Acceptances", "Context", "Subject"]
