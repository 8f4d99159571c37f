"""The monograph's layout as data (layout.yaml): which blocks each section holds, and the
charts. A new table shape or chart is an edit of that file, not of the builder."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from monoreg.model import ContactGroup, ListKind

LAYOUT_FILE = Path(__file__).with_name("layout.yaml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Column(_Strict):
    indicator: str
    label: str


class ColumnGroup(_Strict):
    label: str
    columns: tuple[Column, ...]


class GridRow(_Strict):
    label: str
    indicators: tuple[str, ...]


class KeyFiguresBlock(_Strict):
    block: Literal["key_figures"]


class SummaryBlock(_Strict):
    block: Literal["summary"]


class IndicatorTableBlock(_Strict):
    block: Literal["indicator_table"]


class PeriodTableBlock(_Strict):
    block: Literal["period_table"]
    caption: str
    groups: tuple[ColumnGroup, ...]


class GridTableBlock(_Strict):
    block: Literal["grid_table"]
    caption: str
    columns: tuple[str, ...]
    rows: tuple[GridRow, ...]


class TextsBlock(_Strict):
    block: Literal["texts"]


class ListRef(_Strict):
    kind: ListKind
    title: str


class ListsBlock(_Strict):
    block: Literal["lists"]
    lists: tuple[ListRef, ...]
    side_by_side: bool = False


class ContactsBlock(_Strict):
    block: Literal["contacts"]
    group: ContactGroup


class FactsBlock(_Strict):
    block: Literal["facts"]
    title: str
    facts: tuple[str, ...] | None = None  # labels; None: the facts no other block shows


class DirectoryBlock(_Strict):
    block: Literal["directory"]


class GuideBlock(_Strict):
    block: Literal["guide"]


class ChartBlock(_Strict):
    block: Literal["chart"]
    chart: str


BlockSpec = Annotated[
    KeyFiguresBlock | SummaryBlock | IndicatorTableBlock | PeriodTableBlock | GridTableBlock
    | TextsBlock | ListsBlock | ContactsBlock | FactsBlock | DirectoryBlock | GuideBlock
    | ChartBlock,
    Field(discriminator="block")]


class ChartKind(StrEnum):
    PERIODS = "periods"
    CATEGORIES = "categories"
    SHARES = "shares"


class Series(_Strict):
    indicator: str
    label: str
    group: str | None = None


class ChartSpec(_Strict):
    kind: ChartKind
    title: str
    section: str
    series: tuple[Series, ...]
    stack: bool = False


class Layout(_Strict):
    default: tuple[BlockSpec, ...]
    sections: dict[str, tuple[BlockSpec, ...]]
    charts: dict[str, ChartSpec]

    def blocks(self, section: str) -> tuple[BlockSpec, ...]:
        return self.sections.get(section, self.default)


@cache
def load_layout(path: Path = LAYOUT_FILE) -> Layout:
    layout = Layout.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    for section, blocks in layout.sections.items():
        for spec in blocks:
            if isinstance(spec, ChartBlock) and spec.chart not in layout.charts:
                raise ValueError(f"{path}: section {section} uses unknown chart {spec.chart}")
    return layout
