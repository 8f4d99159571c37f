"""Full-text search in French over edition texts, news, contacts, the directory, the
orientation guide and its glossary, the indicators and the monographs' sections.

One interface, two backends:

- SQLite: an FTS5 table (`unicode61 remove_diacritics 2`) holding Snowball French stems
  computed here in Python, since SQLite has no French stemmer;
- PostgreSQL: the stems of `to_tsvector('french', unaccent(...))`, written at load time
  with a score into an inverted index table (`search_terms`, see _Postgres).

Both are accent-insensitive and stemmed ("formations" finds "formation"). Snippets are
highlighted here, for both backends, as parts of text flagged as matches: the caller
escapes them (the portal renders them with <mark>, the API returns them as data).

The index is rebuilt from the store's edition items by `rebuild_index(conn)`, inside the
load's transaction.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import snowballstemmer
from sqlalchemy import (
    Connection,
    Engine,
    delete,
    func,
    insert,
    select,
    text,
)

from monoreg.errors import UsageError
from monoreg.model import (
    Contact,
    DirectoryEntry,
    GlossaryEntry,
    GuidePublic,
    Measure,
    MeasureStatus,
    NetworkLink,
    Text,
)
from monoreg.model.codec import from_data
from monoreg.model.names import fold
from monoreg.store import schema as t

DIRECTORY_TYPE = "annuaire"
CONTACT_TYPE = "contact"
GUIDE_TYPE = "guide"            # a public of the orientation guide and its structures
GLOSSARY_TYPE = "sigle"         # an acronym of the guide's glossary
NETWORK_TYPE = "reseau"         # where to find a network's local offices
INDICATOR_TYPE = "indicateur"
SECTION_TYPE = "section"        # a section of an edition's monograph
MEASURE_TYPE = "mesure"
SNIPPET_WORDS = 30
MAX_QUERY_WORDS = 16

_WORD = re.compile(r"\w+")
# French function words, folded: they carry no meaning for search (PostgreSQL's 'french'
# configuration drops its own list; this one keeps SQLite close to it).
_STOPWORD_TEXT = """
a au aux avec ce ces c d dans de des du elle elles en et eux il ils j je l la le les leur
leurs lui m ma mais me meme mes moi mon n ne nos notre nous on ou par pas pour qu que qui
s sa se ses son sur t ta te tes toi ton tu un une vos votre vous y est sont ete etre cet
cette
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    return snowballstemmer.stemmer("french")


def has_words(value: str) -> bool:
    """Whether a query holds a word to search for (« les » alone does not)."""
    return bool(stems(value))


def stems(value: str) -> list[str]:
    """The searchable stems of a text: folded (no case, no accents), stop words dropped."""
    return [_stem(word) for word in _WORD.findall(fold(value)) if word not in _STOPWORDS]


# == the interface ========================================================================
@dataclass(frozen=True)
class SearchQuery:
    text: str
    region: str | None = None      # region code
    type: str | None = None        # a text type, 'contact' or 'annuaire'
    year: int | None = None
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True)
class Part:
    """A piece of a title or snippet; `match` marks the words the query found."""

    text: str
    match: bool = False


@dataclass(frozen=True)
class SearchHit:
    kind: str                      # text | contact | directory | guide_public | glossary
    #                                | network | indicator | section
    type: str
    region: str | None
    edition: str | None
    year: int | None
    date: str | None
    position: int                  # index among its edition's items of its kind (0 = first)
    title: tuple[Part, ...]
    snippet: tuple[Part, ...]


@dataclass(frozen=True)
class SearchResults:
    total: int
    hits: tuple[SearchHit, ...]


@dataclass(frozen=True)
class SearchFacets:
    """The values the filters can take, as indexed."""

    types: tuple[str, ...]
    years: tuple[int, ...]
    regions: tuple[str, ...]


