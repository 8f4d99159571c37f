"""The shape of the YAML data files, as pydantic models.

These models are the contract for people who edit `data/`: an unknown key or a missing one
is an error naming the file and line. `line` is filled in by the reader, not by editors.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, field_validator

from monoreg.datafile_reader import FileItem, Map
from monoreg.metadata.reference_files import SourceFile


def _date_text(value: Any) -> Any:
    """YAML reads an unquoted 2021-03-15 as a date; keep it as the text the editor typed."""
    return value.isoformat() if isinstance(value, date) else value


# When an item carried over from an earlier edition was last checked ('mars 2021',
# '2021-03-15'); `monoreg edition new` writes it, the editor updates it after checking.
Verified = Annotated[str | None, BeforeValidator(_date_text)]
Accept = Map[str]  # rule id -> the editor's justification


# -- editions/<region>/<year>/edition.yaml ------------------------------------------------
class FactFile(FileItem):
    label: str
    value: str


class EditionFile(FileItem):
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
class ListItemFile(FileItem):
    title: str
    body: str | None = None
    details: Map[str] = {}
    verified: Verified = None
    note: str | None = None
    accept: Accept = {}


class ListFile(FileItem):
    source: str | None = None
    items: list[ListItemFile]


class ListsFile(FileItem):
    shortage_regional: ListFile | None = None
    shortage_national: ListFile | None = None
    cluster: ListFile | None = None
    campus: ListFile | None = None
    campus_excellence: ListFile | None = None


# -- contacts.yaml ----------------------------------------------------------------------
class ContactFile(FileItem):
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


class ContactListFile(FileItem):
    source: str | None = None
    items: list[ContactFile]


class ContactsFile(FileItem):
    conseil_regional: ContactListFile | None = None
    etat: ContactListFile | None = None
    operateurs: ContactListFile | None = None


# -- texts.yaml -------------------------------------------------------------------------
class TextFile(FileItem):
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
            raise ValueError("un texte a besoin d'un corps (body)")
        return value


class TextsFile(FileItem):
    texts: list[TextFile]


# -- directory.yaml ---------------------------------------------------------------------
class PhoneFile(FileItem):
    number: str
    label: str | None = None


class DirectoryEntryFile(FileItem):
    territory: str | None           # region code or name; null when not a region
    territory_label: str
    organisation: str
    phones: list[PhoneFile] = []
    emails: list[str] = []
    websites: list[str] = []
    public_websites: list[str] = []
    note: str | None = None
    accept: Accept = {}


class DirectoryFile(FileItem):
    title: str
    published: str | None = None
    source: str | None = None
    entries: list[DirectoryEntryFile]


# -- guide.yaml -------------------------------------------------------------------------
class GuidePublicFile(FileItem):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    group: str
    label: str
    need: str | None = None
    structures: list[str]
    note: str | None = None
    accept: Accept = {}


class GlossaryFile(FileItem):
    acronym: str
    definition: str


class NetworkFile(FileItem):
    network: str
    url: str


class GuideFile(FileItem):
    title: str
    published: str | None = None
    note: str | None = None
    publics: list[GuidePublicFile]
    glossary: list[GlossaryFile]
    networks: list[NetworkFile] = []


# -- measures.yaml ----------------------------------------------------------------------
class MeasureAmountFile(FileItem):
    printed: str                    # as printed ('652 euros')
    value: Annotated[str, BeforeValidator(lambda v: _number_text(v))]
    unit: str                       # units.csv code
    period: Annotated[str | None, BeforeValidator(lambda v: _number_text(v))] = None
    label: str | None = None
    source: str | None = None
    indicator: str | None = None    # a budget indicator the amount overlaps


class MeasureFile(FileItem):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str                      # as printed
    kind: str
    framework: str
    status: str
    publics: list[str] = []
    domains: list[str] = []
    summary: str | None = None
    start: Annotated[str | None, BeforeValidator(lambda v: _number_text(_date_text(v)))] = None
    end: Annotated[str | None, BeforeValidator(lambda v: _number_text(_date_text(v)))] = None
    territory: str | None = None    # when narrower than the region, as printed
    text: str                       # the title of the text it comes from (texts.yaml)
    source: str | None = None       # default: the text's source
    amounts: list[MeasureAmountFile] = []
    note: str | None = None
    accept: Accept = {}


class MeasuresFile(FileItem):
    measures: list[MeasureFile] = []


# -- matter.yaml ------------------------------------------------------------------------
class MatterLineFile(FileItem):
    label: str
    value: str


class MatterBlockFile(FileItem):
    place: str                      # directory | guide | publisher | colophon | back_cover
    title: str | None = None
    body: str = ""
    lines: list[MatterLineFile] = []


class MatterFile(FileItem):
    blocks: list[MatterBlockFile]


# -- editions/<region>/<year>/resolutions.yaml -------------------------------------------
def _number_text(value: Any) -> Any:
    """A YAML number is kept as the text the editor typed (read exactly as a Decimal)."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else value


class ResolutionFile(FileItem):
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
    dimension: str | None = None    # a figure broken down ('naf:GZ'), as observations.csv
    decision: str                   # corrected | accepted | withheld
    note: str                       # French, for readers
    evidence: str                   # what proves it: page, table, official file
    author: str
    date: Annotated[str, BeforeValidator(_date_text)]
    value: Annotated[str | None, BeforeValidator(_number_text)] = None   # corrected
    unit: str | None = None                                                # corrected
    published_period: Annotated[str | None, BeforeValidator(_number_text)] = None  # corrected
    text: str | None = None         # corrected, on a content item: the published text


class ResolutionsFile(FileItem):
    resolutions: list[ResolutionFile] = []


class ReleaseFile(FileItem):
    """An edition recorded as published (written by `monoreg release`, not by hand)."""

    date: Annotated[str, BeforeValidator(_date_text)]
    manifest: str                   # the build's manifest, kept in the edition's folder
    manifest_sha256: str


class ReleasesFile(FileItem):
    releases: list[ReleaseFile] = []


class UpdateFile(FileItem):
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


class UpdatesFile(FileItem):
    updates: list[UpdateFile] = []


# -- series/series.yaml -----------------------------------------------------------------
class SeriesValueFile(FileItem):
    column: str
    indicator: str
    unit: str | None = None


class SeriesFile(FileItem):
    file: str
    source: str
    delimiter: str = ";"
    territory_column: str
    territory_by: str = "code"      # code | name
    period: str | None = None       # a fixed period for the whole file ('au 1er janvier 2021')
    period_column: str | None = None
    period_format: str = "{}"       # how to turn the column into a period label ('fin {}')
    values: list[SeriesValueFile]
