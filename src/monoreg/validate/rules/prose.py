"""Numbers quoted in prose: « 95 campus », « 56 pôles de compétitivité », « 337 millions
d'euros » in a text of the edition are matched against the edition's figures, with the
rounding the text uses as tolerance (« 2,5 milliards » is any amount from 2,45 to 2,55
milliards). Which words quote which figures is declared in data/reference/checks.yaml
(`prose`). A number no figure of its kind confirms is a finding; a text about a kind of
figure the edition does not print is not checked.

`quoted_numbers` and `confirming` are what generated sentences can be checked with too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from monoreg import formatting as fr
from monoreg.model import Catalog, Finding, Observation, ProseTerm, Severity, Status
from monoreg.validate.context import Context
from monoreg.validate.registry import rule
from monoreg.validate.wording import figure_at, quote

FAMILY = "prose"
_NUMBER = r"(?<![\d,.])(?P<number>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(?P<decimals>\d+))?"
# Up to two words between the number and the term ('17 nouveaux campus').
_BETWEEN = r"\s+(?:[^\s\d]+\s+){0,2}?"


@dataclass(frozen=True)
class Quoted:
    text: str                  # as written: '337 millions d'euros'
    value: Decimal
    tolerance: Decimal         # half a unit of the last digit written
    term: ProseTerm


def _term_pattern(words: str) -> str:
    parts = [re.sub(r"['’]", "['’]", re.escape(w)) for w in words.split()]
    return r"\s+".join(parts) + r"(?![\w])"


def quoted_numbers(text: str, terms: Iterable[ProseTerm]) -> Iterator[Quoted]:
    """The numbers of `text` followed by the words of a term, in text order."""
    found: list[tuple[int, Quoted]] = []
    for term in terms:
        pattern = re.compile(_NUMBER + _BETWEEN + _term_pattern(term.words), re.IGNORECASE)
        for match in pattern.finditer(text):
            digits = re.sub(r"\s", "", match.group("number"))
            decimals = match.group("decimals") or ""
            value = Decimal(f"{digits}.{decimals}" if decimals else digits)
            tolerance = Decimal(5) / Decimal(10) ** (len(decimals) + 1)
            found.append((match.start(), Quoted(" ".join(match.group(0).split()), value,
                                                tolerance, term)))
    return (q for _, q in sorted(found, key=lambda pair: pair[0]))


def candidates(quoted: Quoted, figures: Iterable[Observation], catalog: Catalog
               ) -> list[tuple[Observation, Decimal]]:
    """The edition's figures of the quoted kind, each with its value in the text's unit."""
    term = quoted.term
    unit = catalog.units.get(term.unit) if term.unit else None
    result = []
    for o in figures:
        if o.status is not Status.VALUE or o.value is None:
            continue
        if term.indicators and o.indicator not in term.indicators:
            continue
        if unit is None:
            if term.indicators:
                result.append((o, o.value))
            continue
        own = catalog.units[o.unit]
        if own.dimension == unit.dimension and (term.indicators or own.dimension == "money"):
            result.append((o, own.convert(o.value, unit)))
    return result


def confirming(quoted: Quoted, found: list[tuple[Observation, Decimal]]) -> bool:
    return any(abs(value - quoted.value) <= quoted.tolerance for _, value in found)


@rule("prose-number", Severity.WARNING, FAMILY)
def prose_number(context: Context) -> Iterator[Finding]:
    """Un nombre cité dans un texte de l'édition (« 95 campus », « 337 millions d'euros »)
    est confirmé par un chiffre de l'édition du même genre (data/reference/checks.yaml,
    `prose`), à l'arrondi près du texte ; sinon le texte et les tableaux se contredisent,
    ou le texte cite un chiffre que l'édition n'imprime pas."""
    catalog = context.catalog
    terms = catalog.checks.prose
    figures = context.edition.observations
    for text in context.edition.texts:
        for quoted in quoted_numbers(text.body, terms):
            found = candidates(quoted, figures, catalog)
            if not found or confirming(quoted, found):
                continue
            nearest = sorted(found, key=lambda pair: abs(pair[1] - quoted.value))[:3]
            yield context.finding(
                text, f"{quote(quoted.text)} dans {quote(text.title)} : aucun chiffre de "
                      "l'édition ne le confirme à l'arrondi du texte près "
                      f"(±{fr.number(quoted.tolerance, len(str(quoted.tolerance)) - 2)}).",
                printed=quoted.text,
                expected=" ; ".join(figure_at(o, catalog) for o, _ in nearest))
