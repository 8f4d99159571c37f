"""A page whose figures are read in extraction order (the key figures page).

The layout lists the page's figures in the order the extraction gives them (slots); titles
that carry a period ('Nombre d'emplois - 1er trimestre 2019') and lines of column periods
('2017 2018 2019') are read first and taken out. The figures left are matched to the slots
by dynamic programming: a run may be cut into several cells ('24 703 452 652' is the region
and France), preferably between two figures of one indicator, and a figure that cannot be
placed, or a slot left empty, is reported. The territory label printed next to a figure
('Normandie', 'National') is checked against its slot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from monoreg.errors import InputError
from monoreg.ingest.monograph.cell_figures import (
    CUT_CHOSEN,
    CUT_ONLY,
    LABEL_CONTRADICTS,
    Cell,
    Figures,
    Unit,
    group_units,
)
from monoreg.ingest.monograph.cells import Cutting, balance, counts, cuttings
from monoreg.ingest.monograph.layout_schema import SequenceFile, SlotFile
from monoreg.ingest.monograph.sections import SectionText, blank
from monoreg.ingest.monograph.tokens import Kind, Token, tokenize
from monoreg.model import Period, PeriodParseError, parse_period

SKIP = 5.0          # cost of leaving a figure unplaced, or a slot empty
CUT = 1.0           # cost of each cut inside a printed piece
ACROSS = 3.0        # extra cost of a cut between figures of different indicators
UNEVEN = 0.5        # cost per order of magnitude between the cells of a cut
LABEL = 2.0         # a territory label next to the figure names another territory
BEYOND = 3.0        # a cut giving a region more than France, for a count that adds up
NEAR = 2            # lines between a figure and the territory label printed next to it
MAX_STATES = 250_000    # (figures + 1) × (slots + 1) states the placement examines


@dataclass(frozen=True)
class _Option:
    cells: int
    cutting: Cutting | None
    cost: float
    alternatives: int


def _options(unit: Unit) -> list[_Option]:
    if unit.token.kind is not Kind.NUMBER:
        return [_Option(1, None, 0.0, 1)]
    options = []
    for count in counts(unit.token):
        readings = cuttings(unit.token, count)
        for reading in readings:
            cost = reading.splits * (CUT + UNEVEN * balance(reading))
            options.append(_Option(count, reading, cost, len(readings)))
    return options


def _cost(option: _Option, slots: Sequence[SlotFile], labels: set[str], region: str,
          additive: Callable[[str], bool]) -> float:
    """What placing a figure (cut or not) on these slots costs: cuts, cells of different
    indicators, a territory label that names neither, a region above France."""
    cost = option.cost + ACROSS * (len({s.indicator for s in slots}) - 1)
    territory = region if slots[0].territory == "region" else "FR"
    if labels and territory not in labels:
        cost += LABEL
    if option.cutting is not None and option.cutting.splits:
        values = option.cutting.values()
        by_slot = {(s.indicator, s.territory): v for s, v in zip(slots, values, strict=True)}
        for (indicator, where), value in by_slot.items():
            france = by_slot.get((indicator, "national"))
            if where == "region" and additive(indicator) and value is not None \
                    and france is not None and value > france:
                cost += BEYOND
    return cost


def _assign(units: Sequence[Unit], slots: Sequence[SlotFile], labels: Sequence[set[str]],
            region: str, additive: Callable[[str], bool]
            ) -> list[tuple[int, _Option | None, int]]:
    """(unit index, option or None when unplaced, first slot) for the cheapest placement."""
    m, k = len(units), len(slots)
    options = [_options(u) for u in units]
    best: dict[tuple[int, int], tuple[float, tuple[str, _Option | None]]] = {}
    # Filled from the end (i = m, j = k) backwards: every state needs only states with a
    # larger i, or the same i and a larger j. A loop, not a recursion: a page of 1 200
    # numbers must not exhaust Python's stack.
    for i in range(m, -1, -1):
        for j in range(k, -1, -1):
            if i == m:
                best[(i, j)] = ((k - j) * SKIP, ("end", None))
                continue
            result: tuple[float, tuple[str, _Option | None]] = (
                best[(i + 1, j)][0] + SKIP, ("skip-unit", None))
            if j < k:
                candidate = best[(i, j + 1)][0] + SKIP
                if candidate < result[0]:
                    result = (candidate, ("skip-slot", None))
            for choice in options[i]:
                if j + choice.cells > k:
                    continue
                cost = _cost(choice, slots[j:j + choice.cells], labels[i], region, additive)
                candidate = best[(i + 1, j + choice.cells)][0] + cost
                if candidate < result[0]:
                    result = (candidate, ("take", choice))
            best[(i, j)] = result
    plan: list[tuple[int, _Option | None, int]] = []
    i = j = 0
    while i < m or j < k:
        move, chosen = best[(i, j)][1]
        if move == "end":
            plan.extend((-1, None, rest) for rest in range(j, k))
            break
        if move == "skip-unit":
            plan.append((i, None, j))
            i += 1
        elif move == "skip-slot":
            plan.append((-1, None, j))
            j += 1
        else:
            assert chosen is not None
            plan.append((i, chosen, j))
            i, j = i + 1, j + chosen.cells
    return plan


def _label_territories(items: Sequence[Unit | Token], index: int,
                       find: Callable[[str], str | None]) -> list[str]:
    """Territories named by the labels printed next to a figure: the label just before it
    or just after it, on its line or one line away (blank lines aside)."""
    line = items[index].token.line  # type: ignore[union-attr]
    found = []
    for k in (index - 1, index + 1):
        item = items[k] if 0 <= k < len(items) else None
        if isinstance(item, Token) and item.kind is Kind.TEXT \
                and abs(item.line - line) <= NEAR:
            code = find(item.text)
            if code:
                found.append(code)
    return found


def read_sequence(section: SectionText, spec: SequenceFile, figures: Figures, region: str,
                  source_of: Callable[[str | None], str | None]) -> None:
    lines, periods = blank(section.lines, {f"p:{k}": v for k, v in spec.periods.items()}
                           | {f"c:{k}": v for k, v in spec.columns.items()})
    named: dict[str, Period] = {}
    for key, match in periods.items():
        kind, name = key.split(":", 1)
        try:
            if kind == "p":
                named[name] = parse_period(match.group("period"))
            else:
                for index, text in enumerate(match.group("periods").split()):
                    named[f"{name}#{index}"] = parse_period(text)
        except PeriodParseError as error:
            figures.report.warn(figures.section, None, f"période illisible : {error}")
    items = group_units(tokenize(lines))
    unit_items = [i for i, item in enumerate(items) if isinstance(item, Unit)]
    units: list[Unit] = [items[i] for i in unit_items]  # type: ignore[misc]
    catalog = figures.catalog

    def territory_of(text: str) -> str | None:
        territory = catalog.territories.find(text)
        return territory.code if territory else None

    if (len(units) + 1) * (len(spec.slots) + 1) > MAX_STATES:
        raise InputError(f"{len(units)} chiffres avant le premier tableau : la page des chiffres "
                         "clés n'en a jamais autant, ce texte n'est probablement pas une "
                         "monographie (ou ses tableaux n'ont pas été reconnus)",
                         file=figures.file, line=units[0].token.line)
    labels = [set(_label_territories(items, i, territory_of)) for i in unit_items]
    plan = _assign(units, spec.slots, labels, region,
                   lambda indicator: catalog.indicators[indicator].additive)
    for unit_index, option, slot_index in plan:
        if option is None:
            if unit_index >= 0:
                figures.unplaced(units[unit_index], "aucune place de la maquette ne reste "
                                                    "pour ce chiffre")
            else:
                slot = spec.slots[slot_index]
                figures.report.warn(figures.section, None, f"chiffre attendu non trouvé : "
                                    f"{slot.indicator} ({slot.territory})")
            continue
        unit = units[unit_index]
        cells = unit.cells(option.cutting)
        factor, reasons = 1.0, []
        if option.cutting is not None and option.cutting.splits:
            factor = CUT_ONLY if option.alternatives == 1 else CUT_CHOSEN
            reasons.append(f"cellules accolées « {unit.token.text} » séparées")
            figures.report.cut(figures.section, unit.token.line, unit.token.page,
                               unit.token.text, option.cutting.cells, option.alternatives)
        for offset, cell in enumerate(cells):
            slot = spec.slots[slot_index + offset]
            _place(figures, cell, slot, region, named, sorted(labels[unit_index]), factor,
                   reasons, source_of)


def _place(figures: Figures, cell: Cell, slot: SlotFile, region: str,
           named: dict[str, Period], labels: list[str], factor: float, reasons: list[str],
           source_of: Callable[[str | None], str | None]) -> None:
    territory = region if slot.territory == "region" else "FR"
    reasons = list(reasons)
    if labels and territory not in labels:
        factor *= LABEL_CONTRADICTS
        reasons.append(f"libellé voisin ({', '.join(labels)}) différent du territoire attendu")
    if cell.period is not None and cell.period.period is not None:
        period, printed = cell.period.period, cell.period.text
    elif slot.period in named:
        period, printed = named[slot.period], None
    else:
        figures.unplaced(cell, f"période introuvable pour {slot.indicator} ({slot.period})")
        return
    figures.observation(cell, slot.indicator, territory, period, printed_period=printed,
                        unit=slot.unit, source=source_of(slot.source), confidence=factor,
                        reasons=reasons)
