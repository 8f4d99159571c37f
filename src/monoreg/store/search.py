"""Full-text search in French over edition texts, news, contacts and the directory.

One interface, two backends:

- SQLite: an FTS5 table (`unicode61 remove_diacritics 2`) holding Snowball French stems
  computed here in Python, since SQLite has no French stemmer;
- PostgreSQL: a tsvector column filled with `to_tsvector('french', unaccent(...))` and
  queried with `plainto_tsquery('french', unaccent(...))`.

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
    ColumnElement,
    Connection,
    Engine,
    delete,
    func,
    insert,
    literal_column,
    select,
    text,
)

from monoreg.errors import UsageError
from monoreg.model import Contact, DirectoryEntry, Text
from monoreg.model.codec import from_data
from monoreg.model.names import fold
from monoreg.store import schema as t

DIRECTORY_TYPE = "annuaire"
CONTACT_TYPE = "contact"
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
    kind: str                      # text | contact | directory
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

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t.search_docs))
                       .scalar_one())


def _filters(query: SearchQuery) -> list[ColumnElement[bool]]:
    d = t.search_docs.c
    conditions = []
    if query.region is not None:
        conditions.append(d.region == query.region)
    if query.type is not None:
        conditions.append(d.type == query.type)
    if query.year is not None:
        conditions.append(d.year == query.year)
    return conditions


def _tags(region: str | None, type: str | None, year: int | None) -> list[str]:
    """Filter values as tokens of a hidden FTS column, so that SQLite filters inside the
    index instead of joining every match ('r28', 'tcper', 'y2019')."""
    values = (("r", region), ("t", type), ("y", None if year is None else str(year)))
    return [prefix + _NOT_TOKEN.sub("", value) for prefix, value in values if value]


_NOT_TOKEN = re.compile(r"[\W_]+")


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
        rows = {r.id: r for r in conn.execute(
            select(t.search_docs).where(t.search_docs.c.id.in_(ids)))}
        return int(total), [rows[i] for i in ids]

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
    _tsv: ColumnElement[Any] = literal_column("search_docs.tsv")

    def search(self, conn: Connection, query: SearchQuery, words: list[str]
               ) -> tuple[int, list[Any]]:
        # A scalar subquery, computed once: unaccent() is only STABLE, so the query
        # written inline was parsed again for every row the index returned.
        tsquery = select(func.plainto_tsquery(literal_column("'french'::regconfig"),
                                              func.unaccent(query.text))).scalar_subquery()
        matching = (self._tsv.op("@@")(tsquery), *_filters(query))
        # One pass: the count rides along the ranked page (a window over every match).
        rows = conn.execute(select(t.search_docs, func.count().over().label("total"))
                            .where(*matching)
                            .order_by(func.ts_rank_cd(self._tsv, tsquery).desc(),
                                      t.search_docs.c.id)
                            .limit(query.limit).offset(query.offset)).all()
        total = rows[0].total if rows else conn.execute(
            select(func.count()).select_from(t.search_docs).where(*matching)).scalar_one()
        return int(total), list(rows)

    def write(self, conn: Connection, docs: list[dict[str, Any]]) -> None:
        conn.execute(text(
            "UPDATE search_docs SET tsv = "
            "setweight(to_tsvector('french', unaccent(title)), 'A') || "
            "setweight(to_tsvector('french', unaccent(body)), 'B')"))


_SQLITE = _Sqlite()
_POSTGRES = _Postgres()


def _backend(dialect_name: str) -> _Sqlite | _Postgres:
    return _POSTGRES if dialect_name == "postgresql" else _SQLITE


# == building the index ===================================================================
_INDEXED_KINDS = ("text", "contact", "directory")


def rebuild_index(conn: Connection) -> int:
    """Replace the search documents by the store's edition items (texts, news, contacts,
    directory), on the caller's transaction; returns how many were indexed."""
    conn.execute(delete(t.search_docs))
    items, editions = t.edition_items, t.editions
    rows = conn.execute(
        select(items.c.kind, items.c.position, items.c.payload, editions.c.id,
               editions.c.region, editions.c.year)
        .join(editions, editions.c.id == items.c.edition_id)
        .where(items.c.kind.in_(_INDEXED_KINDS))
        .order_by(editions.c.id, items.c.position))
    docs = []
    seen: Counter[tuple[str, str]] = Counter()
    for number, row in enumerate(rows, start=1):
        docs.append({"id": number, "edition_id": row.id, "kind": row.kind,
                     "position": seen[row.id, row.kind],
                     **_document(row.kind, row.payload, row.region, row.year)})
        seen[row.id, row.kind] += 1
    if docs:
        conn.execute(insert(t.search_docs), docs)
    _backend(conn.dialect.name).write(conn, docs)
    return len(docs)


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
