"""Free text from data files and imported files becomes unbounded TEXT on PostgreSQL.

SQLite never enforced the VARCHAR lengths of 0001, so a long source date or label loaded
there and crashed on PostgreSQL. SQLite stores both as TEXT already: nothing to do there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 18:05:00
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = (
    ("territories", "code"),
    ("territories", "name"),
    ("territories", "slug"),
    ("territories", "chief_town"),
    ("units", "code"),
    ("units", "symbol"),
    ("units", "label"),
    ("units", "dimension"),
    ("sections", "id"),
    ("sections", "title"),
    ("indicators", "id"),
    ("indicators", "label"),
    ("indicators", "short_label"),
    ("indicators", "unit"),
    ("indicators", "source"),
    ("indicators", "section"),
    ("indicators", "part_of"),
    ("indicators", "frequency"),
    ("sources", "scope"),
    ("sources", "id"),
    ("sources", "producer"),
    ("sources", "dataset"),
    ("sources", "published"),
    ("sources", "url"),
    ("batches", "name"),
    ("batches", "file"),
    ("editions", "id"),
    ("editions", "region"),
    ("editions", "title"),
    ("editions", "publisher"),
    ("observations", "place"),
    ("observations", "indicator"),
    ("observations", "territory"),
    ("observations", "unit"),
    ("observations", "source_scope"),
    ("observations", "source"),
    ("observations", "printed_period"),
    ("observations", "prov_file"),
    ("observations", "prov_column"),
    ("observations", "origin_file"),
    ("observations", "dimension"),
    ("evolution_claims", "place"),
    ("evolution_claims", "indicator"),
    ("evolution_claims", "territory"),
    ("evolution_claims", "prov_file"),
    ("evolution_claims", "origin_file"),
    ("edition_items", "subkind"),
    ("edition_items", "territory"),
    ("search_docs", "edition_id"),
    ("search_docs", "region"),
    ("observations", "edition_id"),
    ("evolution_claims", "edition_id"),
    ("edition_items", "edition_id"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in COLUMNS:
        op.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" TYPE TEXT')


def downgrade() -> None:
    raise NotImplementedError("TEXT columns cannot be narrowed back safely")
