"""Validation checks: the relations of reference/checks.yaml, kept with the catalogue.

One row holds the whole declaration as JSON (model.codec of model.Checks): it is small,
read whole by every validation, and replaced by every load. After this upgrade the store
has no checks until the next `monoreg load`.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 17:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checks",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checks")),
    )


def downgrade() -> None:
    op.drop_table("checks")
