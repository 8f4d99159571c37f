"""Benchmark of shell completion: what one Tab press costs in an editor's terminal.

    .venv/bin/python bench/completion.py [--runs 15]

Each Tab press starts `monoreg` afresh with Typer's completion variables set, as bash does.
Alternately, for `--runs` rounds, each a new Python process from a cold start:

- floor: a one-command Typer app completing a region from a fixed list, the least any
  Typer command line pays for a Tab press (Python, Typer, Click's completion, pydantic);
- eager baseline: importing the layers the commands use (store, validation, publishing,
  editions), which is what every Tab press paid while the CLI imported them at the top;
- measured: `monoreg show norm<Tab>`, completing a region from the data files.

Printed: mean, p50 and p95 of each, and whether the targets hold. Targets: completion p95
< 1 s, and completion at most 2 times the floor (the cost is Python and Typer, not monoreg).
Timings on a loaded machine are all inflated alike; compare them within one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
TARGET_P95_MS = 1000.0
TARGET_RATIO = 2.0

FLOOR_APP = """
import typer
app = typer.Typer()
@app.command()
def show(region: str = typer.Argument(autocompletion=lambda: ["normandie", "bretagne"])):
    pass
@app.command()
def other():
    pass
app(prog_name="floor")
"""
FLOOR = [sys.executable, "-c", FLOOR_APP]
FLOOR_ENV = {"_FLOOR_COMPLETE": "complete_bash", "COMP_WORDS": "floor show norm",
             "COMP_CWORD": "2"}
EAGER = [sys.executable, "-c", "import monoreg.store.repository, monoreg.validate.service, "
         "monoreg.publish.site, monoreg.editions.status, monoreg.importing, monoreg.loading"]
COMPLETE = [str(Path(sys.executable).parent / "monoreg")]  # the installed command, as bash runs it
COMPLETE_ENV = {"_MONOREG_COMPLETE": "complete_bash", "COMP_WORDS": "monoreg show norm",
                "COMP_CWORD": "2", "MONOREG_DATA_DIR": str(PROJECT / "data")}


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=True,
                            env={**os.environ, **(env or {})}, cwd=PROJECT)
    elapsed = (time.perf_counter() - start) * 1000
    if env and "normandie" not in result.stdout:
        raise SystemExit(f"completion gave {result.stdout!r}, not normandie")
    return elapsed


def summary(name: str, times: list[float]) -> tuple[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (f"{name:<34} mean {statistics.mean(times):8.1f} ms   "
            f"p50 {statistics.median(times):8.1f} ms   p95 {p95:8.1f} ms"), p95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.environ["PYTHONPATH"] = str(PROJECT / "src")
    floor, eager, complete = [], [], []
    for _ in range(args.runs):
        floor.append(timed(FLOOR, FLOOR_ENV))
        eager.append(timed(EAGER))
        complete.append(timed(COMPLETE, COMPLETE_ENV))
    lines = [summary("floor: a one-command Typer app", floor),
             summary("eager baseline: import the layers", eager),
             summary("monoreg show norm<Tab>", complete)]
    for line, _ in lines:
        print(line)
    ratio = statistics.mean(complete) / statistics.mean(floor)
    p95 = lines[2][1]
    print(f"completion / floor: {ratio:.2f} (target <= {TARGET_RATIO}); "
          f"completion / eager baseline: {statistics.mean(complete) / statistics.mean(eager):.2f}")
    held = p95 < TARGET_P95_MS and ratio <= TARGET_RATIO
    print(f"p95 {p95:.0f} ms (target < {TARGET_P95_MS:.0f} ms): "
          f"{'targets hold' if held else 'TARGET MISSED'}")
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
