"""Tables of a monograph: rows found by their labels, cells matched to the layout's columns.

A row is everything from its label to the next row: the extraction interleaves columns over
several lines ('3 420 995' / 'en 2017' / '3 319 067' / 'en 2019 -0.03% 67 000 000'), so the
row's tokens are read in order and matched to the columns. When a row has fewer printed
pieces than columns, a run is cut; when several cuttings fit, the one whose cells look most
like the same columns of the table's other rows is kept (and reported).

A period is the one printed next to the figure, else the one its column, row, group or table
prints. In "Année N-1 / Année N / Évolution / National" tables a missing period is inferred,
and said so: Année N from the National column of the row, or from the nearest row whose
period has the indicator's rhythm; Année N-1 one year before Année N; National as Année N.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice, product

from monoreg.ingest.monograph.cell_figures import (
    CUT_CHOSEN,
    CUT_ONLY,
    PERIOD_INFERRED,
    Cell,
    Figures,
    Unit,
    group_units,
)
from monoreg.ingest.monograph.cells import (
    Cutting,
    balance,
    cell_value,
    counts,
    cuttings,
    magnitude,
)
from monoreg.ingest.monograph.layout_schema import GroupFile, RowFile, TableFile, compile_pattern
from monoreg.ingest.monograph.numbered_lines import Line
from monoreg.ingest.monograph.sections import SectionText, blank
from monoreg.ingest.monograph.sectors import sector_dimension
from monoreg.ingest.monograph.tokens import Kind, Token, tokenize
from monoreg.model import Catalog, Period, PeriodKind, PeriodParseError, parse_period
from monoreg.model.names import fold

EVOLUTION_DOUBT = 0.6
READINGS = 5000   # readings of one row looked at, at most
RHYTHM = {"yearly": PeriodKind.YEAR, "quarterly": PeriodKind.QUARTER,
          "monthly": PeriodKind.MONTH, "school_year": PeriodKind.SCHOOL_YEAR}
_STEPS_PER_YEAR = {PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12}


def years_apart(period: Period, years: int) -> Period:
    """The same period `years` later (earlier when negative): T2 2019 → T2 2018."""
    return period.shifted(years * _STEPS_PER_YEAR.get(period.kind, 1))


@dataclass
class _Group:
    spec: GroupFile
    line: Line
    lines: list[Line] = field(default_factory=list)
    period: Token | None = None


@dataclass
class _Row:
    spec: RowFile | None
    group: _Group | None
    label: str
    lines: list[Line]
    period: Period | None = None          # rows labelled by a period
    units: list[Unit] = field(default_factory=list)
    readings: list[tuple[list[Cell], int, str | None]] = field(default_factory=list)
    cells: list[Cell] | None = None
    factor: float = 1.0
    reasons: list[str] = field(default_factory=list)
    cut: tuple[float, str] | None = None  # the doubt on the cells cut from a run
    named: str = ""                       # the label's text after the pattern (a sector)


@dataclass
class _Value:
    row: int
    column: int
    cell: Cell
    indicator: str
    territory: str
    perimeter: str | None
    period: Period | None = None
    printed: str | None = None
    reason: str | None = None


def _row_match(spec: RowFile, text: str) -> re.Match[str] | None:
    return compile_pattern(spec.label + r"(?![\w])").match(text)


class _Table:
    def __init__(self, section: SectionText, spec: TableFile, figures: Figures,
                 region: str) -> None:
        self.spec = spec
        self.figures = figures
        self.catalog: Catalog = figures.catalog
        self.region = region
        self.rows: list[_Row] = []
        self.groups: list[_Group] = []
        self.before: list[Line] = []
        self.table_period: Period | None = None
        self.header_periods: list[Period] = []
        self.lines = self._lines(section)

    # -- structure --------------------------------------------------------------------
    def _lines(self, section: SectionText) -> list[Line]:
        lines = list(section.lines)
        if self.spec.start:
            pattern = compile_pattern(self.spec.start)
            start = next((i for i, line in enumerate(lines) if pattern.search(line.stripped)),
                         None)
            if start is None:
                self.figures.report.warn(self.figures.section, None,
                                         f"début de tableau introuvable : {self.spec.start}")
                return []
            lines = lines[start:]
        end = next((i for i, line in enumerate(lines) if line in section.sources), len(lines))
        patterns = {}
        if self.spec.period:
            patterns["table"] = self.spec.period
        if self.spec.header_periods:
            patterns["header"] = self.spec.header_periods
        lines, found = blank(lines[:end], patterns)
        try:
            if "table" in found:
                self.table_period = parse_period(found["table"].group("period"))
            if "header" in found:
                match = found["header"]
                self.header_periods = [parse_period(match.group(name)) for name in sorted(
                    (n for n in match.groupdict() if re.fullmatch(r"p\d+", n)),
                    key=lambda n: int(n[1:]))]
        except PeriodParseError as error:
            self.figures.report.warn(self.figures.section, None, f"période illisible : {error}")
        return lines

    def structure(self) -> None:
        headers = [compile_pattern(h) for h in self.spec.header]
        row_period = compile_pattern(self.spec.row_period) if self.spec.row_period else None
        group: _Group | None = None
        row: _Row | None = None
        for line in self.lines:
            text = line.stripped
            if not text or any(h.fullmatch(text) for h in headers):
                continue
            opened = next(((g, m) for g in self.spec.groups
                           if (m := compile_pattern(g.label).match(text))), None)
            if opened is not None:
                group, row = _Group(opened[0], line), None
                self.groups.append(group)
                continue
            started = self._row_start(text, group, row_period)
            if started is not None:
                spec, match, period = started
                row = _Row(spec, group, match.group(0).strip(),
                           [Line(line.number, text[match.end():], line.page)], period)
                self.rows.append(row)
            elif row is not None:
                row.lines.append(line)
            elif group is not None:
                group.lines.append(line)
            else:
                self.before.append(line)

    def _row_start(self, text: str, group: _Group | None, row_period: re.Pattern[str] | None
                   ) -> tuple[RowFile | None, re.Match[str], Period | None] | None:
        if row_period is not None:
            match = row_period.match(text)
            if match:
                try:
                    return None, match, parse_period(match.group("period"))
                except PeriodParseError:
                    return None
        for spec in (group.spec.rows if group else self.spec.rows):
            match = _row_match(spec, text)
            if match:
                return spec, match, None
        return None

    # -- cells ------------------------------------------------------------------------
    def read_cells(self) -> None:
        for group in self.groups:
            tokens = tokenize(group.lines)
            group.period = next((t for t in tokens if t.kind is Kind.PERIOD), None)
            self._loose([t for t in tokens if t.kind in (Kind.NUMBER, Kind.SPECIAL)],
                        "chiffre dans l'en-tête d'un groupe du tableau")
        self._loose([t for t in tokenize(self.before) if t.kind in (Kind.NUMBER, Kind.SPECIAL)],
                    "chiffre avant la première ligne reconnue du tableau")
        expected = len(self.spec.columns)
        for row in self.rows:
            label, named = [row.label], []
            for item in group_units(tokenize(row.lines)):
                if isinstance(item, Unit):
                    row.units.append(item)
                elif item.kind is Kind.TEXT and not row.units:
                    label.append(item.text)
                    named.append(item.text)
            row.label = " ".join(label)
            row.named = " ".join(named)
            row.readings = _readings(row.units, expected)
        self._choose()

    def _loose(self, tokens: Sequence[Token], reason: str) -> None:
        for token in tokens:
            self.figures.report.unplace(self.figures.section, token.line, token.page,
                                        token.text, reason)

    def _choose(self) -> None:
        """Rows read one way only fix what each column looks like; rows with several
        readings take the one closest to that."""
        columns: dict[int, list[float]] = {}
        for row in self.rows:
            if len(row.readings) == 1:
                for i, cell in enumerate(row.readings[0][0]):
                    size = magnitude(_value(cell))
                    if size is not None:
                        columns.setdefault(i, []).append(size)
        medians = {i: statistics.median(v) for i, v in columns.items()}
        for row in self.rows:
            if not row.readings:
                continue

            def distance(reading: tuple[list[Cell], int, str | None]) -> tuple[float, float]:
                cells = reading[0]
                far = sum(abs(size - medians[i]) for i, cell in enumerate(cells)
                          if i in medians and (size := magnitude(_value(cell))) is not None)
                return far + reading[1], _spread(cells)

            chosen = min(row.readings, key=distance)
            row.cells = chosen[0]
            if chosen[1]:
                row.cut = (CUT_ONLY if len(row.readings) == 1 else CUT_CHOSEN,
                           f"cellules accolées « {chosen[2]} » séparées")
                cut = next((c for c in row.cells if c.piece), row.cells[0])
                self.figures.report.cut(self.figures.section, cut.line, cut.page,
                                        chosen[2] or "", tuple(c.text for c in row.cells),
                                        len(row.readings))

    # -- figures ----------------------------------------------------------------------
    def indicator(self, row: _Row, column: int) -> str | None:
        spec = self.spec.columns[column]
        if spec.indicator:
            return spec.indicator
        if row.spec is None:
            return None
        values = [i for i, c in enumerate(self.spec.columns) if c.role == "value"]
        if row.spec.indicators:
            index = values.index(column)
            return row.spec.indicators[index] if index < len(row.spec.indicators) else None
        if row.spec.indicator:
            return row.spec.indicator
        for pattern, indicator in row.spec.by_text.items():
            if compile_pattern(pattern).search(row.label):
                return indicator
        return None

    def place(self) -> None:
        values: list[_Value] = []
        evolutions: dict[int, Cell] = {}
        for r, row in enumerate(self.rows):
            if row.cells is None:
                for unit in row.units:
                    self.figures.unplaced(unit, f"ligne « {row.label} » : "
                                                f"{len(row.units)} chiffres pour "
                                                f"{len(self.spec.columns)} colonnes")
                continue
            for c, cell in enumerate(row.cells):
                column = self.spec.columns[c]
                if column.role == "evolution":
                    evolutions[r] = cell
                    if not _looks_like_evolution(cell.text):
                        row.factor *= EVOLUTION_DOUBT
                        row.reasons.append(f"la colonne Évolution lit « {cell.text} »")
                    continue
                indicator = self.indicator(row, c)
                if indicator is None:
                    self.figures.unplaced(cell, f"ligne « {row.label} » : aucun indicateur "
                                                "de la maquette ne lui correspond")
                    continue
                values.append(self._value(r, c, cell, indicator))
        self._infer(values)
        for value in values:
            row = self.rows[value.row]
            if value.period is None:
                self.figures.unplaced(value.cell, f"ligne « {row.label} » : période "
                                                  "introuvable")
                continue
            factor, reasons = row.factor, list(row.reasons)
            if row.cut and value.cell.piece:
                factor *= row.cut[0]
                reasons.append(row.cut[1])
            if value.reason:
                factor *= PERIOD_INFERRED
                reasons.append(value.reason)
            dimension = None
            if row.spec is not None and row.spec.dimension == "naf":
                if not row.named:
                    self.figures.unplaced(value.cell, f"ligne « {row.label} » : secteur non "
                                                      "imprimé")
                    continue
                dimension = sector_dimension(row.named)
            self.figures.observation(value.cell, value.indicator, value.territory,
                                     value.period, printed_period=value.printed,
                                     perimeter=value.perimeter, confidence=factor,
                                     reasons=reasons, dimension=dimension)
        self._claims(values, evolutions)

    def _value(self, r: int, c: int, cell: Cell, indicator: str) -> _Value:
        column = self.spec.columns[c]
        territory = self.region if column.territory == "region" else "FR"
        perimeter = None
        for note in cell.notes:
            inner = note.text.strip("() ")
            found = self.catalog.territories.find(inner)
            if column.territory == "national" and found is not None and not found.is_region:
                territory = found.code
            elif fold(inner).startswith("hors"):
                perimeter = inner
        value = _Value(r, c, cell, indicator, territory, perimeter)
        if cell.period is not None:
            value.period, value.printed = cell.period.period, cell.period.text
        else:
            row = self.rows[r]
            source = {"row": row.period, "table": self.table_period,
                      "group": row.group.period.period if row.group and row.group.period
                      else None}
            if column.period in source:
                value.period = source[column.period]
            elif column.period and column.period.startswith("header#"):
                index = int(column.period.split("#", 1)[1])
                if index < len(self.header_periods):
                    value.period = self.header_periods[index]
        return value

    def _infer(self, values: list[_Value]) -> None:
        """Periods of the Année N-1 / Année N / National columns the print leaves out."""
        by_row: dict[int, dict[str, _Value]] = {}
        for value in values:
            column = self.spec.columns[value.column]
            if column.year:
                role = "national" if column.territory == "national" else column.year
                by_row.setdefault(value.row, {})[role] = value
        for cells in by_row.values():
            n, national = cells.get("n"), cells.get("national")
            if n and n.period is None and national and national.period \
                    and national.printed:
                n.period, n.reason = national.period, "période prise de la colonne National"
        known = {r: cells["n"].period for r, cells in by_row.items()
                 if "n" in cells and cells["n"].period is not None}
        for r, cells in by_row.items():
            n, before, national = cells.get("n"), cells.get("n-1"), cells.get("national")
            if n and n.period is None and before and before.period:
                n.period = years_apart(before.period, 1)
                n.reason = "période : un an après la colonne Année N-1"
            if n and n.period is None:
                neighbour = self._neighbour(r, n.indicator, known)
                if neighbour is not None:
                    n.period = known[neighbour]
                    n.reason = f"période prise de la ligne « {self.rows[neighbour].label} »"
            if before and before.period is None and n and n.period:
                before.period = years_apart(n.period, -1)
                before.reason = "période : un an avant la colonne Année N"
            if national and national.period is None and n and n.period:
                national.period, national.reason = n.period, "période de la colonne Année N"

    def _neighbour(self, r: int, indicator: str, known: dict[int, Period]) -> int | None:
        """The nearest row (the one above first) whose Année N has the indicator's rhythm."""
        rhythm = RHYTHM.get(self.catalog.indicators[indicator].frequency or "")
        for distance in range(1, len(self.rows)):
            for other in (r - distance, r + distance):
                period = known.get(other)
                if period is not None and (rhythm is None or period.kind is rhythm):
                    return other
        return None

    def _claims(self, values: list[_Value], evolutions: dict[int, Cell]) -> None:
        for r, cell in evolutions.items():
            mine = {self.spec.columns[v.column].year: v for v in values
                    if v.row == r and self.spec.columns[v.column].territory == "region"}
            before, after = mine.get("n-1"), mine.get("n")
            if before and after and before.period and after.period:
                self.figures.claim(cell, after.indicator, self.region, before.period,
                                   after.period)
            else:
                self.figures.unplaced(cell, f"ligne « {self.rows[r].label} » : évolution "
                                            "sans les deux périodes qu'elle compare")


