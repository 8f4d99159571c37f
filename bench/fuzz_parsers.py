"""A short coverage-guided fuzzing run (atheris, libFuzzer) of the parsers of outside text.

    .venv/bin/python bench/fuzz_parsers.py [--seconds 30] [--target NAME …]

Targets: the printed-figure reader (read_printed), the period parser (parse_period), the
data-file CSV and YAML readers (read_csv, read_yaml + the edition.yaml schema), the LHEO
importer (read_lheo) and the monograph reader (read_monograph, text). Each may raise its own
error (PrintedNumberError, PeriodParseError, monoreg's InputError/UsageError); any other
exception, a hang over 10 s on one input or over 2 GB of memory is a crash. Each target runs
for --seconds in its own process (libFuzzer ends the process when done), seeded with real
inputs (the Normandie 2020 data files and printed figures, the LHEO and importer samples).

Printed per target: executions, executions per second, new coverage and the crash, if any,
with the input that caused it (also kept in the output folder). The named baseline is
`utf8`, a target that only decodes its input: the executions per second of the others read
against it.

Only local files; every run is bounded in time.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DATA = PROJECT / "data"
EDITION = DATA / "editions" / "normandie" / "2020"
IMPORT_SAMPLES = PROJECT / "tests" / "reliability" / "corpus" / "importers"
TARGETS = ("utf8", "printed", "period", "csv", "yaml", "lheo", "monograph")


# == seeds ===============================================================================
def _column(path: Path, name: str) -> list[str]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    return sorted({row[name] for row in csv.DictReader(lines, delimiter=";") if row[name]})


def seeds(target: str) -> list[bytes]:
    """Real inputs to start from (libFuzzer mutates them)."""
    observations = EDITION / "observations.csv"
    if target in ("utf8", "printed"):
        return [s.encode() for s in _column(observations, "printed")]
    if target == "period":
        return [s.encode() for s in _column(observations, "period")
                + _column(observations, "printed_period")]
    if target == "csv":
        return [p.read_bytes() for p in sorted(EDITION.glob("*.csv"))]
    if target == "yaml":
        return [p.read_bytes() for p in sorted(EDITION.glob("*.yaml"))]
    if target == "lheo":
        files = [*sorted((IMPORT_SAMPLES / "lheo").glob("*.xml")),
                 IMPORT_SAMPLES / "valid" / "lheo.synthetic.xml"]
        return [p.read_bytes() for p in files]
    if target == "monograph":
        text = (EDITION / "source.txt").read_bytes()
        return [text[:20_000], text[-20_000:]]
    raise SystemExit(f"unknown target {target}")


# == one target, in its own process ======================================================
def fuzz_one(target: str, seconds: int, corpus: Path, artifacts: Path) -> None:
    import atheris

    # monoreg's modules are imported here first, so that atheris instruments them.
    with atheris.instrument_imports(include=["monoreg"]):
        from monoreg.errors import MonoregError
        from monoreg.model.period import PeriodParseError
        from monoreg.model.printed import PrintedNumberError
        test = _target(target, artifacts.parent)
    allowed = (MonoregError, PeriodParseError, PrintedNumberError)

    def one_input(data: bytes) -> None:
        with contextlib.suppress(allowed):  # any other exception is a crash
            test(data)

    atheris.Setup([sys.argv[0], f"-max_total_time={seconds}", "-timeout=10",
                   "-rss_limit_mb=2048", "-print_final_stats=1",
                   f"-artifact_prefix={artifacts}/", str(corpus)], one_input)
    atheris.Fuzz()


def _target(target: str, folder: Path) -> Callable[[bytes], object]:
    """The function under test, taking the fuzzer's bytes (file readers read them from a
    file in `folder`)."""

    def as_file(suffix: str, read: Callable[[Path], object]) -> Callable[[bytes], object]:
        path = folder / f"input{suffix}"

        def run(data: bytes) -> object:
            path.write_bytes(data)
            return read(path)
        return run

    if target == "utf8":
        return lambda data: data.decode("utf-8", errors="replace")
    if target == "printed":
        from monoreg.model.printed import read_printed
        return lambda data: read_printed(data.decode("utf-8", errors="replace"))
    if target == "period":
        from monoreg.model.period import parse_period
        return lambda data: parse_period(data.decode("utf-8", errors="replace"))
    if target == "csv":
        from monoreg.datafile_reader import read_csv
        return as_file(".csv", lambda p: list(read_csv(
            p, required={"place", "indicator"}, allow_other=True)))
    if target == "yaml":
        from monoreg.datafile_reader import load_yaml, read_yaml
        from monoreg.ingest.datafiles.schemas import EditionFile

        def both(path: Path) -> object:
            read_yaml(path)
            return load_yaml(EditionFile, path)
        return as_file(".yaml", both)
    from monoreg.metadata.reference import load_catalog
    catalog = load_catalog(DATA)
    if target == "lheo":
        from monoreg.ingest.lheo import read_lheo
        return as_file(".xml", lambda p: read_lheo(p, catalog, "2024-01-01"))
    from monoreg.ingest.monograph.monograph_import import read_monograph
    return as_file(".txt", lambda p: read_monograph(p, catalog, region="28", year=2020))


# == driver ==============================================================================
_RUNS = re.compile(r"Done (\d+) runs in (\d+) second")
_STAT_RUNS = re.compile(r"stat::number_of_executed_units:\s*(\d+)")
_COVERAGE = re.compile(r"#\d+\s+\w+\s+cov: (\d+)")


def run(target: str, seconds: int, folder: Path) -> dict[str, object]:
    corpus = folder / target / "corpus"
    artifacts = folder / target / "crashes"
    corpus.mkdir(parents=True)
    artifacts.mkdir(parents=True)
    for i, seed in enumerate(seeds(target)):
        (corpus / f"seed-{i}").write_bytes(seed)
    result = subprocess.run(
        [sys.executable, __file__, "--child", target, "--seconds", str(seconds),
         "--corpus", str(corpus), "--artifacts", str(artifacts)],
        capture_output=True, text=True, timeout=seconds + 120, check=False)
    log = result.stdout + result.stderr
    runs = _RUNS.search(log) or _STAT_RUNS.search(log)
    executions = int(runs.group(1)) if runs else 0
    coverage = [int(c) for c in _COVERAGE.findall(log)]
    crashes = sorted(artifacts.iterdir())
    crash = None
    if result.returncode != 0 or crashes:
        tail = log[log.find("=== Uncaught Python exception"):] if \
            "Uncaught Python exception" in log else log[-3000:]
        crash = {"log": tail[:3000],
                 "input": crashes[0].read_bytes()[:500] if crashes else None,
                 "kept": str(crashes[0]) if crashes else None}
    return {"target": target, "executions": executions, "rate": executions / seconds,
            "coverage": max(coverage) if coverage else 0, "crash": crash}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=30, help="per target")
    parser.add_argument("--target", action="append", choices=TARGETS,
                        help="a target (repeatable; default: all)")
    parser.add_argument("--out", type=Path, help="keep corpora and crashes here")
    parser.add_argument("--child", choices=TARGETS, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--artifacts", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        fuzz_one(args.child, args.seconds, args.corpus, args.artifacts)
        return
    targets = args.target or list(TARGETS)
    if "utf8" not in targets:
        targets.insert(0, "utf8")
    folder = args.out or Path(tempfile.mkdtemp(prefix="monoreg-fuzz-"))
    if args.out and args.out.exists():
        shutil.rmtree(args.out)
    results = [run(target, args.seconds, folder) for target in targets]
    baseline = next(r for r in results if r["target"] == "utf8")["rate"] or 1.0
    print(f"\natheris (libFuzzer), {args.seconds} s per target, one process each")
    print(f"{'target':<12}{'executions':>12}{'exec/s':>10}{'vs utf8':>9}{'coverage':>10}  "
          "result")
    crashed = []
    for r in results:
        verdict = "no crash" if r["crash"] is None else "CRASH"
        print(f"{r['target']:<12}{r['executions']:>12}{r['rate']:>10.0f}"
              f"{r['rate'] / baseline:>9.3f}{r['coverage']:>10}  {verdict}")
        if r["crash"] is not None:
            crashed.append(r)
    for r in crashed:
        crash = r["crash"]
        print(f"\n== {r['target']}: input {crash['input']!r} (kept in {crash['kept']})\n"
              f"{crash['log']}")
    print(f"\ncorpora and crashes: {folder}")
    if crashed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
