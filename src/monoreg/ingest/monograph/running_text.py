"""Figures printed in running text ('Le budget primitif 2019 est d'un montant de 2,5
milliards d'€', 'CINQ CAMPUS DES METIERS DANS LA REGION …').

The layout gives each sentence as a pattern over the section's text (lines joined, so that a
sentence broken over lines is found), with the figure in a `value` group and, when printed,
the period in a `period` group; otherwise the period is the year of the section's source line
or that of an earlier sentence's figure. A figure written in words is read as a number.
"""

from __future__ import annotations

import bisect
import re

from monoreg.ingest.monograph.cell_figures import Cell, Figures
from monoreg.ingest.monograph.layout_schema import SentenceFile, compile_pattern
from monoreg.ingest.monograph.sections import SectionText
from monoreg.model import (
    Period,
    PeriodKind,
    PeriodParseError,
    parse_period,
)

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _source_year(section: SectionText) -> Period | None:
    """The year the section's source line ends with ('…, 2019')."""
    for line in section.sources:
        years = _YEAR.findall(line.stripped)
        if years:
            return Period(PeriodKind.YEAR, int(years[-1]))
    return None


def read_sentences(section: SectionText, sentences: list[SentenceFile], figures: Figures,
                   region: str) -> None:
    text = "\n".join(line.text for line in section.lines)
    starts = [0]
    for line in section.lines[:-1]:
        starts.append(starts[-1] + len(line.text) + 1)
    read: dict[str, Period] = {}
    for spec in sentences:
        for match in compile_pattern(spec.pattern).finditer(text):
            line = section.lines[bisect.bisect_right(starts, match.start("value")) - 1]
            territory = region if spec.territory == "region" else "FR"
            period, printed = _period(spec, match, section, read)
            cell = Cell(" ".join(match.group("value").split()), line.number, line.page)
            if period is None:
                figures.unplaced(cell, f"période introuvable pour {spec.indicator}")
                continue
            read[f"{spec.indicator}/{spec.territory}"] = period
            figures.observation(cell, spec.indicator, territory, period, printed_period=printed)


def _period(spec: SentenceFile, match: re.Match[str], section: SectionText,
            read: dict[str, Period]) -> tuple[Period | None, str | None]:
    if "period" in match.groupdict() and match.group("period"):
        try:
            return parse_period(match.group("period")), match.group("period")
        except PeriodParseError:
            return None, None
    if spec.period_from == "source":
        return _source_year(section), None
    if spec.period_from:
        return read.get(spec.period_from), None
    return None, None
