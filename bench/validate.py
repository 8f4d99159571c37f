"""Benchmark of what `monoreg validate` does, and of the validation the load runs.

    .venv/bin/python bench/validate.py [--runs 100] [--database URL]

The bundled data (data/) is loaded into a fresh SQLite file (or the PostgreSQL database
given). Since validation runs when the store changes (validate/service.py: the load stores
findings, qualities and preferred figures), `monoreg validate` reads what the load stored
and prints it. Measured, alternately, for `--runs` rounds:

- baseline: `Store.edition("28", 2020)`, reading the Normandie 2020 edition from the store;
- the command: `monoreg validate normandie --edition 2020` run in this process through the
  CLI (Typer's runner): opening the store, resolving the region and edition, reading the
  report and printing its tables at 80 columns, as a user meets it after Python started;
- the rules: `findings_of(...)`, every rule on that edition with the other editions and the
  official series, which `monoreg load` runs for each edition;
- `Store.findings("28-2020")`, the findings stored at load, which is what every output reads
  (no output validates on the fly).

And a few runs of the real command in a new process (`monoreg validate …`), start-up
included. Printed: mean, p50 and p95 of each, and whether the targets hold. Targets: the
command p95 < 250 ms in process ("well under a second"), no slower than 3 times the read
of the edition plus the store's opening; every loop bounded in count.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "src"))

from typer.testing import CliRunner  # noqa: E402

from monoreg.cli import app  # noqa: E402
from monoreg.loading import load  # noqa: E402
from monoreg.store.repository import Store  # noqa: E402
from monoreg.validate.service import findings_of, outside_editions  # noqa: E402

REGION, YEAR = "28", 2020
COMMAND = ["validate", "normandie", "--edition", str(YEAR)]
TARGET_P95_MS = 250.0
TARGET_RATIO = 3.0
PROCESS_RUNS = 3


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def summary(name: str, times: list[float]) -> str:
    return (f"{name:<44} mean {statistics.mean(times):8.2f} ms   "
            f"p50 {statistics.median(times):8.2f} ms   p95 {p95(times):8.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        store = Store.open(url)
        load(store, PROJECT / "data")
        catalog = store.catalog()
        edition = store.edition(REGION, YEAR)
        editions = [store.edition(e.region, e.year) for e in store.editions()]
        # As the load's assessment gathers them (validate/service.assess_store).
        series = outside_editions(store, [
            *(o.indicator for o in edition.observations),
            *(check.series for check in catalog.checks.series)])
        env = {**os.environ, "MONOREG_DATABASE_URL": url, "COLUMNS": "80"}
        runner = CliRunner()

        def command() -> None:
            result = runner.invoke(app, COMMAND, env=env)
            if result.exit_code != 0:
                raise SystemExit(f"monoreg validate failed:\n{result.output}")

        def rules() -> None:
            findings_of(edition, catalog, editions, series)

        command()
        rules()  # warm-up: imports, caches
        reads: list[float] = []
        commands: list[float] = []
        checks: list[float] = []
        stored: list[float] = []
        for _ in range(args.runs):
            reads.append(timed(lambda: (Store.open(url).close(),
                                        store.edition(REGION, YEAR))))
            commands.append(timed(command))
            checks.append(timed(rules))
            stored.append(timed(lambda: store.findings(f"{REGION}-{YEAR}")))
        monoreg = Path(sys.executable).with_name("monoreg")
        processes = [timed(lambda: subprocess.run([str(monoreg), *COMMAND], env=env,
                                                  capture_output=True, check=True))
                     for _ in range(PROCESS_RUNS)]
        findings = store.findings(edition.id)
        store.close()
    print(f"Normandie {YEAR}: {len(edition.observations)} figures, "
          f"{len(edition.evolutions)} evolutions, {len(findings)} stored findings; "
          f"{args.runs} runs ({url.split(':', 1)[0]}); load average "
          f"{os.getloadavg()[0]:.2f} (a shared machine is noisy)")
    print(summary("baseline: open the store, read the edition", reads))
    print(summary("monoreg validate (in process, CLI runner)", commands))
    print(summary("the rules the load runs on this edition", checks))
    print(summary("the findings stored at load, read", stored))
    print(summary(f"monoreg validate, new process ({PROCESS_RUNS} runs)", processes))
    ratio = statistics.mean(commands) / statistics.mean(reads)
    print(f"ratio command / baseline: {ratio:.2f} (target <= {TARGET_RATIO})")
    print(f"command p95: {p95(commands):.2f} ms (target < {TARGET_P95_MS} ms)")
    ok = ratio <= TARGET_RATIO and p95(commands) < TARGET_P95_MS
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
