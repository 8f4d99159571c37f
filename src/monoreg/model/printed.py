"""Reading figures as French documents print them ('1 608,2', '-12,72%', 'Non renseigné').

The reader never corrects: it returns the value a reader would take from the text and the
list of typographic anomalies it saw, so that validation can report them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from monoreg.model.names import fold
from monoreg.model.observation import Status

_SPACES = re.compile(r"[\u00a0\u202f\u2009\u2007\s]+")
_UNIT_SUFFIX = re.compile(
    r"\s*(?P<unit>%|pts?\.?|points?|Md\s?€|M\s?€|k\s?€|€|"
    r"milliards?\s+d['’]\s?(?:€|euros?)|millions?\s+d['’]\s?(?:€|euros?)|"
    r"milliers\s+d['’]\s?(?:€|euros?)|euros?)\s*$",
    re.IGNORECASE,
)
_ANNOTATION = re.compile(r"\s*\((?P<note>[^()]*)\)\s*$")
_NUMBER = re.compile(r"^(?P<int>\d[\d ]*?)(?:\s*(?P<sep>[,.])\s*(?P<dec>[\d ]*\d))?$")

UNIT_BY_SYMBOL = {
    "%": "percent", "pt": "points", "pts": "points", "point": "points", "points": "points",
    "€": "eur", "euro": "eur", "euros": "eur", "k€": "keur", "m€": "meur", "md€": "beur",
    "milliards": "beur", "millions": "meur", "milliers": "keur",
}

# Small counts are often printed in words ("CINQ CAMPUS DES METIERS").
NUMBER_WORDS = {w: i for i, w in enumerate((
    "zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit",
    "dix-neuf", "vingt"))}
NUMBER_WORDS["une"] = 1

# Anomaly codes (validation turns them into French messages).
DOT_DECIMAL = "dot-decimal"             # '-0.03%': a dot as decimal separator
IRREGULAR_GROUPS = "irregular-groups"   # '30 70 000': digit groups not of three
SPACE_IN_DECIMALS = "space-in-decimals" # '993 520 495, 00'
UNGROUPED = "ungrouped"                 # '12425900': five digits or more without groups
NO_NUMBER = "no-number"                 # '%': a unit without a number


class PrintedNumberError(ValueError):
    """The text is neither a number, nor 'Non renseigné', nor '-'."""


@dataclass(frozen=True)
class PrintedNumber:
    text: str
    value: Decimal | None
    status: Status
    unit: str | None = None          # unit code read from the symbol ('percent', 'meur')
    annotation: str | None = None    # trailing parenthesised text ('AE')
    decimals: int = 0                # digits printed after the decimal separator
    separator: str | None = None     # ',' or '.' as printed
    negative: bool = False
    explicit_sign: bool = False      # a '+' or '-' is printed
    anomalies: tuple[str, ...] = ()


def _unit_code(symbol: str) -> str:
    key = fold(symbol).replace(" ", "").rstrip(".")
    for word in ("milliards", "millions", "milliers"):
        if key.startswith(word[:-1]):
            return UNIT_BY_SYMBOL[word]
    return UNIT_BY_SYMBOL.get(key, UNIT_BY_SYMBOL.get(key.rstrip("s"), "eur"))


def read_printed(text: str) -> PrintedNumber:
    """Read one printed figure. Raises PrintedNumberError when it is not a figure at all."""
    original = text
    cleaned = _SPACES.sub(" ", text.replace("\u2212", "-")).strip()
    folded = fold(cleaned)
    if folded in ("non renseigne", "non renseignee", "nr", "n.r.", "nd", "n.d."):
        return PrintedNumber(original, None, Status.MISSING)
    if cleaned in ("-", "–", "—", "/"):
        return PrintedNumber(original, None, Status.NOT_APPLICABLE)
    if folded in NUMBER_WORDS:
        return PrintedNumber(original, Decimal(NUMBER_WORDS[folded]), Status.VALUE)

    annotation = None
    match = _ANNOTATION.search(cleaned)
    if match and match.start() > 0:
        annotation = match.group("note").strip()
        cleaned = cleaned[: match.start()].strip()
    unit = None
    match = _UNIT_SUFFIX.search(cleaned)
    if match:
        unit = _unit_code(match.group("unit"))
        cleaned = cleaned[: match.start()].strip()

    negative = explicit_sign = False
    if cleaned and cleaned[0] in "+-":
        explicit_sign = True
        negative = cleaned[0] == "-"
        cleaned = cleaned[1:].strip()
    if not cleaned:
        if unit:
            return PrintedNumber(original, None, Status.NOT_APPLICABLE, unit=unit,
                                 annotation=annotation, anomalies=(NO_NUMBER,))
        raise PrintedNumberError(f"« {original} » n'est pas un chiffre")

    match = _NUMBER.match(cleaned)
    if not match:
        raise PrintedNumberError(f"« {original} » n'est pas un chiffre")
    integer, separator, decimals = match.group("int"), match.group("sep"), match.group("dec")
    anomalies: list[str] = []
    groups = integer.split()
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        anomalies.append(IRREGULAR_GROUPS)
    if len(groups) == 1 and len(groups[0]) >= 5:
        anomalies.append(UNGROUPED)
    if separator == "." and decimals is not None:
        anomalies.append(DOT_DECIMAL)
    if (decimals is not None and " " in decimals) or (
            separator and re.search(rf"\s{re.escape(separator)}|{re.escape(separator)}\s",
                                    cleaned)):
        anomalies.append(SPACE_IN_DECIMALS)
    digits = "".join(groups)
    decimal_digits = (decimals or "").replace(" ", "")
    try:
        value = Decimal(f"{digits}.{decimal_digits}" if decimal_digits else digits)
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        raise PrintedNumberError(f"« {original} » n'est pas un chiffre") from None
    if negative:
        value = -value
    return PrintedNumber(original, value, Status.VALUE, unit=unit, annotation=annotation,
                         decimals=len(decimal_digits), separator=separator, negative=negative,
                         explicit_sign=explicit_sign, anomalies=tuple(anomalies))
