"""Observations: a `dimension` column for breakdowns of imported counts ('nsf:312').

Nullable and empty for every existing figure: an edition's figures never have one.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 18:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dimension", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_column("dimension")
