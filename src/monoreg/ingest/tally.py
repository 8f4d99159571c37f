"""Counting records of an outside file per region (and per domain), and keeping account of
the records that could not be counted, with their line numbers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from monoreg.model import Catalog, Observation, Period, Provenance

LISTED = 100  # rejected records listed one by one in a report; the rest are only counted


@dataclass
class Rejections:
    """Records left out of the counts: how many, why, and the lines of the first ones."""

    count: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    listed: list[tuple[int | None, str]] = field(default_factory=list)

    def add(self, line: int | None, reason: str) -> None:
        self.count += 1
        self.reasons[reason] += 1
        if len(self.listed) < LISTED:
            self.listed.append((line, reason))

    def extend(self, other: Rejections, offset: int) -> None:
        """Add another part's rejections, its line numbers shifted by `offset`."""
        self.count += other.count
        self.reasons.update(other.reasons)
        room = LISTED - len(self.listed)
        self.listed.extend((None if line is None else line + offset, reason)
                           for line, reason in other.listed[:max(0, room)])

    def report(self) -> dict[str, Any]:
        return {"count": self.count, "by_reason": dict(self.reasons.most_common()),
                "lines": [{"line": line, "reason": reason} for line, reason in self.listed],
                "more": max(0, self.count - len(self.listed))}


class RegionCodes:
    """Region codes as outside files write them ('28', '"28"', '1'), checked against the
    catalogue once per distinct text."""

    def __init__(self, catalog: Catalog) -> None:
        self._regions = {t.code for t in catalog.territories.regions}
        self._cache: dict[str, str | None] = {}

    def check(self, text: str) -> str | None:
        """The INSEE region code, or None when the text is not one of the catalogue's."""
        try:
            return self._cache[text]
        except KeyError:
            pass
        code = text.strip().strip('"').strip()
        if code.isdigit() and len(code) == 1:
            code = "0" + code  # spreadsheets drop the leading zero of '01'
        result = code if code in self._regions else None
        self._cache[text] = result
        return result

    @staticmethod
    def reason(text: str) -> str:
        code = text.strip().strip('"').strip()
        return "code région vide" if not code else f"code région inconnu « {code} »"


@dataclass
class Tally:
    """Counts per (indicator, region, dimension); turned into dated observations at the end."""

    counts: Counter[tuple[str, str, str | None]] = field(default_factory=Counter)

    def add(self, indicator: str, region: str, dimension: str | None = None, n: int = 1) -> None:
        self.counts[(indicator, region, dimension)] += n

    def total(self, indicator: str) -> int:
        return sum(n for (i, _, d), n in self.counts.items() if i == indicator and d is None)

    def observations(self, catalog: Catalog, period: Period, source: str, file: str,
                     column: str | None = None) -> tuple[Observation, ...]:
        return tuple(
            Observation(indicator=indicator, territory=region, period=period,
                        value=Decimal(n), unit=catalog.indicators[indicator].unit,
                        source=source, provenance=Provenance(file, column=column),
                        dimension=dimension)
            for (indicator, region, dimension), n in sorted(
                self.counts.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or "")))

    def by_region(self) -> dict[str, dict[str, int]]:
        """{indicator: {region: count}} of the totals (no dimension), for reports."""
        result: dict[str, dict[str, int]] = {}
        for (indicator, region, dimension), n in sorted(self.counts.items(),
                                                        key=lambda i: (i[0][0], i[0][1])):
            if dimension is None:
                result.setdefault(indicator, {})[region] = n
        return result
