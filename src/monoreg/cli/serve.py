"""`monoreg serve`: the portal and the API."""

from __future__ import annotations

from typing import Annotated

import typer

from monoreg.cli.common import app, err, open_store
from monoreg.errors import UsageError
from monoreg.settings import get_settings


@app.command()
def serve(host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = 8000,
          ) -> None:
    """The portal (French pages) and the API (/api/v1, /openapi.json)."""
    import uvicorn

    from monoreg.web.app import create_app

    settings = get_settings()
    store = open_store(settings)
    if not store.is_loaded():
        raise UsageError("la base est vide : lancez d'abord « monoreg load »")
    application = create_app(settings, store=store)
    err().print(f"Portail monoreg : http://{host}:{port}/  (API : http://{host}:{port}"
                "/api/v1/regions) — Ctrl+C pour arrêter")
    uvicorn.run(application, host=host, port=port, log_level="warning",
                server_header=False)
