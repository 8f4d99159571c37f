"""Acceptance: the findings an editor accepted in the data files (`accept`) name real rules,
and still match a finding — an acceptance left behind after a fix is reported."""

from __future__ import annotations

from collections.abc import Iterator

from monoreg.model import Finding, Severity
from monoreg.validate.context import Context
from monoreg.validate.registry import RULES, rule
from monoreg.validate.subjects import edition_items
from monoreg.validate.wording import quote

FAMILY = "acceptance"


@rule("acceptance-unknown-rule", Severity.WARNING, FAMILY)
def acceptance_unknown_rule(context: Context) -> Iterator[Finding]:
    """Une acceptation (`accept` dans les fichiers de données) nomme une règle qui existe :
    un identifiant mal orthographié n'accepterait rien."""
    for item in edition_items(context.edition):
        for rule_id, _ in getattr(item, "accepted", ()):
            if rule_id not in RULES:
                yield context.finding(
                    item, f"Acceptation d'une règle inconnue {quote(rule_id)}.",
                    expected="un identifiant de règle de docs/validation.md")


@rule("acceptance-unused", Severity.INFO, FAMILY, final=True)
def acceptance_unused(context: Context) -> Iterator[Finding]:
    """Une acceptation correspond encore à un constat de sa règle sur le même élément ;
    sinon le problème a été corrigé et l'acceptation peut être retirée."""
    for item in edition_items(context.edition):
        for rule_id, why in getattr(item, "accepted", ()):
            if rule_id in context.ran and (id(item), rule_id) not in context.acceptances.used:
                yield context.finding(
                    item, f"Acceptation sans objet : la règle {quote(rule_id)} ne signale "
                          f"plus rien ici (justification : {quote(why)}).",
                    expected="retirer l'acceptation")

