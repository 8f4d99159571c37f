"""`monoreg serve`: the portal and the API."""

from __future__ import annotations

from typing import Annotated

import typer

from monoreg.cli.common import STORE_EMPTY, app, err, examples, open_store
from monoreg.errors import UsageError


@app.command(epilog=examples("monoreg serve", "monoreg serve --host 0.0.0.0 --port 8080",
                             "monoreg serve --workers 4"))
def serve(host: Annotated[str, typer.Option(
              metavar="ADRESSE", help="Adresse d'écoute.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(
              min=1, max=65535, metavar="PORT", help="Port d'écoute.")] = 8000,
          workers: Annotated[int | None, typer.Option(
              min=1, max=64, metavar="N", help="Processus serveurs (défaut : "
              "MONOREG_WORKERS, sinon un par cœur disponible, 8 au plus).")] = None,
          ) -> None:
    """Sert le portail (pages en français) et l'API (/api/v1, /openapi.json)."""
    from monoreg.settings import get_settings
    from monoreg.web.server import run, worker_count

    settings = get_settings()
    store = open_store(settings)
    loaded = store.is_loaded()
    store.close()  # each worker opens its own
    if not loaded:
        raise UsageError(STORE_EMPTY)
    count = workers or worker_count(settings)
    err().print(f"Portail monoreg : http://{host}:{port}/  (API : http://{host}:{port}"
                f"/api/v1/regions) — {count}\u00a0processus — Ctrl+C pour arrêter")
    run(host, port, workers=count)
