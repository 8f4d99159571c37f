"""`monoreg build`: for each edition, the monograph (PDF and HTML) and its data (CSV, JSON,
XLSX, Frictionless data package), then an index page linking every edition built so far.

Builds are incremental: manifest.json in the output folder records, for each edition, a
fingerprint of its content (the store's content hash), of the catalogue, and of the code and
templates that print it; an edition whose fingerprint and files are unchanged is skipped.
Editions are built in worker processes when there are several (one per core by default).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib.metadata import version
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monoreg.errors import UsageError
from monoreg.model import Catalog, Edition, Finding
from monoreg.model.codec import to_data
from monoreg.publish import release, render, typst_writer
from monoreg.publish.datapackage import write_datapackage, write_findings_csv
from monoreg.publish.document import Mode
from monoreg.publish.exports import FORMATS, edition_export
from monoreg.publish.html_writer import render_index, render_page

if TYPE_CHECKING:  # worker processes import this module: they need no store
    from monoreg.store.repository import EditionSummary, Store

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
INDEX = "index.html"
# What prints an edition: a change in any of these files rebuilds every edition.
CODE_PATHS = ("publish", "validate", "derive", "formatting.py", "model")
CODE_SUFFIXES = {".py", ".yaml", ".html", ".typ", ".css"}


@cache
def code_version() -> str:
    # Imported here: the build's workers are given the version (Task.code), and the
    # settings' imports would cost each of them.
    from monoreg.settings import PACKAGE_ROOT

    digest = hashlib.sha256()
    for name in CODE_PATHS:
        root = PACKAGE_ROOT / name
        paths = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in paths:
            if path.suffix in CODE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(PACKAGE_ROOT)).encode())
                digest.update(path.read_bytes())
    for package in ("typst", "vl-convert-python"):
        digest.update(version(package).encode())
    return digest.hexdigest()


def catalog_hash(catalog: Catalog) -> str:
    canonical = json.dumps(to_data(catalog), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def findings_hash(findings: Sequence[Finding]) -> str:
    """The stored findings change with other editions and series, not only the edition."""
    canonical = json.dumps(to_data(list(findings)), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def fingerprint(summary: EditionSummary, catalog_digest: str, mode: Mode,
                findings_digest: str = "") -> str:
    parts = (summary.content_hash, catalog_digest, code_version(), mode.value,
             findings_digest)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def file_names(slug: str, year: int, mode: Mode = Mode.PUBLIC) -> dict[str, str]:
    """The files of one edition, relative to the output folder: '<slug>/<year>/<slug>-<year>
    .pdf' and so on (the portal serves the PDF from there); a proof's monograph files end in
    '-epreuve'."""
    folder, stem = f"{slug}/{year}", f"{slug}-{year}"
    proof = stem + ("-epreuve" if mode is Mode.PROOF else "")
    files = {"pdf": f"{folder}/{proof}.pdf", "html": f"{folder}/{proof}.html",
             "csv": f"{folder}/{stem}.csv", "json": f"{folder}/{stem}.json",
             "xlsx": f"{folder}/{stem}.xlsx", "findings": f"{folder}/{stem}-constats.csv",
             "datapackage": f"{folder}/datapackage.json"}
    if mode is Mode.PUBLIC:  # the release manifest: what this public build published
        files["manifest"] = f"{folder}/{stem}-manifeste.json"
    return files


@dataclass(frozen=True)
class Task:
    edition: Edition
    catalog: Catalog
    out: Path
    mode: Mode
    fingerprint: str
    code: str                      # code_version(), hashed once by the process that plans
    findings: tuple[Finding, ...] = ()
    data_dir: Path | None = None   # where the input data files are, for the manifest


@dataclass(frozen=True)
class Refused:
    """An edition the public build refused: the errors no editor resolved."""

    edition: str
    region_name: str
    year: int
    errors: tuple[Finding, ...]
    # A published edition rebuilt with a changed figure and no dated update note (French).
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Result:
    key: str
    edition: str
    region: str
    region_name: str
    slug: str
    year: int
    title: str
    synthetic: bool
    proof: bool
    fingerprint: str
    files: dict[str, str]
    findings: dict[str, int]
    built: bool = True
    seconds: float = 0.0         # time to build this edition, in its process
    engine_seconds: float = 0.0  # of which inside the Typst compiler


# The files the HTML monograph's footer offers, next to it in the same folder.
DOWNLOADS = (("pdf", "La monographie en PDF"), ("csv", "Les chiffres en CSV"),
             ("xlsx", "Les chiffres en tableur (XLSX)"), ("json", "Les chiffres en JSON"),
             ("datapackage", "Le paquet de données (Frictionless)"))


def _write(path: Path, payload: bytes) -> None:
    """Write through a temporary file, so that a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(payload)
    os.replace(temporary, path)


