"""Benchmark of the validation of one edition.

    .venv/bin/python bench/validate.py [--runs 200] [--database URL]

The bundled data (data/) is loaded into a fresh SQLite file (or the PostgreSQL database
given). Then, alternately, for `--runs` rounds:

- baseline: `Store.edition("28", 2020)`, reading the Normandie 2020 edition from the store,
  which every caller of the validation (CLI, publication in proof mode, portal) does first;
- measured: `validate_edition(edition, catalog)`, every rule on that edition;
- measured: `Store.findings("28-2020")`, the findings stored at load, which is what every
  output reads since issue 11 (no output validates on the fly).

Printed: mean, p50 and p95 of each, the ratio of the means, and whether the targets hold.
Targets: validation p95 < 250 ms ("well under a second" for one edition), validation
no slower than 3 times the read it follows, and reading the stored findings faster than
validating. Every loop is bounded in count.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "src"))

from monoreg.loading import load  # noqa: E402
from monoreg.store.repository import Store  # noqa: E402
from monoreg.validate import validate_edition  # noqa: E402

REGION, YEAR = "28", 2020
TARGET_P95_MS = 250.0
TARGET_RATIO = 3.0


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def summary(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (f"{name:<38} mean {statistics.mean(times):8.2f} ms   "
            f"p50 {statistics.median(times):8.2f} ms   p95 {p95:8.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        store = Store.open(url)
        load(store, PROJECT / "data")
        catalog = store.catalog()
        edition = store.edition(REGION, YEAR)
        findings = validate_edition(edition, catalog)        # warm-up: imports, caches
        reads: list[float] = []
        checks: list[float] = []
        stored: list[float] = []
        for _ in range(args.runs):
            reads.append(timed(lambda: store.edition(REGION, YEAR)))
            checks.append(timed(lambda: validate_edition(edition, catalog)))
            stored.append(timed(lambda: store.findings(edition.id)))
        store.close()
    print(f"Normandie {YEAR}: {len(edition.observations)} figures, "
          f"{len(edition.evolutions)} evolutions, {len(findings)} findings; "
          f"{args.runs} runs ({url.split(':', 1)[0]})")
    print(summary("baseline: read the edition (store)", reads))
    print(summary("validate_edition (every rule)", checks))
    print(summary("Store.findings (stored at load)", stored))
    ratio = statistics.mean(checks) / statistics.mean(reads)
    p95 = sorted(checks)[min(len(checks) - 1, int(len(checks) * 0.95))]
    print(f"ratio validation / read: {ratio:.2f} (target <= {TARGET_RATIO})")
    print(f"validation p95: {p95:.2f} ms (target < {TARGET_P95_MS} ms)")
    faster = statistics.mean(stored) < statistics.mean(checks)
    print(f"stored findings read {statistics.mean(checks) / statistics.mean(stored):.1f} "
          "times faster than validating" if faster else "stored findings NOT faster")
    ok = ratio <= TARGET_RATIO and p95 < TARGET_P95_MS and faster
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
