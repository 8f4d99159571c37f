"""`monoreg serve`: the portal and the API."""

from __future__ import annotations

from typing import Annotated

import typer

from monoreg.cli.common import STORE_EMPTY, app, err, examples, open_store
from monoreg.errors import UsageError


@app.command(epilog=examples("monoreg serve", "monoreg serve --host 0.0.0.0 --port 8080"))
def serve(host: Annotated[str, typer.Option(
              metavar="ADRESSE", help="Adresse d'écoute.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(
              min=1, max=65535, metavar="PORT", help="Port d'écoute.")] = 8000,
          ) -> None:
    """Sert le portail (pages en français) et l'API (/api/v1, /openapi.json)."""
    import uvicorn

    from monoreg.settings import get_settings
    from monoreg.web.app import create_app

    settings = get_settings()
    store = open_store(settings)
    if not store.is_loaded():
        raise UsageError(STORE_EMPTY)
    application = create_app(settings, store=store)
    err().print(f"Portail monoreg : http://{host}:{port}/  (API : http://{host}:{port}"
                "/api/v1/regions) — Ctrl+C pour arrêter")
    uvicorn.run(application, host=host, port=port, log_level="warning",
                server_header=False)