def build_edition(task: Task) -> Result:
    """Everything one edition publishes. Runs in a worker process when several are built."""
    started = time.perf_counter()
    engine_before = typst_writer.ENGINE.seconds
    edition, catalog = task.edition, task.catalog
    region = catalog.territories.get(edition.region)
    files = file_names(region.slug, edition.year, task.mode)
    monograph = render.monograph(edition, catalog, task.mode, findings=task.findings)
    downloads = {label: Path(files[kind]).name for kind, label in DOWNLOADS}
    payloads = {"html": render_page(monograph, downloads=downloads).encode("utf-8"),
                "pdf": typst_writer.render_pdf(monograph)}
    data = edition_export(catalog, edition)
    payloads.update({kind: FORMATS[kind].render(data) for kind in ("csv", "json", "xlsx")})
    payloads["findings"] = write_findings_csv(task.findings)
    payloads["datapackage"] = write_datapackage(edition, catalog, Path(files["csv"]).name,
                                                Path(files["findings"]).name)
    for kind, payload in payloads.items():
        _write(task.out / files[kind], payload)
    if "manifest" in files:
        _write(task.out / files["manifest"], release.manifest(
            edition, findings=task.findings, inputs=release.input_files(edition, task.data_dir),
            code=task.code,
            files={k: (files[k], v) for k, v in payloads.items()}))
    return Result(
        key=f"{edition.id}:{task.mode.value}", edition=edition.id, region=region.code,
        region_name=region.name, slug=region.slug, year=edition.year, title=monograph.title,
        synthetic=edition.synthetic, proof=task.mode is Mode.PROOF,
        fingerprint=task.fingerprint, files=files, findings=monograph.finding_counts,
        seconds=time.perf_counter() - started,
        engine_seconds=typst_writer.ENGINE.seconds - engine_before)


# -- the manifest and the index ------------------------------------------------------------
def read_manifest(out: Path) -> dict[str, dict[str, Any]]:
    """The editions recorded by earlier builds; an unreadable manifest means none."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        return {}
    editions = data.get("editions")
    return editions if isinstance(editions, dict) else {}


def _up_to_date(entry: dict[str, Any] | None, digest: str, out: Path) -> bool:
    if not entry or entry.get("fingerprint") != digest:
        return False
    return all((out / path).is_file() for path in entry.get("files", {}).values())


def write_index(out: Path, editions: dict[str, dict[str, Any]]) -> None:
    entries = sorted(editions.values(), key=lambda e: (e["region_name"], e["year"], e["proof"]))
    _write(out / INDEX, render_index(entries).encode("utf-8"))
    manifest = {"format": MANIFEST_FORMAT, "editions": editions}
    _write(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2,
                                      sort_keys=True).encode("utf-8"))


# -- the build ---------------------------------------------------------------------------------
@dataclass
class Report:
    results: list[Result] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)   # public builds only
    seconds: float = 0.0

    @property
    def built(self) -> list[Result]:
        return [r for r in self.results if r.built]

    @property
    def skipped(self) -> list[Result]:
        return [r for r in self.results if not r.built]

    @property
    def engine_seconds(self) -> float:
        return sum(r.engine_seconds for r in self.results)


Progress = Callable[[Result], None]


def select_editions(store: Store, regions: Sequence[str] | None, year: int | None
                    ) -> list[EditionSummary]:
    """The editions to build: of the given region codes (None: every region), the given
    year or else each region's latest."""
    summaries = store.editions()
    if regions is not None:
        wanted = set(regions)
        summaries = [s for s in summaries if s.region in wanted]
        for code in regions:
            if not any(s.region == code and (year is None or s.year == year)
                       for s in summaries):
                raise UsageError(f"pas d'édition{f' {year}' if year else ''} pour la région "
                                 f"{code}")
    if year is not None:
        return [s for s in summaries if s.year == year]
    latest: dict[str, EditionSummary] = {}
    for s in summaries:
        if s.region not in latest or s.year > latest[s.region].year:
            latest[s.region] = s
    return list(latest.values())


