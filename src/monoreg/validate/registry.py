"""The rule registry: `@rule(id, severity)` on small read-only functions yielding Findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from monoreg.model import Catalog, Edition, Finding, Observation, Severity

RuleFunction = Callable[["Context"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    function: RuleFunction
    family: str
    doc: str


@dataclass(frozen=True)
class Context:
    """What a rule may read: the edition, the catalogue, and other editions when known."""

    edition: Edition
    catalog: Catalog
    others: tuple[Edition, ...] = field(default=())
    # figures stored outside editions (official series, imports), when known
    series: tuple[Observation, ...] = field(default=())


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, family: str) -> Callable[[RuleFunction], RuleFunction]:
    def register(function: RuleFunction) -> RuleFunction:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} is registered twice")
        RULES[rule_id] = Rule(rule_id, severity, function, family,
                              (function.__doc__ or "").strip())
        return function
    return register


def _load_rules() -> None:
    # Importing the rule modules registers them.
    import monoreg.validate.rules  # noqa: F401


def validate_edition(edition: Edition, catalog: Catalog, *, others: tuple[Edition, ...] = (),
                     series: tuple[Observation, ...] = (),
                     only: Iterable[str] | None = None) -> list[Finding]:
    _load_rules()
    context = Context(edition, catalog, others, series)
    wanted = set(only) if only is not None else None
    findings: list[Finding] = []
    for rule_id, entry in RULES.items():
        if wanted is not None and rule_id not in wanted:
            continue
        findings.extend(entry.function(context))
    findings = [_with_acceptance(f, edition) for f in findings]
    return sorted(findings, key=lambda f: (f.severity.rank, f.section or "", f.rule,
                                           f.indicator or "", f.period or ""))


def _with_acceptance(finding: Finding, edition: Edition) -> Finding:
    """Attach the editor's justification when the data files accept this finding."""
    for justification in _acceptances(finding, edition):
        return replace(finding, accepted=justification)
    return finding


def _acceptances(finding: Finding, edition: Edition) -> Iterable[str]:
    for item in (*edition.observations, *edition.evolutions):
        if not item.accepted or item.provenance is None:
            continue
        if finding.location != str(item.provenance):
            continue
        for rule_id, justification in item.accepted:
            if rule_id == finding.rule:
                yield justification
