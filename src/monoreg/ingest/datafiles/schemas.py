"""The shape of the YAML data files, as pydantic models.

These models are the contract for people who edit `data/`: an unknown key or a missing one
is an error naming the file and line. `line` is filled in by the reader, not by editors.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

V = TypeVar("V")


MARKS = ("__line__", "__keylines__")


def _without_line(value: Any) -> Any:
    """The YAML reader marks every mapping with its lines; plain maps do not keep them."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in MARKS}
    return value


Map = Annotated[dict[str, V], BeforeValidator(_without_line)]


def _date_text(value: Any) -> Any:
    """YAML reads an unquoted 2021-03-15 as a date; keep it as the text the editor typed."""
    return value.isoformat() if isinstance(value, date) else value


# When an item carried over from an earlier edition was last checked ('mars 2021',
# '2021-03-15'); `monoreg edition new` writes it, the editor updates it after checking.
Verified = Annotated[str | None, BeforeValidator(_date_text)]
Accept = Map[str]  # rule id -> the editor's justification


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    line: Annotated[int | None, Field(alias="__line__")] = None
    keylines: Annotated[dict[str, int], Field(alias="__keylines__", exclude=True)] = {}
    origin: int | None = None  # line in the edition's source.txt, when copied from a print


# -- reference/ -------------------------------------------------------------------------
class SectionFile(_Item):
    id: str
    title: str


class IndicatorFile(_Item):
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


class SourceFile(_Item):
    producer: str
    dataset: str | None = None
    published: str | None = None
    url: str | None = None
    printed: str | None = None


class BoundFile(_Item):
    part: str
    whole: str


class BalanceFile(_Item):
    receipts: str
    expenses: str


class ListCountFile(_Item):
    indicator: str
    list: str


class ChecksFile(_Item):
    """reference/checks.yaml: relations between indicators that validation checks."""

    population: str | None = None
    complete: list[str] = []
    bounds: list[BoundFile] = []
    balances: list[BalanceFile] = []
    list_counts: list[ListCountFile] = []


# -- editions/<region>/<year>/edition.yaml ------------------------------------------------
class FactFile(_Item):
    label: str
    value: str


class EditionFile(_Item):
    region: str
    year: int
    title: str
    publisher: str
    published: str                  # 'mai 2020'
    cutoff: str                     # 'décembre 2019'
    cutoff_printed: str | None = None
    synthetic: bool = False
    facts: list[FactFile] = []
    sources: Map[SourceFile] = {}
    table_sources: Map[str] = {}  # place -> source id
    note: str | None = None


# -- lists.yaml -------------------------------------------------------------------------
class ListItemFile(_Item):
    title: str
    body: str | None = None
    details: Map[str] = {}
    verified: Verified = None
    note: str | None = None
    accept: Accept = {}


class ListFile(_Item):
    source: str | None = None
    items: list[ListItemFile]


class ListsFile(_Item):
    shortage_regional: ListFile | None = None
    shortage_national: ListFile | None = None
    cluster: ListFile | None = None
    campus: ListFile | None = None
    campus_excellence: ListFile | None = None


# -- contacts.yaml ----------------------------------------------------------------------
class ContactFile(_Item):
    organisation: str
    role: str | None = None
    person: str | None = None
    unit: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    verified: Verified = None
    note: str | None = None
    accept: Accept = {}


class ContactListFile(_Item):
    source: str | None = None
    items: list[ContactFile]


class ContactsFile(_Item):
    conseil_regional: ContactListFile | None = None
    etat: ContactListFile | None = None
    operateurs: ContactListFile | None = None


# -- texts.yaml -------------------------------------------------------------------------
class TextFile(_Item):
    type: str                       # presentation | cper | cprdfop | pric | spro | actualite
    section: str
    title: str
    date: str | None = None         # a period label ('6 décembre 2019', 'septembre 2019')
    source: str | None = None       # the source line as printed, or a source id
    body: str
    verified: Verified = None
    note: str | None = None
    accept: Accept = {}

    @field_validator("body")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a text needs a body")
        return value


