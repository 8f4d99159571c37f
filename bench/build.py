"""Benchmark of `monoreg build`: the 18 regions' monographs (PDF + HTML + data downloads).

Normandie is the real 2020 edition of data/; the 17 other regions are SYNTHETIC editions
generated from Normandie's structure (counts and amounts scaled by a factor per region, rates
unchanged, so that every printed evolution stays right; titles say SYNTHÉTIQUE and
`synthetic` is set). They live in a temporary SQLite store, never in data/.

In one run it measures:
  build   the wall time of `monoreg build --all` into an empty folder (every edition built,
          in `--jobs` worker processes, as the command does);
  engine  the baseline: the wall time of the PDF engine alone, compiling the same 18 Typst
          documents in the same number of fresh worker processes.
Both are also given in CPU seconds (this process and its workers), which other work on the
machine disturbs less than wall time.
Targets: build ≤ 1.5 × engine (issue 14), and build ≤ 10 s for the 18 regions on 2 cores
(issue 4). The synthetic editions keep a printed text for every figure, as the real one.

    .venv/bin/python bench/build.py [--jobs 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path
from typing import Any, TypeVar

from monoreg import formatting as fr
from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.model import Catalog, Dataset, Edition, Finding, IndicatorKind
from monoreg.publish import render
from monoreg.publish.builder import build_monograph
from monoreg.publish.charts import chart_data, render_svg, vega_lite
from monoreg.publish.exports import FORMATS, edition_export
from monoreg.publish.findings import FindingIndex
from monoreg.publish.html_writer import render_page
from monoreg.publish.layout import load_layout
from monoreg.publish.site import build
from monoreg.publish.typst_writer import TypstSource, compile_pdf, to_typst
from monoreg.settings import PROJECT_ROOT
from monoreg.store.repository import Store
from monoreg.validate import validate_edition

T = TypeVar("T")

TARGET_RATIO = 1.5
TARGET_SECONDS = 10.0
SEED_REGION = "28"


def synthetic_edition(seed: Edition, catalog: Catalog, code: str) -> Edition:
    """A SYNTHETIC edition of region `code` with the seed's structure: its counts and
    amounts × a factor of the region, rates as they are (so printed evolutions stay right),
    figures of France unchanged. Every figure keeps a printed text, the scaled value
    written as the seed prints it (French digits), so that the build has the same text to
    set as a real edition."""
    region = catalog.territories.get(code)
    factor = Decimal(50 + int(code) % 97) / Decimal(100)
    observations = []
    for o in seed.observations:
        if o.territory != SEED_REGION:
            observations.append(o)
            continue
        value, printed = o.value, o.printed
        if value is not None and catalog.indicators[o.indicator].kind is not IndicatorKind.RATE:
            places = 0 if value == value.to_integral_value() else 1
            value = (value * factor).quantize(Decimal(1).scaleb(-places))
            if printed is not None:
                printed = fr.number(value, places)
        observations.append(replace(o, territory=code, value=value, printed=printed))
    evolutions = tuple(replace(c, territory=code) for c in seed.evolutions
                       if c.territory == SEED_REGION)
    return replace(seed, region=code, observations=tuple(observations), evolutions=evolutions,
                   title=f"Monographie SYNTHÉTIQUE (banc d'essai) : {region.name}",
                   synthetic=True)


def make_store(folder: Path) -> Store:
    dataset = load_data_dir(PROJECT_ROOT / "data")
    catalog = dataset.catalog
    seed = next(e for e in dataset.editions if e.region == SEED_REGION)
    others = tuple(synthetic_edition(seed, catalog, r.code)
                   for r in catalog.territories.regions if r.code != SEED_REGION)
    store = Store.open(f"sqlite:///{folder / 'bench.sqlite'}")
    store.load_dataset(Dataset(catalog, (seed, *others), dataset.series))
    return store


def _compile(source: TypstSource) -> float:
    """In a worker: compile one document, return the seconds spent in the engine."""
    from monoreg.publish.typst_writer import compile_pdf

    started = time.perf_counter()
    compile_pdf(source)
    return time.perf_counter() - started


def engine_alone(sources: list[TypstSource], jobs: int) -> float:
    started = time.perf_counter()
    with ProcessPoolExecutor(jobs, mp_context=get_context("spawn")) as pool:
        list(pool.map(_compile, sources))
    return time.perf_counter() - started


def _charts_alone(edition: Edition, catalog: Catalog, findings: list[Finding]) -> None:
    """Every chart of the edition rendered again, as the build renders it (drawn by
    chart_svg; vl-convert for a spec it does not draw)."""
    index = FindingIndex(findings, edition)
    for spec in load_layout().charts.values():
        render_svg(vega_lite(spec, chart_data(edition, spec, catalog, index)))


def stages(store: Store) -> dict[str, float]:
    """Where a build's time goes: each stage of every edition, run in this process (after
    the runtimes are warm), in seconds."""
    catalog = store.catalog()
    editions = [store.edition(e.region, e.year) for e in store.editions()]
    render.monograph(editions[0], catalog)   # warm the Typst fonts
    timings: dict[str, float] = {}

    def timed(name: str, step: Callable[..., T], *args: Any) -> T:
        started = time.perf_counter()
        result = step(*args)
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - started
        return result

    for edition in editions:
        findings = timed("validation", validate_edition, edition, catalog)
        tree = timed("document tree (with its charts)", build_monograph, edition, catalog,
                     findings)
        timed("charts (SVG, rendered again)", _charts_alone, edition, catalog, findings)
        timed("HTML page", render_page, tree)
        source = timed("Typst source", to_typst, tree)
        timed("Typst compile (engine)", compile_pdf, source)
        data = timed("downloads: data", edition_export, catalog, edition)
        for kind in ("csv", "json", "xlsx"):
            timed(f"downloads: {kind}", FORMATS[kind].render, data)
    return timings


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--keep", type=Path, help="keep the built site in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="monoreg-bench-") as tmp:
        folder = Path(tmp)
        store = make_store(folder)
        editions = store.editions()
        print(f"{len(editions)} editions (1 real, {sum(e.synthetic for e in editions)} "
              f"SYNTHETIC), {args.jobs} worker process(es), {os.cpu_count()} core(s)")

        out = folder / "site"
        cpu = cpu_seconds()
        report = build(store, out, jobs=args.jobs)
        cpu_build = cpu_seconds() - cpu
        total = report.seconds
        assert len(report.built) == len(editions)

        catalog = store.catalog()
        sources = [to_typst(render.monograph(store.edition(e.region, e.year), catalog))
                   for e in editions]
        cpu = cpu_seconds()
        engine = engine_alone(sources, args.jobs)
        cpu_engine = cpu_seconds() - cpu
        if args.keep:
            shutil.copytree(out, args.keep, dirs_exist_ok=True)
        breakdown = stages(store)
        store.close()

    in_build = report.engine_seconds
    per_edition = sorted(r.seconds for r in report.built)
    ratio = total / engine
    print(f"build  (wall, {len(report.built)} editions: PDF, HTML, CSV, JSON, XLSX, "
          f"data package, index): {total:6.2f} s")
    print(f"engine (wall, Typst alone on the same documents, baseline):      {engine:6.2f} s")
    print(f"  time inside typst.compile during the build, summed over workers: "
          f"{in_build:6.2f} s; per edition median {per_edition[len(per_edition) // 2]:.2f} s")
    print(f"CPU seconds: build {cpu_build:.2f} s, engine alone {cpu_engine:.2f} s, ratio "
          f"{cpu_build / cpu_engine:.2f}")
    print(f"ratio build / engine = {ratio:.2f} (target ≤ {TARGET_RATIO}) "
          f"{'OK' if ratio <= TARGET_RATIO else 'MISSED'}")
    print(f"build = {total:.2f} s (target ≤ {TARGET_SECONDS:.0f} s) "
          f"{'OK' if total <= TARGET_SECONDS else 'MISSED'}")
    print(f"where the time goes, {len(editions)} editions in one warm process:")
    for name, seconds in breakdown.items():
        print(f"  {name:<38} {seconds:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
