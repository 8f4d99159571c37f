"""Cutting a monograph into the sections of its layout, by their headings.

Page headers and footers are blanked first (numbering kept). Headings are looked for in the
layout's order, each after the previous one, alone on their line(s): a heading broken over
lines by the extraction ('MÉTIERS' / 'EN TENSION') is found too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from monoreg.ingest.monograph.import_report import ImportReport
from monoreg.ingest.monograph.layout_schema import LayoutSection, MonographLayout, compile_pattern
from monoreg.ingest.monograph.numbered_lines import Line

HEADING_LINES = 3   # lines a heading may be broken over


@dataclass(frozen=True)
class SectionText:
    layout: LayoutSection
    heading: int | None              # line of the heading (None: no heading)
    lines: tuple[Line, ...]          # the body, heading excluded
    sources: tuple[Line, ...]        # its source lines ('Source : …'), in order

    @property
    def first(self) -> int:
        return self.lines[0].number if self.lines else (self.heading or 0)

    @property
    def last(self) -> int:
        return self.lines[-1].number if self.lines else (self.heading or 0)


def without_furniture(lines: Sequence[Line], layout: MonographLayout) -> list[Line]:
    patterns = [compile_pattern(p) for p in layout.furniture]
    return [Line(line.number, "", line.page)
            if any(p.fullmatch(line.stripped) for p in patterns) else line for line in lines]


def _heading_at(lines: Sequence[Line], i: int, pattern: re.Pattern[str]) -> int:
    """How many lines from i hold the heading (0: not a heading there)."""
    text = ""
    taken = 0
    for j in range(i, len(lines)):
        part = lines[j].stripped
        if not part:
            if taken:
                continue
            return 0
        text = f"{text} {part}".strip()
        taken += 1
        if pattern.fullmatch(text):
            return j - i + 1
        if taken >= HEADING_LINES:
            return 0
    return 0


def split_sections(lines: Sequence[Line], layout: MonographLayout,
                   report: ImportReport) -> list[SectionText]:
    source_line = compile_pattern(layout.source_line)
    found: list[tuple[LayoutSection, int, int]] = []   # section, heading index, body index
    cursor = 0
    for section in layout.sections:
        start: tuple[int, int] | None = None
        if section.start == "document":
            start = (cursor, cursor)
        elif section.start == "after-previous" and found:
            previous = found[-1]
            index = next((k for k in range(previous[2], len(lines))
                          if source_line.match(lines[k].stripped)), None)
            if index is not None:
                start = (index + 1, index + 1)
        elif section.heading:
            pattern = compile_pattern(section.heading)
            for i in range(cursor, len(lines)):
                size = _heading_at(lines, i, pattern)
                if size:
                    start = (i, i + size)
                    break
        if start is None:
            report.missing.append(section.id)
            continue
        found.append((section, start[0], start[1]))
        cursor = start[1]
    result: list[SectionText] = []
    end_of_import = len(lines)
    for k, (section, heading, body) in enumerate(found):
        end = found[k + 1][1] if k + 1 < len(found) else len(lines)
        if section.end:
            pattern = compile_pattern(section.end)
            stop = next((i for i in range(body, end) if pattern.match(lines[i].stripped)), None)
            if stop is not None:
                end = end_of_import = stop
        part = tuple(lines[body:end])
        result.append(SectionText(
            section, lines[heading].number if section.heading else None, part,
            tuple(line for line in part if source_line.match(line.stripped))))
    if end_of_import < len(lines) and any(line.stripped for line in lines[end_of_import:]):
        report.not_imported.append({
            "from": lines[end_of_import].number, "to": lines[-1].number,
            "reason": "après la dernière section de la maquette (annuaire, guide) : "
                      "à saisir dans les fichiers de données"})
    return result


def blank(lines: Sequence[Line], patterns: dict[str, str]
          ) -> tuple[list[Line], dict[str, re.Match[str]]]:
    """Find each pattern in the lines' text and blank what it matched (numbering kept)."""
    if not lines:  # a heading with nothing under it ('' would split into one line)
        return [], {}
    text = "\n".join(line.text for line in lines)
    chars = list(text)
    found: dict[str, re.Match[str]] = {}
    for name, pattern in patterns.items():
        match = compile_pattern(pattern).search(text)
        if match is None:
            continue
        found[name] = match
        for i in range(match.start(), match.end()):
            if chars[i] != "\n":
                chars[i] = " "
    parts = "".join(chars).split("\n")
    return [Line(line.number, part, line.page)
            for line, part in zip(lines, parts, strict=True)], found
