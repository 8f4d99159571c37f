"""Terminal layout: a table where it fits the terminal, one block per item where it does not.

Rich folds a word that is longer than its column (« Indicate / ur »). A table is only printed
when its narrowest layout (every column as wide as its longest word or unbreakable value) fits
the terminal; otherwise the caller prints the same content as blocks, one per item, whose
lines are short label-value pairs.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

PADDING = 1  # Rich's default cell padding, each side
# French typography never breaks a line before « : ; ? ! » » nor after « «  »: such a space
# becomes a no-break space, whoever wrote the text.
_HOLD = re.compile(r"(?<=«) | (?=[:;?!»](?:\s|$))")


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
    rows = [[Prose(cell) if isinstance(cell, str) else cell for cell in row] for row in rows]
    cells = [[Prose(c.header), *(row[i] for row in rows)] for i, c in enumerate(columns)]
    ranges = [[Measurement.get(console, console.options, cell) for cell in column]
              for column in cells]
    minimum = [max(r.minimum for r in column) + 2 * PADDING for column in ranges]
    maximum = [max(r.maximum for r in column) + 2 * PADDING for column in ranges]
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
        table.add_column(Prose(column.header), justify=column.justify,
                         width=width - 2 * PADDING)
    for row in rows:
        table.add_row(*row)
    return table


class Prose:
    """French text that wraps only at ordinary spaces.

    Rich breaks lines at any Unicode space, so « 3 319 067 » (thin spaces) could end up as
    « 3 319 » and « 067 » on two lines, and « : » or « » » alone at the start of one. The
    thin and no-break spaces of French typography hold here, as `textwrap` only breaks at
    ASCII whitespace.
    """

    def __init__(self, text: str, style: str = "") -> None:
        self.text = _HOLD.sub("\u00a0", text)
        self.style = style

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lines = self.text.splitlines() or [""]
        words = [word for line in lines for word in line.split(" ")] or [""]
        return Measurement(max(cell_len(w) for w in words), max(cell_len(ln) for ln in lines))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 1)
        lines = [wrapped for paragraph in self.text.splitlines() or [""]
                 for wrapped in textwrap.wrap(paragraph, width, break_on_hyphens=False)
                 or [""]]
        yield Text("\n".join(lines), style=self.style, justify=options.justify,
                   no_wrap=True, overflow="fold")


def figure_cell(value: str, note: str = "") -> RenderableType:
    """A figure (never cut, thin spaces included) with its period or note below, dim."""
    return Group(Prose(value), Prose(note, "dim")) if note else Prose(value)


def label_grid(rows: Iterable[tuple[str, RenderableType, str]]) -> Table:
    """The block form of one item: label, value, note; labels and values never wrap."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column()
    for label, value, note in rows:
        grid.add_row(label, value, Prose(note, "dim"))
    return grid


def field_grid(rows: Iterable[tuple[str, str]]) -> Table:
    """Label and text, one pair a line: the text wraps under itself, labels never wrap."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column()
    for label, value in rows:
        grid.add_row(label, Prose(value))
    return grid


def block(title: str, body: RenderableType) -> Group:
    """An item's title in bold, its body indented below it."""
    return Group(Prose(title, "bold"), Padding(body, (0, 0, 0, 2)))


def heading(console: Console, title: str) -> None:
    console.print()
    console.print(Text(title, style="bold underline"))


def table_or_blocks(console: Console, columns: Sequence[Column], rows: Sequence[Sequence[str]],
                    *, title_column: int = 0, **options: Any) -> None:
    """A fitted table, or one block per row titled by its `title_column` cell."""
    table = fitted_table(console, columns, rows, **options)
    if table is not None:
        console.print(table)
        return
    for row in rows:
        fields = [(column.header.replace("\n", " "), value)
                  for index, (column, value) in enumerate(zip(columns, row, strict=True))
                  if index != title_column and value]
        console.print(block(row[title_column], field_grid(fields)))
