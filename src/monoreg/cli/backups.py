"""`monoreg backup` and `monoreg restore`: the whole store to one file and back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from monoreg.cli.common import app, examples, out

if TYPE_CHECKING:
    from sqlalchemy import Engine

BackupFile = Annotated[Path, typer.Argument(
    metavar="FICHIER", help="Fichier de sauvegarde.", show_default=False)]


@contextmanager
def _store_as_it_is() -> Iterator[Engine]:
    """The store's engine, its schema left as it is (open_store() would migrate it)."""
    from monoreg.settings import get_settings
    from monoreg.store.db import make_engine

    engine = make_engine(get_settings().resolved_database_url())
    try:
        yield engine
    finally:
        engine.dispose()


def _size(octets: int) -> str:
    from decimal import Decimal

    from monoreg import formatting as fr

    if octets >= 1 << 20:
        return f"{fr.number(Decimal(octets) / (1 << 20), 1)} Mo"
    return f"{fr.number(Decimal(octets))} octets"


@app.command(epilog=examples("monoreg backup sauvegardes/monoreg-2024-03-01.sqlite",
                             "MONOREG_DATABASE_URL=postgresql+psycopg://… "
                             "monoreg backup monoreg.dump"))
def backup(file: BackupFile) -> None:
    """Sauvegarde toute la base dans un fichier, même pendant qu'elle sert (SQLite : copie
    cohérente de la base ; PostgreSQL : archive pg_dump). Le fichier n'est remplacé qu'une
    fois la copie complète."""
    from monoreg.store.backup import backup as write_backup

    # Not open_store(): a backup copies the store as it is, without migrating it first.
    with _store_as_it_is() as engine:
        info = write_backup(engine, file)
    out().print(f"Sauvegarde écrite : {info.file} ({_size(info.size)}, base {info.kind}, "
                f"schéma {info.revision or 'vide'}).")


@app.command(epilog=examples("monoreg restore sauvegardes/monoreg-2024-03-01.sqlite",
                             "MONOREG_DATABASE_URL=sqlite:///var/essai.sqlite "
                             "monoreg restore ancienne.sqlite"))
def restore(file: BackupFile) -> None:
    """Remplace tout le contenu de la base par celui d'une sauvegarde, en une fois, puis met
    son schéma à jour. Refuse une sauvegarde d'une version plus récente de monoreg, et ne
    remplace pas une base dont le schéma est plus récent que celui de la sauvegarde
    (restaurez alors dans une base neuve)."""
    from monoreg.store.backup import restore as read_backup

    # Not open_store(): opening migrates, and a new, empty store must stay empty until the
    # backup's schema is compared with its own.
    with _store_as_it_is() as engine:
        info = read_backup(engine, file)
    out().print(f"Base restaurée depuis {info.file} (schéma {info.revision}, mis à jour "
                "si besoin).")