class SearchIndex:
    """Searches the index of one store; the backend follows the engine's dialect."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._backend = _backend(engine.dialect.name)

    def search(self, query: SearchQuery) -> SearchResults:
        words = stems(query.text)
        if not words:
            raise UsageError("la recherche ne contient aucun mot à chercher")
        if len(words) > MAX_QUERY_WORDS:
            raise UsageError(f"la recherche compte plus de {MAX_QUERY_WORDS} mots")
        with self.engine.connect() as conn:
            total, rows = self._backend.search(conn, query, words)
        wanted = frozenset(words)
        return SearchResults(total, tuple(_hit(row, wanted) for row in rows))

    def facets(self) -> SearchFacets:
        d = t.search_docs.c
        with self.engine.connect() as conn:
            types = conn.execute(select(d.type).distinct().order_by(d.type)).scalars().all()
            years = conn.execute(select(d.year).where(d.year.is_not(None)).distinct()
                                 .order_by(d.year.desc())).scalars().all()
            regions = conn.execute(select(d.region).where(d.region.is_not(None)).distinct()
                                   .order_by(d.region)).scalars().all()
        return SearchFacets(tuple(types), tuple(years), tuple(regions))

    def vocabulary(self) -> tuple[str, ...]:
        """The words of the indexed titles (folded, no stop words), to suggest close words
        when a query finds nothing."""
        with self.engine.connect() as conn:
            titles = conn.execute(select(t.search_docs.c.title)).scalars().all()
        words = {w for title in titles for w in _WORD.findall(fold(title))
                 if len(w) > 2 and w not in _STOPWORDS and not w.isdigit()}
        return tuple(sorted(words))

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t.search_docs))
                       .scalar_one())


def _tags(region: str | None, type: str | None, year: int | None) -> list[str]:
    """Filter values as tokens of a hidden FTS column, so that SQLite filters inside the
    index instead of joining every match ('r28', 'tcper', 'y2019')."""
    values = (("r", region), ("t", type), ("y", None if year is None else str(year)))
    return [prefix + _NOT_TOKEN.sub("", value) for prefix, value in values if value]


_NOT_TOKEN = re.compile(r"[\W_]+")


def _documents(conn: Connection, ids: list[int]) -> list[Any]:
    """The documents of a ranked page, in its order."""
    rows = {r.id: r for r in conn.execute(
        select(t.search_docs).where(t.search_docs.c.id.in_(ids)))}
    return [rows[i] for i in ids]


# == backends ===========================================================================
class _Sqlite:
    def search(self, conn: Connection, query: SearchQuery, words: list[str]
               ) -> tuple[int, list[Any]]:
        # Stems and tags are \w+: quoting them is enough to keep FTS5 syntax out.
        match = " ".join([*(f'"{w}"' for w in words),
                          *(f'tags:"{tag}"' for tag in _tags(query.region, query.type,
                                                            query.year))])
        # One pass: the count rides along the ranked page (a window over every match);
        # bm25: lower is better; a match in the title weighs five times one in the body.
        ranked = conn.execute(text(
            "SELECT id, count(*) OVER () FROM (SELECT rowid AS id, bm25(search_fts, 5.0, 1.0, "
            "0.0) AS score FROM search_fts WHERE search_fts MATCH :m) "
            "ORDER BY score, id LIMIT :limit OFFSET :offset"),
            {"m": match, "limit": query.limit, "offset": query.offset}).all()
        ids = [r[0] for r in ranked]
        total = ranked[0][1] if ranked else conn.execute(text(
            "SELECT count(*) FROM search_fts WHERE search_fts MATCH :m"), {"m": match}
        ).scalar_one()
        return int(total), _documents(conn, ids)

    def write(self, conn: Connection, docs: list[dict[str, Any]]) -> None:
        conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('delete-all')"))
        if docs:
            conn.execute(text("INSERT INTO search_fts(rowid, title, body, tags) "
                              "VALUES (:id, :title, :body, :tags)"),
                         [{"id": d["id"], "title": " ".join(stems(d["title"])),
                           "body": " ".join(stems(d["body"])),
                           "tags": " ".join(_tags(d["region"], d["type"], d["year"]))}
                          for d in docs])


class _Postgres:
    """An inverted index in a plain table, `search_terms`: one row per (stem, document)
    with the document's filters and a score computed at load time. A query reads the rows
    of its stems only (a b-tree range each) and sums their scores, so a word found in
    thousands of texts costs a few milliseconds; ranking with ts_rank over a GIN match
    scored every matching row again at each query (20 ms for 3 000 texts).

    The score is BM25's term weight without the IDF (k1 = 1.2, b = 0.75), the frequency
    counting a title occurrence five times as SQLite's bm25 call does; every result holds
    every stem of the query, so the IDF would weigh all of them alike."""

    def search(self, conn: Connection, query: SearchQuery, words: list[str]
               ) -> tuple[int, list[Any]]:
        conditions = "".join(f" AND t.{name} = :{name}" for name in ("region", "type", "year")
                             if getattr(query, name) is not None)
        params = {"q": query.text, "region": query.region, "type": query.type,
                  "year": query.year, "limit": query.limit, "offset": query.offset}
        hits = _PG_HITS.format(conditions=conditions)
        # One pass: the count rides along the ranked page (a window over every match).
        ranked = conn.execute(text(
            hits + "SELECT doc_id, count(*) OVER () FROM hits ORDER BY score DESC, doc_id "
            "LIMIT :limit OFFSET :offset"), params).all()
        ids = [r[0] for r in ranked]
        total = ranked[0][1] if ranked else conn.execute(
            text(hits + "SELECT count(*) FROM hits"), params).scalar_one()
        return int(total), _documents(conn, ids)

    def write(self, conn: Connection, docs: list[dict[str, Any]]) -> None:
        # DELETE, not TRUNCATE: readers keep the old index until the load commits.
        conn.execute(text("DELETE FROM search_terms"))
        conn.execute(text(PG_FILL_TERMS))
        conn.execute(text("ANALYZE search_terms"))


# The stems of the query as PostgreSQL's 'french' configuration makes them (the same as
# plainto_tsquery's), and the documents holding all of them with their summed score.
_PG_HITS = (
    "WITH q AS (SELECT tsvector_to_array(to_tsvector('french', unaccent(:q))) AS stems), "
    "hits AS (SELECT t.doc_id, sum(t.score) AS score FROM search_terms t, q "
    "WHERE t.lexeme = ANY(q.stems){conditions} GROUP BY t.doc_id "
    "HAVING count(*) = (SELECT cardinality(stems) FROM q)) ")

# Title words weigh 'A', body words 'B'; tf = 5 x title + body occurrences; the document's
# length is its number of distinct stems. Rows are written in stem order, so that a stem's
# rows share a few pages. Migration 0013 runs it too: it may read only search_docs' columns
# and search_terms as that migration made them.
PG_FILL_TERMS = """
WITH docs AS (
  SELECT id, region, type, year,
         setweight(to_tsvector('french', unaccent(title)), 'A') ||
         setweight(to_tsvector('french', unaccent(body)), 'B') AS tsv
  FROM search_docs),
