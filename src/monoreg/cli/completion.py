"""Shell completion of regions, editions and indicator ids, read from the data files.

The shell calls these on every Tab press: they read the reference files and the edition folders
directly (no store, no validation: a few milliseconds) and never raise, since a traceback in the
middle of a command line helps nobody. A broken data folder simply completes nothing.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from monoreg.model.names import fold, slugify

Completion = tuple[str, str]
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _safe(function: Callable[..., list[Completion]]) -> Callable[..., list[Completion]]:
    # wraps() keeps the signature: Typer passes ctx and incomplete by parameter name.
    @functools.wraps(function)
    def complete(*args: Any, **kwargs: Any) -> list[Completion]:
        try:
            return function(*args, **kwargs)
        except Exception:
            return []

    return complete


def _data_dir() -> Path:
    from monoreg.settings import get_settings

    return get_settings().data_dir


def _regions(data_dir: Path) -> Iterator[tuple[str, str, str]]:
    """(slug, name, INSEE code) of every region in reference/regions.csv."""
    with (data_dir / "reference" / "regions.csv").open(encoding="utf-8") as file:
        lines = (line for line in file if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter=";"):
            yield slugify(row["name"]), row["name"], row["code"]


@_safe
def complete_region(incomplete: str) -> list[Completion]:
    """Region slugs whose slug, name or code starts with what was typed."""
    typed = fold(incomplete)
    return [(slug, name) for slug, name, code in _regions(_data_dir())
            if slug.startswith(typed) or fold(name).startswith(typed) or code.startswith(typed)]


def _region_slug(data_dir: Path, text: str | None) -> str | None:
    if not text:
        return None
    key = slugify(text)
    for slug, name, code in _regions(data_dir):
        if key in (slug, slugify(name), code):
            return slug
    return None


def _region_param(ctx: Any) -> str | None:
    params = getattr(ctx, "params", None) or {}
    region = params.get("region")
    if region is None and params.get("regions"):
        region = params["regions"][0]
    return region if isinstance(region, str) else None


@_safe
def complete_year(ctx: Any, incomplete: str) -> list[Completion]:
    """Edition years of the region already on the command line (every region's otherwise)."""
    from monoreg.ingest.datafiles.edition_folder import edition_folders

    data_dir = _data_dir()
    slug = _region_slug(data_dir, _region_param(ctx))
    years: dict[str, set[str]] = {}
    for folder in edition_folders(data_dir):
        if slug is None or folder.parent.name == slug:
            years.setdefault(folder.name, set()).add(folder.parent.name)
    return [(year, "édition " + ", ".join(sorted(regions)))
            for year, regions in sorted(years.items(), reverse=True)
            if year.startswith(incomplete)]


def _catalogue(file: str, label: str, incomplete: str) -> list[Completion]:
    """(id, label) of the entries of a reference YAML list whose id starts as typed."""
    with (_data_dir() / "reference" / file).open(encoding="utf-8") as stream:
        entries = yaml.load(stream, Loader=_LOADER)
    return [(str(e["id"]), str(e.get(label, ""))) for e in entries
            if str(e["id"]).startswith(incomplete)]


@_safe
def complete_indicator(incomplete: str) -> list[Completion]:
    """Indicator ids of reference/indicators.yaml, with their label."""
    return _catalogue("indicators.yaml", "label", incomplete)


@_safe
def complete_section(incomplete: str) -> list[Completion]:
    """Section ids of reference/sections.yaml, with their title."""
    return _catalogue("sections.yaml", "title", incomplete)
