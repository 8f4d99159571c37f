"""Tables of the store. Alembic migrations (store/migrations) create and evolve them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.types import TypeDecorator

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})


class ExactDecimal(TypeDecorator[Decimal]):
    """Decimals stored as text: SQLite has no exact numeric type, and figures must not drift."""

    impl = String(64)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


territories = Table(
    "territories", metadata,
    Column("code", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("slug", Text, nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("metropolitan", Boolean, nullable=False),
    Column("chief_town", Text),
    Column("aliases", JSON, nullable=False),
    Column("description", Text),
)

units = Table(
    "units", metadata,
    Column("code", Text, primary_key=True),
    Column("symbol", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("dimension", Text, nullable=False),
    Column("scale", ExactDecimal, nullable=False),
)

sections = Table(
    "sections", metadata,
    Column("id", Text, primary_key=True),
    Column("title", Text, nullable=False),
    Column("position", Integer, nullable=False),
)

indicators = Table(
    "indicators", metadata,
    Column("id", Text, primary_key=True),
    Column("label", Text, nullable=False),
    Column("short_label", Text),
    Column("unit", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("evolution", String(16), nullable=False),
    Column("polarity", String(16), nullable=False),
    Column("decimals", Integer, nullable=False),
    Column("definition", Text, nullable=False),
    Column("source", Text),
    Column("section", Text, nullable=False),
    Column("additive", Boolean, nullable=False),
    Column("part_of", Text),
    Column("caveats", Text),
    Column("frequency", Text),
)

# The relations of reference/checks.yaml (model.Checks as JSON): one row, replaced by a load.
checks = Table(
    "checks", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("payload", JSON, nullable=False),
)

# A source id is global (reference/sources.yaml, scope '') or local to an edition.
sources = Table(
    "sources", metadata,
    Column("scope", Text, primary_key=True),
    Column("id", Text, primary_key=True),
    Column("producer", Text, nullable=False),
    Column("dataset", Text),
    Column("published", Text),
    Column("url", Text),
    Column("printed", Text),
    Column("licence", Text),        # as the producer states it (migration 0009)
    Column("licence_url", Text),
)

# Every set of figures arrives in a batch: the data files, one series file, one import.
batches = Table(
    "batches", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),   # datafiles | series | import
    Column("name", Text, nullable=False),
    Column("file", Text),
    Column("sha256", String(64)),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    Column("report", JSON),
)

editions = Table(
    "editions", metadata,
    Column("id", Text, primary_key=True),   # '28-2020'
    Column("batch_id", ForeignKey("batches.id"), nullable=False),
    Column("region", Text, nullable=False, index=True),
    Column("year", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("publisher", Text, nullable=False),
    Column("published", String(16), nullable=False),
    Column("cutoff", String(16), nullable=False),
    Column("synthetic", Boolean, nullable=False),
    Column("header", JSON, nullable=False),        # facts, table sources, provenance, guide
    Column("content_hash", String(64), nullable=False),
    UniqueConstraint("region", "year", name="uq_editions_region_year"),
)

observations = Table(
    "observations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("batch_id", ForeignKey("batches.id"), nullable=False),
    Column("edition_id", ForeignKey("editions.id"), nullable=True),
    Column("place", Text, nullable=False),
    Column("indicator", Text, nullable=False),
    Column("territory", Text, nullable=False),
    Column("period", String(16), nullable=False),
    Column("period_kind", String(16), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("value", ExactDecimal),
    Column("unit", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("source_scope", Text),
    Column("source", Text),
    Column("printed", Text),
    Column("printed_period", Text),
    Column("perimeter", Text),
    Column("raw", Text),
    Column("note", Text),
    Column("accepted", JSON, nullable=False),
    Column("prov_file", Text),
    Column("prov_line", Integer),
    Column("prov_page", Integer),
    Column("prov_column", Text),
    Column("origin_file", Text),
    Column("origin_line", Integer),
    Column("dimension", Text),        # 'nsf:312', 'naf:GZ': a breakdown
    Column("dimension_label", Text),  # the breakdown as printed (migration 0012)
    Column("to_check", Text),         # « à vérifier »: the reader was unsure (0012)
    # Computed when the store changes (migration 0007): the figure's quality (findings,
    # resolution) and whether it is the preferred figure of its key (derive/preferred.py).
    Column("quality", JSON),
    Column("preferred", Boolean, nullable=False, server_default=false()),
    # The figure's JSON document, as exports and the API give it (store/documents.py),
    # written by the load once qualities are known; null in stores loaded before 0009.
    Column("doc", Text),
    Index("ix_observations_lookup", "territory", "indicator", "period_end"),
    Index("ix_observations_territory", "territory", "id"),
    Index("ix_observations_edition", "edition_id"),
    Index("ix_observations_batch", "batch_id"),
)

evolution_claims = Table(
    "evolution_claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("edition_id", ForeignKey("editions.id"), nullable=False, index=True),
    Column("place", Text, nullable=False),
    Column("indicator", Text, nullable=False),
    Column("territory", Text, nullable=False),
    Column("base_period", String(16), nullable=False),
    Column("period", String(16), nullable=False),
    Column("printed", Text, nullable=False),
    Column("value", ExactDecimal),
    Column("unit", String(16)),
    Column("note", Text),
    Column("accepted", JSON, nullable=False),
    Column("prov_file", Text),
    Column("prov_line", Integer),
    Column("origin_file", Text),
    Column("origin_line", Integer),
    Column("quality", JSON),
)

# What validation found on each edition and what its editor decided, computed when the
# store changes and stored: outputs read them, none re-validates (migration 0007).
findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("edition_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("rule", Text, nullable=False),
    Column("severity", String(16), nullable=False),
    Column("open_error", Boolean, nullable=False),
    Column("payload", JSON, nullable=False),
    Index("ix_findings_edition", "edition_id"),
)

resolutions = Table(
    "resolutions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("edition_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("payload", JSON, nullable=False),
    Index("ix_resolutions_edition", "edition_id"),
)

# Lists, contacts, texts, directory entries and guide publics: one row per item, the item as
# JSON (model.codec), plus the columns the portal filters and searches on.
edition_items = Table(
    "edition_items", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("edition_id", ForeignKey("editions.id"), nullable=False),
    # kind: list | contact | text | directory | guide_public | glossary | network
    Column("kind", String(32), nullable=False),
    Column("subkind", Text),                # list kind, contact group, text type
    Column("position", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("territory", Text),
    Column("date", String(16)),
    Column("payload", JSON, nullable=False),
    Index("ix_edition_items_lookup", "edition_id", "kind"),
)

# The full-text search documents (texts, news, contacts, directory), rebuilt by every load
# (store/search.py). The backend's index lives beside it: an FTS5 table on SQLite, a
# tsvector column on PostgreSQL (migration 0002). No foreign key: a load deletes editions
# before the index is rebuilt in the same transaction.
search_docs = Table(
    "search_docs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("edition_id", Text),
    Column("region", Text),
    Column("kind", String(16), nullable=False),    # text | contact | directory
    Column("type", String(32), nullable=False),    # text type, 'contact' or 'annuaire'
    Column("year", Integer),
    Column("date", String(16)),
    Column("position", Integer, nullable=False),   # the item's position in its edition
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Index("ix_search_docs_filters", "region", "type", "year"),
)
