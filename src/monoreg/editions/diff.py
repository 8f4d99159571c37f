"""`monoreg diff`: what changed between two editions of a region.

Figures are keyed by indicator, territory and period. An edition may print a key in two
places: the two editions are then compared through the same figure if both give it (two
values in one edition are validation's business, not a revision), else through the same
place, else through the first figure printed with a value. Between the two editions a
figure is:

- `added` (only in the later edition) or `removed` (only in the earlier one);
- `pending` when the later edition still has it to fill (status `a-completer`);
- a `revision` when both give a value and the values differ (compared in one unit at the
  printed precision, derive/figure_equality.py): its producer revised it;
- `changed` when something else differs: "non renseigné" now known, or the source;
- unchanged otherwise (counted).

Revisions across sources: the official series and imports stored for a key of the two
editions are compared with the later edition's figures for it (the earlier's when the later
has none); a value that none of them gives is a revision of kind `source`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from monoreg.derive.figure_equality import same_figure
from monoreg.model import Catalog, Edition, Observation, Period, Status, Unit
from monoreg.store.repository import ObservationRecord, Store

Key = tuple[str, str, str, str]  # (indicator, territory, period code, dimension or "")


@dataclass(frozen=True)
class Figure:
    """A figure as one edition, series or import gives it."""

    value: Decimal | None
    status: Status
    unit: str
    source: str | None
    printed: str | None
    place: str | None
    edition: str | None            # None for series and imports
    batch: str                     # 'edition', or 'series:<file>' / 'import:<name>'
    location: str | None


@dataclass(frozen=True)
class Entry:
    indicator: str
    label: str
    territory: str
    period: Period
    before: Figure | None
    after: Figure | None


@dataclass(frozen=True)
class Changed(Entry):
    what: tuple[str, ...] = ()     # 'status', 'source'


@dataclass(frozen=True)
class Revision(Entry):
    kind: str = "editions"         # 'editions' (FROM vs TO) or 'source' (vs series, imports)
    difference: Decimal | None = None   # after - before, in the unit of `after`
    relative: Decimal | None = None     # difference in % of before


@dataclass(frozen=True)
class EditionDiff:
    region: str
    from_edition: str
    to_edition: str
    added: tuple[Entry, ...]
    removed: tuple[Entry, ...]
    changed: tuple[Changed, ...]
    revisions: tuple[Revision, ...]
    pending: tuple[Entry, ...]
    unchanged: int


def diff_editions(store: Store, region: str, from_year: int, to_year: int) -> EditionDiff:
    """Compare editions `from_year` and `to_year` of `region` (a region code)."""
    catalog = store.catalog()
    before, after = store.edition(region, from_year), store.edition(region, to_year)
    indicators = sorted({o.indicator for o in (*before.observations, *after.observations)})
    territories = sorted({o.territory for o in (*before.observations, *after.observations)})
    outside = [r for r in store.observations(territories=territories, indicators=indicators)
               if r.edition is None] if indicators else []
    return compare_editions(before, after, catalog, outside)


def _key(o: Observation) -> Key:
    return (o.indicator, o.territory, o.period.code, o.dimension or "")


def _figures(edition: Edition) -> dict[Key, list[Observation]]:
    """The edition's figures by key, in print order; figures still to fill are left out."""
    figures: dict[Key, list[Observation]] = {}
    for o in edition.observations:
        if o.status is not Status.TO_FILL:
            figures.setdefault(_key(o), []).append(o)
    return figures


def _pair(olds: list[Observation], news: list[Observation], units: dict[str, Unit]
          ) -> tuple[Observation, Observation]:
    """The two figures to compare: the same figure in both editions if there is one (an
    edition that prints a key twice with two values is validation's business, not a
    revision), else the same place, else the first printed with a value."""
    pairs = [(a, b) for b in news for a in olds]
    return next((pair for pair in pairs if same_figure(*pair, units)), None) \
        or next((pair for pair in pairs if pair[0].place == pair[1].place), None) \
        or (_first(olds), _first(news))


def _first(figures: list[Observation]) -> Observation:
    return next((o for o in figures if o.value is not None), figures[0])


