"""`monoreg serve` with several workers: each has its own listening socket (SO_REUSEPORT,
Linux), so the kernel spreads connections over them; an address already taken is a French
error, not a traceback or uvicorn's log line."""

from __future__ import annotations

import asyncio
import os
import pickle
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from cli_process import MONOREG, monoreg_env, run_monoreg
from french_errors import assert_french_error
from live_portal import START_GUARD_SECONDS, free_port, raw_request
from synthetic import write_data_dir

from monoreg.loading import load
from monoreg.store.repository import Store

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="SO_REUSEPORT spreads "
                                "connections on Linux only")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("serve")
    data = write_data_dir(root)
    url = f"sqlite:///{root / 'store.sqlite'}"
    store = Store.open(url)
    load(store, data)
    store.close()
    return {**monoreg_env(url, data), "MONOREG_VAR_DIR": str(root)}


@pytest.fixture
def two_workers(env: dict[str, str], tmp_path: Path) -> Iterator[tuple[int, list[int]]]:
    """`monoreg serve --workers 2`: its port and its workers' pids, once both answer."""
    port = free_port()
    with (tmp_path / "serve.log").open("w") as log:
        process = subprocess.Popen([str(MONOREG), "serve", "--port", str(port), "--workers",
                                    "2"], env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + START_GUARD_SECONDS
        while True:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "monoreg serve did not start"
            workers = [child for child in psutil.Process(process.pid).children()
                       if "spawn_main" in " ".join(child.cmdline())]  # not the tracker
            try:
                if len(workers) == 2 and raw_request(port, "GET", "/api/v1/regions").status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        time.sleep(0.5)  # the second worker listening too
        yield port, [w.pid for w in workers]
    finally:
        process.terminate()
        process.wait(timeout=30)


def _listening_sockets(pid: int, port: int) -> set[int]:
    """The inodes of the sockets `pid` listens with on `port` (from /proc)."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port and fields[3] == "0A":  # LISTEN
            inodes.add(int(fields[9]))
    held = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd)
        if target.startswith("socket:["):
            held.add(int(target[8:-1]))
    return inodes & held


def test_each_worker_listens_with_a_socket_of_its_own(two_workers: tuple[int, list[int]]
                                                      ) -> None:
    port, pids = two_workers
    sockets = [_listening_sockets(pid, port) for pid in pids]
    # A shared socket (uvicorn's default) is one inode held by both: connections then go
    # to whichever worker wakes first (2 and 30 of 32 in bench/api.py).
    assert all(len(s) == 1 for s in sockets), sockets
    assert sockets[0] != sockets[1]


def test_connections_are_spread_over_the_workers(two_workers: tuple[int, list[int]]) -> None:
    port, pids = two_workers
    clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(32)]
    try:
        time.sleep(0.3)
        per_worker = [sum(1 for c in psutil.Process(pid).net_connections("tcp")
                          if c.status == psutil.CONN_ESTABLISHED and c.laddr.port == port)
                      for pid in pids]
    finally:
        for client in clients:
            client.close()
    # By the clients' addresses: each worker gets some (all 32 on one: 1 chance in 2**31).
    assert sum(per_worker) == 32 and min(per_worker) >= 1, per_worker


def test_an_address_in_use_is_a_french_error(env: dict[str, str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_monoreg(["serve", "--port", str(port)], env)
    output = result.stdout + result.stderr
    assert result.returncode == 2 and "Traceback" not in output, output
    assert f"impossible d'écouter sur 127.0.0.1:{port} : port déjà utilisé" in result.stderr
    assert_french_error(result.stderr)


def test_a_worker_s_connections_send_without_waiting(env: dict[str, str]) -> None:
    """TCP_NODELAY on the connections a worker's own socket accepts (asyncio sets it only
    on sockets created as TCP): without it, every small answer of a keep-alive connection
    waited 40 ms for the client's delayed ACK (bench/api.py: 91 req/s at 4 connections)."""
    from monoreg.web.server import ListenerPerWorker

    port = free_port()
    listener = pickle.loads(pickle.dumps(ListenerPerWorker("127.0.0.1", port)))[0]

    async def accepted_nodelay() -> int:
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        try:
            with socket.create_connection(("127.0.0.1", port)):
                return await asyncio.wait_for(seen, 10)
        finally:
            server.close()

    assert asyncio.run(accepted_nodelay()) == 1
