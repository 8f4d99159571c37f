"""`monoreg release`: record an edition as published."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from monoreg.cli.common import RegionArgument, app, examples, open_store, out, resolve_region
from monoreg.errors import UsageError


@app.command(epilog=examples("monoreg build normandie --edition 2020",
                             "monoreg release normandie 2020 --date 2020-05-15"))
def release(
    region: RegionArgument,
    year: Annotated[int, typer.Argument(metavar="ANNÉE", help="Année de l'édition.")],
    on: Annotated[str | None, typer.Option(
        "--date", metavar="AAAA-MM-JJ",
        help="Date de publication (défaut : aujourd'hui).")] = None,
    out_dir: Annotated[Path | None, typer.Option(
        "--out", metavar="DOSSIER",
        help="Dossier de la construction publique (défaut : var/build).")] = None,
) -> None:
    """Enregistre une édition comme publiée : le manifeste de sa construction publique est
    gardé avec ses fichiers de données (releases.yaml).

    Ensuite, un chiffre publié ne change qu'avec une note de mise à jour datée
    (updates.yaml : ancienne valeur, nouvelle valeur, pourquoi), jamais retirée."""
    from monoreg.loading import load as load_data
    from monoreg.publish.release import record_release
    from monoreg.publish.site import file_names
    from monoreg.settings import get_settings

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
