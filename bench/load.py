"""Load test of the portal: the busiest pages and API routes under concurrent connections.

    .venv/bin/python bench/load.py [--duration 60] [--connections 32]
                                   [--baseline-duration 10] [--postgres URL]

The bundled data (data/) is loaded into a fresh store (SQLite, or a fresh database on the
PostgreSQL server of --postgres) and the real `monoreg serve` runs on 127.0.0.1 in its own
process. `wrk` (Debian package) then loads it, one thread, `--connections` connections:

1. baseline: the cheapest route, /api/v1/regions, for --baseline-duration seconds;
2. mix: the busiest pages and API routes (region pages, comparisons, search, directory,
   observations, downloads) with their parameters varied — page offsets and sizes,
   indicators, periods and period ranges, search words and pages — so that most requests
   are URLs not asked before: `--urls` distinct URLs (default 6000) in a shuffled cycle,
   against a response cache of 512 answers per worker, for --duration seconds.

Printed for each pass: requests, errors (non-2xx/3xx answers and socket errors), req/s, p50
and p99 latency, the share of requests the cache could not have answered (first time the URL
is asked); and the server's memory (RSS of all its processes, psutil) before, after the
warm-up, at the middle and at the end of the mix, sampled every second. Targets: zero
errors, and memory flat over the second half of the mix (growth < 5 % of the RSS at its
middle) with the cache bounded.

Only loopback traffic; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
import psutil
from sqlalchemy.engine import make_url

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "src"))

from monoreg.loading import load  # noqa: E402
from monoreg.store.db import throwaway_database  # noqa: E402
from monoreg.store.repository import Store  # noqa: E402

MONOREG = Path(sys.executable).with_name("monoreg")
REGION, YEAR = "normandie", 2020
MEMORY_TARGET = 0.05
WARM_UP_SECONDS = 3
# The busiest routes: what a visitor's journey and the API's users ask most (checked before
# the load; the mix varies their parameters).
MIX = (
    "/", f"/regions/{REGION}", f"/regions/{REGION}?edition={YEAR}", "/regions/bretagne",
    "/indicateurs", f"/regions/{REGION}/{YEAR}/validation", "/annuaire?region=normandie",
    "/ou-s-adresser?region=normandie", "/indicateurs/effectif_apprentis?region=normandie",
    f"/regions/{REGION}/indicateurs/contrats_apprentissage",
    "/recherche?q=apprentissage", "/recherche?q=emploi",
    "/recherche?q=formation+continue", f"/regions/{REGION}/{YEAR}/donnees.csv",
    "/api/v1/regions", f"/api/v1/regions/{REGION}", "/api/v1/indicators",
    "/api/v1/observations?region=28&limit=100",
    "/api/v1/observations?region=28&limit=100&offset=100",
    "/api/v1/observations?indicator=effectif_apprentis", "/api/v1/editions",
    "/api/v1/search?q=apprentissage", "/api/v1/search?q=jeunes", "/api/v1/search?q=budget",
    "/api/v1/directory?region=28", "/api/v1/guide?region=28",
)
BASELINE = ("/api/v1/regions",)
SEARCH_WORDS = ("apprentissage", "emploi", "formation", "jeunes", "compétences", "région",
                "orientation", "insertion", "numérique", "industrie", "handicap", "budget",
                "contrat", "campus", "métiers", "qualification", "alternance", "santé")
REGIONS = ("normandie", "bretagne", "occitanie", "28", "53", "76", "ile-de-france",
           "hauts-de-france", "grand-est", "corse")
YEARS = tuple(str(y) for y in range(2014, 2023))


def varied_paths(count: int, indicators: list[str], seed: int = 5) -> tuple[str, ...]:
    """`count` distinct URLs over the busiest routes, parameters varied (shuffled)."""
    rng = random.Random(seed)
    makers = (
        lambda: f"/api/v1/observations?region={rng.choice(REGIONS)}&limit="
                f"{rng.randint(5, 100)}&offset={rng.randint(0, 140)}",
        lambda: f"/api/v1/observations?indicator={rng.choice(indicators)}&limit="
                f"{rng.randint(5, 100)}&offset={rng.randint(0, 20)}",
        lambda: "/api/v1/observations?period_from={}&period_to={}&limit={}".format(
            *sorted(rng.sample(YEARS, 2)), rng.randint(5, 200)),
        lambda: f"/api/v1/search?q={rng.choice(SEARCH_WORDS)}+{rng.choice(SEARCH_WORDS)}"
                f"&limit={rng.randint(5, 50)}",
        lambda: f"/api/v1/search?q={rng.choice(SEARCH_WORDS)}&offset={rng.randint(0, 30)}",
        lambda: f"/recherche?q={rng.choice(SEARCH_WORDS)}+{rng.choice(SEARCH_WORDS)}",
        lambda: f"/api/v1/observations?indicator={rng.choice(indicators)}&period_from="
                f"{rng.choice(YEARS)}&format=csv",
        lambda: f"/indicateurs/{rng.choice(indicators)}?region={rng.choice(REGIONS)}",
        lambda: f"/api/v1/directory?region={rng.choice(REGIONS)}&q="
                f"{rng.choice(SEARCH_WORDS)}",
        lambda: f"/regions/{rng.choice(REGIONS)}",
    )
    paths: dict[str, None] = {}
    while len(paths) < count:
        paths[quote(rng.choice(makers)(), safe="/?=&+")] = None
    ordered = list(paths)
    rng.shuffle(ordered)
    return tuple(ordered)


# == the server ===========================================================================
@contextmanager
def store_url(postgres: str | None, folder: Path) -> Iterator[str]:
    """A fresh store: a SQLite file in `folder`, or a new database on the given server."""
    if postgres is None:
        yield f"sqlite:///{folder / 'store.sqlite'}"
        return
    with throwaway_database(postgres, "monoreg_load") as url:
        yield url


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def portal(url: str, folder: Path) -> Iterator[tuple[str, psutil.Process]]:
    """`monoreg serve` over the store; yields its base URL and its process."""
    port = _free_port()
    env = {**os.environ, "MONOREG_DATABASE_URL": url, "MONOREG_VAR_DIR": str(folder),
           "MONOREG_DATA_DIR": str(PROJECT / "data")}
    log = (folder / "serve.log").open("w")
    process = subprocess.Popen([str(MONOREG), "serve", "--host", "127.0.0.1", "--port",
                                str(port)], env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"monoreg serve did not start:\n"
                                 f"{(folder / 'serve.log').read_text()}")
            try:
                httpx.get(f"{base}/api/v1/regions", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base, psutil.Process(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


# == load ==================================================================================
@dataclass(frozen=True)
class Pass:
    name: str
    requests: int
    errors: int
    rps: float
    p50: float
    p99: float
    detail: str = ""          # what the errors were: statuses, socket errors


_LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_REQUESTS = re.compile(r"(\d+) requests in")
_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
_NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_STATUS = re.compile(r"^status (\d+): (\d+)$", re.M)


def _script(paths: tuple[str, ...], folder: Path) -> Path:
    """A wrk script sending `paths` in turn; at the end it prints how many answers had each
    status other than 2xx/3xx ("status 500: 3"), so that an error says what it was."""
    listed = ", ".join(f'"{p}"' for p in paths)
    path = folder / f"paths-{len(paths)}.lua"
    path.write_text(f"local paths = {{{listed}}}\nlocal i = 0\n"
                    "request = function()\n  i = i % #paths + 1\n"
                    "  return wrk.format(\"GET\", paths[i])\nend\n"
                    "local threads = {}\n"
                    "setup = function(thread) table.insert(threads, thread) end\n"
                    "failed = {}\n"
                    "response = function(status, headers, body)\n"
                    "  if status >= 400 then failed[status] = (failed[status] or 0) + 1 end\n"
                    "end\n"
                    "done = function(summary, latency, requests)\n"
                    "  for _, thread in ipairs(threads) do\n"
                    "    for status, n in pairs(thread:get(\"failed\")) do\n"
                    "      io.write(string.format(\"status %d: %d\\n\", status, n))\n"
                    "    end\n  end\nend\n", encoding="utf-8")
    return path


def wrk(name: str, base: str, paths: tuple[str, ...], connections: int, seconds: int,
        folder: Path) -> Pass:
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s",
         "-s", str(_script(paths, folder)), base], capture_output=True, text=True,
        check=True, timeout=seconds + 60).stdout
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    latency = {m[0]: float(m[1]) * scale[m[2]] for m in _LATENCY.findall(output)}
    requests, rate = _REQUESTS.search(output), _RATE.search(output)
    if requests is None or rate is None or set(latency) != {"50", "99"}:
        raise SystemExit(f"cannot read wrk's output:\n{output}")
    non_2xx = _NON_2XX.search(output)
    sockets = _SOCKET.search(output)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + \
        (sum(int(n) for n in sockets.groups()) if sockets else 0)
    detail = ", ".join([*(f"HTTP {code}: {n}" for code, n in _STATUS.findall(output)),
                        *([sockets.group(0)] if sockets else [])])
    return Pass(name, int(requests.group(1)), errors, float(rate.group(1)), latency["50"],
                latency["99"], detail)


class MemorySampler:
    """The server's RSS, every second, while a pass runs."""

    def __init__(self, process: psutil.Process) -> None:
        self.process = process
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        start = time.monotonic()
        while not self._stop.wait(1.0):
            self.samples.append((time.monotonic() - start, rss(self.process)))

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def rss(process: psutil.Process) -> int:
    """The resident memory of the server: its process and its workers."""
    total = process.memory_info().rss
    for child in process.children(recursive=True):
        with suppress(psutil.NoSuchProcess):
            total += child.memory_info().rss
    return total


