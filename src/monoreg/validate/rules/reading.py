"""Reading: a figure the monograph reader was unsure of stays an error until an editor has
checked it against the print and cleared its « à vérifier » mark."""

from __future__ import annotations

from collections.abc import Iterator

from monoreg.model import Finding, Severity
from monoreg.validate.context import Context
from monoreg.validate.registry import rule

FAMILY = "reading"


@rule("figure-to-check", Severity.ERROR, FAMILY)
def figure_to_check(context: Context) -> Iterator[Finding]:
    """Aucun chiffre ne garde la marque « à vérifier » que le lecteur de monographies pose
    sur un chiffre dont il n'est pas sûr (cellules accolées, période déduite, unité
    différente) : l'éditeur le compare à l'imprimé, le corrige au besoin, puis vide la
    colonne `check` de observations.csv."""
    for o in context.edition.observations:
        if o.to_check:
            yield context.finding(o, f"Chiffre à vérifier avant publication : {o.to_check}",
                                  expected="le chiffre vérifié sur l'imprimé, colonne check "
                                           "vidée")
