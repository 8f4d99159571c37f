"""French sentences generated from the figures of an indicator table.

'Le nombre d’apprentis progresse de 9,4 % entre 2016/2017 et 2018/2019, passant de 22 578 à
24 703 (France : 452 652 en 2018/2019).' The evolution is the one derive recomputes (never
the printed one, which it agrees with when both are clean); the verb follows the indicator's
polarity, the amount its kind (% for counts and amounts, points for rates). A row whose
figures or printed evolution validation puts in doubt gets no sentence, nor one whose print
gives no evolution: the text must not say what the data does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

from monoreg import formatting as fr
from monoreg.derive import figure_text as figures
from monoreg.derive.evolutions import Change
from monoreg.derive.tables import IndicatorRow
from monoreg.model import (
    Catalog,
    Evolution,
    Indicator,
    Observation,
    Period,
    PeriodKind,
    Polarity,
)
from monoreg.publish.findings import FindingIndex

WORDING_FILE = Path(__file__).with_name("wording.yaml")
RELATIVE_DECIMALS = 1


@dataclass(frozen=True)
class Subject:
    text: str            # 'le nombre d’apprentis'
    plural: bool = False


# (singular verb, plural verb, noun) for a rise and for a fall, by polarity: a rise of
# something good 'progresse', a fall of something bad 'recule', neutral figures
# 'augmente' / 'diminue'.
_RISE = {Polarity.UP_GOOD: ("progresse", "progressent", "progression"),
         Polarity.UP_BAD: ("augmente", "augmentent", "hausse"),
         Polarity.NEUTRAL: ("augmente", "augmentent", "hausse")}
_FALL = {Polarity.UP_GOOD: ("recule", "reculent", "recul"),
         Polarity.UP_BAD: ("recule", "reculent", "recul"),
         Polarity.NEUTRAL: ("diminue", "diminuent", "baisse")}


@cache
def load_wording(path: Path = WORDING_FILE) -> dict[str, Subject]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {key: Subject(value["subject"], value.get("plural", False))
            for key, value in data.items()}


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def period_in_sentence(period: Period) -> str:
    """'2018/2019', 'juillet 2019', 'le 2e trimestre 2019', 'le 1er janvier 2019'."""
    if period.kind in (PeriodKind.QUARTER, PeriodKind.DATE):
        return f"le {period.label()}"
    return period.label()


def amount(change: Change, indicator: Indicator) -> str:
    """'9,4 %' or '0,7 point', without sign: the verb says the direction."""
    if change.mode is Evolution.POINTS:
        return fr.points_words(change.value, max(indicator.decimals, 1))
    return fr.percent(abs(change.value), RELATIVE_DECIMALS)


def is_stable(change: Change, indicator: Indicator) -> bool:
    """Stable when the evolution, as printed, is zero."""
    decimals = max(indicator.decimals, 1) if change.mode is Evolution.POINTS \
        else RELATIVE_DECIMALS
    return fr.rounded(change.value, decimals) == 0


# Amounts of money a sentence says in words, largest first: (euros, singular, plural);
# French takes the singular below two ('1,6 milliard d’euros').
_MONEY_WORDS = ((Decimal(10) ** 9, "milliard d’euros", "milliards d’euros"),
                (Decimal(10) ** 6, "million d’euros", "millions d’euros"))


def in_words(o: Observation, catalog: Catalog) -> str:
    """A level as a sentence says it: an amount of money in words with one decimal
    ('233,4 millions d’euros', not '233 361 308 €' nor '124 045 k€'); other figures as the
    tables print them, with 'milliers' where the unit has no symbol. Tables keep the
    printed form."""
    unit = catalog.units[catalog.indicators[o.indicator].unit]
    euros = o.value * unit.scale if o.value is not None and unit.dimension == "money" \
        else None
    if euros is None:
        return figures.text(o, catalog, scale_word=True)
    for size, singular, plural in _MONEY_WORDS:
        if abs(euros) >= size:
            scaled = fr.rounded(euros / size, 1)
            return f"{fr.number(scaled, 1)}{fr.NBSP}{singular if abs(scaled) < 2 else plural}"
    return f"{fr.number(euros, 0)}{fr.NBSP}euros"


def evolution_sentence(row: IndicatorRow, catalog: Catalog, findings: FindingIndex,
                       subject: Subject | None = None) -> str | None:
    """The sentence for one row of an indicator table, or None when the figures do not
    allow one (a missing value, no evolution, or an error validation reports)."""
    indicator, base, current, change = row.indicator, row.base, row.current, row.change
    if base is None or current is None or change is None:
        return None
    if row.claim is not None and row.claim.value is None:
        return None  # the print gives no evolution ('%', '-'): none is made up for it
    if findings.blocks((base, current, row.claim)):
        return None  # a doubtful figure or printed evolution: the text must not rest on it
    between = f"entre {period_in_sentence(base.period)} et {period_in_sentence(current.period)}"
    level = in_words(current, catalog)
    if is_stable(change, indicator):
        verb = "sont stables" if subject and subject.plural else "est stable"
        movement, levels = f"{verb} {between}", f", à {level}"
        noun = f"stabilité {between}"
    else:
        rise = change.value > Decimal(0)
        singular, plural, noun_word = (_RISE if rise else _FALL)[indicator.polarity]
        verb = plural if subject and subject.plural else singular
        movement = f"{verb} de {amount(change, indicator)} {between}"
        noun = f"{noun_word} de {amount(change, indicator)} {between}"
        levels = f", passant de {in_words(base, catalog)} à {level}"
    national = _national(row, catalog, findings)
    if subject is not None:
        return f"{_capitalised(subject.text)} {movement}{levels}{national}."
    return f"{indicator.label}{fr.NBSP}: {noun}{levels}{national}."


def _national(row: IndicatorRow, catalog: Catalog, findings: FindingIndex) -> str:
    national = row.national
    if national is None or national.value is None or findings.blocks((national,)):
        return ""
    name = figures.territory_name(national.territory, catalog)
    return (f" ({name}{fr.NBSP}: {in_words(national, catalog)} "
            f"{national.period.phrase()})")


def summary(rows: list[IndicatorRow], catalog: Catalog, findings: FindingIndex
            ) -> tuple[str, ...]:
    wording = load_wording()
    sentences = (evolution_sentence(row, catalog, findings, wording.get(row.indicator.id))
                 for row in rows)
    return tuple(s for s in sentences if s)
