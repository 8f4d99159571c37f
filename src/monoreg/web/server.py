"""How `monoreg serve` runs the app: uvicorn, one worker process per CPU (at most 8).

Each worker holds its own snapshot, response cache and pool of store connections; the store
(SQLite in WAL mode, or PostgreSQL) is shared, so a load shows in every worker within the
snapshot's recheck delay. uvicorn runs on uvloop and httptools (both dependencies, picked
by its "auto" settings): 1.8 x the req/s of asyncio's own loop on bench/api.py. One worker
per CPU because an answer is CPU work in Python (the
GIL serialises a worker's threads); more workers than CPUs only add memory and switching.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from monoreg.settings import Settings, get_settings

MAX_WORKERS = 8


def worker_count(settings: Settings) -> int:
    """MONOREG_WORKERS when set, else one per CPU this process may use (at most 8)."""
    if settings.workers:
        return max(1, settings.workers)
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


def application() -> FastAPI:
    """The app of one worker, from the settings (uvicorn's factory)."""
    from monoreg.web.app import create_app

    settings = get_settings()
    return create_app(settings, cache_size=settings.cache_size)


def run(host: str, port: int, workers: int | None = None) -> None:
    import uvicorn

    settings = get_settings()
    count = workers or worker_count(settings)
    uvicorn.run("monoreg.web.server:application", factory=True, host=host, port=port,
                workers=count, log_level="warning", access_log=False, server_header=False,
                lifespan="off")
