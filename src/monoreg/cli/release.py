"""`monoreg release`: record an edition as published."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from monoreg.cli.common import app, open_store, out, resolve_region
from monoreg.errors import UsageError
from monoreg.loading import load as load_data
from monoreg.publish.release import record_release
from monoreg.publish.site import file_names
from monoreg.settings import get_settings


@app.command()
def release(
    region: Annotated[str, typer.Argument(help="Region (INSEE code, name or slug).")],
    year: Annotated[int, typer.Argument(help="Publication year of the edition.")],
    on: Annotated[str | None, typer.Option(
        "--date", help="Publication date, YYYY-MM-DD (default: today).")] = None,
    out_dir: Annotated[Path | None, typer.Option(
        "--out", help="Folder of the public build (default: var/build).")] = None,
) -> None:
    """Record an edition as published: its public build's manifest is kept with its data
    files; from then on a changed figure needs a dated update note (updates.yaml)."""
    try:
        when = date.fromisoformat(on) if on else date.today()
    except ValueError:
        raise UsageError(f"--date « {on} » illisible : écrire AAAA-MM-JJ") from None
    settings = get_settings()
    store = open_store(settings)
    catalog = store.catalog()
    territory = resolve_region(catalog, region)
    edition = store.edition(territory.code, year)
    if edition.provenance is None:
        raise UsageError(f"l'édition {year} de {territory.name} n'a pas de fichiers de données")
    folder = settings.data_dir / Path(edition.provenance.file).parent
    built = (out_dir or settings.var_dir / "build") / file_names(territory.slug, year)["manifest"]
    kept = record_release(edition, folder, built, when.isoformat())
    load_data(store, settings.data_dir)  # the store now holds the release record
    out().print(f"Publiée : {territory.name} {year}, le {when.isoformat()} — manifeste gardé "
                f"dans {kept}.", highlight=False)
