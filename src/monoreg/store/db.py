"""Engine, migrations and transactions: the same code on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.pool import NullPool

from monoreg.errors import UsageError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


# PostgreSQL advisory lock key taken by every writing transaction (any number will do, as
# long as it is always the same one).
WRITER_LOCK = 0x6D6F6E6F  # 'mono'


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite opens a transaction only before INSERT/UPDATE/DELETE, so that the SELECTs of
    # one read each saw whatever was committed at that moment (an edition's header from one
    # load, its figures from the next). monoreg emits BEGIN itself (_sqlite_begin).
    dbapi_connection.isolation_level = None
    # WAL lets readers keep reading the last committed state while a load writes.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Reads see one snapshot throughout; a writer takes the write lock at once, so that a
    second writer waits for it instead of failing half-way on a state that has changed."""
    writes = connection.get_execution_options().get("monoreg_writes", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def make_engine(url: str) -> Engine:
    try:
        if url.startswith("sqlite"):
            path = url.split("///", 1)[1] if "///" in url else ""
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, poolclass=NullPool)
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        # Every read is one snapshot, as on SQLite; writers switch to READ COMMITTED once
        # they hold the writer lock (transaction()).
        return create_engine(url, pool_pre_ping=True, isolation_level="REPEATABLE READ")
    except (ArgumentError, ValueError):
        raise UsageError("MONOREG_DATABASE_URL n'est pas l'adresse d'une base de "
                         "données") from None
    except ModuleNotFoundError as error:
        raise UsageError(f"pas de pilote pour MONOREG_DATABASE_URL ({error.name})") from None


def pooled_engine(engine: Engine) -> Engine:
    """The same database through a small pool of connections, for a long-running reader (the
    portal). SQLite engines otherwise open a connection per query, and its empty page cache
    costs more than most queries; other databases already pool."""
    if engine.dialect.name != "sqlite":
        return engine
    pooled = create_engine(engine.url, pool_size=8, max_overflow=8)
    event.listen(pooled, "connect", _sqlite_pragmas)
    event.listen(pooled, "begin", _sqlite_begin)  # without it, no query is in a transaction
    return pooled


def alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is there already)."""
    try:
        with engine.connect() as connection:
            current = _current(connection)
    except DatabaseError as error:  # unreachable server, or a file that is no database
        raise UsageError(f"impossible d'ouvrir la base de données ({_reason(error)})") from None
    if current == _head():
        return
    try:
        with transaction(engine) as connection:
            if _current(connection) != _head():  # unless another process just did it
                command.upgrade(alembic_config(connection), "head")
    except OperationalError as error:
        raise UsageError(f"impossible d'ouvrir la base de données ({_reason(error)})") from None


_DATABASE_REASONS = (  # driver wording -> what the user reads
    ("file is not a database", "ce fichier n'est pas une base SQLite"),
    ("unable to open database file", "fichier inaccessible"),
    ("database disk image is malformed", "fichier de base abîmé"),
    ("Connection refused", "le serveur ne répond pas"),
    ("could not connect", "le serveur ne répond pas"),
    ("password authentication failed", "authentification refusée"),
    ("does not exist", "cette base n'existe pas sur le serveur"),
    ("readonly database", "base en lecture seule"),
)


def _reason(error: DatabaseError) -> str:
    text = str(error.orig)
    return next((french for english, french in _DATABASE_REASONS if english in text),
                "erreur du serveur de base de données")


def _head() -> str | None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """One writing transaction: everything inside commits together or not at all.

    Writers queue up (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock, then READ
    COMMITTED so that each statement sees what the previous writer committed): two loads at
    once run one after the other instead of deleting and inserting over each other.
    """
    with engine.connect() as connection:
        postgres = connection.dialect.name == "postgresql"
        connection.execution_options(monoreg_writes=True,
                                     **({"isolation_level": "READ COMMITTED"} if postgres
                                        else {}))
        with connection.begin():
            if postgres:
                connection.execute(select(func.pg_advisory_xact_lock(WRITER_LOCK)))
            yield connection


@contextmanager
def throwaway_database(server_url: str, prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on the server of `server_url`, dropped on exit
    (tests and benchmarks); yields its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
