"""Initial schema: reference data, batches, editions, observations, evolution claims, items.

Decimals are stored as text (schema.ExactDecimal) so that figures never drift.

Revision ID: 0001
Revises:
Create Date: 2026-11-28 16:51:09.146136
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "batches",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("file", sa.String(length=500), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("report", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batches")),
    )
    op.create_table(
        "indicators",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("short_label", sa.String(length=200), nullable=True),
        sa.Column("unit", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("evolution", sa.String(length=16), nullable=False),
        sa.Column("polarity", sa.String(length=16), nullable=False),
        sa.Column("decimals", sa.Integer(), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=True),
        sa.Column("section", sa.String(length=64), nullable=False),
        sa.Column("additive", sa.Boolean(), nullable=False),
        sa.Column("part_of", sa.String(length=100), nullable=True),
        sa.Column("caveats", sa.Text(), nullable=True),
        sa.Column("frequency", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
    )
    op.create_table(
        "sections",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sections")),
    )
    op.create_table(
        "sources",
        sa.Column("scope", sa.String(length=32), nullable=False),
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("producer", sa.String(length=300), nullable=False),
        sa.Column("dataset", sa.String(length=300), nullable=True),
        sa.Column("published", sa.String(length=64), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("printed", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("scope", "id", name=op.f("pk_sources")),
    )
    op.create_table(
        "territories",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("metropolitan", sa.Boolean(), nullable=False),
        sa.Column("chief_town", sa.String(length=16), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_territories")),
        sa.UniqueConstraint("slug", name=op.f("uq_territories_slug")),
    )
    op.create_table(
        "units",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("symbol", sa.String(length=16), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("dimension", sa.String(length=32), nullable=False),
        sa.Column("scale", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_units")),
    )
    op.create_table(
        "editions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("publisher", sa.String(length=200), nullable=False),
        sa.Column("published", sa.String(length=16), nullable=False),
        sa.Column("cutoff", sa.String(length=16), nullable=False),
        sa.Column("synthetic", sa.Boolean(), nullable=False),
        sa.Column("header", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["batches.id"], name=op.f("fk_editions_batch_id_batches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_editions")),
        sa.UniqueConstraint("region", "year", name="uq_editions_region_year"),
    )
    with op.batch_alter_table("editions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_editions_region"), ["region"], unique=False)

    op.create_table(
        "edition_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("edition_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("subkind", sa.String(length=32), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("territory", sa.String(length=16), nullable=True),
        sa.Column("date", sa.String(length=16), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"], ["editions.id"], name=op.f("fk_edition_items_edition_id_editions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_edition_items")),
    )
    with op.batch_alter_table("edition_items", schema=None) as batch_op:
        batch_op.create_index("ix_edition_items_lookup", ["edition_id", "kind"], unique=False)

    op.create_table(
        "evolution_claims",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("edition_id", sa.String(length=32), nullable=False),
        sa.Column("place", sa.String(length=64), nullable=False),
        sa.Column("indicator", sa.String(length=100), nullable=False),
        sa.Column("territory", sa.String(length=16), nullable=False),
        sa.Column("base_period", sa.String(length=16), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("printed", sa.Text(), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=True),
        sa.Column("unit", sa.String(length=16), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("accepted", sa.JSON(), nullable=False),
        sa.Column("prov_file", sa.String(length=500), nullable=True),
        sa.Column("prov_line", sa.Integer(), nullable=True),
        sa.Column("origin_file", sa.String(length=500), nullable=True),
        sa.Column("origin_line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["edition_id"], ["editions.id"], name=op.f("fk_evolution_claims_edition_id_editions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evolution_claims")),
    )
    with op.batch_alter_table("evolution_claims", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evolution_claims_edition_id"), ["edition_id"], unique=False
        )

    op.create_table(
        "observations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.String(length=32), nullable=True),
        sa.Column("place", sa.String(length=64), nullable=False),
        sa.Column("indicator", sa.String(length=100), nullable=False),
        sa.Column("territory", sa.String(length=16), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("period_kind", sa.String(length=16), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=True),
        sa.Column("unit", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source_scope", sa.String(length=32), nullable=True),
        sa.Column("source", sa.String(length=100), nullable=True),
        sa.Column("printed", sa.Text(), nullable=True),
        sa.Column("printed_period", sa.String(length=200), nullable=True),
        sa.Column("perimeter", sa.Text(), nullable=True),
        sa.Column("raw", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("accepted", sa.JSON(), nullable=False),
        sa.Column("prov_file", sa.String(length=500), nullable=True),
        sa.Column("prov_line", sa.Integer(), nullable=True),
        sa.Column("prov_page", sa.Integer(), nullable=True),
        sa.Column("prov_column", sa.String(length=100), nullable=True),
        sa.Column("origin_file", sa.String(length=500), nullable=True),
        sa.Column("origin_line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["batches.id"], name=op.f("fk_observations_batch_id_batches")
        ),
        sa.ForeignKeyConstraint(
            ["edition_id"], ["editions.id"], name=op.f("fk_observations_edition_id_editions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observations")),
    )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index("ix_observations_batch", ["batch_id"], unique=False)
        batch_op.create_index("ix_observations_edition", ["edition_id"], unique=False)
        batch_op.create_index(
            "ix_observations_lookup", ["territory", "indicator", "period_end"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index("ix_observations_lookup")
        batch_op.drop_index("ix_observations_edition")
        batch_op.drop_index("ix_observations_batch")

    op.drop_table("observations")
    with op.batch_alter_table("evolution_claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evolution_claims_edition_id"))

    op.drop_table("evolution_claims")
    with op.batch_alter_table("edition_items", schema=None) as batch_op:
        batch_op.drop_index("ix_edition_items_lookup")

    op.drop_table("edition_items")
    with op.batch_alter_table("editions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_editions_region"))

    op.drop_table("editions")
    op.drop_table("units")
    op.drop_table("territories")
    op.drop_table("sources")
    op.drop_table("sections")
    op.drop_table("indicators")
    op.drop_table("batches")
