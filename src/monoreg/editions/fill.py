"""`monoreg edition fill`: figures still to fill that an official series or an import in the
store already holds.

A figure is filled from a figure of the same indicator, breakdown and territory, outside any
edition (official series, `monoreg import …`), with a value:
- for the very period expected; else
- for the latest period available at the edition's data cut-off, when it is later than
  every figure of the group the edition already has and not one of its periods; the note
  says that the period is not the one expected.
The figure takes the record's value, unit and source; its note names the series or import
and the line it comes from. Nothing else changes (see editions/figure_updates.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from monoreg.editions.figure_updates import RowUpdate, filled, to_fill, write_and_reload
from monoreg.model import Edition, Observation, Period, Status
from monoreg.store.repository import LoadReport, ObservationRecord, Store

BATCH_KIND_FR = {"series": "série officielle", "import": "import"}


@dataclass(frozen=True)
class Filled:
    observation: Observation       # the figure to fill
    record: ObservationRecord      # what fills it
    latest_available: bool         # not the expected period: the latest at the cut-off


@dataclass(frozen=True)
class FillReport:
    edition: str
    filled: tuple[Filled, ...]
    remaining: int                 # figures still to fill afterwards
    load: LoadReport | None


def _origin(record: ObservationRecord) -> str:
    kind = BATCH_KIND_FR.get(record.batch_kind, record.batch_kind)
    where = record.observation.provenance
    return f"{kind} « {record.batch_name} »" + (f" ({where})" if where else "")


def _group(edition: Edition, o: Observation) -> list[Observation]:
    """The figures of `o`'s group: same place, series and territory."""
    return [e for e in edition.observations
            if (e.place, e.series, e.territory) == (o.place, o.series, o.territory)]


def choose(edition: Edition, o: Observation, records: list[ObservationRecord]
           ) -> Filled | None:
    """What fills `o`, if anything (see the module's documentation)."""
    mine = [r for r in records if r.edition is None
            and (r.observation.indicator, r.observation.dimension, r.observation.territory)
            == (o.indicator, o.dimension, o.territory)
            and r.observation.status is Status.VALUE]
    exact = [r for r in mine if r.observation.period == o.period]
    if exact:
        return Filled(o, exact[-1], False)
    group = _group(edition, o)
    taken = [e.period for e in group]
    known = [e.period for e in group if e.status is not Status.TO_FILL]
    newest = max(known, key=lambda p: p.sort_key()) if known else None
    available = [r for r in mine if r.observation.period.end <= edition.cutoff.end
                 and r.observation.period not in taken
                 and (newest is None or r.observation.period > newest)]
    if not available:
        return None
    latest = max(available, key=lambda r: r.observation.period.sort_key())
    return Filled(o, latest, True)


def _update(edition: Edition, found: Filled) -> RowUpdate:
    o, source = found.observation, found.record.observation
    note = f"Rempli par « monoreg edition fill » depuis {_origin(found.record)}"
    if found.latest_available:
        note += (f" ; période attendue {o.period.label()} non disponible : dernière période "
                 f"disponible à l'arrêt des données ({edition.cutoff.label()}), "
                 f"{source.period.label()}")
    assert o.provenance is not None and o.provenance.line is not None  # from a data file
    assert source.value is not None  # status VALUE
    return filled(o.provenance.line, source.value, source.unit, source.source, note + ".",
                  source.period if found.latest_available else None)


def fill_edition(store: Store, data_dir: Path, region: str, year: int) -> FillReport:
    edition = store.edition(region, year)
    pending = to_fill(edition)
    records = store.observations(
        indicators=sorted({o.indicator for o in pending}),
        territories=sorted({o.territory for o in pending})) if pending else []
    chosen: list[Filled] = []
    claimed: set[tuple[str, str, str, Period]] = set()  # two slots never take one period
    for o in pending:
        found = choose(edition, o, records)
        key = (o.place, o.series, o.territory,
               found.record.observation.period if found else o.period)
        if found is not None and key not in claimed:
            claimed.add(key)
            chosen.append(found)
    load = write_and_reload(store, data_dir, edition, [_update(edition, f) for f in chosen])
    return FillReport(edition.id, tuple(chosen), len(pending) - len(chosen), load)
