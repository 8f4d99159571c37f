"""Search on SQLite: filters (region, type, year) become tokens of a hidden `tags` column of
the FTS5 table, so that a filtered search is answered inside the index.

SQLite only (PostgreSQL filters on search_docs' indexed columns). The documents are
cleared: the next `monoreg load` indexes them again.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 17:45:00
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_FTS = ("CREATE VIRTUAL TABLE search_fts USING fts5({columns}, content='', "
        "tokenize='unicode61 remove_diacritics 2')")


def _recreate(columns: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    op.execute("DROP TABLE search_fts")
    op.execute(_FTS.format(columns=columns))
    op.execute("DELETE FROM search_docs")


def upgrade() -> None:
    _recreate("title, body, tags")


def downgrade() -> None:
    _recreate("title, body")
