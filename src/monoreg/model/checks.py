"""Relations between indicators that the catalogue's `part_of` cannot say, declared in
data/reference/checks.yaml. Validation checks the printed figures against them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bound:
    """`part` never exceeds `whole` for one territory and period (jobseekers ≤ active
    population, a sub-budget ≤ the whole budget)."""

    part: str
    whole: str


@dataclass(frozen=True)
class Balance:
    """A budget that must balance: `receipts` equal `expenses` (budget primitif)."""

    receipts: str
    expenses: str


@dataclass(frozen=True)
class ListCount:
    """A printed count that is the number of items of a list of the edition
    ('7 pôles de compétitivité' and the seven pôles described)."""

    indicator: str
    list_kind: str                 # a ListKind value


@dataclass(frozen=True)
class SeriesCheck:
    """Edition figures against a loaded official series of the same family, same territory
    and nearest period: `level`: each figure is the series' value (a population against the
    legal population); `within`: the figures add up to no more than the series' value
    (jobs of the main sectors against total employment)."""

    figures: tuple[str, ...]
    series: str
    relation: str                  # 'level' | 'within'


@dataclass(frozen=True)
class ProseTerm:
    """Words after which a number in a text quotes a figure of the edition ('95 campus',
    '337 millions d'euros'): the number must match a figure of `indicators` (or, when
    empty, any figure in `unit`'s dimension), within the rounding the text uses."""

    words: str
    indicators: tuple[str, ...] = ()
    unit: str | None = None        # the unit the words say ('meur' for 'millions d'euros')


@dataclass(frozen=True)
class Checks:
    population: str | None = None  # the indicator giving a territory's population
    complete: tuple[str, ...] = () # wholes that are exactly the sum of their catalogue parts
    bounds: tuple[Bound, ...] = ()
    balances: tuple[Balance, ...] = ()
    list_counts: tuple[ListCount, ...] = ()
    series: tuple[SeriesCheck, ...] = ()
    prose: tuple[ProseTerm, ...] = ()
