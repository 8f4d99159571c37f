"""Backing up and restoring the whole store, while it is in use.

SQLite: the online backup API copies a consistent snapshot page by page while readers and
writers go on (a write that commits during the copy restarts it); a restore copies the file
back into the live database the same way, under its write lock. PostgreSQL: pg_dump (custom
format, one consistent snapshot) and pg_restore in a single transaction, with a client whose
major version is the server's.

A backup carries its schema revision (the alembic_version table). A restore refuses a backup
whose schema this monoreg does not know (made by a newer monoreg), and refuses to overwrite a
store whose schema is newer than the backup's: restored into a new store instead, the
backup is brought up to date when the store is first opened.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy import inspect as inspect_schema
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError

from monoreg.errors import InputError, UsageError
from monoreg.store.db import MIGRATIONS, migrate

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


@dataclass(frozen=True)
class BackupInfo:
    file: Path
    kind: str                 # 'sqlite' or 'postgresql'
    revision: str | None      # the schema revision the backup holds
    size: int


def _revisions() -> list[str]:
    """This monoreg's schema revisions, oldest first."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return [r.revision for r in reversed(list(ScriptDirectory.from_config(config)
                                              .walk_revisions()))]


def _store_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect_schema(conn).has_table("alembic_version"):
            return None  # a new, empty store
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


# -- backup ------------------------------------------------------------------------------
def backup(engine: Engine, target: Path) -> BackupInfo:
    """Write a backup of the store to `target` (replaced only once the copy is whole)."""
    if target.is_dir():
        raise UsageError(f"{target} est un dossier : donnez le nom du fichier de sauvegarde")
    if not target.parent.is_dir():
        raise UsageError(f"le dossier {target.parent} n'existe pas")
    if engine.dialect.name == "sqlite" and not _sqlite_path(engine.url).is_file():
        raise UsageError("la base n'existe pas encore : lancez d'abord « monoreg load »")
    try:
        revision = _store_revision(engine)
    except DatabaseError:
        raise UsageError("impossible de lire la base à sauvegarder (ce n'est pas une base "
                         "monoreg, ou elle est abîmée)") from None
    partial = target.with_name(f".{target.name}.partiel")
    try:
        if engine.dialect.name == "sqlite":
            _sqlite_backup(_sqlite_path(engine.url), partial)
            kind = "sqlite"
        else:
            _pg_dump(engine, partial)
            kind = "postgresql"
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return BackupInfo(target, kind, revision, target.stat().st_size)


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise UsageError("une base SQLite en mémoire ne se sauvegarde pas")
    return Path(url.database)