def _skipped(entry: dict[str, Any]) -> Result:
    fields = {k: v for k, v in entry.items() if k in Result.__dataclass_fields__}
    return Result(**{**fields, "built": False, "seconds": 0.0, "engine_seconds": 0.0})


def build(store: Store, out: Path, *, regions: Sequence[str] | None = None,
          year: int | None = None, mode: Mode = Mode.PUBLIC, force: bool = False,
          jobs: int | None = None, on_result: Progress | None = None,
          on_start: Callable[[int], None] | None = None,
          data_dir: Path | None = None) -> Report:
    """Build the selected editions into `out` and rewrite its index and manifest.

    The publication gate: a public build refuses an edition with an error no editor
    resolved (listed in `Report.refused`) and builds the others; a proof builds them all."""
    started = time.perf_counter()
    catalog = store.catalog()
    summaries = select_editions(store, regions, year)
    if not summaries:
        raise UsageError("aucune édition à construire : avez-vous lancé « monoreg load » ?")
    manifest = read_manifest(out)
    report = Report()
    if on_start:
        on_start(len(summaries))
    digest = catalog_hash(catalog)

    def tasks() -> Iterator[Task]:
        """The editions to build, each as soon as read from the store (the first are being
        built while the others are read); those refused or up to date go in the report."""
        for summary in summaries:
            findings = tuple(store.findings(summary.id))
            errors = tuple(f for f in findings if f.is_open_error)
            if mode is Mode.PUBLIC and errors:
                region = catalog.territories.get(summary.region)
                report.refused.append(Refused(summary.id, region.name, summary.year, errors))
                continue
            edition = store.edition(summary.region, summary.year)
            reasons = tuple(release.release_problems(edition, catalog))
            if mode is Mode.PUBLIC and reasons:
                region = catalog.territories.get(summary.region)
                report.refused.append(Refused(summary.id, region.name, summary.year, (),
                                              reasons))
                continue
            key = f"{summary.id}:{mode.value}"
            wanted = fingerprint(summary, digest, mode, findings_hash(findings))
            if not force and _up_to_date(manifest.get(key), wanted, out):
                report.results.append(_skipped(manifest[key]))
                if on_result:
                    on_result(report.results[-1])
                continue
            yield Task(edition, catalog, out, mode, wanted, code_version(), findings,
                       data_dir)

    with _workers(jobs, len(summaries)) as pool:
        for result in _run(tasks(), pool):
            report.results.append(result)
            manifest[result.key] = {k: v for k, v in asdict(result).items()
                                    if k not in ("built", "seconds", "engine_seconds")}
            if on_result:
                on_result(result)
    write_index(out, manifest)
    report.seconds = time.perf_counter() - started
    return report


@contextmanager
def _workers(jobs: int | None, editions: int) -> Iterator[ProcessPoolExecutor | None]:
    """The build's worker processes (None: build in this process), started at once: each
    imports the builders (about half a second) while this process reads the editions."""
    workers = min(jobs or os.cpu_count() or 1, editions)
    if workers <= 1:  # one edition: no worker process to start
        yield None
        return
    # 'spawn': the Typst and vl-convert runtimes hold threads, which do not survive a fork.
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        for _ in range(workers):
            pool.submit(_ready)
        yield pool


def _ready() -> None:
    """Nothing to do: a worker unpickling it has imported this module and the builders."""


def _run(tasks: Iterator[Task], pool: ProcessPoolExecutor | None) -> Iterator[Result]:
    if pool is None:
        yield from (build_edition(task) for task in tasks)
        return
    futures = [pool.submit(build_edition, task) for task in tasks]
    for future in as_completed(futures):
        yield future.result()