average AS (SELECT nullif(avg(length(tsv)), 0)::real AS length FROM docs)
INSERT INTO search_terms (lexeme, doc_id, score, region, type, year)
SELECT u.lexeme, d.id,
       f.tf * 2.2 / (f.tf + 1.2 * (0.25 + 0.75 * length(d.tsv) / a.length)),
       d.region, d.type, d.year
FROM docs d
CROSS JOIN average a
CROSS JOIN LATERAL unnest(d.tsv) u
CROSS JOIN LATERAL (
  SELECT 5 * coalesce(cardinality(array_positions(u.weights, 'A')), 0)
         + coalesce(cardinality(array_positions(u.weights, 'B')), 0) AS tf) f
ORDER BY u.lexeme, d.id
"""


_SQLITE = _Sqlite()
_POSTGRES = _Postgres()


def _backend(dialect_name: str) -> _Sqlite | _Postgres:
    return _POSTGRES if dialect_name == "postgresql" else _SQLITE


# == building the index ===================================================================
_INDEXED_KINDS = ("text", "contact", "directory", "guide_public", "glossary", "network")


def rebuild_index(conn: Connection) -> int:
    """Replace the search documents by the store's edition items (texts, news, contacts,
    directory) and published measures, on the caller's transaction; returns how many were
    indexed."""
    conn.execute(delete(t.search_docs))
    items, editions = t.edition_items, t.editions
    rows = conn.execute(
        select(items.c.kind, items.c.position, items.c.payload, editions.c.id,
               editions.c.region, editions.c.year)
        .join(editions, editions.c.id == items.c.edition_id)
        .where(items.c.kind.in_(_INDEXED_KINDS))
        .order_by(editions.c.id, items.c.position))
    docs: list[dict[str, Any]] = []
    seen: Counter[tuple[str, str]] = Counter()
    for row in rows:
        position = seen[row.id, row.kind]
        seen[row.id, row.kind] += 1   # an item's position among its kind, indexed or not
        if row.kind == "contact" and from_data(Contact, row.payload).is_blank:
            continue   # a blank row of the print's form is nobody to find
        docs.append({"id": len(docs) + 1, "edition_id": row.id, "kind": row.kind,
                     "position": position,
                     **_document(row.kind, row.payload, row.region, row.year)})
        seen[row.id, row.kind] += 1
    # Published measures; position is the measure's place in its edition's measures.
    measures = conn.execute(
        select(t.measures.c.position, t.measures.c.payload, editions.c.id, editions.c.year)
        .join(editions, editions.c.id == t.measures.c.edition_id)
        .where(t.measures.c.status != MeasureStatus.PROPOSED.value)
        .order_by(editions.c.id, t.measures.c.position))
    for number, found in enumerate(measures, start=len(docs) + 1):
        measure = from_data(Measure, found.payload)
        docs.append({"id": number, "edition_id": found.id, "kind": "measure",
                     "position": found.position, "type": MEASURE_TYPE,
                     "region": measure.region, "title": measure.title,
                     "body": _joined((measure.summary, measure.territory, measure.text)),
                     "year": measure.start.year if measure.start else found.year,
                     "date": measure.start.code if measure.start else None})
    docs += _catalog_documents(conn, len(docs))
    if docs:
        conn.execute(insert(t.search_docs), docs)
    _backend(conn.dialect.name).write(conn, docs)
    return len(docs)


def _catalog_documents(conn: Connection, first: int) -> list[dict[str, Any]]:
    """The indicators (label, short label, definition) and each edition's sections (title
    and the labels of its indicators): what a reader looks up by name."""
    docs: list[dict[str, Any]] = []
    labels: dict[str, list[str]] = {}
    for row in conn.execute(select(t.indicators).order_by(t.indicators.c.id)):
        labels.setdefault(row.section, []).append(row.label)
        docs.append({"edition_id": None, "kind": "indicator", "type": INDICATOR_TYPE,
                     "region": None, "year": None, "date": None, "title": row.label,
                     "body": _joined((row.short_label, row.definition))})
    sections = conn.execute(select(t.sections).order_by(t.sections.c.position)).all()
    for edition in conn.execute(select(t.editions.c.id, t.editions.c.region,
                                       t.editions.c.year).order_by(t.editions.c.id)):
        docs += [{"edition_id": edition.id, "kind": "section", "type": SECTION_TYPE,
                  "region": edition.region, "year": edition.year, "date": None,
                  "title": s.title, "body": _joined(labels.get(s.id, ()))} for s in sections]
    return [{**doc, "id": first + n, "position": n}
            for n, doc in enumerate(docs, start=1)]


def _joined(values: Iterable[str | None]) -> str:
    return " · ".join(v for v in values if v)


def _document(kind: str, payload: dict[str, Any], region: str, year: int) -> dict[str, Any]:
    """The searchable fields of one edition item."""
    if kind == "text":
        item = from_data(Text, payload)
        return {"type": item.type.value, "region": region, "title": item.title,
                "body": item.body, "year": item.date.year if item.date else year,
                "date": item.date.code if item.date else None}
    if kind == "contact":
        contact = from_data(Contact, payload)
        return {"type": CONTACT_TYPE, "region": region, "title": contact.organisation,
                "body": _joined((contact.unit, contact.role, contact.person, contact.phone,
                                 contact.email, contact.website)),
                "year": year, "date": None}
    if kind == "guide_public":
        public = from_data(GuidePublic, payload)
        return {"type": GUIDE_TYPE, "region": region, "title": public.label,
                "body": _joined((public.group, public.need, ", ".join(public.structures))),
                "year": year, "date": None}
    if kind == "glossary":
        entry_ = from_data(GlossaryEntry, payload)
        return {"type": GLOSSARY_TYPE, "region": region, "title": entry_.acronym,
                "body": entry_.definition, "year": year, "date": None}
    if kind == "network":
        link = from_data(NetworkLink, payload)
        return {"type": NETWORK_TYPE, "region": region, "title": link.network,
                "body": link.url, "year": year, "date": None}
    entry = from_data(DirectoryEntry, payload)
    return {"type": DIRECTORY_TYPE, "region": entry.territory, "title": entry.organisation,
            "body": _joined((entry.territory_label, *(p.number for p in entry.phones),
                             *entry.emails, *entry.websites, *entry.public_websites)),
            "year": year, "date": None}


# == highlighting =========================================================================
@lru_cache(maxsize=65536)
def _word_stem(word: str) -> str:
    """The stem a word is indexed under ('' for a stop word)."""
    folded = fold(word)
    return "" if folded in _STOPWORDS else _stem(folded)


def _is_match(word: str, wanted: frozenset[str]) -> bool:
    return _word_stem(word) in wanted


def highlight(value: str, wanted: frozenset[str], window: int | None = None
              ) -> tuple[Part, ...]:
    """`value` cut into parts, the words whose stem is wanted flagged; with `window`, only
    about that many words around the first match, with '…' where text is left out."""
    value = " ".join(value.split())
    if window is None:
        tokens = list(_WORD.finditer(value))
        return tuple(_parts(value, tokens, wanted, 0, len(value)))
    tokens = _window(value, wanted, window)
    if not tokens:
        return tuple(_parts(value, tokens, wanted, 0, len(value)))
    first = _WORD.search(value)
    start = 0 if first is not None and tokens[0].start() == first.start() \
        else tokens[0].start()
    following = _WORD.search(value, tokens[-1].end())
    end = len(value) if following is None else tokens[-1].end()
    return tuple(_parts(value, tokens, wanted, start, end))


def _window(value: str, wanted: frozenset[str], window: int) -> list[re.Match[str]]:
    """About `window` words around the first match (from the start without a match),
    reading the text only as far as needed."""
    before: deque[re.Match[str]] = deque(maxlen=window // 4)
    taken: list[re.Match[str]] = []
    leading: list[re.Match[str]] = []  # the first `window` words, if nothing matches
    for token in _WORD.finditer(value):
        if taken:
            taken.append(token)
            if len(taken) >= window:
                break
            continue
        if len(leading) < window:
            leading.append(token)
        if _is_match(token.group(), wanted):
            taken = [*before, token]
            if len(taken) >= window:
                break
        else:
            before.append(token)
    if not taken:
        return leading
    if len(taken) < window:  # near the end: widen the window backwards, as before
        missing = window - len(taken)
        earlier = [m for m in _WORD.finditer(value, 0, taken[0].start())]
        taken = [*earlier[max(0, len(earlier) - missing):], *taken]
    return taken


def _parts(value: str, tokens: list[re.Match[str]], wanted: frozenset[str], start: int,
           end: int) -> Iterator[Part]:
    """Parts of value[start:end], whose words are `tokens`."""
    if start > 0:
        yield Part("… ")
    cursor = start
    for token in tokens:
        if not _is_match(token.group(), wanted):
            continue
        if token.start() > cursor:
            yield Part(value[cursor:token.start()])
        yield Part(token.group(), True)
        cursor = token.end()
    if cursor < end:
        yield Part(value[cursor:end])
    if end < len(value):
        yield Part(" …")


def _hit(row: Any, wanted: frozenset[str]) -> SearchHit:
    return SearchHit(kind=row.kind, type=row.type, region=row.region, edition=row.edition_id,
                     year=row.year, date=row.date, position=row.position,
                     title=highlight(row.title, wanted),
                     snippet=highlight(row.body, wanted, SNIPPET_WORDS))
