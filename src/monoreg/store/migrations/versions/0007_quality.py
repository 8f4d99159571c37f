"""Trust at the output: each figure's quality and preferred flag, the findings and the
editors' resolutions, computed when the store changes and stored.

Existing rows get no quality (read as 'ok') and no preferred flag until the next load.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 09:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quality", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("preferred", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table("evolution_claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quality", sa.JSON(), nullable=True))
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("edition_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("open_error", sa.Boolean(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
    )
    op.create_index("ix_findings_edition", "findings", ["edition_id"])
    op.create_table(
        "resolutions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("edition_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolutions")),
    )
    op.create_index("ix_resolutions_edition", "resolutions", ["edition_id"])


def downgrade() -> None:
    op.drop_index("ix_resolutions_edition", table_name="resolutions")
    op.drop_table("resolutions")
    op.drop_index("ix_findings_edition", table_name="findings")
    op.drop_table("findings")
    with op.batch_alter_table("evolution_claims", schema=None) as batch_op:
        batch_op.drop_column("quality")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_column("preferred")
        batch_op.drop_column("quality")
