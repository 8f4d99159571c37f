"""Cutting extracted lines into what a table is made of: numbers, 'Non renseigné' and '-',
printed periods ('en 2017', '(juillet 2019', 'au 1er janvier 2019'), parenthesised notes
('(France hors Mayotte)') and text.

Numbers are kept as runs of digit groups ('24 703 452 652'): whether a run is one figure or
several cells run together is decided later, by the table that knows how many cells it
expects (ingest/monograph/cells.py). A decimal part, a unit or an annotation ends a figure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from monoreg.ingest.monograph.numbered_lines import Line
from monoreg.model import Period, PeriodParseError, parse_period


class Kind(StrEnum):
    NUMBER = "number"      # a run of digit groups
    SPECIAL = "special"    # 'Non renseigné', '-', a bare '%'
    PERIOD = "period"
    PAREN = "paren"        # a parenthesised note that is not a period
    TEXT = "text"


@dataclass(frozen=True)
class Atom:
    """One digit group of a run, with what ends a figure when it follows the digits."""

    text: str              # as printed: '608,2', '-3.02%', '233', '308 (AE)'
    digits: str            # the integer digits ('608')
    ends: bool             # a decimal part, a unit or an annotation: the figure stops here


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str
    line: int
    page: int | None = None
    period: Period | None = None
    atoms: tuple[Atom, ...] = ()


_MONTHS = (r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|"
           r"novembre|d[ée]cembre")
_PERIOD_CORE = (
    rf"(?:1er|\d{{1,2}})\s+(?:{_MONTHS})\s+\d{{4}}"
    r"|\d\s?(?:er|re|e|[èe]me|nd|nde)?\s+trimestre\s+\d{4}"
    rf"|(?:{_MONTHS})\s+\d{{4}}"
    r"|\d{4}\s*/\s*\d{4}"
    r"|T[1-4]\s+\d{4}"
)
_PERIOD = re.compile(
    rf"\(?\s*(?:(?:(?:en|au|budget|bp|fin)\s+)?(?:{_PERIOD_CORE})"
    r"|(?:en|budget|bp|fin)\s+\d{4}(?!\s*/))\s*(?:\)|(?=\s|$))",
    re.IGNORECASE)
_UNIT = (r"%|M\s?€|k\s?€|Md\s?€|€|pts?\b|"
         r"milliards?\s+d['’]\s?(?:€|euros?)|millions?\s+d['’]\s?(?:€|euros?)")
_ATOM = re.compile(
    r"(?P<sign>[+-])?(?P<int>\d+)(?P<dec>[,.]\d+|,\s\d\d(?![\d,]))?"
    rf"(?P<unit>\s?(?:{_UNIT}))?(?P<ann>\s?\([A-Z]{{1,4}}\))?(?![\w/]|-\d)",
    re.IGNORECASE)
_SPECIAL = re.compile(r"non\s+renseign[ée]e?s?\b|(?<!\S)[-–—](?!\S)|(?<!\S)%(?=\s*(?:\d|$))",
                      re.IGNORECASE)
_PAREN = re.compile(r"\([^()]*\)")
CONTINUATION = 4       # lines a parenthesis may run over
NOTE = 120             # characters a note in parentheses may hold


def join_parentheses(lines: Sequence[Line]) -> list[Line]:
    """Lines with a parenthesis closed on a later line ('(2ème trimestre' … '2018)') joined
    into the first; the lines taken are left empty, so that numbering does not move."""
    result = list(lines)
    for i, line in enumerate(result):
        depth = line.text.count("(") - line.text.count(")")
        if depth <= 0:
            continue
        taken: list[int] = []
        text = line.stripped
        for j in range(i + 1, min(len(result), i + 1 + 2 * CONTINUATION)):
            following = result[j].stripped
            if not following:
                continue
            if following.find("(") != -1 and (following.find(")") == -1
                                              or following.find("(") < following.find(")")):
                break
            taken.append(j)
            text = f"{text} {following}"
            if ")" in following:
                if len(text) - text.rfind("(") <= NOTE and len(taken) <= CONTINUATION:
                    result[i] = Line(line.number, text, line.page)
                    for k in taken:
                        result[k] = Line(result[k].number, "", result[k].page)
                break
    return result


def _period(text: str) -> Period | None:
    try:
        return parse_period(text)
    except PeriodParseError:
        return None


def _atom(match: re.Match[str]) -> Atom:
    ends = bool(match.group("dec") or match.group("unit") or match.group("ann"))
    return Atom(match.group(0).strip(), match.group("int"), ends)


def tokenize_line(line: Line) -> list[Token]:
    text = line.stripped
    tokens: list[Token] = []
    pending: list[str] = []
    atoms: list[Atom] = []
    run_text: list[str] = []

    def flush_text() -> None:
        words = " ".join("".join(pending).split())
        if words:
            tokens.append(Token(Kind.TEXT, words, line.number, line.page))
        pending.clear()

    def flush_run() -> None:
        if atoms:
            tokens.append(Token(Kind.NUMBER, " ".join(run_text), line.number, line.page,
                                atoms=tuple(atoms)))
            atoms.clear()
            run_text.clear()

    position = 0
    while position < len(text):
        if text[position] == " ":
            if not atoms:
                pending.append(" ")
            position += 1
            continue
        for kind, pattern in ((Kind.PERIOD, _PERIOD), (Kind.PAREN, _PAREN),
                              (Kind.SPECIAL, _SPECIAL), (Kind.NUMBER, _ATOM)):
            match = pattern.match(text, position)
            if match is None:
                continue
            if kind is Kind.PERIOD:
                period = _period(match.group(0))
                if period is None:
                    continue
                flush_run()
                flush_text()
                tokens.append(Token(kind, match.group(0).strip(), line.number, line.page,
                                    period=period))
            elif kind is Kind.NUMBER:
                if (pending and pending[-1] != " ") or (
                        match.group("sign") and position and text[position - 1] != " "):
                    continue  # digits inside a word or a range ('CFA2', '16-25')
                flush_text()
                atoms.append(_atom(match))
                run_text.append(match.group(0).strip())
            else:
                flush_run()
                flush_text()
                tokens.append(Token(kind, match.group(0).strip(), line.number, line.page))
            position = match.end()
            break
        else:
            flush_run()
            pending.append(text[position])
            position += 1
    flush_run()
    flush_text()
    return tokens


def tokenize(lines: Sequence[Line]) -> list[Token]:
    return [token for line in join_parentheses(lines) for token in tokenize_line(line)]
