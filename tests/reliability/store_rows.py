"""Every row of every table of a store, to prove a failed command changed nothing.

The tables are read from the database itself (not from monoreg's schema module), so that a
table added later is covered too, and so is a change the schema module does not know about.
"""

from __future__ import annotations

from sqlalchemy import MetaData, create_engine, select
from sqlalchemy.pool import NullPool

StoreRows = dict[str, list[tuple[str, ...]]]


def store_rows(url: str) -> StoreRows:
    """{table: sorted rows, each value as text}; identical dumps mean an identical store."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        metadata = MetaData()
        with engine.connect() as conn:
            metadata.reflect(conn)
            return {name: sorted(tuple(repr(v) for v in row)
                                 for row in conn.execute(select(table)))
                    for name, table in sorted(metadata.tables.items())}
    finally:
        engine.dispose()


def row_counts(rows: StoreRows) -> dict[str, int]:
    return {name: len(table) for name, table in rows.items()}
