"""The validation report of one edition: findings grouped by section in print order, severity
first in each section, with the rules' documentation. The terminal table, the JSON and the
HTML report are written from this one model."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from monoreg.model import Catalog, Edition, Finding, Severity
from monoreg.validate.registry import load_rules

SEVERITY_LABELS = {Severity.ERROR: "Erreur", Severity.WARNING: "Avertissement",
                   Severity.INFO: "Information"}
OTHER_SECTION = "Autres constats"


@dataclass(frozen=True)
class Entry:
    finding: Finding
    severity_label: str
    section_title: str
    rule_doc: str
    family: str

    @property
    def is_open_error(self) -> bool:
        return self.finding.is_open_error


@dataclass(frozen=True)
class Counts:
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    accepted: int = 0

    @classmethod
    def of(cls, entries: Sequence[Entry]) -> Counts:
        open_ = Counter(e.finding.severity for e in entries if not e.finding.resolved)
        return cls(open_[Severity.ERROR], open_[Severity.WARNING], open_[Severity.INFO],
                   sum(1 for e in entries if e.finding.resolved))


@dataclass(frozen=True)
class Group:
    section: str | None
    title: str
    entries: tuple[Entry, ...]
    counts: Counts


@dataclass(frozen=True)
class RuleDoc:
    id: str
    family: str
    severity_label: str
    doc: str


@dataclass(frozen=True)
class Report:
    region: str                    # INSEE code
    region_name: str
    year: int
    title: str
    cutoff: str
    synthetic: bool
    groups: tuple[Group, ...]
    counts: Counts
    rules: tuple[RuleDoc, ...]     # every rule that ran, documented

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(e for g in self.groups for e in g.entries)

    @property
    def has_open_errors(self) -> bool:
        return self.counts.errors > 0


def _order(entry: Entry) -> tuple[int, bool, str, str]:
    f = entry.finding
    return (f.severity.rank, f.resolved, f.rule, f.location or "")


def build_report(edition: Edition, catalog: Catalog, findings: Sequence[Finding]) -> Report:
    rules = load_rules()
    titles = {s.id: s.title for s in catalog.sections}
    entries = [Entry(f, SEVERITY_LABELS[f.severity],
                     titles.get(f.section or "", OTHER_SECTION),
                     rules[f.rule].doc if f.rule in rules else "",
                     rules[f.rule].family if f.rule in rules else "")
               for f in findings]
    groups = []
    for section in (*(s.id for s in catalog.sections), None):
        mine = sorted((e for e in entries if (e.finding.section if e.finding.section in titles
                                              else None) == section), key=_order)
        if mine:
            groups.append(Group(section, titles.get(section or "", OTHER_SECTION), tuple(mine),
                                Counts.of(mine)))
    region = catalog.territories.find(edition.region)
    return Report(
        region=edition.region, region_name=region.name if region else edition.region,
        year=edition.year, title=edition.title, cutoff=edition.cutoff.label(),
        synthetic=edition.synthetic, groups=tuple(groups), counts=Counts.of(entries),
        rules=tuple(RuleDoc(r.id, r.family, SEVERITY_LABELS[r.severity], r.doc)
                    for r in sorted(rules.values(), key=lambda r: (r.family, r.id))))
