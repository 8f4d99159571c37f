"""Alembic environment: monoreg runs migrations itself, on the connection it passes in."""

from alembic import context

from monoreg.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached through `alembic` on the shell
    raise SystemExit("run migrations through monoreg (monoreg load), not the alembic CLI")

context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
