"""The real `monoreg serve` in a subprocess on loopback, for requests a test client would
tidy up before sending (dot segments, chunked bodies, oversized headers)."""

from __future__ import annotations

import http.client
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cli_process import MONOREG

START_GUARD_SECONDS = 60.0  # a guard against a server that never starts, not a target


@dataclass(frozen=True)
class RawResponse:
    status: int
    headers: dict[str, str]   # lower-case names
    body: bytes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def raw_request(port: int, method: str, target: str, *, headers: dict[str, str] | None = None,
                body: bytes | Iterator[bytes] | None = None,
                chunked: bool = False) -> RawResponse:
    """Send `target` exactly as given (http.client neither normalises nor re-encodes it)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, target, body=body, headers=headers or {},
                     encode_chunked=chunked)
        response = conn.getresponse()
        return RawResponse(response.status,
                           {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        conn.close()


@contextmanager
def serving(env: dict[str, str], log: Path) -> Iterator[int]:
    """`monoreg serve` on a free loopback port; yields the port once the API answers. The
    server's messages go to `log` (a pipe nobody reads would fill up and stall it)."""
    port = free_port()
    with log.open("w") as handle:
        process = subprocess.Popen([str(MONOREG), "serve", "--host", "127.0.0.1", "--port",
                                    str(port)], env=env, stdout=handle, stderr=handle)
    try:
        deadline = time.monotonic() + START_GUARD_SECONDS
        while True:
            assert process.poll() is None, f"monoreg serve exited: {log.read_text()}"
            assert time.monotonic() < deadline, "monoreg serve did not start"
            try:
                if raw_request(port, "GET", "/api/v1/regions").status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
