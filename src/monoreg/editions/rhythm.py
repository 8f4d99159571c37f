"""When a producer's next figure is due: the period a figure should have in a new edition.

A figure keeps the same lag behind the data cut-off from one edition to the next, counted in
whole steps of its producer's rhythm (the catalogue's `frequency`): a quarterly figure at
T2 2019 in an edition stopped in December 2019 is due at T2 2020 in the edition stopped in
December 2020; a yearly figure moves by a year only when the cut-off moved by a whole year.
"""

from __future__ import annotations

from monoreg.model import Period, PeriodKind
from monoreg.model.period import months_between

MONTHS_PER_STEP = {"monthly": 1, "quarterly": 3, "yearly": 12, "school_year": 12}
# Without a known rhythm a figure is assumed to move as the editions do: once a year.
EDITION_MONTHS = 12


def rhythm_known(frequency: str | None) -> bool:
    return frequency in MONTHS_PER_STEP


def advanced(period: Period, months: int) -> Period:
    """`period` moved by `months` (negative: earlier) in its own unit, whole units only."""
    match period.kind:
        case PeriodKind.MONTH:
            return period.shifted(months)
        case PeriodKind.QUARTER:
            return period.shifted(months // 3)
        case _:
            return period.shifted(months // 12)


def expected_period(period: Period, frequency: str | None, old_cutoff: Period,
                    new_cutoff: Period) -> Period:
    """The period a figure at `period` under `old_cutoff` should have under `new_cutoff`."""
    step = MONTHS_PER_STEP.get(frequency or "", EDITION_MONTHS)
    months = months_between(old_cutoff, new_cutoff)
    return advanced(period, months // step * step)
