"""How `monoreg serve` runs the app: uvicorn, one worker process per CPU (at most 8).

Each worker holds its own snapshot, response cache and pool of store connections; the store
(SQLite in WAL mode, or PostgreSQL) is shared, so a load shows in every worker within the
snapshot's recheck delay. One worker per CPU because an answer is CPU work in Python (the
GIL serialises a worker's threads); more workers than CPUs only add memory and switching.
On Linux each worker listens with a socket of its own (ListenerPerWorker). uvloop was
tried and left out: one worker answered bench/api.py at the same rate on it as on asyncio
(1 950-2 000 req/s both).
"""

from __future__ import annotations

import errno
import os
import socket
import sys
from contextlib import suppress
from typing import Any

from fastapi import FastAPI

from monoreg.errors import UsageError
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
    options: dict[str, Any] = {
        "factory": True, "host": host, "port": port, "workers": count,
        "log_level": "warning", "access_log": False, "server_header": False,
        "lifespan": "off"}
    try:  # the address is free, also of another monoreg: else a French error
        _listener(host, port, reuse_port=False)[0].close()
    except OSError as error:
        reason = _BIND_ERRORS.get(error.errno or 0, "adresse indisponible")
        raise UsageError(f"impossible d'écouter sur {host}:{port} : {reason}") from None
    if count == 1 or not REUSE_PORT:
        uvicorn.run("monoreg.web.server:application", **options)
        return
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config("monoreg.web.server:application", **options)
    with suppress(KeyboardInterrupt):
        Multiprocess(config, sockets=ListenerPerWorker(host, port)).run()


# Linux spreads the connections of a SO_REUSEPORT group over its sockets (by address and
# port of the client); elsewhere the sockets' order decides, so one socket is shared.
REUSE_PORT = sys.platform == "linux" and hasattr(socket, "SO_REUSEPORT")


class ListenerPerWorker(list[socket.socket]):
    """The sockets uvicorn's supervisor hands each worker it starts (restarts included),
    sent to the worker by pickling: there, they become a socket of its own, bound with
    SO_REUSEPORT to the same address, so that the kernel spreads new connections over the
    workers. With one shared socket the workers race for connections: 25 and 7, then 2 and
    30 of wrk's 32 connections, and two workers served at the speed of one (bench/api.py);
    a reverse proxy keeping a few connections alive would meet the same."""

    def __init__(self, host: str, port: int) -> None:
        super().__init__()
        self.host, self.port = host, port

    def __reduce__(self) -> tuple[Any, ...]:
        return (_worker_listener, (self.host, self.port))


def _worker_listener(host: str, port: int) -> list[socket.socket]:
    try:
        return _listener(host, port, reuse_port=True)
    except OSError:
        # uvicorn's code for a worker that cannot start: the supervisor stops, not retries
        from uvicorn.config import STARTUP_FAILURE

        raise SystemExit(STARTUP_FAILURE) from None


_BIND_ERRORS = {
    errno.EADDRINUSE: "port déjà utilisé (un autre serveur écoute-t-il déjà ?)",
    errno.EACCES: "permission refusée (les ports sous 1024 sont réservés)",
    errno.EADDRNOTAVAIL: "cette machine n'a pas cette adresse",
}


def _listener(host: str, port: int, *, reuse_port: bool) -> list[socket.socket]:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP said: asyncio sets TCP_NODELAY only on sockets that say it, and without
    # it a small answer waited 40 ms for the client's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return [sock]
