"""Reading and writing the store: `Store`, what the layers above ask of it (loads and
imports in one transaction, editions, figures, assessments). How a record becomes a row is
in store/rows.py; the API's observation queries as SQL text in store/observation_sql.py;
the search index in store/search.py."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from monoreg.derive.preferred import Candidate, origin_of, trust_of
from monoreg.errors import NotFound
from monoreg.model import (
    Catalog,
    Checks,
    Contact,
    Dataset,
    DirectoryEntry,
    Edition,
    FigureKey,
    Finding,
    GlossaryEntry,
    Guide,
    GuidePublic,
    Indicator,
    ListItem,
    Measure,
    NetworkLink,
    Observation,
    Period,
    PrintedMatter,
    Provenance,
    PublicCode,
    Quality,
    QualityStatus,
    Resolution,
    Section,
    Source,
    Status,
    Territory,
    TerritoryIndex,
    TerritoryKind,
    Text,
    Unit,
    parse_period,
)
from monoreg.model.codec import from_data, to_data
from monoreg.model.release import Release, UpdateNote
from monoreg.settings import fault_point
from monoreg.store import schema as t
from monoreg.store.db import make_engine, migrate, transaction
from monoreg.store.documents import document_text, observation_document
from monoreg.store.observation_sql import (
    ObservationFilter,
    driver_params,
    driver_sql,
    statement,
    where_clause,
)
from monoreg.store.rows import (
    claim_of,
    claim_row,
    edition_items,
    observation_of,
    observation_row,
)
from monoreg.store.search import rebuild_index

DATAFILE_KINDS = ("datafiles", "series")
_ITEM_TYPES: dict[str, type] = {
    "list": ListItem, "contact": Contact, "text": Text, "directory": DirectoryEntry,
    "guide_public": GuidePublic, "glossary": GlossaryEntry, "network": NetworkLink,
    "matter": PrintedMatter,
}


@dataclass(frozen=True)
class ObservationRecord:
    """A stored figure with where it is filed: its edition (if any) and its batch."""

    observation: Observation
    edition: str | None
    batch_kind: str
    batch_name: str
    id: int = 0
    preferred: bool = False        # the preferred figure of its key (derive/preferred.py)


@dataclass(frozen=True)
class EditionSummary:
    id: str
    region: str
    year: int
    title: str
    published: Period
    cutoff: Period
    synthetic: bool
    content_hash: str


@dataclass(frozen=True)
class Assessment:
    """What validation concluded about one edition, stored when the store changes."""

    edition: str
    findings: tuple[Finding, ...]
    resolutions: tuple[Resolution, ...]
    # The quality of every figure that is not plainly 'ok', by figure.
    qualities: dict[FigureKey, Quality] = field(default_factory=dict)


Assess = Callable[["Store"], None]
"""Called inside a load's or an import's transaction with the store as it will be once
committed; it computes and saves findings, qualities and preferred figures (the
application passes validate.service.assess_store)."""


@dataclass(frozen=True)
class LoadReport:
    editions: int
    observations: int
    evolutions: int
    items: int
    series: int


def edition_hash(edition: Edition) -> str:
    """A fingerprint of everything an edition holds (incremental builds compare it)."""
    canonical = json.dumps(to_data(edition), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


class Store:
    """The store of figures, editions and reference data."""

    def __init__(self, engine: Engine, connection: Connection | None = None) -> None:
        self.engine = engine
        # Set for the view of the store a load or import is writing (see Assess): reads
        # then see the uncommitted state of that transaction.
        self._connection = connection

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        if self._connection is not None:
            yield self._connection
            return
        with self.engine.connect() as conn:
            yield conn

    def _writing(self) -> Connection:
        if self._connection is None:
            raise RuntimeError("the store writes an assessment inside a load or an import")
        return self._connection

    @classmethod
    def open(cls, url: str) -> Store:
        engine = make_engine(url)
        migrate(engine)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # == writing =========================================================================
    def load_dataset(self, dataset: Dataset, assess: Assess | None = None) -> LoadReport:
        """Replace reference data, editions and series by the data files', in one transaction.

        Imported batches (`monoreg import …`) are kept. `assess`, when given, runs in the
        same transaction (an error it raises leaves the store as it was).
        """
        with transaction(self.engine) as conn:
            self._clear_datafiles(conn)
            self._write_catalog(conn, dataset.catalog)
            batch = self._new_batch(conn, "datafiles", "data files", None, None, None)
            counts = {"observations": 0, "evolutions": 0, "items": 0}
            for edition in dataset.editions:
                for key, n in self._write_edition(conn, edition, batch,
                                                  dataset.catalog).items():
                    counts[key] += n
            series = 0
            for item in dataset.series:
                batch_id = self._new_batch(conn, "series", item.name, item.file, item.sha256,
                                           None)
                self._insert_observations(conn, item.observations, batch_id, None,
                                          dataset.catalog)
                series += len(item.observations)
            # The imported figures kept name territories and indicators of the new catalogue.
            self._rewrite_documents(conn, dataset.catalog, t.batches.c.kind == "import")
            fault_point("load-written")
            rebuild_index(conn)  # the search index follows the load, in its transaction
            if assess is not None:
                assess(Store(self.engine, conn))
        return LoadReport(len(dataset.editions), counts["observations"], counts["evolutions"],
                          counts["items"], series)

    def add_import(self, kind: str, name: str, file: str, sha256: str,
                   observations: Sequence[Observation], report: dict[str, Any],
                   edition: Edition | None = None, assess: Assess | None = None) -> int:
        """Store an imported batch in one transaction, replacing an earlier batch of that name.

        `kind` names the importer ('of-list', 'lheo', …); it is kept in the batch's report,
        the batch itself being of kind 'import' (as opposed to data files and series)."""
        with transaction(self.engine) as conn:
            old = conn.execute(select(t.batches.c.id).where(
                t.batches.c.kind == "import", t.batches.c.name == name)).scalars().all()
            self._delete_batches(conn, old)
            batch_id = self._new_batch(conn, "import", name, file, sha256,
                                       {"importer": kind, **report})
            catalog = self._catalog(conn)
            if edition is not None:
                self._write_edition(conn, edition, batch_id, catalog)
            else:
                self._insert_observations(conn, observations, batch_id, None, catalog)
            fault_point("import-written")
            rebuild_index(conn)  # an edition may have come or gone with the batch
            if assess is not None:
                assess(Store(self.engine, conn))
        return batch_id

    def _new_batch(self, conn: Connection, kind: str, name: str, file: str | None,
                   sha256: str | None, report: dict[str, Any] | None) -> int:
        result = conn.execute(insert(t.batches).values(
            kind=kind, name=name, file=file, sha256=sha256, loaded_at=datetime.now(UTC),
            report=report))
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def _delete_batches(self, conn: Connection, batch_ids: Sequence[int]) -> None:
        if not batch_ids:
            return
        edition_ids = conn.execute(select(t.editions.c.id).where(
            t.editions.c.batch_id.in_(batch_ids))).scalars().all()
        conn.execute(delete(t.observations).where(or_(
            t.observations.c.batch_id.in_(batch_ids),
            t.observations.c.edition_id.in_(edition_ids))))
        conn.execute(delete(t.evolution_claims).where(
            t.evolution_claims.c.edition_id.in_(edition_ids)))
        conn.execute(delete(t.findings).where(t.findings.c.edition_id.in_(edition_ids)))
        conn.execute(delete(t.resolutions).where(t.resolutions.c.edition_id.in_(edition_ids)))
        conn.execute(delete(t.edition_items).where(t.edition_items.c.edition_id.in_(edition_ids)))
        conn.execute(delete(t.measures).where(t.measures.c.edition_id.in_(edition_ids)))
        conn.execute(delete(t.sources).where(t.sources.c.scope.in_(edition_ids)))
        conn.execute(delete(t.editions).where(t.editions.c.id.in_(edition_ids)))
        conn.execute(delete(t.batches).where(t.batches.c.id.in_(batch_ids)))

    def _clear_datafiles(self, conn: Connection) -> None:
        ids = conn.execute(select(t.batches.c.id).where(
            t.batches.c.kind.in_(DATAFILE_KINDS))).scalars().all()
        self._delete_batches(conn, ids)
        conn.execute(delete(t.sources).where(t.sources.c.scope == ""))
        for table in (t.publics, t.checks, t.indicators, t.sections, t.units, t.territories):
            conn.execute(delete(table))

    def _write_catalog(self, conn: Connection, catalog: Catalog) -> None:
        conn.execute(insert(t.territories), [
            {"code": x.code, "name": x.name, "slug": x.slug, "kind": x.kind.value,
             "metropolitan": x.metropolitan, "chief_town": x.chief_town,
             "aliases": list(x.aliases), "description": x.description}
            for x in catalog.territories.territories])
        conn.execute(insert(t.units), [
            {"code": u.code, "symbol": u.symbol, "label": u.label, "dimension": u.dimension,
             "scale": u.scale} for u in catalog.units.values()])
        conn.execute(insert(t.sections), [
            {"id": s.id, "title": s.title, "position": s.order} for s in catalog.sections])
        if catalog.indicators:
            conn.execute(insert(t.indicators), [
                {**to_data(i)} for i in catalog.indicators.values()])
        self._insert_sources(conn, "", catalog.sources.values())
        conn.execute(insert(t.checks).values(id=1, payload=to_data(catalog.checks)))
        if catalog.publics:
            conn.execute(insert(t.publics), [
                {"id": p.id, "label": p.label, "position": i,
                 "guide_publics": list(p.guide_publics)}
                for i, p in enumerate(catalog.publics.values())])

    def _insert_sources(self, conn: Connection, scope: str, sources: Iterable[Source]) -> None:
        rows = [{"scope": scope, **to_data(s)} for s in sources]
        if rows:
            conn.execute(insert(t.sources), rows)

    def _insert_observations(self, conn: Connection, observations: Sequence[Observation],
                             batch_id: int, edition: Edition | None, catalog: Catalog) -> None:
        if observations:
            conn.execute(insert(t.observations), [
                observation_row(o, batch_id, edition, catalog) for o in observations])

    def _rewrite_documents(self, conn: Connection, catalog: Catalog, which: Any) -> None:
        """Write again the documents of the figures `which` selects (by their batch)."""
        rows = conn.execute(select(t.observations).join(
            t.batches, t.batches.c.id == t.observations.c.batch_id).where(which)).all()
        if not rows:
            return
        local = self._local_sources(conn, {r.edition_id for r in rows if r.edition_id})
        conn.execute(update(t.observations).where(t.observations.c.id == bindparam("row_id")),
                     [{"row_id": r.id, "doc": document_text(observation_document(
                         observation_of(r), catalog, r.edition_id, local.get(r.edition_id, {})))}
                      for r in rows])

    @staticmethod
    def _local_sources(conn: Connection, edition_ids: Iterable[str]
                       ) -> dict[str, dict[str, Source]]:
        result: dict[str, dict[str, Source]] = {}
        for r in conn.execute(select(t.sources).where(t.sources.c.scope.in_(list(edition_ids)))):
            result.setdefault(r.scope, {})[r.id] = from_data(Source, r._asdict())
        return result

    def _write_edition(self, conn: Connection, edition: Edition, batch_id: int,
                       catalog: Catalog) -> dict[str, int]:
        guide = edition.guide
        header = {
            "facts": [list(f) for f in edition.facts],
            "table_sources": [list(s) for s in edition.table_sources],
            "provenance": to_data(edition.provenance),
            "guide": None if guide is None else {
                "title": guide.title, "published": to_data(guide.published),
                "note": guide.note},
            "directory": {"title": edition.directory_title,
                          "published": to_data(edition.directory_published)},
            # A published edition's record and its update notes (kept in the header: they
            # are read with the edition, never queried on their own).
            "releases": [to_data(r) for r in edition.releases],
            "updates": [to_data(u) for u in edition.updates],
        }
        conn.execute(insert(t.editions).values(
            id=edition.id, batch_id=batch_id, region=edition.region, year=edition.year,
            title=edition.title, publisher=edition.publisher, published=edition.published.code,
            cutoff=edition.cutoff.code, synthetic=edition.synthetic, header=header,
            content_hash=edition_hash(edition)))
        self._insert_sources(conn, edition.id, edition.sources)
        self._insert_observations(conn, edition.observations, batch_id, edition, catalog)
        if edition.evolutions:
            conn.execute(insert(t.evolution_claims), [
                claim_row(c, edition.id) for c in edition.evolutions])
        items = [
            {"edition_id": edition.id, "kind": kind, "subkind": subkind, "position": position,
             "title": title, "territory": territory, "date": date, "payload": to_data(item)}
            for position, (kind, subkind, title, item, territory, date)
            in enumerate(edition_items(edition))]
        if items:
            conn.execute(insert(t.edition_items), items)
        if edition.measures:
            conn.execute(insert(t.measures), [
                {"edition_id": edition.id, "position": position, "slug": m.id,
                 "region": m.region, "title": m.title, "kind": m.kind.value,
                 "framework": m.framework.value, "status": m.status.value,
                 "publics": list(m.publics), "domains": [d.value for d in m.domains],
                 "payload": to_data(m)}
                for position, m in enumerate(edition.measures)])
        self._insert_resolutions(conn, edition.id, edition.resolutions)
        return {"observations": len(edition.observations),
                "evolutions": len(edition.evolutions), "items": len(items)}

    # == reading =========================================================================
    def catalog(self) -> Catalog:
        with self._reading() as conn:
            return self._catalog(conn)

    @staticmethod
    def _catalog(conn: Connection) -> Catalog:
        territories = TerritoryIndex(tuple(
            Territory(r.code, r.name, TerritoryKind(r.kind), r.slug, tuple(r.aliases),
                      r.chief_town, r.metropolitan, r.description)
            for r in conn.execute(select(t.territories).order_by(t.territories.c.code))))
        units = {r.code: Unit(r.code, r.symbol, r.label, r.dimension, r.scale)
                 for r in conn.execute(select(t.units))}
        sections = tuple(Section(r.id, r.title, r.position) for r in conn.execute(
            select(t.sections).order_by(t.sections.c.position)))
        indicators = {r.id: from_data(Indicator, r._asdict())
                      for r in conn.execute(select(t.indicators).order_by(t.indicators.c.id))}
        sources = {r.id: from_data(Source, r._asdict()) for r in conn.execute(
            select(t.sources).where(t.sources.c.scope == ""))}
        checks = conn.execute(select(t.checks.c.payload)).scalar()
        publics = {r.id: PublicCode(r.id, r.label, tuple(r.guide_publics))
                   for r in conn.execute(select(t.publics).order_by(t.publics.c.position))}
        return Catalog(territories, units, sections, indicators, sources,
                       from_data(Checks, checks) if checks else Checks(), publics)

    def version(self) -> str:
        """Changes whenever a load or an import commits (the portal's caches follow it)."""
        with self._reading() as conn:
            newest, count, last = conn.execute(select(
                func.max(t.batches.c.id), func.count(), func.max(t.batches.c.loaded_at))).one()
        return f"{newest or 0}.{count}.{last or ''}"

    def last_import_report(self, importer: str, source: str) -> dict[str, Any] | None:
        """The report of the newest import of this importer and source, if any."""
        with self.engine.connect() as conn:
            reports = conn.execute(select(t.batches.c.report).where(
                t.batches.c.kind == "import").order_by(t.batches.c.id.desc())).scalars()
            return next((r for r in reports if isinstance(r, dict)
                         and r.get("importer") == importer and r.get("source") == source), None)

    def is_loaded(self) -> bool:
        with self._reading() as conn:
            return bool(conn.execute(select(func.count()).select_from(t.territories)).scalar())

    def editions(self, region: str | None = None) -> list[EditionSummary]:
        query = select(t.editions).order_by(t.editions.c.region, t.editions.c.year)
        if region is not None:
            query = query.where(t.editions.c.region == region)
        with self._reading() as conn:
            return [EditionSummary(r.id, r.region, r.year, r.title, parse_period(r.published),
                                   parse_period(r.cutoff), r.synthetic, r.content_hash)
                    for r in conn.execute(query)]

    def latest_edition_year(self, region: str) -> int:
        years = [e.year for e in self.editions(region)]
        if not years:
            raise NotFound(f"aucune édition pour la région {region} : avez-vous lancé "
                           "« monoreg load » ?")
        return max(years)

    def edition(self, region: str, year: int) -> Edition:
        edition_id = f"{region}-{year}"
        with self._reading() as conn:
            row = conn.execute(select(t.editions).where(t.editions.c.id == edition_id)).first()
            if row is None:
                raise NotFound(f"pas d'édition {year} pour la région {region}")
            observations = tuple(observation_of(r) for r in conn.execute(
                select(t.observations).where(t.observations.c.edition_id == edition_id)
                .order_by(t.observations.c.id)))
            claims = tuple(claim_of(r) for r in conn.execute(
                select(t.evolution_claims).where(t.evolution_claims.c.edition_id == edition_id)
                .order_by(t.evolution_claims.c.id)))
            # Sorted in Python: the database's collation must not decide the order.
            sources = tuple(sorted((from_data(Source, r._asdict()) for r in conn.execute(
                select(t.sources).where(t.sources.c.scope == edition_id))), key=lambda s: s.id))
            items: dict[str, list[Any]] = {kind: [] for kind in _ITEM_TYPES}
            for r in conn.execute(select(t.edition_items).where(
                    t.edition_items.c.edition_id == edition_id)
                    .order_by(t.edition_items.c.position)):
                items[r.kind].append(from_data(_ITEM_TYPES[r.kind], r.payload))
            measures = tuple(from_data(Measure, r.payload) for r in conn.execute(
                select(t.measures.c.payload).where(t.measures.c.edition_id == edition_id)
                .order_by(t.measures.c.position)))
        header = row.header
        directory = header.get("directory") or {}
        guide = None
        if header.get("guide"):
            meta = header["guide"]
            guide = Guide(meta["title"],
                          parse_period(meta["published"]) if meta["published"] else None,
                          tuple(items["guide_public"]), tuple(items["glossary"]),
                          tuple(items["network"]), meta["note"])
        return Edition(
            region=row.region, year=row.year, published=parse_period(row.published),
            cutoff=parse_period(row.cutoff), title=row.title, publisher=row.publisher,
            observations=observations, evolutions=claims, sources=sources,
            table_sources=tuple((x[0], x[1]) for x in header["table_sources"]),
            lists=tuple(items["list"]), contacts=tuple(items["contact"]),
            texts=tuple(items["text"]), directory=tuple(items["directory"]), guide=guide,
            directory_title=directory.get("title"),
            directory_published=parse_period(directory["published"])
            if directory.get("published") else None, matter=tuple(items["matter"]),
            facts=tuple((x[0], x[1]) for x in header["facts"]),
            provenance=from_data(Provenance, header["provenance"])
            if header.get("provenance") else None,
            synthetic=row.synthetic, resolutions=tuple(self.resolutions(edition_id)),
            measures=measures,
            releases=tuple(from_data(Release, r) for r in header.get("releases", ())),
            updates=tuple(from_data(UpdateNote, u) for u in header.get("updates", ())))

    def observations(self, *, territories: Sequence[str] | None = None,
                     indicators: Sequence[str] | None = None, edition: str | None = None,
                     period_from: Period | None = None, period_to: Period | None = None,
                     preferred: bool | None = None,
                     limit: int | None = None, offset: int = 0) -> list[ObservationRecord]:
        """Figures matching every filter given, in a stable order. `preferred=True` keeps
        one figure per (indicator, territory, period, dimension): the preferred one."""
        query = (select(t.observations, t.batches.c.kind.label("batch_kind"),
                        t.batches.c.name.label("batch_name"))
                 .join(t.batches, t.batches.c.id == t.observations.c.batch_id))
        conditions: list[ColumnElement[bool]] = []
        if territories is not None:
            conditions.append(t.observations.c.territory.in_(territories))
        if indicators is not None:
            conditions.append(t.observations.c.indicator.in_(indicators))
        if edition is not None:
            conditions.append(t.observations.c.edition_id == edition)
        if period_from is not None:
            conditions.append(t.observations.c.period_end >= period_from.start)
        if period_to is not None:
            conditions.append(t.observations.c.period_start <= period_to.end)
        if preferred is not None:
            conditions.append(t.observations.c.preferred == preferred)
        if conditions:
            query = query.where(and_(*conditions))
        query = query.order_by(t.observations.c.id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self._reading() as conn:
            return [ObservationRecord(observation_of(r), r.edition_id, r.batch_kind, r.batch_name,
                                      r.id, bool(r.preferred))
                    for r in conn.execute(query)]

    def observation_ids(self, *, territories: Sequence[str]) -> list[int]:
        """Ids of the figures about `territories`, in the API's order (benchmarks page by
        them)."""
        with self._reading() as conn:
            return list(conn.execute(select(t.observations.c.id).where(
                t.observations.c.territory.in_(territories))
                .order_by(t.observations.c.id)).scalars())

    def document_page(self, f: ObservationFilter, limit: int, offset: int
                      ) -> tuple[int, list[str]]:
        """How many figures match, and the JSON documents of one page of them (id order),
        read in one snapshot. A document missing (a store loaded before revision 0009) is
        built from its row.

        The API's hottest read: two statements on a pooled DB-API connection, without the
        expression language, whose overhead was more than the queries' (bench/api.py)."""
        where, params = where_clause(f)
        sqlite = self.engine.dialect.name == "sqlite"
        bound = driver_params(params, sqlite)
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            if sqlite:  # pysqlite runs in autocommit mode here (store.db): one snapshot
                cursor.execute("BEGIN")
            cursor.execute(driver_sql(f"SELECT count(*) FROM observations{where}", sqlite),
                           bound)
            counted: Any = cursor.fetchone()
            total = int(counted[0])
            rows: Sequence[Any] = []
            if offset < total:
                cursor.execute(driver_sql(
                    f"SELECT id, doc FROM observations{where} ORDER BY id LIMIT :limit "
                    "OFFSET :offset", sqlite), {**bound, "limit": limit, "offset": offset})
                rows = list(cursor.fetchall())
            cursor.close()
        finally:
            raw.rollback()
            raw.close()
        if any(doc is None for _, doc in rows):
            with self.engine.connect() as conn:
                built = self._build_documents(conn, [i for i, doc in rows if doc is None])
            return total, [doc if doc is not None else built[i] for i, doc in rows]
        return total, [doc for _, doc in rows]

    def counted_documents(self, f: ObservationFilter, chunk: int = 2000
                          ) -> tuple[int, Generator[list[str], None, None]]:
        """How many figures match, and their documents in id order, `chunk` at a time, all
        read in one snapshot (a CSV's X-Total-Count is its number of rows, whatever a load
        commits meanwhile). The connection is held until the generator ends or is closed."""
        where, params = where_clause(f)
        bound = driver_params(params, self.engine.dialect.name == "sqlite")
        stack = ExitStack()
        conn = stack.enter_context(self._reading())
        try:
            total = int(conn.execute(statement(f"SELECT count(*) FROM observations{where}"),
                                     bound).scalar() or 0)
            result = conn.execution_options(stream_results=True, yield_per=chunk).execute(
                statement(f"SELECT id, doc FROM observations{where} ORDER BY id"), bound)
        except BaseException:
            stack.close()
            raise

        def chunks() -> Generator[list[str], None, None]:
            with stack:
                yield []  # started at once: closing it, even unread, gives back the connection
                for rows in result.partitions():
                    yield self._documents(conn, rows)

        documents = chunks()
        next(documents)
        return total, documents

    def count(self, f: ObservationFilter) -> int:
        where, params = where_clause(f)
        with self._reading() as conn:
            return int(conn.execute(statement(f"SELECT count(*) FROM observations{where}"),
                                    driver_params(params, self.engine.dialect.name == "sqlite")
                                    ).scalar() or 0)

    def _documents(self, conn: Connection, rows: Sequence[Any]) -> list[str]:
        missing = [r.id for r in rows if r.doc is None]
        if not missing:
            return [r.doc for r in rows]
        built = self._build_documents(conn, missing)
        return [r.doc if r.doc is not None else built[r.id] for r in rows]

    def _build_documents(self, conn: Connection, ids: Sequence[int]) -> dict[int, str]:
        catalog = self._catalog(conn)
        rows = conn.execute(select(t.observations).where(t.observations.c.id.in_(ids))).all()
        local = self._local_sources(conn, {r.edition_id for r in rows if r.edition_id})
        return {r.id: document_text(observation_document(
            observation_of(r), catalog, r.edition_id, local.get(r.edition_id, {})))
            for r in rows}

    def count_observations(self) -> int:
        with self._reading() as conn:
            return int(conn.execute(select(func.count()).select_from(t.observations)).scalar()
                       or 0)

    def source(self, source_id: str, scope: str = "") -> Source | None:
        """A source by id, looked up in an edition's own sources first, then the reference."""
        with self._reading() as conn:
            for candidate in dict.fromkeys((scope, "")):
                row = conn.execute(select(t.sources).where(
                    t.sources.c.scope == candidate, t.sources.c.id == source_id)).first()
                if row is not None:
                    return from_data(Source, row._asdict())
        return None

    # == assessment (findings, resolutions, qualities, preferred figures) =================
    def save_assessment(self, assessment: Assessment) -> None:
        """Store an edition's findings, resolutions and figure qualities (inside a load's
        or import's transaction, on the view `Assess` receives)."""
        conn = self._writing()
        edition_id = assessment.edition
        conn.execute(delete(t.findings).where(t.findings.c.edition_id == edition_id))
        conn.execute(delete(t.resolutions).where(t.resolutions.c.edition_id == edition_id))
        if assessment.findings:
            conn.execute(insert(t.findings), [
                {"edition_id": edition_id, "position": i, "rule": f.rule,
                 "severity": f.severity.value, "open_error": f.is_open_error,
                 "payload": to_data(f)} for i, f in enumerate(assessment.findings)])
        self._insert_resolutions(conn, edition_id, assessment.resolutions)
        conn.execute(update(t.observations).where(t.observations.c.edition_id == edition_id)
                     .values(quality=None))
        conn.execute(update(t.evolution_claims)
                     .where(t.evolution_claims.c.edition_id == edition_id).values(quality=None))
        # Content items (directory entries, texts) have no quality column: their resolutions
        # are read with Store.resolutions.
        figures = [(k, q) for k, q in assessment.qualities.items()
                   if not k.is_evolution and not k.is_item]
        claims = [(k, q) for k, q in assessment.qualities.items() if k.is_evolution]
        key = [t.observations.c.edition_id == bindparam("e"),
               t.observations.c.place == bindparam("p"),
               t.observations.c.indicator == bindparam("i"),
               t.observations.c.territory == bindparam("t"),
               t.observations.c.period == bindparam("d"),
               t.observations.c.dimension.is_not_distinct_from(bindparam("m"))]
        if figures:
            conn.execute(update(t.observations).where(*key).values(quality=bindparam("q")), [
                {"e": edition_id, "p": k.place, "i": k.indicator, "t": k.territory,
                 "d": k.period, "m": k.dimension, "q": to_data(q)} for k, q in figures])
        claim_key = [t.evolution_claims.c.edition_id == bindparam("e"),
                     t.evolution_claims.c.place == bindparam("p"),
                     t.evolution_claims.c.indicator == bindparam("i"),
                     t.evolution_claims.c.territory == bindparam("t"),
                     t.evolution_claims.c.base_period == bindparam("b"),
                     t.evolution_claims.c.period == bindparam("d")]
        if claims:
            conn.execute(update(t.evolution_claims).where(*claim_key)
                         .values(quality=bindparam("q")), [
                {"e": edition_id, "p": k.place, "i": k.indicator, "t": k.territory,
                 "b": k.base_period, "d": k.period, "q": to_data(q)} for k, q in claims])
        # The documents the API and exports give carry the qualities just decided.
        self._rewrite_documents(conn, self._catalog(conn),
                                t.observations.c.edition_id == edition_id)

    @staticmethod
    def _insert_resolutions(conn: Connection, edition_id: str,
                            resolutions: Sequence[Resolution]) -> None:
        if resolutions:
            conn.execute(insert(t.resolutions), [
                {"edition_id": edition_id, "position": i, "payload": to_data(r)}
                for i, r in enumerate(resolutions)])

    def save_preferred(self, ids: Iterable[int]) -> None:
        """Mark exactly the figures `ids` as the preferred ones of their keys."""
        conn = self._writing()
        conn.execute(update(t.observations).values(preferred=False))
        chosen = sorted(set(ids))
        for start in range(0, len(chosen), 5000):  # bounded IN lists
            conn.execute(update(t.observations)
                         .where(t.observations.c.id.in_(chosen[start:start + 5000]))
                         .values(preferred=True))

    def preference_candidates(self) -> list[Candidate]:
        """Every stored figure as the preferred-figure policy sees it (derive/preferred.py),
        read without building the figures: a load or an import ranks them all."""
        o = t.observations
        query = (select(o.c.id, o.c.indicator, o.c.territory, o.c.period, o.c.dimension,
                        o.c.status, o.c.quality, o.c.edition_id,
                        t.batches.c.kind.label("batch_kind"))
                 .join(t.batches, t.batches.c.id == o.c.batch_id))
        candidates = []
        with self._reading() as conn:
            for r in conn.execute(query):
                region, _, year = (r.edition_id or "").partition("-")
                quality = QualityStatus((r.quality or {}).get("status", "ok"))
                candidates.append(Candidate(
                    None, origin_of(r.territory, region or None, r.batch_kind),
                    int(year) if year else None, r.id,
                    key=(r.indicator, r.territory, r.period, r.dimension),
                    trust=trust_of(Status(r.status), quality)))
        return candidates

    def findings(self, edition_id: str) -> list[Finding]:
        """The findings stored for an edition at its last load, in report order, each with
        the editor's resolution when there is one."""
        with self._reading() as conn:
            return [from_data(Finding, r.payload) for r in conn.execute(
                select(t.findings.c.payload).where(t.findings.c.edition_id == edition_id)
                .order_by(t.findings.c.position))]

    def open_errors(self, edition_id: str) -> list[Finding]:
        """The errors of an edition no editor resolved (what blocks a public build)."""
        with self._reading() as conn:
            return [from_data(Finding, r.payload) for r in conn.execute(
                select(t.findings.c.payload).where(t.findings.c.edition_id == edition_id,
                                                   t.findings.c.open_error.is_(True))
                .order_by(t.findings.c.position))]

    def resolutions(self, edition_id: str) -> list[Resolution]:
        """The editor's resolutions of an edition, in file order, each quoting the figure
        as printed (`printed`)."""
        with self._reading() as conn:
            return [from_data(Resolution, r.payload) for r in conn.execute(
                select(t.resolutions.c.payload)
                .where(t.resolutions.c.edition_id == edition_id)
                .order_by(t.resolutions.c.position))]
