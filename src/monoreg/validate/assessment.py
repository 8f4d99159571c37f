"""From findings and the editors' resolutions to what readers may trust: which resolution
decides which finding, and each figure's quality.

A finding about several figures (a figure printed twice, a part and its whole) is resolved
on the figure that changes: the resolution names one of the finding's figures. A resolved
finding marks only that figure; an open one flags every figure it is about.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from monoreg.errors import InputError
from monoreg.model import (
    Decision,
    Edition,
    FigureKey,
    Finding,
    Quality,
    QualityStatus,
    Resolution,
    Severity,
)
from monoreg.validate.registry import RULES
from monoreg.validate.subjects import edition_items, subject_key, subject_of

# Which status wins when several findings are about one figure: a withheld figure is not
# shown at all; an open finding keeps a figure flagged whatever else was decided about it.
_PRECEDENCE = (QualityStatus.WITHHELD, QualityStatus.FLAGGED, QualityStatus.CORRECTED,
               QualityStatus.ACCEPTED, QualityStatus.OK)


def figure_locations(edition: Edition) -> dict[str, FigureKey]:
    """The figure or item at each data-file location (findings written by hand name what
    they are about by location only)."""
    found: dict[str, FigureKey] = {}
    for item in edition_items(edition):
        subject = subject_of(item)
        key = subject_key(subject)
        if subject.location is not None and key is not None:
            found.setdefault(subject.location, key)
    return found


def with_figures(findings: Iterable[Finding], edition: Edition) -> list[Finding]:
    """Each finding with the figures it is about, from its locations when it does not say."""
    locations = figure_locations(edition)
    result = []
    for f in findings:
        if not f.figures:
            where = [w for w in (f.location, *f.related) if w]
            figures = tuple(dict.fromkeys(locations[w] for w in where if w in locations))
            f = replace(f, figures=figures)
        result.append(f)
    return result


def _where(resolution: Resolution) -> tuple[str | None, int | None]:
    p = resolution.provenance
    return (p.file, p.line) if p is not None else (None, None)


def resolve(findings: Sequence[Finding], resolutions: Sequence[Resolution]
            ) -> tuple[list[Finding], list[Resolution]]:
    """The findings, each with the resolution that decides it, and the resolutions, each
    quoting what is printed. A resolution that decides no finding, or two resolutions for
    one finding, is the editor's mistake: InputError naming the resolutions file and line."""
    by_key = {(r.rule, r.figure): r for r in resolutions}
    used: set[tuple[str, FigureKey]] = set()
    result = []
    for f in findings:
        matches = [by_key[(f.rule, k)] for k in f.figures if (f.rule, k) in by_key]
        if len(matches) > 1:
            file, line = _where(matches[1])
            raise InputError(
                f"deux résolutions décident du même constat « {f.rule} » "
                f"({matches[0].figure.label()} et {matches[1].figure.label()}) : une seule "
                "décision par constat, sur le chiffre qui change", file=file, line=line)
        if matches:
            chosen = matches[0]
            if chosen.printed is None:  # a content item: quote the text the finding read
                chosen = by_key[(chosen.rule, chosen.figure)] = replace(chosen,
                                                                        printed=f.printed)
            used.add((chosen.rule, chosen.figure))
            f = replace(f, resolution=chosen)
        result.append(f)
    for r in resolutions:
        if (r.rule, r.figure) not in used:
            file, line = _where(r)
            raise InputError(
                f"la résolution ne décide d'aucun constat : la règle « {r.rule} » ne signale "
                f"rien sur {r.figure.label()} (identifiant de règle mal écrit, chiffre "
                "corrigé depuis ?)", file=file, line=line)
    return result, [by_key[(r.rule, r.figure)] for r in resolutions]


def _status(f: Finding) -> QualityStatus | None:
    if f.resolution is not None:
        return f.resolution.status
    if f.accepted is not None:
        return QualityStatus.ACCEPTED
    entry = RULES.get(f.rule)
    if f.severity is Severity.INFO or (entry is not None and not entry.flags):
        return None
    return QualityStatus.FLAGGED


def qualities(findings: Iterable[Finding]) -> dict[FigureKey, Quality]:
    """The quality of every figure some finding is about (the others are plainly 'ok')."""
    statuses: dict[FigureKey, list[QualityStatus]] = {}
    rules: dict[FigureKey, list[str]] = {}
    notes: dict[FigureKey, list[str]] = {}
    corrected: dict[FigureKey, Resolution] = {}
    for f in findings:
        status = _status(f)
        # A decided finding marks the figure it was decided on; an open one, all of them.
        marked = (f.resolution.figure,) if f.resolution is not None else f.figures
        for key in marked:
            rules.setdefault(key, []).append(f.rule)
            if status is not None:
                statuses.setdefault(key, []).append(status)
            note = f.resolution.note if f.resolution is not None else f.accepted
            if note:
                notes.setdefault(key, []).append(note)
            if f.resolution is not None and f.resolution.decision is Decision.CORRECTED:
                corrected.setdefault(key, f.resolution)
    result = {}
    for key, found in rules.items():
        status = next((s for s in _PRECEDENCE if s in statuses.get(key, ())),
                      QualityStatus.OK)
        fix = corrected.get(key) if status is not QualityStatus.WITHHELD else None
        result[key] = Quality(
            status, tuple(dict.fromkeys(found)),
            " ".join(dict.fromkeys(notes.get(key, ()))) or None,
            fix.value if fix else None, fix.period if fix else None, fix.unit if fix else None)
    return result
