"""Ranks of values, highest first, where equal values share a rank ('1, 2, 2, 4'): the one
tie policy of every ranking (`monoreg ranking`, the portal's comparison)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal


def shared_ranks(values: Sequence[Decimal]) -> list[int]:
    """The rank of each of `values` (sorted highest first): equal values share the rank
    of the first of them, and the next value skips the places they took."""
    ranks: list[int] = []
    for position, value in enumerate(values, 1):
        ranks.append(ranks[-1] if ranks and values[position - 2] == value else position)
    return ranks
