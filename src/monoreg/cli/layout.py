"""Terminal layout: a table where it fits the terminal, one block per item where it does not.

Rich folds a word that is longer than its column (« Indicate / ur »). A table is only printed
when its narrowest layout (every column as wide as its longest word or unbreakable value) fits
the terminal; otherwise the caller prints the same content as blocks, one per item, whose
lines are short label-value pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

PADDING = 1  # Rich's default cell padding, each side


@dataclass(frozen=True)
class Column:
    header: str
    justify: Literal["left", "right"] = "left"


def fitted_table(console: Console, columns: Sequence[Column],
                 rows: Sequence[Sequence[RenderableType]], **options: Any) -> Table | None:
    """A table whose every column is at least as wide as its longest word, or None when
    those widths do not fit the terminal (the caller then prints blocks).

    Rich, left alone, narrows the widest columns below their longest word and folds it; here
    each column gets its minimum, and the room left goes to the columns that can use it.
    """
    cells = [[Text(c.header), *(row[i] for row in rows)] for i, c in enumerate(columns)]
    minimum = [max(_minimum(console, cell) for cell in column) + 2 * PADDING
               for column in cells]
    maximum = [max(Measurement.get(console, console.options, cell).maximum for cell in column)
               + 2 * PADDING for column in cells]
    room = console.width - (len(columns) + 1) - sum(minimum)  # one border each side
    if room < 0:
        return None
    want = [high - low for low, high in zip(minimum, maximum, strict=True)]
    widths = list(minimum)
    if sum(want):
        for index, extra in enumerate(want):
            widths[index] += min(extra, room * extra // sum(want))
    table = Table(**options)
    for column, width in zip(columns, widths, strict=True):
        table.add_column(column.header, justify=column.justify, width=width - 2 * PADDING)
    for row in rows:
        table.add_row(*row)
    return table


def _minimum(console: Console, cell: RenderableType) -> int:
    """The narrowest width that cuts no word; Rich's own measure forgets `no_wrap`."""
    if isinstance(cell, Group):
        return max((_minimum(console, part) for part in cell.renderables), default=0)
    if isinstance(cell, Text) and cell.no_wrap:
        return max((cell_len(line) for line in cell.plain.splitlines()), default=0)
    return Measurement.get(console, console.options, cell).minimum


def figure_cell(value: str, note: str = "") -> RenderableType:
    """A figure never wraps (its thin spaces included), its period or note below, dim."""
    text = Text(value, no_wrap=any(c.isdigit() for c in value))
    return Group(text, Text(note, style="dim")) if note else text


def label_grid(rows: Iterable[tuple[str, RenderableType, str]]) -> Table:
    """The block form of one item: label, value, note; labels and values never wrap."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(style="dim")
    for label, value, note in rows:
        grid.add_row(label, value, note)
    return grid


def block(title: str, body: RenderableType) -> Group:
    """An item's title in bold, its body indented below it."""
    return Group(Text(title, style="bold"), Padding(body, (0, 0, 0, 2)))


def heading(console: Console, title: str) -> None:
    console.print()
    console.print(Text(title, style="bold underline"))
