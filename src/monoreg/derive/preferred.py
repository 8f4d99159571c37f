"""Which figure a reader gets when several give the same (indicator, territory, period,
dimension): the one policy every output and rule uses.

The policy, in order:
1. a figure with a value that is trusted (quality ok, accepted or corrected) beats a flagged
   one, which beats a gap (withheld, « Non renseigné », « - »): a gap never hides a value
   and a doubtful figure never hides a sound one;
2. the territory's own edition (Normandie's figure in the Normandie monograph), then the
   official series (INSEE files of data/series), then other editions (France as printed in
   another region's monograph), then imported files;
3. the newest edition first (a later edition revises an earlier one);
4. the order the figures were stored in (the first printed occurrence).

Ties cannot remain: the last criterion is a total order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import TypeVar

from monoreg.model import Observation, QualityStatus, Status

T = TypeVar("T")
PreferredKey = tuple[str, str, str, str | None]  # indicator, territory, period code, dimension


class Origin(IntEnum):
    """Where a figure comes from, in the order of preference (rule 2 of the policy)."""

    OWN_EDITION = 0
    SERIES = 1
    OTHER_EDITION = 2
    IMPORT = 3


@dataclass(frozen=True)
class Candidate:
    observation: Observation | None   # None when described by `key` and `trust` alone
    origin: Origin
    edition_year: int | None = None   # for edition figures
    order: int = 0                    # storage order (row id, file order)
    key: PreferredKey | None = None   # default: the observation's
    trust: int | None = None          # default: the observation's (see `trust`)

    def preferred_key(self) -> PreferredKey:
        if self.key is not None:
            return self.key
        assert self.observation is not None
        return preferred_key(self.observation)

    def trust_rank(self) -> int:
        if self.trust is not None:
            return self.trust
        assert self.observation is not None
        return trust(self.observation)


def origin_of(territory: str, edition_region: str | None, batch_kind: str) -> Origin:
    """The origin of a stored figure: its edition's region (None outside editions) and the
    kind of its batch ('datafiles', 'series' or 'import')."""
    if edition_region is not None:
        return Origin.OWN_EDITION if edition_region == territory else Origin.OTHER_EDITION
    return Origin.SERIES if batch_kind == "series" else Origin.IMPORT


def trust_of(status: Status, quality: QualityStatus) -> int:
    """0: a sound value; 1: a flagged value; 2: no value to show (rule 1 of the policy)."""
    if status is not Status.VALUE or quality is QualityStatus.WITHHELD:
        return 2
    return 1 if quality is QualityStatus.FLAGGED else 0


def trust(o: Observation) -> int:
    return trust_of(o.status, o.quality.status)


def preference(c: Candidate) -> tuple[int, int, int, int]:
    """Sort key: the smallest is the preferred figure."""
    return (c.trust_rank(), int(c.origin), -(c.edition_year or 0), c.order)


def preferred_key(o: Observation) -> PreferredKey:
    return (o.indicator, o.territory, o.period.code, o.dimension)


def choose_preferred(items: Iterable[T], describe: Callable[[T], Candidate]
                     ) -> dict[PreferredKey, T]:
    """The preferred item of each key, by the policy of this module."""
    best: dict[PreferredKey, tuple[tuple[int, int, int, int], T]] = {}
    for item in items:
        candidate = describe(item)
        key = candidate.preferred_key()
        rank = preference(candidate)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, item)
    return {key: item for key, (_, item) in best.items()}
