"""The shape of a monograph layout file (ingest/layouts/monographie-*.yaml), as pydantic models.

A layout describes one publisher's template as data: where sections start, how their tables
are built (columns, row labels → indicators), which titles give periods, and which sentences
carry figures. One generic parser reads any monograph printed with that template, whatever
its region and figures. Patterns are Python regular expressions, matched case-insensitively.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel

from monoreg.datafile_reader import FileItem, Map, load_yaml

LAYOUTS = Path(__file__).resolve().parent.parent / "layouts"
DEFAULT_LAYOUT = LAYOUTS / "monographie-centre-inffo-2020.yaml"

Territory = Literal["region", "national"]


@cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE | re.MULTILINE)


def _check_regex(value: str) -> str:
    try:
        compile_pattern(value)
    except re.error:
        raise ValueError("ce n'est pas une expression régulière valide") from None
    return value


Pattern = Annotated[str, AfterValidator(_check_regex)]


class _Layout(FileItem, BaseModel):
    """An item of a layout file: unknown keys are errors naming the file and line."""



# -- figures ----------------------------------------------------------------------------
class SlotFile(_Layout):
    """One figure of a page read in extraction order (the key figures page)."""

    indicator: str
    territory: Territory
    period: str                    # a name of `periods`, or '<columns name>#<index>'
    unit: str | None = None        # when the page prints it in another unit than the catalogue
    source: str | None = None      # the section whose printed source the figure carries


class SequenceFile(_Layout):
    periods: Map[Pattern] = {}         # name -> pattern with a `period` group, anywhere in the page
    columns: Map[Pattern] = {}     # name -> pattern of a line of periods (group `periods`)
    slots: list[SlotFile]



class ColumnFile(_Layout):
    role: Literal["value", "evolution"] = "value"
    territory: Territory = "region"
    year: Literal["n-1", "n"] | None = None  # the compared columns of "Année N-1 / N" tables
    period: str | None = None      # 'row', 'group', 'table' or 'header#<index>'
    indicator: str | None = None   # when each column is an indicator (rows are periods)


class RowFile(_Layout):
    label: Pattern                 # matched at the start of a line
    indicator: str | None = None   # the same indicator in every value column
    indicators: list[str] = []     # or one per value column
    by_text: Map[str] = {}         # or by the label's text: pattern -> indicator
    # 'naf': the text after the label is a sector, the figures' breakdown (its NAF code
    # when the label is recognised, always the label as printed)
    dimension: Literal["naf"] | None = None


class GroupFile(_Layout):
    label: Pattern                 # a line that opens a group of rows (a period may follow)
    rows: list[RowFile] = []


class TableFile(_Layout):
    start: Pattern | None = None   # the line the table starts at (default: the section's)
    period: Pattern | None = None  # with a `period` group: the table's period
    header: list[Pattern] = []     # lines of the header, skipped
    header_periods: Pattern | None = None  # pattern whose groups p0, p1… are column periods
    columns: list[ColumnFile]
    rows: list[RowFile] = []
    row_period: Pattern | None = None  # rows labelled by a period: pattern with a `period` group
    groups: list[GroupFile] = []


class SentenceFile(_Layout):
    """A figure printed in running text."""

    pattern: Pattern               # groups: `value` (the figure), optionally `period`
    indicator: str
    territory: Territory
    period_from: str | None = None  # 'source' (year of the source line) or an earlier
    #                                 sentence's '<indicator>/<territory>'


# -- content ----------------------------------------------------------------------------
class BulletListFile(_Layout):
    """Bullet lists ('- '), one list per column; a blank line holding a space (how the
    extraction separates columns) moves on to the next list."""

    kinds: list[str]


class ItemListFile(_Layout):
    kind: str
    after: Pattern                 # the line the list starts after
    item: Pattern                  # an item's first line (groups title, body)
    detail: Pattern | None = None  # a detail line (groups label, value)


class TextFile(_Layout):
    """Texts: the whole section ('section'), one per line matching `start` ('start'), or one
    between two source lines ('source', news items: the title is their first line(s))."""

    type: str
    each: Literal["section", "start", "source"] = "section"
    title: str | None = None       # a fixed title ('section')
    start: Pattern | None = None   # 'start': a text's first line; 'section': where it begins
    end: Pattern | None = None     # where a text ends (default: the next source line)
    title_lines: int = 1           # 'start': lines of the title, joined with ' – '


class PeopleFile(_Layout):
    """Contacts as 'Role Person' lines, units as headings, 'Tél. :' lines (the council)."""

    group: str
    organisation: str              # '{region}' is replaced by the region's name
    role: Pattern                  # a role at the start of a line
    unit: Pattern                  # a unit heading line
    skip: list[Pattern] = []       # lines that are neither (rubrics, 'Contact')


class RowContactsFile(_Layout):
    """Contacts as table rows (State services): a pattern with role, person, phone."""

    group: str
    row: Pattern
    organisations: Map[str]        # role pattern -> organisation ('{region}' replaced)


class BlockContactsFile(_Layout):
    """Contacts as blocks: an organisation in capitals, then 'Label : value' lines."""

    group: str
    fields: Map[str]               # label pattern -> role | person | website | email | phone


class FactFile(_Layout):
    label: str
    pattern: Pattern               # group `value`


class ContentFile(_Layout):
    bullets: BulletListFile | None = None
    items: list[ItemListFile] = []
    texts: list[TextFile] = []
    people: PeopleFile | None = None
    rows: RowContactsFile | None = None
    blocks: BlockContactsFile | None = None
    facts: list[FactFile] = []


# -- the document ---------------------------------------------------------------------
class LayoutSection(_Layout):
    id: str
    heading: Pattern | None = None  # the section's title, alone on its line(s)
    start: Literal["document", "after-previous"] | None = None
    end: Pattern | None = None     # a line that ends the section and what is imported
    source: str | None = None      # figures carry the printed source of that section
    sequence: SequenceFile | None = None
    tables: list[TableFile] = []
    sentences: list[SentenceFile] = []
    content: ContentFile | None = None


class EditionPatterns(_Layout):
    published: Pattern             # group `period`: the month of publication
    cutoff: Pattern                # group `period`: when data collection stopped
    region: list[Pattern]          # group `region`: the region the monograph is about


class MonographLayout(_Layout):
    name: str
    publisher: str
    title: str                     # '{region}' is replaced by the region's name
    source: str                    # source id of imported figures stored without an edition
    edition: EditionPatterns
    furniture: list[Pattern] = []      # page headers and footers, dropped
    source_line: Pattern           # a table's source line ('Source : …')
    sections: list[LayoutSection]


def load_layout(path: Path = DEFAULT_LAYOUT) -> MonographLayout:
    return load_yaml(MonographLayout, path)
