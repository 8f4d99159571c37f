"""Observations: `dimension_label`, a breakdown as the document prints it, and `to_check`,
the « à vérifier » mark of a figure the monograph reader was unsure of.

An edition's main sectors are one indicator broken down by NAF sector: the code when the
printed label is recognised ('naf:GZ'), and always the label as printed. Nullable and
empty for every existing figure.

Revision ID: 0012
Revises: 0007 (the latest present on the branch; the lead re-chains at merge)
Create Date: 2026-12-06 09:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dimension_label", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("to_check", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_column("to_check")
        batch_op.drop_column("dimension_label")
