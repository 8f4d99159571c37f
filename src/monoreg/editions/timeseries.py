"""A territory's figures for one indicator across every edition and import: its time series.

Each stored figure becomes a point, in the order figures became known: editions by
publication year, then official series, then imports (in load order). Two figures for the
same period from the same source and with the same value are one point (an edition that
prints a figure twice, or carries it over from the previous edition, adds no point; it is
listed in `editions`). A figure that differs from an earlier one for the same period — same
source or not — is kept and marked as a revision, with the value it replaces.

Figures still to fill in an edition in preparation (status `a-completer`) are not points.
"Non renseigné" figures are points without a value: a gap, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from monoreg.derive.figure_equality import same_figure
from monoreg.errors import NotFound
from monoreg.model import Catalog, Observation, Period, Provenance, Status, Unit
from monoreg.store.repository import ObservationRecord, Store

_KIND_ORDER = {"datafiles": 0, "series": 1, "import": 2}


@dataclass(frozen=True)
class SeriesPoint:
    period: Period
    value: Decimal | None          # in `unit`; None for "non renseigné" or "sans objet"
    status: Status
    unit: str
    source: str | None             # source id
    edition: str | None            # the first edition printing it ('28-2020'); None if imported
    batch_kind: str                # 'datafiles' (editions), 'series' or 'import'
    batch_name: str                # series file or import name
    provenance: Provenance | None  # where the first figure was read
    printed: str | None = None
    editions: tuple[str, ...] = ()  # every edition printing this same figure
    revision: bool = False         # differs from an earlier figure for the same period
    revises: Decimal | None = None  # that earlier value, converted to `unit`
    revises_source: str | None = None
    revises_edition: str | None = None


@dataclass(frozen=True)
class TimeSeries:
    territory: str                 # territory code
    indicator: str                 # indicator id
    unit: str                      # the indicator's unit (points keep their own unit)
    points: tuple[SeriesPoint, ...]  # by period, then in the order they became known

    @property
    def revisions(self) -> tuple[SeriesPoint, ...]:
        return tuple(p for p in self.points if p.revision)


def time_series(store: Store, territory: str, indicator: str,
                catalog: Catalog | None = None) -> TimeSeries:
    """Every figure of `territory` (a code: '28', 'FR') for `indicator`, de-duplicated by
    period and source, revisions kept and marked. Raises NotFound for an unknown code."""
    catalog = catalog or store.catalog()
    if indicator not in catalog.indicators:
        raise NotFound(f"indicateur inconnu « {indicator} »")
    if catalog.territories.find(territory) is None:
        raise NotFound(f"territoire inconnu « {territory} »")
    code = catalog.territories.find(territory).code  # type: ignore[union-attr]
    records = known_figures(store, territories=[code], indicators=[indicator])
    points = build_points(records, catalog.units)
    return TimeSeries(code, indicator, catalog.indicators[indicator].unit, points)


def known_figures(store: Store, *, territories: list[str], indicators: list[str]
                  ) -> list[ObservationRecord]:
    """Stored figures (not those still to fill) in the order they became known: editions by
    publication year, then official series, then imports, each in load order."""
    years = {e.id: e.year for e in store.editions()}
    records = [r for r in store.observations(territories=territories, indicators=indicators)
               if r.observation.status is not Status.TO_FILL]

    def order(item: tuple[int, ObservationRecord]) -> tuple[int, int, int]:
        index, record = item
        year = years.get(record.edition, 0) if record.edition else 0
        return (_KIND_ORDER.get(record.batch_kind, len(_KIND_ORDER)), year, index)

    return [record for _, record in sorted(enumerate(records), key=order)]


def build_points(records: list[ObservationRecord], units: dict[str, Unit]
                 ) -> tuple[SeriesPoint, ...]:
    """Points from records given in the order they became known (see the module's doc)."""
    by_period: dict[str, list[tuple[Observation, SeriesPoint]]] = {}
    for record in records:
        o = record.observation
        known = by_period.setdefault(o.period.code, [])
        same = next((i for i, (earlier, point) in enumerate(known)
                     if point.source == o.source and same_figure(earlier, o, units)), None)
        if same is None:
            known.append((o, _point(record, _latest_value(known, o, units), units)))
        elif record.edition and record.edition not in known[same][1].editions:
            earlier, point = known[same]
            known[same] = (earlier, replace(point, editions=(*point.editions, record.edition)))
    return tuple(point for code in sorted(by_period, key=lambda c: by_period[c][0][1].period)
                 for _, point in by_period[code])


def _latest_value(known: list[tuple[Observation, SeriesPoint]], o: Observation,
                  units: dict[str, Unit]) -> tuple[Observation, SeriesPoint] | None:
    """The latest earlier figure with a value that `o` can be compared with."""
    return next(((earlier, point) for earlier, point in reversed(known)
                 if earlier.value is not None
                 and units[earlier.unit].dimension == units[o.unit].dimension), None)


def _point(record: ObservationRecord, earlier: tuple[Observation, SeriesPoint] | None,
           units: dict[str, Unit]) -> SeriesPoint:
    o = record.observation
    point = SeriesPoint(
        period=o.period, value=o.value, status=o.status, unit=o.unit, source=o.source,
        edition=record.edition, batch_kind=record.batch_kind, batch_name=record.batch_name,
        provenance=o.provenance, printed=o.printed,
        editions=(record.edition,) if record.edition else ())
    if earlier is None or o.value is None or same_figure(earlier[0], o, units):
        return point
    before, before_point = earlier
    assert before.value is not None  # _latest_value keeps figures with a value
    return replace(point, revision=True,
                   revises=units[before.unit].convert(before.value, units[o.unit]),
                   revises_source=before.source, revises_edition=before_point.edition)