def _sqlite_backup(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # readers and writers go on meanwhile (WAL)
        # A backup is one self-contained file, not a database with a write-ahead log.
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


# -- PostgreSQL tools --------------------------------------------------------------------
def _server_major(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(str(conn.execute(text("SHOW server_version_num")).scalar())) // 10000


def _tool(name: str, major: int) -> str:
    """pg_dump or pg_restore of the server's major version: Debian keeps each version's
    tools in /usr/lib/postgresql/<major>/bin; else the one on the PATH, if its version is
    the server's."""
    candidates = [f"/usr/lib/postgresql/{major}/bin/{name}", shutil.which(name)]
    for path in filter(None, candidates):
        if not Path(path).is_file():
            continue
        found = subprocess.run([path, "--version"], capture_output=True, text=True,
                               check=False).stdout
        version = re.search(r"(\d+)(?:\.\d+)?", found)
        if version and int(version.group(1)) == major:
            return path
    raise UsageError(f"{name} {major} introuvable : le serveur PostgreSQL est en version "
                     f"{major} et l'outil doit être de la même version (paquet Debian "
                     f"postgresql-client-{major}, installé par scripts/system-deps.sh test)")


def _pg_env(url: URL) -> tuple[list[str], dict[str, str]]:
    """Connection options for the PostgreSQL tools; the password goes in the environment,
    never on the command line."""
    args = ["--host", url.host or "localhost", "--port", str(url.port or 5432)]
    if url.username:
        args += ["--username", url.username]
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        # The tool's own message is English; its first line is kept for the administrator.
        detail = (result.stderr.strip().splitlines() or ["?"])[0]
        raise UsageError(f"{what} a échoué (code {result.returncode}) ; message de l'outil : "
                         f"« {detail} »")


def _pg_dump(engine: Engine, target: Path) -> None:
    url = engine.url
    args, env = _pg_env(url)
    tool = _tool("pg_dump", _server_major(engine))
    _run([tool, *args, "--format=custom", "--no-owner", "--no-privileges",
          f"--file={target}", url.database or "postgres"], env, "pg_dump")


# -- restore -----------------------------------------------------------------------------
def inspect(path: Path) -> BackupInfo:
    """What a backup file holds: its kind and schema revision; refuses anything else."""
    shown = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        raise InputError("fichier introuvable", file=shown) from None
    except IsADirectoryError:
        raise InputError("c'est un dossier, pas un fichier", file=shown) from None
    size = path.stat().st_size
    if head.startswith(SQLITE_MAGIC):
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
                conn.execute("PRAGMA quick_check").fetchone()
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            raise InputError("sauvegarde SQLite illisible ou incomplète (elle ne contient pas "
                             "le schéma d'une base monoreg)", file=shown) from None
        return BackupInfo(path, "sqlite", row[0] if row else None, size)
    if head.startswith(PGDUMP_MAGIC):
        return BackupInfo(path, "postgresql", None, size)  # revision read at restore time
    raise InputError("ce n'est pas une sauvegarde monoreg (ni base SQLite, ni archive "
                     "pg_dump)", file=shown)


def _check_revisions(backup_revision: str | None, store_revision: str | None,
                     file: str) -> None:
    known = _revisions()
    if backup_revision is None:
        raise InputError("la sauvegarde ne dit pas la version de son schéma : ce n'est pas "
                         "une sauvegarde monoreg", file=file)
    if backup_revision not in known:
        raise InputError(f"la sauvegarde est au schéma {backup_revision}, que ce monoreg ne "
                         f"connaît pas (le sien s'arrête à {known[-1]}) : elle a été faite "
                         "par une version plus récente, restaurez-la avec celle-ci", file=file)
    if store_revision is None:
        return
    if store_revision not in known or known.index(store_revision) > known.index(
            backup_revision):
        raise InputError(f"la base est au schéma {store_revision}, plus récent que celui de la "
                         f"sauvegarde ({backup_revision}) : rien n'est remplacé ; restaurez "
                         "dans une base neuve (MONOREG_DATABASE_URL vers un autre fichier ou "
                         "une autre base), mise à niveau à son ouverture", file=file)


def restore(engine: Engine, source: Path) -> BackupInfo:
    """Replace the store's content by the backup's, in one step, then bring its schema up
    to date. The store may be in use: readers see the old content or the new one."""
    info = inspect(source)
    store_revision = _store_revision(engine)
    if engine.dialect.name == "sqlite":
        if info.kind != "sqlite":
            raise InputError("sauvegarde PostgreSQL (pg_dump) : la base configurée est "
                             "SQLite", file=str(source))
        _check_revisions(info.revision, store_revision, str(source))
        _sqlite_restore(source, _sqlite_path(engine.url))
    else:
        if info.kind != "postgresql":
            raise InputError("sauvegarde SQLite : la base configurée est PostgreSQL",
                             file=str(source))
        major = _server_major(engine)
        revision = _pg_dump_revision(source, major)
        _check_revisions(revision, store_revision, str(source))
        info = BackupInfo(info.file, info.kind, revision, info.size)
        _pg_restore(engine, source, major)
    migrate(engine)
    return info


def _sqlite_restore(source: Path, target: Path) -> None:
    # The backup API takes the live database's write lock and swaps every page in one go.
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "sauvegarde.sqlite"  # never write into the user's backup
        shutil.copyfile(source, copy)
        src = sqlite3.connect(copy)
        dst = sqlite3.connect(target, timeout=30)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")  # the store's mode (store/db.py)
        finally:
            dst.close()
            src.close()


def _pg_dump_revision(source: Path, major: int) -> str | None:
    """The revision in a pg_dump archive: the data of its alembic_version table."""
    tool = _tool("pg_restore", major)
    result = subprocess.run([tool, "--data-only", "--table=alembic_version", "--file=-",
                             str(source)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise InputError("archive pg_dump illisible ou incomplète", file=str(source))
    rows = re.search(r"COPY [\w.]*alembic_version .*?FROM stdin;\n(.*?)\n\\\.", result.stdout,
                     re.DOTALL)
    return rows.group(1).strip() if rows and rows.group(1).strip() else None


def _pg_restore(engine: Engine, source: Path, major: int) -> None:
    url = engine.url
    args, env = _pg_env(url)
    tool = _tool("pg_restore", major)
    _run([tool, *args, "--clean", "--if-exists", "--single-transaction", "--no-owner",
          "--no-privileges", f"--dbname={url.database or 'postgres'}", str(source)], env,
         "pg_restore")

