"""Benchmark of the portal's API, against Datasette serving the same SQLite file, and of the
French full-text search over 10 000 SYNTHETIC texts.

    .venv/bin/python bench/api.py [--duration 10] [--connections 32] [--postgres URL]

1. API: the bundled data (data/) is loaded into a fresh SQLite file. monoreg (as `monoreg
   serve` runs it: one worker per CPU, each with its own socket, response cache on) and
   Datasette (PyPI `datasette`, the named baseline, in immutable mode `-i`) serve that same
   file, each under uvicorn on 127.0.0.1, one after the other. `wrk` (Debian package) asks
   one region's observations as JSON with EVERY REQUEST A DISTINCT URL (page size 10 to 100,
   start varied), so that no response cache helps either side. Printed: req/s, p50, p99,
   the ratio, the load average. Targets: monoreg >= 10 x Datasette's req/s with p99 < 100 ms
   at 32 connections, and p99 < 25 ms at 4 connections.
2. Search: 10 000 SYNTHETIC texts (random French words from a fixed vocabulary, marked
   synthetic) are loaded and indexed; 400 queries (1 to 3 words, plurals and accents
   varied) run through the library's SearchIndex, and through the API (cache off, one
   connection). Baseline: a naive scan in Python (folded substring match of every word) over
   the same texts. Target: p95 < 10 ms, on SQLite and (--postgres URL) on PostgreSQL.

Only loopback traffic; every loop is bounded in count or time.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import httpx

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "src"))

from monoreg.ingest.datafiles.data_folder import load_data_dir  # noqa: E402
from monoreg.loading import load  # noqa: E402
from monoreg.model import Edition, Text, TextType, parse_period  # noqa: E402
from monoreg.model.names import fold  # noqa: E402
from monoreg.store.db import pooled_engine  # noqa: E402
from monoreg.store.repository import Store  # noqa: E402
from monoreg.store.search import SearchIndex, SearchQuery  # noqa: E402

REGION = "28"
ROWS = 100
API_TARGET_RATIO = 10.0
API_TARGET_P99_32_MS = 100.0
API_TARGET_P99_MS = 25.0
SEARCH_TARGET_P95_MS = 10.0


# == servers =============================================================================
def serve(kind: str, database: str, port: int, cache: int, workers: int) -> None:
    """Run one server in this process (the benchmark starts it as a subprocess): monoreg as
    `monoreg serve` runs it (monoreg.web.server.run), Datasette as `datasette serve -i` does
    (one process, the file immutable)."""
    if kind == "monoreg":
        from monoreg.web.server import run

        os.environ["MONOREG_DATABASE_URL"] = f"sqlite:///{database}"
        os.environ["MONOREG_CACHE_SIZE"] = str(cache)
        run("127.0.0.1", port, workers=workers or None)
        return
    import uvicorn
    from datasette.app import Datasette

    app = Datasette(immutables=[database]).app()
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False,
                lifespan="on")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    def __init__(self, kind: str, database: Path, cache: int = 512, workers: int = 0) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", kind, str(database), str(self.port),
             str(cache), str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/", timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise SystemExit(f"{kind} did not start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


# == load generation =====================================================================
_LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
_REQUESTS = re.compile(r"(\d+) requests in")
_ERRORS = re.compile(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)")


def distinct_script(template: str, starts: list[int], folder: Path) -> Path:
    """A wrk script whose every request is a URL not asked before (until the cycle of
    len(starts) x 91 URLs comes round, long after the response cache has dropped it): the
    page start walks `starts`, the page size walks 10..100."""
    listed = ", ".join(str(s) for s in starts)
    path = folder / f"distinct-{abs(hash(template))}.lua"
    path.write_text(
        f"local starts = {{{listed}}}\nlocal i = 0\n"
        "request = function()\n"
        "  local start = starts[i % #starts + 1]\n"
        "  local size = 10 + math.floor(i / #starts) % 91\n"
        "  i = i + 1\n"
        f"  local path = string.format(\"{template}\", size, start)\n"
        "  return wrk.format(\"GET\", path)\nend\n", encoding="utf-8")
    return path


def wrk(url: str, connections: int, duration: int, script: Path | None = None
        ) -> dict[str, float]:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency",
               "--timeout", "10s"]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True,
                            timeout=duration + 60).stdout
    errors = _ERRORS.search(output)
    if errors:
        raise SystemExit(f"wrk saw errors on {url}:\n{output}")
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    latency = {f"p{m[0]}": float(m[1]) * scale[m[2]] for m in _LATENCY.findall(output)}
    rate, requests = _RATE.search(output), _REQUESTS.search(output)
    if rate is None or requests is None or set(latency) != {"p50", "p99"}:
        raise SystemExit(f"cannot read wrk's output:\n{output}")
    return {"rps": float(rate.group(1)), "requests": float(requests.group(1)), **latency}


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _check(url: str, rows: str, expected: int) -> None:
    response = httpx.get(url, timeout=10)
    response.raise_for_status()
    count = len(response.json()[rows])
    if count != expected:
        raise SystemExit(f"{url} returned {count} rows, expected {expected}")


def bench_api(database: Path, connections: int, duration: int, folder: Path) -> bool:
    """Distinct URLs on both servers: one region's observations, page size 10 to 100, page
    start varied, as JSON. monoreg pages by offset; Datasette by its own keyset token
    (`_next`, the row id), the way its table pages link to each other."""
    store = Store.open(f"sqlite:///{database}")
    ids = store.observation_ids(territories=[REGION])
    store.close()
    monoreg_path = f"/api/v1/observations?region={REGION}&limit=%d&offset=%d"
    datasette_path = f"/{database.stem}/observations.json?territory={REGION}&_size=%d&_next=%d"
    # Datasette's _next=K starts after id K: the same pages as offsets 0..n-1.
    monoreg_script = distinct_script(monoreg_path, list(range(len(ids))), folder)
    datasette_script = distinct_script(datasette_path, [ids[0] - 1, *ids[:-1]], folder)
    runs = [("monoreg", "monoreg", 0, connections, monoreg_script),
            ("monoreg", "monoreg", 0, 4, monoreg_script),
            ("monoreg 1 worker", "monoreg", 1, connections, monoreg_script),
            ("datasette -i", "datasette", 0, connections, datasette_script),
            ("datasette -i", "datasette", 0, 4, datasette_script)]
    results: dict[tuple[str, int], dict[str, float]] = {}
    loads: dict[tuple[str, int], str] = {}
    servers: dict[tuple[str, int], Server] = {}
    try:
        for label, kind, workers, conns, script in runs:
            key = (kind, workers)
            if key not in servers:
                for other in servers.values():
                    other.stop()
                servers = {key: Server(kind, database, 512, workers)}
                server = servers[key]
                probe = (monoreg_path % (ROWS, 0) if kind == "monoreg"
                         else datasette_path % (ROWS, ids[0] - 1))
                _check(f"http://127.0.0.1:{server.port}{probe}",
                       "items" if kind == "monoreg" else "rows", min(ROWS, len(ids)))
                wrk(f"http://127.0.0.1:{server.port}", conns, 2, script)  # warm-up
            loads[(label, conns)] = load_average()
            results[(label, conns)] = wrk(f"http://127.0.0.1:{servers[key].port}", conns,
                                          duration, script)
    finally:
        for server in servers.values():
            server.stop()
    print(f"\nAPI: one region's observations ({len(ids)} rows) as JSON, every request a "
          f"distinct URL (page size 10-100, start varied), {duration} s each, wrk on "
          "127.0.0.1, both servers on the same SQLite file")
    print(f"{'server':<20}{'conns':>6}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}  load average")
    for (label, conns), r in results.items():
        print(f"{label:<20}{conns:>6}{r['rps']:>9.0f}{r['p50']:>9.2f}{r['p99']:>9.2f}  "
              f"{loads[(label, conns)]}")
    best, quiet = results[("monoreg", connections)], results[("monoreg", 4)]
    ratio = best["rps"] / results[("datasette -i", connections)]["rps"]
    ok = (ratio >= API_TARGET_RATIO and best["p99"] < API_TARGET_P99_32_MS
          and quiet["p99"] < API_TARGET_P99_MS)
    print(f"monoreg / datasette at {connections} connections: {ratio:.2f} x req/s")
    print(f"targets: >= {API_TARGET_RATIO:g} x datasette and p99 < {API_TARGET_P99_32_MS:g} ms "
          f"at {connections} connections, p99 < {API_TARGET_P99_MS:g} ms at 4: "
          f"{'met' if ok else 'NOT met'} (p99 {best['p99']:.1f} ms / {quiet['p99']:.1f} ms)")
    return ok


# == search ==============================================================================
VOCABULARY_TEXT = """
formation formations apprentissage apprentis apprenti alternance emploi emplois chômage
compétences compétence orientation insertion jeunes jeune demandeurs entreprise entreprises
région régional régionale conseil État contrat plan pacte investissement numérique
numériques métiers métier qualification qualifications campus excellence lycée lycées
professionnel professionnelle professionnels handicap handicapées salariés reconversion
transition écologique industrie industrielle agriculture tourisme santé sanitaire social
sociale accompagnement information accueil mobilité territoire territoires budget crédits
financement financements opérateur opérateurs partenaires branches observatoire diagnostic
besoins recrutement recrutements tension illettrisme décrochage innovation expérimentation
certification diplôme diplômes validation acquis expérience bilan parcours stage stages
"""
VOCABULARY = VOCABULARY_TEXT.split()
# Most words of a real text are common words; the domain words above make ~15 % of a text.
FILLER_TEXT = """
le la les un une des du de et en dans pour par avec sur au aux ce cette ces qui que dont
est sont a ont été être avoir fait faire permet permettre mettre mise place œuvre ensemble
nouveau nouvelle nouveaux année années an ans cadre objectif objectifs action actions
projet projets dispositif dispositifs public publics service services acteurs niveau
niveaux ainsi également notamment afin depuis entre plus moins très bien tout tous toutes
chaque autre autres premier première deuxième dernier grande grand petit petite nombre
part partie partir travers sein lors suite cours fin début mois semaine jour date
personnes personne travail vie ville villes département départements commune communes
national nationale local locale locaux européen européenne politique politiques
développement soutien aide aides appui mesure mesures programme programmes dossier
"""
FILLER = FILLER_TEXT.split()
DOMAIN_SHARE = 0.15
QUERIES = ["formation", "formations numériques", "apprentissage", "APPRENTIS", "emploi jeunes",
           "compétences", "orientation", "insertion professionnelle", "métiers en tension",
           "handicap", "transition ecologique", "régional", "pacte investissement",
           "campus excellence", "reconversion salariés", "qualification", "decrochage",
           "illettrisme", "validation acquis experience", "mobilite"]


def _words(rng: random.Random, count: int) -> list[str]:
    return [rng.choice(VOCABULARY if rng.random() < DOMAIN_SHARE else FILLER)
            for _ in range(count)]


def synthetic_editions(catalog_regions: list[str], count: int, seed: int = 7
                       ) -> tuple[Edition, ...]:
    """SYNTHETIC editions holding `count` texts of random words (not real data)."""
    rng = random.Random(seed)
    types = list(TextType)
    per_region = -(-count // len(catalog_regions))
    editions = []
    made = 0
    for code in catalog_regions:
        texts = []
        for _ in range(min(per_region, count - made)):
            title = " ".join(_words(rng, rng.randint(3, 7))).capitalize()
            body = "\n\n".join(" ".join(_words(rng, rng.randint(30, 60))) + "."
                               for _ in range(rng.randint(1, 4)))
            texts.append(Text(type=rng.choice(types), title=f"{title} (SYNTHÉTIQUE)",
                              body=body, date=parse_period(str(rng.randint(2015, 2030)))))
            made += 1
        editions.append(Edition(region=code, year=2031, published=parse_period("mai 2031"),
                                cutoff=parse_period("décembre 2030"),
                                title="Édition SYNTHÉTIQUE de banc d'essai",
                                publisher="bench/api.py", texts=tuple(texts), synthetic=True))
    return tuple(editions)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def bench_search(url: str, label: str, texts: int, api: bool) -> bool:
    dataset = load_data_dir(PROJECT / "data")
    regions = [t.code for t in dataset.catalog.territories.regions]
    editions = synthetic_editions(regions, texts)
    store = Store.open(url)
    started = time.perf_counter()
    # Only the regions of the catalogue matter here; its sources are left out because one
    # bundled source's `published` overflows the store's VARCHAR(64) on PostgreSQL.
    store.load_dataset(replace(dataset, catalog=replace(dataset.catalog, sources={}),
                               editions=editions, series=()))
    indexing = time.perf_counter() - started
    index = SearchIndex(pooled_engine(store.engine))  # as the portal searches
    rng = random.Random(11)
    queries = [rng.choice(QUERIES) for _ in range(400)]
    filters = [{}, {"region": rng.choice(regions)}, {"year": 2020}]
    samples, totals = [], []
    for n, query in enumerate(queries):
        started = time.perf_counter()
        results = index.search(SearchQuery(text=query, **filters[n % 3]))  # type: ignore[arg-type]
        samples.append((time.perf_counter() - started) * 1000)
        totals.append(results.total)
    hits = sum(total > 0 for total in totals)
    worst = index.search(SearchQuery(text="formation"))
    started = time.perf_counter()
    for _ in range(20):
        index.search(SearchQuery(text="formation"))
    worst_ms = (time.perf_counter() - started) * 1000 / 20
    p50, p95 = _percentiles(samples)
    corpus = [fold(f"{t.title} {t.body}") for e in editions for t in e.texts]
    naive = []
    for query in queries[:40]:
        words = fold(query).split()
        started = time.perf_counter()
        _ = [doc for doc in corpus if all(w in doc for w in words)]
        naive.append((time.perf_counter() - started) * 1000)
    n50, n95 = _percentiles(naive)
    print(f"\nSearch on {label}: {index.count()} documents ({texts} SYNTHETIC texts), "
          f"indexed in {indexing:.1f} s by the load; {hits}/{len(queries)} queries find "
          "something")
    print(f"  library SearchIndex.search: p50 {p50:.2f} ms, p95 {p95:.2f} ms "
          f"(target p95 < {SEARCH_TARGET_P95_MS:g} ms: "
          f"{'met' if p95 < SEARCH_TARGET_P95_MS else 'NOT met'})")
    print(f"  matches per query: median {statistics.median(totals):.0f}, max {max(totals)}; "
          f"'formation' alone matches {worst.total} texts: {worst_ms:.2f} ms")
    print(f"  baseline, naive scan in Python (no stems): p50 {n50:.2f} ms, p95 {n95:.2f} ms")
    if api:
        _search_over_http(url, queries[:200])
    store.close()
    return p95 < SEARCH_TARGET_P95_MS


def _search_over_http(url: str, queries: list[str]) -> None:
    database = Path(url.removeprefix("sqlite:///"))
    server = Server("monoreg", database, cache=0)
    samples = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{server.port}") as client:
            for query in queries:
                started = time.perf_counter()
                client.get("/api/v1/search", params={"q": query}).raise_for_status()
                samples.append((time.perf_counter() - started) * 1000)
    finally:
        server.stop()
    p50, p95 = _percentiles(samples)
    print(f"  API /api/v1/search (cache off, one connection): p50 {p50:.2f} ms, "
          f"p95 {p95:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--texts", type=int, default=10_000)
    parser.add_argument("--postgres", help="also run the search benchmark on this "
                        "PostgreSQL URL (a fresh database is expected)")
    parser.add_argument("--serve", nargs=5, help=argparse.SUPPRESS)
    parser.add_argument("--skip-search", action="store_true", help="only the API part")
    parser.add_argument("--skip-api", action="store_true", help="only the search part")
    args = parser.parse_args()
    if args.serve:
        kind, database, port, cache, workers = args.serve
        serve(kind, database, int(port), int(cache), int(workers))
        return
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (scripts/system-deps.sh)")
    with tempfile.TemporaryDirectory(prefix="monoreg-bench-") as folder:
        database = Path(folder) / "store.sqlite"
        load(Store.open(f"sqlite:///{database}"), PROJECT / "data")
        print(f"Machine: {os.cpu_count()} CPU(s), load average {load_average()} (a shared "
              f"machine is noisy); Python {sys.version.split()[0]}")
        ok = args.skip_api or bench_api(database, args.connections, args.duration,
                                        Path(folder))
        if not args.skip_search:
            ok &= bench_search(f"sqlite:///{Path(folder) / 'search.sqlite'}", "SQLite FTS5",
                               args.texts, api=True)
    if args.postgres and not args.skip_search:
        ok &= bench_search(args.postgres, "PostgreSQL", args.texts, api=False)
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
