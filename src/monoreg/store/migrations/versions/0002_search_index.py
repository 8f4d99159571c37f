"""Full-text search: search_docs, plus the backend's index (FTS5 on SQLite, tsvector on
PostgreSQL with the unaccent extension).

The index is filled by every `monoreg load` (store/search.py): after this upgrade, search
finds nothing until the next load.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 17:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_docs",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("edition_id", sa.String(length=32), nullable=True),
        sa.Column("region", sa.String(length=16), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("date", sa.String(length=16), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_docs")),
    )
    op.create_index("ix_search_docs_filters", "search_docs", ["region", "type", "year"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        op.execute("ALTER TABLE search_docs ADD COLUMN tsv tsvector")
        op.execute("CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)")
    else:
        # Contentless: the text lives in search_docs; the FTS table holds Snowball stems
        # computed in Python (SQLite has no French stemmer).
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', "
                   "tokenize='unicode61 remove_diacritics 2')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TABLE search_fts")
    op.drop_index("ix_search_docs_filters", table_name="search_docs")
    op.drop_table("search_docs")
