"""Search on PostgreSQL: an inverted index table, `search_terms` (stem, document, score,
filters), replaces the tsvector column and its GIN index, so that a query no longer ranks
every matching document (store/search.py, _Postgres).

PostgreSQL only. The table is filled from the documents already indexed.

Revision ID: 0013
Revises: 0008
Create Date: 2026-12-06 12:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_search_docs_tsv", table_name="search_docs")
    op.drop_column("search_docs", "tsv")
    op.create_table(
        "search_terms",
        sa.Column("lexeme", sa.Text(), nullable=False),
        sa.Column("doc_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.REAL(), nullable=False),
        sa.Column("region", sa.Text(), nullable=True),
        sa.Column("type", sa.String(length=32), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("lexeme", "doc_id", name=op.f("pk_search_terms")),
    )
    # The fill every load runs (one definition; it reads only search_docs' columns of
    # migration 0002 and this table, so a later revision must not change what it needs).
    from monoreg.store.search import PG_FILL_TERMS

    op.execute(PG_FILL_TERMS)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_table("search_terms")
    op.execute("ALTER TABLE search_docs ADD COLUMN tsv tsvector")
    op.execute("UPDATE search_docs SET tsv = "
               "setweight(to_tsvector('french', unaccent(title)), 'A') || "
               "setweight(to_tsvector('french', unaccent(body)), 'B')")
    op.execute("CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)")