def _figure(o: Observation, edition: str | None, batch: str) -> Figure:
    return Figure(o.value, o.status, o.unit, o.source, o.printed, o.place or None, edition,
                  batch, str(o.provenance) if o.provenance else None)


def compare_editions(before: Edition, after: Edition, catalog: Catalog,
                     outside: list[ObservationRecord]) -> EditionDiff:
    """The diff of two editions, `outside` being series and import figures to compare."""
    old, new = _figures(before), _figures(after)
    slots = {_key(o): o for o in after.observations
             if o.status is Status.TO_FILL}
    lists: dict[str, list[Entry]] = {"added": [], "removed": [], "pending": []}
    changed: list[Changed] = []
    revisions: list[Revision] = []
    unchanged = 0
    periods = {key: figures[0].period for key, figures in (*old.items(), *new.items())}
    periods.update({key: o.period for key, o in slots.items()})
    for key in sorted(periods, key=lambda k: (k[0], k[1], periods[k].sort_key())):
        olds, news = old.get(key, []), new.get(key, [])
        if not news:
            kind = "pending" if key in slots else "removed"
            lists[kind].append(Entry(**_fields(
                key, periods[key], _figure(_first(olds), before.id, "edition") if olds else None,
                _figure(slots[key], after.id, "edition") if key in slots else None, catalog)))
            continue
        if not olds:
            lists["added"].append(Entry(**_fields(
                key, periods[key], None, _figure(_first(news), after.id, "edition"), catalog)))
            continue
        a, b = _pair(olds, news, catalog.units)
        fields = _fields(key, periods[key], _figure(a, before.id, "edition"),
                         _figure(b, after.id, "edition"), catalog)
        if a.value is not None and b.value is not None \
                and not same_figure(a, b, catalog.units):
            revisions.append(_revision(fields, a, b, "editions", catalog.units))
        elif not same_figure(a, b, catalog.units) or a.source != b.source:
            what = tuple(name for name, differs in (("status", a.status is not b.status),
                                                    ("source", a.source != b.source)) if differs)
            changed.append(Changed(**fields, what=what))
        else:
            unchanged += 1
    revisions.extend(_source_revisions(old, new, before, after, outside, catalog))
    return EditionDiff(after.region, before.id, after.id, tuple(lists["added"]),
                       tuple(lists["removed"]), tuple(changed), tuple(revisions),
                       tuple(lists["pending"]), unchanged)


def _fields(key: Key, period: Period, before: Figure | None, after: Figure | None,
            catalog: Catalog) -> dict[str, Any]:
    """What every entry says: the figure's key and the two sides."""
    label = catalog.indicators[key[0]].label
    return {"indicator": key[0], "label": f"{label} ({key[3]})" if key[3] else label,
            "territory": key[1], "period": period, "before": before, "after": after}


def _revision(fields: dict[str, Any], a: Observation, b: Observation, kind: str,
              units: dict[str, Unit]) -> Revision:
    assert a.value is not None and b.value is not None  # revisions compare two values
    previous = units[a.unit].convert(a.value, units[b.unit])
    difference = b.value - previous
    relative = difference / previous * 100 if previous else None
    return Revision(**fields, kind=kind, difference=difference, relative=relative)


def _source_revisions(old: dict[Key, list[Observation]], new: dict[Key, list[Observation]],
                      before: Edition, after: Edition, outside: list[ObservationRecord],
                      catalog: Catalog) -> list[Revision]:
    """Series and import figures that differ from every figure the editions give for their
    key (compared with the later edition's when it gives one)."""
    found: list[Revision] = []
    for record in outside:
        o = record.observation
        key = _key(o)
        mine, edition = (new[key], after) if key in new else (old.get(key, []), before)
        valued = [m for m in mine if m.value is not None
                  and catalog.units[m.unit].dimension == catalog.units[o.unit].dimension]
        if o.value is None or not valued \
                or any(same_figure(m, o, catalog.units) for m in valued):
            continue
        fields = _fields(key, o.period, _figure(valued[0], edition.id, "edition"),
                         _figure(o, None, f"{record.batch_kind}:{record.batch_name}"), catalog)
        found.append(_revision(fields, valued[0], o, "source", catalog.units))
    return found