class TextsFile(_Item):
    texts: list[TextFile]


# -- directory.yaml ---------------------------------------------------------------------
class PhoneFile(_Item):
    number: str
    label: str | None = None


class DirectoryEntryFile(_Item):
    territory: str | None           # region code or name; null when not a region
    territory_label: str
    organisation: str
    phones: list[PhoneFile] = []
    emails: list[str] = []
    websites: list[str] = []
    public_websites: list[str] = []
    note: str | None = None
    accept: Accept = {}


class DirectoryFile(_Item):
    title: str
    published: str | None = None
    source: str | None = None
    entries: list[DirectoryEntryFile]


# -- guide.yaml -------------------------------------------------------------------------
class GuidePublicFile(_Item):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    group: str
    label: str
    need: str | None = None
    structures: list[str]
    note: str | None = None
    accept: Accept = {}


class GlossaryFile(_Item):
    acronym: str
    definition: str


class NetworkFile(_Item):
    network: str
    url: str


class GuideFile(_Item):
    title: str
    published: str | None = None
    note: str | None = None
    publics: list[GuidePublicFile]
    glossary: list[GlossaryFile]
    networks: list[NetworkFile] = []


# -- editions/<region>/<year>/resolutions.yaml -------------------------------------------
def _number_text(value: Any) -> Any:
    """A YAML number is kept as the text the editor typed (read exactly as a Decimal)."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else value


class ResolutionFile(_Item):
    """One decision on one finding (`rule`) about one figure, keyed as in observations.csv
    (place, indicator, territory, period), with `base_period` as in evolutions.csv, or about
    a content item named by its title (`item`: a directory entry's organisation…)."""

    rule: str
    place: str
    item: str | None = None
    indicator: str | None = None
    territory: Annotated[str | None, BeforeValidator(_number_text)] = None
    period: Annotated[str | None, BeforeValidator(_number_text)] = None
    base_period: Annotated[str | None, BeforeValidator(_number_text)] = None
    decision: str                   # corrected | accepted | withheld
    note: str                       # French, for readers
    evidence: str                   # what proves it: page, table, official file
    author: str
    date: Annotated[str, BeforeValidator(_date_text)]
    value: Annotated[str | None, BeforeValidator(_number_text)] = None   # corrected
    unit: str | None = None                                                # corrected
    published_period: Annotated[str | None, BeforeValidator(_number_text)] = None  # corrected
    text: str | None = None         # corrected, on a content item: the published text


class ResolutionsFile(_Item):
    resolutions: list[ResolutionFile] = []


class ReleaseFile(_Item):
    """An edition recorded as published (written by `monoreg release`, not by hand)."""

    date: Annotated[str, BeforeValidator(_date_text)]
    manifest: str                   # the build's manifest, kept in the edition's folder
    manifest_sha256: str


class ReleasesFile(_Item):
    releases: list[ReleaseFile] = []


class UpdateFile(_Item):
    """A figure changed after publication, keyed as in observations.csv (with base_period
    as in evolutions.csv): old → new, why, when."""

    date: Annotated[str, BeforeValidator(_date_text)]
    place: str
    indicator: str
    territory: Annotated[str, BeforeValidator(_number_text)]
    period: Annotated[str, BeforeValidator(_number_text)]
    base_period: Annotated[str | None, BeforeValidator(_number_text)] = None
    old: Annotated[str, BeforeValidator(_number_text)]
    new: Annotated[str, BeforeValidator(_number_text)]
    why: str


class UpdatesFile(_Item):
    updates: list[UpdateFile] = []


# -- series/series.yaml -----------------------------------------------------------------
class SeriesValueFile(_Item):
    column: str
    indicator: str
    unit: str | None = None


class SeriesFile(_Item):
    file: str
    source: str
    delimiter: str = ";"
    territory_column: str
    territory_by: str = "code"      # code | name
    period: str | None = None       # a fixed period for the whole file ('au 1er janvier 2021')
    period_column: str | None = None
    period_format: str = "{}"       # how to turn the column into a period label ('fin {}')
    values: list[SeriesValueFile]
