"""The rule registry: `@rule(id, severity, family)` on small read-only functions that yield
Findings, and `validate_edition`, which runs them all."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from monoreg.model import Catalog, Edition, Finding, Observation, Severity, Status
from monoreg.validate.context import Context
from monoreg.validate.tolerances import DEFAULT_SETTINGS, ValidationSettings

RuleFunction = Callable[[Context], Iterable[Finding]]
RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity             # the severity of its findings unless a finding says other
    function: RuleFunction
    family: str
    doc: str                       # French: what the rule checks (reports and docs show it)
    final: bool = False            # runs after the others and sees their findings
    # Whether an open finding makes its figure doubtful (quality 'flagged'). A rule about
    # typography only (a dot for a comma, a missing '+') says how a figure is printed, not
    # that it is wrong: its open findings are for the editor, not a warning to readers.
    flags: bool = True


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, family: str, *, final: bool = False,
         flags: bool = True) -> Callable[[RuleFunction], RuleFunction]:
    if not RULE_ID.match(rule_id):
        raise ValueError(f"rule id {rule_id!r} is not kebab-case")

    def register(function: RuleFunction) -> RuleFunction:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} is registered twice")
        RULES[rule_id] = Rule(rule_id, severity, function, family,
                              (function.__doc__ or "").strip(), final, flags)
        return function
    return register


def load_rules() -> dict[str, Rule]:
    # Importing the rule modules registers them.
    import monoreg.validate.rules  # noqa: F401
    return RULES


def _printed_part(edition: Edition) -> Edition:
    """The edition without its figures still to fill: a scaffolded edition's empty N is on
    the editor's checklist (`monoreg edition status`), not a finding of every rule."""
    if all(o.status is not Status.TO_FILL for o in edition.observations):
        return edition
    return replace(edition, observations=tuple(
        o for o in edition.observations if o.status is not Status.TO_FILL))


def validate_edition(edition: Edition, catalog: Catalog, *, others: tuple[Edition, ...] = (),
                     series: tuple[Observation, ...] = (),
                     only: Iterable[str] | None = None,
                     settings: ValidationSettings = DEFAULT_SETTINGS) -> list[Finding]:
    """Every finding of every rule (or of the rules in `only`) on `edition`, errors first,
    in the order of the monograph's sections; accepted findings carry the justification."""
    load_rules()
    context = Context(_printed_part(edition), catalog, others, series, settings)
    wanted = set(only) if only is not None else None
    chosen = [r for r in RULES.values() if wanted is None or r.id in wanted]
    findings: list[Finding] = []
    for entry in (r for r in chosen if not r.final):
        findings.extend(entry.function(replace(context, rule=entry)))
    findings = [f if f.accepted else replace(f, accepted=context.acceptances.by_location_of(f))
                for f in findings]
    done = replace(context, findings=tuple(findings),
                   ran=frozenset(r.id for r in chosen if not r.final))
    for entry in (r for r in chosen if r.final):
        findings.extend(entry.function(replace(done, rule=entry)))
    order = {s.id: s.order for s in catalog.sections}
    return sorted(findings, key=lambda f: (
        f.severity.rank, order.get(f.section or "", len(order)), f.rule, f.indicator or "",
        f.territory or "", f.period or "", f.location or ""))
