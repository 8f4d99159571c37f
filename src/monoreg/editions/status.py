"""`monoreg edition status`: the editor's checklist for an edition in preparation.

- `to_update`: figures still to fill (status `a-completer`), each with the latest figure
  known before its period (any edition, series or import) as a reminder;
- `misaligned`: a region figure and the national figure next to it (same place and
  indicator) that are not for the same period;
- `stale_contacts` and `stale_content`: contacts, and list items and texts, carried over from
  an earlier edition and not checked in the `stale_months` before the edition's publication
  (an item without `verified` was entered for this edition and is current);
- `validation_errors`: errors of every validation rule that no editor has resolved (stored at
  load: the same findings as `monoreg validate`)
  (validation leaves figures still to fill to `to_update`);
- `progress`: figures filled and carried items checked, out of all of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from monoreg.model import (
    Catalog,
    Contact,
    Edition,
    Finding,
    ListItem,
    Observation,
    Period,
    PeriodKind,
    Provenance,
    Status,
    Text,
)
from monoreg.store.repository import ObservationRecord, Store


@dataclass(frozen=True)
class StatusPolicy:
    stale_months: int = 6   # a carried item must have been checked this recently


@dataclass(frozen=True)
class Known:
    """The latest figure known before a figure to fill."""

    period: Period
    value: Decimal | None
    status: Status
    unit: str
    source: str | None
    edition: str | None            # None for series and imports


@dataclass(frozen=True)
class ToUpdate:
    place: str
    indicator: str
    label: str
    territory: str
    period: Period
    unit: str
    source: str | None
    location: str | None
    previous: Known | None
    dimension: str | None = None   # the breakdown ('naf:GZ'); the label says it as printed


@dataclass(frozen=True)
class Misaligned:
    place: str
    indicator: str
    label: str
    region_period: Period
    national: str                  # national territory code (FR, FR-HM, FR-MET)
    national_period: Period
    location: str | None


@dataclass(frozen=True)
class StaleItem:
    kind: str                      # contact, list, text
    title: str
    detail: str | None             # role and person of a contact, list kind, text type
    verified: Period
    location: str | None


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    figures_done: int
    figures_total: int
    items_done: int
    items_total: int


@dataclass(frozen=True)
class EditionStatus:
    region: str
    year: int
    edition: str
    checked_since: Period          # carried items verified before this day are stale
    to_update: tuple[ToUpdate, ...]
    misaligned: tuple[Misaligned, ...]
    stale_contacts: tuple[StaleItem, ...]
    stale_content: tuple[StaleItem, ...]
    validation_errors: tuple[Finding, ...]
    progress: Progress


def months_before(day: date, months: int) -> Period:
    """The first day of the month `months` before `day`'s."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return Period(PeriodKind.DATE, year, month + 1, 1)


def edition_status(store: Store, region: str, year: int,
                   policy: StatusPolicy = StatusPolicy()) -> EditionStatus:
    """The checklist of edition `year` of `region` (a region code), from the store."""
    catalog = store.catalog()
    edition = store.edition(region, year)
    since = months_before(edition.published.start, policy.stale_months)
    items = _carried_items(edition)
    stale = [item for item in items if item.verified.end < since.start]
    to_fill = [o for o in edition.observations if o.status is Status.TO_FILL]
    records = store.observations(
        indicators=sorted({o.indicator for o in to_fill}),
        territories=sorted({o.territory for o in to_fill})) if to_fill else []
    figures = len(edition.observations)
    return EditionStatus(
        region=region, year=year, edition=edition.id, checked_since=since,
        to_update=tuple(_to_update(o, catalog, records) for o in to_fill),
        misaligned=tuple(misaligned(edition, catalog)),
        stale_contacts=tuple(i for i in stale if i.kind == "contact"),
        stale_content=tuple(i for i in stale if i.kind != "contact"),
        validation_errors=tuple(store.open_errors(edition.id)),
        progress=Progress(figures - len(to_fill) + len(items) - len(stale), figures + len(items),
                          figures - len(to_fill), figures, len(items) - len(stale), len(items)))


def _to_update(o: Observation, catalog: Catalog, records: list[ObservationRecord]) -> ToUpdate:
    label = catalog.indicators[o.indicator].label
    if o.dimension_label:
        label = f"{label} : {o.dimension_label}"
    return ToUpdate(o.place, o.indicator, label, o.territory, o.period, o.unit, o.source,
                    _where(o.provenance), _previous(o, records), o.dimension)


def _previous(o: Observation, records: list[ObservationRecord]) -> Known | None:
    before = [r for r in records
              if (r.observation.series, r.observation.territory) == (o.series, o.territory)
              and r.observation.status is Status.VALUE and r.observation.period < o.period]
    if not before:
        return None
    latest = max(before, key=lambda r: r.observation.period.sort_key())
    p = latest.observation
    return Known(p.period, p.value, p.status, p.unit, p.source, latest.edition)


def misaligned(edition: Edition, catalog: Catalog) -> Iterable[Misaligned]:
    """Region and national figures printed side by side for different periods."""
    latest: dict[tuple[str, str], dict[str, Observation]] = defaultdict(dict)
    for o in edition.observations:
        figures = latest[(o.place, o.indicator)]
        if o.territory not in figures or figures[o.territory].period < o.period:
            figures[o.territory] = o
    for (place, indicator), figures in latest.items():
        mine = figures.get(edition.region)
        if mine is None:
            continue
        for code, theirs in figures.items():
            territory = catalog.territories.get(code)
            if territory.is_national and theirs.period != mine.period:
                yield Misaligned(place, indicator, catalog.indicators[indicator].label,
                                 mine.period, code, theirs.period, _where(mine.provenance))


def _carried_items(edition: Edition) -> list[StaleItem]:
    """Lists, contacts and texts that carry a `verified` date: they were carried over."""
    items: list[tuple[str, str, str | None, Contact | ListItem | Text]] = [
        *(("contact", c.organisation, " ".join(filter(None, (c.unit, c.role, c.person))) or None,
           c) for c in edition.contacts),
        *(("list", i.title, i.kind.value, i) for i in edition.lists),
        *(("text", t.title, t.type.value, t) for t in edition.texts)]
    return [StaleItem(kind, title, detail, item.verified, _where(item.provenance))
            for kind, title, detail, item in items if item.verified is not None]


def _where(provenance: Provenance | None) -> str | None:
    return None if provenance is None else str(provenance)