def _value(cell: Cell) -> Decimal | None:
    return cell_value(cell.text)


def _spread(cells: Sequence[Cell]) -> float:
    return balance(Cutting(tuple(c.text for c in cells), (), 0))


def _looks_like_evolution(text: str) -> bool:
    stripped = text.strip()
    return stripped in ("-", "–", "—", "%") or "%" in stripped or "pt" in stripped


def _readings(units: Sequence[Unit], expected: int) -> list[tuple[list[Cell], int, str | None]]:
    """Every reading of a row's figures as exactly `expected` cells: (cells, cuts, the
    printed piece that was cut). Empty when the row cannot give that many."""
    options: list[list[tuple[int, Cutting | None]]] = []
    for unit in units:
        if unit.token.kind is Kind.NUMBER:
            options.append([(n, c) for n in counts(unit.token)
                            for c in cuttings(unit.token, n)])
        else:
            options.append([(1, None)])
    result = []
    for choice in islice(product(*options), READINGS):
        if sum(n for n, _ in choice) != expected:
            continue
        cells = [cell for unit, (_, cutting) in zip(units, choice, strict=True)
                 for cell in unit.cells(cutting)]
        cuts = sum(c.splits for _, c in choice if c is not None)
        pieces = [p for _, c in choice if c is not None and c.splits
                  for p in dict.fromkeys(c.pieces) if p not in c.cells]
        result.append((cells, cuts, ", ".join(pieces) or None))
    return sorted(result, key=lambda r: r[1])


def read_table(section: SectionText, spec: TableFile, figures: Figures, region: str) -> None:
    table = _Table(section, spec, figures, region)
    table.structure()
    table.read_cells()
    table.place()

