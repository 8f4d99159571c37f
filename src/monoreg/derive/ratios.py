"""Shares and ratios: a region's share of France, figures per 1 000 inhabitants."""

from __future__ import annotations

from decimal import Decimal

HUNDRED = Decimal(100)
THOUSAND = Decimal(1000)


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole × 100 (a percentage); None when the whole is zero."""
    if whole == 0:
        return None
    return part / whole * HUNDRED


def per_thousand(value: Decimal, population: Decimal) -> Decimal | None:
    """value per 1 000 inhabitants; None when the population is zero."""
    if population == 0:
        return None
    return value / population * THOUSAND
