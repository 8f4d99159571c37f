"""The domain model every stage shares. Nobody redefines these types."""

from monoreg.model.catalog import Catalog
from monoreg.model.checks import Balance, Bound, Checks, ListCount, ProseTerm, SeriesCheck
from monoreg.model.content import (
    Contact,
    ContactGroup,
    DirectoryEntry,
    GlossaryEntry,
    Guide,
    GuidePublic,
    ListItem,
    ListKind,
    NetworkLink,
    Phone,
    Text,
    TextType,
    item_title,
)
from monoreg.model.dataset import Dataset, SeriesBatch
from monoreg.model.edition import Edition
from monoreg.model.finding import Finding, Severity
from monoreg.model.indicator import Evolution, Indicator, IndicatorKind, Polarity
from monoreg.model.observation import EvolutionClaim, Observation, Status
from monoreg.model.period import Period, PeriodKind, PeriodParseError, parse_period
from monoreg.model.quality import (
    QUALITY_LEGEND,
    Decision,
    FigureKey,
    LegendEntry,
    Quality,
    QualityStatus,
    Resolution,
)
from monoreg.model.section import Section
from monoreg.model.source import Provenance, Source
from monoreg.model.territory import Territory, TerritoryIndex, TerritoryKind
from monoreg.model.unit import Unit

__all__ = [
    "QUALITY_LEGEND",
    "Balance",
    "Bound",
    "Catalog",
    "Checks",
    "Contact",
    "ContactGroup",
    "Dataset",
    "Decision",
    "DirectoryEntry",
    "Edition",
    "Evolution",
    "EvolutionClaim",
    "FigureKey",
    "Finding",
    "GlossaryEntry",
    "Guide",
    "GuidePublic",
    "Indicator",
    "IndicatorKind",
    "LegendEntry",
    "ListCount",
    "ListItem",
    "ListKind",
    "NetworkLink",
    "Observation",
    "Period",
    "PeriodKind",
    "PeriodParseError",
    "Phone",
    "Polarity",
    "ProseTerm",
    "Provenance",
    "Quality",
    "QualityStatus",
    "Resolution",
    "Section",
    "SeriesBatch",
    "SeriesCheck",
    "Severity",
    "Source",
    "Status",
    "Territory",
    "TerritoryIndex",
    "TerritoryKind",
    "Text",
    "TextType",
    "Unit",
    "item_title",
    "parse_period",
]
