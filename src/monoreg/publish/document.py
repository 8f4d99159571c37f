"""The monograph as a document tree: sections of typed blocks, with every figure already
formatted in French. The builder makes it once; the HTML and Typst writers only write it out.

Nothing here knows the store or the formats: a node says *what* is printed (a table, a card,
a chart, a note), never *how*.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# A text's paragraphs and bullet lists are document nodes as model.text_body reads them.
from monoreg.model.text_body import Bullets, Paragraph


class Mode(StrEnum):
    PUBLIC = "public"   # what readers get: figures, sentences, accepted notes
    PROOF = "proof"     # for editors: every validation finding next to its figure


class NoteKind(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    ACCEPTED = "accepted"    # published as printed, with the editor's caveat
    CORRECTED = "corrected"  # published otherwise than printed: the note quotes the print
    WITHHELD = "withheld"    # not published: the note says why
    FLAGGED = "flagged"      # a doubt nobody resolved yet: « à vérifier »


@dataclass(frozen=True)
class Note:
    """A numbered note of a block: a validation finding (proof) or what a reader must know
    about a figure's quality. `label` is what the note is called (« Corrigé », « Erreur »),
    from the one legend of statuses (model/quality.py) or of severities."""

    number: int
    kind: NoteKind
    text: str
    rule: str | None = None
    label: str = "Note"


@dataclass(frozen=True)
class FigureRef:
    """Which stored figure a cell shows, in which unit and with which quality status: the
    HTML carries it (data attributes), so that every output can be checked against the
    export and the API."""

    key: str        # 'place|indicator|territory|period|dimension'
    unit: str       # the unit the text is in
    quality: str    # a QualityStatus value


@dataclass(frozen=True)
class Cell:
    """One printed figure or text: `text` is final (French-formatted), `detail` a second line
    (its period, perimeter), `proof` what the document printed, shown in proof mode only."""

    text: str
    detail: str | None = None
    proof: str | None = None
    marks: tuple[int, ...] = ()   # numbers of the block's notes about this cell
    numeric: bool = True
    figure: FigureRef | None = None   # the stored figure shown, when the cell is one


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    marks: tuple[int, ...] = ()


@dataclass(frozen=True)
class HeaderGroup:
    label: str
    span: int


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]             # headers of the value columns (the label column first)
    rows: tuple[Row, ...]
    source: str | None
    groups: tuple[HeaderGroup, ...] = ()  # an optional header row above `columns`
    notes: tuple[Note, ...] = ()
    number: int | None = None             # 'Tableau 3': set once the document is complete


@dataclass(frozen=True)
class CardValue:
    value: str
    period: str | None
    marks: tuple[int, ...] = ()
    figure: FigureRef | None = None


@dataclass(frozen=True)
class CardFigure:
    territory: str       # 'Normandie', 'France hors Mayotte'
    values: tuple[CardValue, ...]   # one per period, oldest first


@dataclass(frozen=True)
class Card:
    title: str
    figures: tuple[CardFigure, ...]
    unit: str | None = None   # 'en milliers', 'en millions d'euros'


@dataclass(frozen=True)
class KeyFigures:
    cards: tuple[Card, ...]
    source: str | None
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Summary:
    """Sentences generated from the figures ('Le nombre d'apprentis progresse de 9,4 %…')."""

    sentences: tuple[str, ...]


@dataclass(frozen=True)
class TextBlock:
    title: str | None
    content: tuple[Paragraph | Bullets, ...]
    meta: str | None = None      # a date line ('6 décembre 2019')
    source: str | None = None
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Entry:
    title: str
    body: str | None = None
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ItemList:
    title: str
    entries: tuple[Entry, ...]
    source: str | None = None
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Columns:
    """Blocks printed side by side (regional and national lists of jobs in shortage)."""

    blocks: tuple[ItemList, ...]


@dataclass(frozen=True)
class ContactCard:
    organisation: str
    lines: tuple[tuple[str, str], ...]   # labelled lines ('Directeur', 'Luc CHEVALIER')
    heading: str | None = None           # the direction or commission


@dataclass(frozen=True)
class Contacts:
    cards: tuple[ContactCard, ...]
    source: str | None = None
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Facts:
    items: tuple[tuple[str, str], ...]
    title: str | None = None


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    svg: str                  # the same SVG is embedded in HTML and in the PDF
    description: str          # text alternative
    data: Table               # the figures drawn, for readers who cannot see the chart
    source: str
    period: str
    remarks: tuple[str, ...] = ()  # how it is computed, what is left out and why
    number: int | None = None      # 'Figure 2'


@dataclass(frozen=True)
class Notice:
    """A line for readers about what is missing or how to read ('Aucune donnée…')."""

    text: str


Block = (KeyFigures | Summary | Table | TextBlock | ItemList | Columns | Contacts | Facts
         | Chart | Notice)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...] = ()   # findings about the section that no figure carries


@dataclass(frozen=True)
class EndMatter:
    """What follows the sections: the publisher's pages of the print, the colophon and the
    back cover."""

    publisher_pages: tuple[Block, ...] = ()
    colophon: tuple[tuple[str, str], ...] = ()   # labelled lines: publisher, address, dates
    notice: str | None = None                    # '© Centre Inffo – mai 2020'
    back_cover: tuple[Paragraph | Bullets, ...] = ()


@dataclass(frozen=True)
class Monograph:
    title: str
    region: str                    # region name
    region_slug: str
    year: int
    published: str                 # 'mai 2020'
    publisher: str
    cutoff_notice: str
    synthetic: bool
    mode: Mode
    sections: tuple[Section, ...]
    finding_counts: dict[str, int] = field(default_factory=dict)  # proof: by severity
    end: EndMatter = EndMatter()
    cover_map: str | None = None    # SVG: France's regions, this one in colour

    @property
    def proof(self) -> bool:
        return self.mode is Mode.PROOF
