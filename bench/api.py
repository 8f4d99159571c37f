"""Benchmark of the portal's API, against Datasette serving the same SQLite file, and of the
French full-text search over 10 000 SYNTHETIC texts.

    .venv/bin/python bench/api.py [--duration 10] [--connections 32] [--postgres URL]

1. API: the bundled data (data/) is loaded into a fresh SQLite file. monoreg (with its
   response cache, as deployed; then with the cache off) and Datasette (PyPI `datasette`,
   the named baseline) serve that same file, each on its own uvicorn process on 127.0.0.1,
   one after the other, with the same log settings. `wrk` (Debian package) loads each with
   the same query, one region's observations as JSON (100 rows), at 32 concurrent
   connections for a fixed duration. Printed: req/s, p50, p99 and the ratios.
   Targets: monoreg >= 2 x Datasette's req/s, and p99 < 25 ms.
2. Search: 10 000 SYNTHETIC texts (random French words from a fixed vocabulary, marked
   synthetic) are loaded and indexed; 400 queries (1 to 3 words, plurals and accents
   varied) run through the library's SearchIndex, and through the API (cache off, one
   connection). Baseline: a naive scan in Python (folded substring match of every word) over
   the same texts. Target: p95 < 10 ms.

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
from monoreg.settings import Settings  # noqa: E402
from monoreg.store.db import pooled_engine  # noqa: E402
from monoreg.store.repository import Store  # noqa: E402
from monoreg.store.search import SearchIndex, SearchQuery  # noqa: E402

REGION = "28"
ROWS = 100
API_TARGET_RATIO = 2.0
API_TARGET_P99_MS = 25.0
SEARCH_TARGET_P95_MS = 10.0


# == servers =============================================================================
def serve(kind: str, database: str, port: int, cache: int) -> None:
    """Run one server in this process (the benchmark starts it as a subprocess)."""
    import uvicorn

    if kind == "monoreg":
        from monoreg.web.app import create_app

        settings = Settings(database_url=f"sqlite:///{database}")
        app = create_app(settings, store=Store.open(settings.resolved_database_url()),
                         cache_size=cache)
    else:
        from datasette.app import Datasette

        app = Datasette(files=[database]).app()
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False,
                lifespan="on")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    def __init__(self, kind: str, database: Path, cache: int = 512) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", kind, str(database), str(self.port),
             str(cache)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
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
_ERRORS = re.compile(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)")


def wrk(url: str, connections: int, duration: int) -> dict[str, float]:
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True, text=True, check=True, timeout=duration + 60).stdout
    errors = _ERRORS.search(output)
    if errors:
        raise SystemExit(f"wrk saw errors on {url}:\n{output}")
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    latency = {f"p{m[0]}": float(m[1]) * scale[m[2]] for m in _LATENCY.findall(output)}
    rate = _RATE.search(output)
    if rate is None or set(latency) != {"p50", "p99"}:
        raise SystemExit(f"cannot read wrk's output:\n{output}")
    return {"rps": float(rate.group(1)), **latency}


def _check(url: str, rows: str) -> None:
    response = httpx.get(url, timeout=10)
    response.raise_for_status()
    count = len(response.json()[rows])
    if count != ROWS:
        raise SystemExit(f"{url} returned {count} rows, expected {ROWS}")


def bench_api(database: Path, connections: int, duration: int) -> None:
    queries = {
        "monoreg": (f"/api/v1/observations?region={REGION}&limit={ROWS}", "items"),
        "datasette": (f"/{database.stem}/observations.json?territory={REGION}&_size={ROWS}",
                      "rows"),
    }
    runs = [("monoreg (cache)", "monoreg", 512), ("monoreg (no cache)", "monoreg", 0),
            ("datasette", "datasette", 0)]
    results = {}
    for label, kind, cache in runs:
        server = Server(kind, database, cache)
        try:
            path, rows = queries[kind]
            url = f"http://127.0.0.1:{server.port}{path}"
            _check(url, rows)
            wrk(url, connections, 2)  # warm-up
            results[label] = wrk(url, connections, duration)
        finally:
            server.stop()
    print(f"\nAPI: one region's observations as JSON ({ROWS} rows), {connections} "
          f"connections, {duration} s each, wrk on 127.0.0.1")
    print(f"{'server':<20}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for label, r in results.items():
        print(f"{label:<20}{r['rps']:>10.0f}{r['p50']:>10.2f}{r['p99']:>10.2f}")
    base = results["datasette"]["rps"]
    for label in ("monoreg (cache)", "monoreg (no cache)"):
        ratio = results[label]["rps"] / base
        print(f"{label} / datasette: {ratio:.2f} x req/s")
    best = results["monoreg (cache)"]
    ok = best["rps"] / base >= API_TARGET_RATIO and best["p99"] < API_TARGET_P99_MS
    print(f"target (>= {API_TARGET_RATIO:g} x datasette, p99 < {API_TARGET_P99_MS:g} ms, "
          f"as deployed): {'met' if ok else 'NOT met'}")


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


def bench_search(url: str, label: str, texts: int, api: bool) -> None:
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
    parser.add_argument("--serve", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        kind, database, port, cache = args.serve
        serve(kind, database, int(port), int(cache))
        return
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (scripts/system-deps.sh)")
    with tempfile.TemporaryDirectory(prefix="monoreg-bench-") as folder:
        database = Path(folder) / "store.sqlite"
        load(Store.open(f"sqlite:///{database}"), PROJECT / "data")
        print(f"Machine: {os.cpu_count()} CPU(s); Python {sys.version.split()[0]}")
        bench_api(database, args.connections, args.duration)
        bench_search(f"sqlite:///{Path(folder) / 'search.sqlite'}", "SQLite FTS5",
                     args.texts, api=True)
    if args.postgres:
        bench_search(args.postgres, "PostgreSQL", args.texts, api=False)


if __name__ == "__main__":
    main()
