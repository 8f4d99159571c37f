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
    # The fill of store/search.py as it stands at this revision (a migration is a snapshot).
    op.execute(_FILL)


_FILL = """
WITH docs AS (
  SELECT id, region, type, year,
         setweight(to_tsvector('french', unaccent(title)), 'A') ||
         setweight(to_tsvector('french', unaccent(body)), 'B') AS tsv
  FROM search_docs),
average AS (SELECT nullif(avg(length(tsv)), 0)::real AS length FROM docs)
INSERT INTO search_terms (lexeme, doc_id, score, region, type, year)
SELECT u.lexeme, d.id,
       f.tf * 2.2 / (f.tf + 1.2 * (0.25 + 0.75 * length(d.tsv) / a.length)),
       d.region, d.type, d.year
FROM docs d
CROSS JOIN average a
CROSS JOIN LATERAL unnest(d.tsv) u
CROSS JOIN LATERAL (
  SELECT 5 * coalesce(cardinality(array_positions(u.weights, 'A')), 0)
         + coalesce(cardinality(array_positions(u.weights, 'B')), 0) AS tf) f
"""


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_table("search_terms")
    op.execute("ALTER TABLE search_docs ADD COLUMN tsv tsvector")
    op.execute("UPDATE search_docs SET tsv = "
               "setweight(to_tsvector('french', unaccent(title)), 'A') || "
               "setweight(to_tsvector('french', unaccent(body)), 'B')")
    op.execute("CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)")
