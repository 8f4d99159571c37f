"""Runs of digit groups → table cells.

PDF extraction runs neighbouring cells together ('24 703 452 652' is 24 703 and 452 652) and
splits numbers ('30 70 000'). A run is first cut where a figure must end (after a decimal
part, a unit or an annotation); a piece can then be cut further only into regularly grouped
numbers (a first group of one to three digits, then groups of three). Which cutting a table
takes is decided by the table, which knows how many cells it expects and what its other rows
hold; every cutting that was not the only possible one is reported.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from monoreg.ingest.monograph.tokens import Atom, Token
from monoreg.model.printed import PrintedNumberError, read_printed


@dataclass(frozen=True)
class Cutting:
    """One way of reading a run as cells."""

    cells: tuple[str, ...]         # printed text of each cell
    pieces: tuple[str, ...]        # the piece of the run each cell was cut from
    splits: int                    # cuts made inside a piece (0: the run as printed)

    def values(self) -> list[Decimal | None]:
        return [cell_value(c) for c in self.cells]


def cell_value(text: str) -> Decimal | None:
    try:
        return read_printed(text).value
    except PrintedNumberError:
        return None


def _pieces(atoms: Sequence[Atom]) -> list[list[Atom]]:
    pieces: list[list[Atom]] = [[]]
    for atom in atoms:
        pieces[-1].append(atom)
        if atom.ends:
            pieces.append([])
    return [p for p in pieces if p]


def _regular(atoms: Sequence[Atom]) -> bool:
    if len(atoms) == 1:
        return atoms[0].digits == "0" or not atoms[0].digits.startswith("0")
    head = atoms[0].digits
    return 1 <= len(head) <= 3 and not head.startswith("0") \
        and all(len(a.digits) == 3 for a in atoms[1:]) and not any(a.ends for a in atoms[:-1])


def _cuts(piece: list[Atom]) -> list[list[list[Atom]]]:
    """Every way to read a piece: whole (as printed), or cut into regular numbers."""
    ways = [[piece]]
    for count in range(2, len(piece) + 1):
        for bounds in itertools.combinations(range(1, len(piece)), count - 1):
            parts = [piece[a:b] for a, b in zip((0, *bounds), (*bounds, len(piece)),
                                                strict=True)]
            if all(_regular(p) for p in parts):
                ways.append(parts)
    return ways


def _text(atoms: Sequence[Atom]) -> str:
    return " ".join(a.text for a in atoms)


def cuttings(token: Token, count: int) -> list[Cutting]:
    """The readings of a number run as exactly `count` cells (none when impossible)."""
    pieces = _pieces(token.atoms)
    result: list[Cutting] = []
    for choice in itertools.product(*(_cuts(p) for p in pieces)):
        cells = [part for way in choice for part in way]
        if len(cells) != count:
            continue
        origin = [_text(piece) for piece, way in zip(pieces, choice, strict=True)
                  for _ in way]
        splits = sum(len(way) - 1 for way in choice)
        result.append(Cutting(tuple(_text(c) for c in cells), tuple(origin), splits))
    return sorted(result, key=lambda c: c.splits)


def counts(token: Token) -> range:
    """How many cells a run can give: from its pieces as printed to all cuts made."""
    pieces = _pieces(token.atoms)
    most = sum(max(len(w) for w in _cuts(p)) for p in pieces)
    return range(len(pieces), most + 1)


def magnitude(value: Decimal | None) -> float | None:
    if value is None or value == 0:
        return None
    return math.log10(abs(float(value)))


def balance(cutting: Cutting) -> float:
    """How unlike each other the cells of a cutting are (orders of magnitude apart): cells of
    one row are of comparable size, a cut leaving '24' and '703 452 652' is not likely."""
    sizes = [m for m in (magnitude(v) for v in cutting.values()) if m is not None]
    return max(sizes) - min(sizes) if len(sizes) > 1 else 0.0