def _mb(rss: int) -> str:
    return f"{rss / 2**20:.1f} MB"


def check_routes(base: str, paths: tuple[str, ...]) -> None:
    """Every route answers 200 before the load, so that an error later is the load's."""
    with httpx.Client(base_url=base, timeout=30) as client:
        for path in paths:
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code} before any load")


def indicator_ids(base: str) -> list[str]:
    with httpx.Client(base_url=base, timeout=30) as client:
        return [i["id"] for i in client.get("/api/v1/indicators").json()["items"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of the mix")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--baseline-duration", type=int, default=10)
    parser.add_argument("--postgres", help="a PostgreSQL server URL (default: SQLite)")
    parser.add_argument("--urls", type=int, default=6000, help="distinct URLs of the mix")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="monoreg-load-") as tmp:
        folder = Path(tmp)
        with store_url(args.postgres, folder) as url:
            store = Store.open(url)
            report = load(store, PROJECT / "data")
            store.close()
            print(f"store: {make_url(url).get_backend_name()}, {report.editions} edition(s), "
                  f"{report.observations + report.series} figures (bundled data)")
            with portal(url, folder) as (base, server):
                check_routes(base, MIX)
                paths = varied_paths(args.urls, indicator_ids(base))
                check_routes(base, paths[:: max(1, len(paths) // 60)])
                rss_start = rss(server)
                wrk("warm-up", base, MIX, args.connections, WARM_UP_SECONDS, folder)
                rss_warm = rss(server)
                baseline = wrk("baseline: /api/v1/regions", base, BASELINE, args.connections,
                               args.baseline_duration, folder)
                with MemorySampler(server) as memory:
                    mix = wrk(f"mix: {len(paths)} URLs", base, paths, args.connections,
                              args.duration, folder)
                rss_end = rss(server)
            # The server's own account of its errors (a 500 logs its traceback there).
            logged = [line for line in (folder / "serve.log").read_text().splitlines()
                      if "ERROR" in line or "Error" in line][-10:]
    middle = next((rss for t, rss in memory.samples if t >= args.duration / 2), rss_end)
    growth = (rss_end - middle) / middle
    print(f"\nwrk on 127.0.0.1, {args.connections} connections, one thread")
    print(f"{'pass':<28}{'requests':>10}{'errors':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    for p in (baseline, mix):
        print(f"{p.name:<28}{p.requests:>10}{p.errors:>8}{p.rps:>9.0f}{p.p50:>9.2f}"
              f"{p.p99:>9.2f}")
    print(f"mix / baseline: {mix.rps / baseline.rps:.2f} x req/s, "
          f"{mix.p99 / baseline.p99:.2f} x p99")
    # wrk asks the URLs in a fixed cycle: a URL comes again only after every other one, by
    # then long dropped from a cache of 512 answers per worker (least recently used first).
    fresh = min(mix.requests, len(paths)) / max(mix.requests, 1)
    print(f"requests on a URL never asked before: {fresh:.0%}; the others come again after "
          f"{len(paths) - 1} other URLs, more than the cache holds (512 answers per worker, "
          f"least recently used dropped): no request of the mix is a cache hit; load average "
          f"{os.getloadavg()[0]:.2f}")
    print(f"server RSS: start {_mb(rss_start)}, after warm-up {_mb(rss_warm)}, middle of the "
          f"mix {_mb(middle)}, end {_mb(rss_end)}, "
          f"peak {_mb(max(rss for _, rss in memory.samples or [(0, rss_end)]))}")
    print(f"growth over the second half of the mix: {growth:+.1%}")
    errors = baseline.errors + mix.errors
    for p in (baseline, mix):
        if p.errors:
            print(f"errors of {p.name}: {p.detail or 'see wrk'}")
    if errors and logged:
        print("the server's log says:\n  " + "\n  ".join(logged))
    flat = growth < MEMORY_TARGET
    print(f"targets: zero errors ({'met' if errors == 0 else f'NOT met: {errors}'}), "
          f"memory flat, growth < {MEMORY_TARGET:.0%} ({'met' if flat else 'NOT met'})")
    if errors or not flat:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
