"""From cells of the extracted text to observations and printed evolutions, each with the
confidence the import has in it and the reasons it is below 1."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from monoreg.ingest.monograph.cells import Cutting
from monoreg.ingest.monograph.import_report import ImportReport
from monoreg.ingest.monograph.tokens import Kind, Token
from monoreg.model import Catalog, EvolutionClaim, Observation, Period, Provenance
from monoreg.model.printed import (
    DOT_DECIMAL,
    IRREGULAR_GROUPS,
    SPACE_IN_DECIMALS,
    PrintedNumberError,
    read_printed,
)

SUFFIX = 12  # characters of a word printed right after a figure ('CFA', 'CFA/SA')

# Confidence factors: a figure read as printed, in its place, with its period printed next to
# it is 1.0; each doubt multiplies it.
ANOMALIES = {
    IRREGULAR_GROUPS: (0.8, "groupes de chiffres irréguliers : lu tel qu'imprimé"),
    DOT_DECIMAL: (0.95, "point décimal"),
    SPACE_IN_DECIMALS: (0.9, "espace dans la partie décimale"),
}
CUT_ONLY = 0.9          # cut from cells run together, the only possible cutting
CUT_CHOSEN = 0.7        # cut, one reading chosen among several
PERIOD_INFERRED = 0.8   # no period printed for the figure nor for its column
LABEL_CONTRADICTS = 0.5
UNIT_DIFFERS = 0.5
WORDS = 0.9             # a number written in words


@dataclass(frozen=True)
class Cell:
    """One cell of a table: a figure as printed, and what is printed right after it."""

    text: str
    line: int
    page: int | None = None
    piece: str | None = None         # the printed piece it was cut from, when cut
    suffix: str | None = None        # a word printed right after it
    period: Token | None = None      # a period printed right after it
    notes: tuple[Token, ...] = ()    # parenthesised notes after it

    @property
    def raw(self) -> str | None:
        if self.piece and self.piece != self.text:
            return self.piece
        if self.suffix:
            return f"{self.text} {self.suffix}"
        return None


@dataclass(frozen=True)
class Unit:
    """A number run or a special cell with the period, notes and word that follow it."""

    token: Token
    period: Token | None = None
    notes: tuple[Token, ...] = ()
    suffix: str | None = None

    def cells(self, cutting: Cutting | None = None) -> list[Cell]:
        t = self.token
        texts: tuple[str, ...]
        pieces: tuple[str, ...]
        if cutting is None:
            texts, pieces = (t.text,), (t.text,)
        else:
            texts, pieces = cutting.cells, cutting.pieces
        cells = [Cell(text, t.line, t.page, piece=piece if piece != text else None)
                 for text, piece in zip(texts, pieces, strict=True)]
        cells[-1] = replace(cells[-1], suffix=self.suffix, period=self.period,
                            notes=self.notes)
        return cells


def group_units(tokens: Sequence[Token]) -> list[Unit | Token]:
    """Figures with what follows them; other tokens (labels, loose periods) stay apart."""
    result: list[Unit | Token] = []
    for token in tokens:
        last = result[-1] if result and isinstance(result[-1], Unit) else None
        if token.kind in (Kind.NUMBER, Kind.SPECIAL):
            result.append(Unit(token))
        elif token.kind is Kind.PERIOD and last is not None and last.period is None \
                and not last.notes:
            result[-1] = replace(last, period=token)
        elif token.kind is Kind.PAREN and last is not None:
            result[-1] = replace(last, notes=(*last.notes, token))
        elif token.kind is Kind.TEXT and last is not None and last.suffix is None \
                and last.period is None and token.line == last.token.line \
                and len(token.text) <= SUFFIX and " " not in token.text:
            result[-1] = replace(last, suffix=token.text)
        else:
            result.append(token)
    return result


@dataclass
class Placed:
    """A figure the import placed, with its confidence (1.0: no doubt) and the doubts."""

    observation: Observation
    confidence: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class Figures:
    """Makes observations and claims for one section, reporting what it cannot read."""

    catalog: Catalog
    file: str
    section: str
    report: ImportReport
    placed: list[Placed] = field(default_factory=list)
    claims: list[EvolutionClaim] = field(default_factory=list)

    def _where(self, cell: Cell) -> Provenance:
        return Provenance(self.file, cell.line, cell.page)

    def observation(self, cell: Cell, indicator: str, territory: str, period: Period, *,
                    printed_period: str | None = None, unit: str | None = None,
                    source: str | None = None, perimeter: str | None = None,
                    confidence: float = 1.0, reasons: Sequence[str] = (),
                    dimension: tuple[str, str] | None = None) -> Placed | None:
        try:
            parsed = read_printed(cell.text)
        except PrintedNumberError:
            self.report.unplace(self.section, cell.line, cell.page, cell.text,
                                f"« {cell.text} » n'est pas un chiffre ({indicator})")
            return None
        reasons = list(reasons)
        target = unit or self.catalog.indicators[indicator].unit
        if parsed.unit and parsed.unit != target and parsed.unit in self.catalog.units:
            if self.catalog.units[parsed.unit].dimension == self.catalog.units[target].dimension:
                target = parsed.unit
            else:
                confidence *= UNIT_DIFFERS
                reasons.append(f"unité imprimée {parsed.unit}, attendue {target}")
        if parsed.value is not None and not any(ch.isdigit() for ch in cell.text):
            confidence *= WORDS
            reasons.append(f"nombre écrit en toutes lettres (« {cell.text} »)")
        for anomaly in parsed.anomalies:
            factor, reason = ANOMALIES.get(anomaly, (1.0, ""))
            if factor < 1:
                confidence *= factor
                reasons.append(reason)
        placed = Placed(Observation(
            indicator=indicator, territory=territory, period=period, value=parsed.value,
            unit=target, status=parsed.status, source=source, printed=cell.text,
            printed_period=printed_period, place=self.section,
            provenance=self._where(cell), origin=Provenance(self.file, cell.line),
            perimeter=perimeter, raw=cell.raw,
            dimension=dimension[0] if dimension else None,
            dimension_label=dimension[1] if dimension else None), round(confidence, 2), reasons)
        self.placed.append(placed)
        return placed

    def claim(self, cell: Cell, indicator: str, territory: str, base: Period,
              period: Period) -> None:
        try:
            parsed = read_printed(cell.text)
        except PrintedNumberError:
            self.report.unplace(self.section, cell.line, cell.page, cell.text,
                                f"« {cell.text} » n'est pas une évolution ({indicator})")
            return
        unit = parsed.unit if parsed.unit in ("percent", "points") else None
        self.claims.append(EvolutionClaim(
            indicator=indicator, territory=territory, base_period=base, period=period,
            printed=cell.text, value=parsed.value, unit=unit, place=self.section,
            provenance=self._where(cell), origin=Provenance(self.file, cell.line)))

    def unplaced(self, cell: Cell | Unit, reason: str) -> None:
        token = cell.token if isinstance(cell, Unit) else None
        line = token.line if token else cell.line  # type: ignore[union-attr]
        page = token.page if token else cell.page  # type: ignore[union-attr]
        text = token.text if token else cell.text  # type: ignore[union-attr]
        self.report.unplace(self.section, line, page, text, reason)
