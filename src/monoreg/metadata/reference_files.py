"""The shape of the files of data/reference/, as pydantic models: the contract for people
who edit them (an unknown key or a missing one is an error naming the file and line)."""

from __future__ import annotations

from pydantic import Field

from monoreg.datafile_reader import FileItem


class SectionFile(FileItem):
    id: str
    title: str


class IndicatorFile(FileItem):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    short_label: str | None = None
    unit: str
    kind: str                       # stock | flow | amount | rate
    evolution: str | None = None    # relative | points | none (default from kind)
    polarity: str = "neutral"       # up_good | up_bad | neutral
    decimals: int = Field(ge=0, le=6)
    definition: str
    source: str | None = None
    section: str
    additive: bool = False
    part_of: str | None = None
    caveats: str | None = None
    frequency: str | None = None    # yearly | quarterly | monthly | school_year


class SourceFile(FileItem):
    producer: str
    dataset: str | None = None
    published: str | None = None
    url: str | None = None
    printed: str | None = None
    licence: str | None = None
    licence_url: str | None = None


class BoundFile(FileItem):
    part: str
    whole: str


class BalanceFile(FileItem):
    receipts: str
    expenses: str


class ListCountFile(FileItem):
    indicator: str
    list: str


class SeriesCheckFile(FileItem):
    figures: list[str]
    series: str
    relation: str                   # level | within


class ProseTermFile(FileItem):
    words: str
    indicators: list[str] = []
    unit: str | None = None


class ChecksFile(FileItem):
    """reference/checks.yaml: relations between indicators that validation checks."""

    population: str | None = None
    complete: list[str] = []
    bounds: list[BoundFile] = []
    series: list[SeriesCheckFile] = []
    prose: list[ProseTermFile] = []
    balances: list[BalanceFile] = []
    list_counts: list[ListCountFile] = []
