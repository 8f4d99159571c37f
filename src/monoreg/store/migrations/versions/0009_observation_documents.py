"""Each figure keeps its JSON document (the export's shape, written at load time) and an
index that pages one territory's figures in id order; a source keeps the licence its
producer states.

Stores loaded before this revision have no documents: readers build a missing one from the
row (store.repository), and the next `monoreg load` writes them all.

Revision ID: 0009
Revises: 0012 (the latest revision present on this branch; the lead re-chains at merge)
Create Date: 2026-12-06 09:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.add_column(sa.Column("doc", sa.Text(), nullable=True))
    op.create_index("ix_observations_territory", "observations", ["territory", "id"])
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("licence", sa.Text(), nullable=True))
        batch.add_column(sa.Column("licence_url", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("licence_url")
        batch.drop_column("licence")
    op.drop_index("ix_observations_territory", table_name="observations")
    with op.batch_alter_table("observations") as batch:
        batch.drop_column("doc")
