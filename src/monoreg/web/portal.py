"""What the web app serves from: the store, its search index, and a snapshot of the store's
reference data and editions that follows the store's version.

The data only change when `monoreg load` (or an import, or the admin reload) commits; the
portal rechecks the store's version at most once per `recheck` seconds and then starts a new
snapshot, so a load shows on the portal within that delay, without a restart.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import anyio

from monoreg.model import Catalog, Edition, Finding
from monoreg.store.repository import EditionSummary, Store
from monoreg.store.search import SearchIndex

T = TypeVar("T")

MAX_STREAMS = 4
"""CSV answers a worker streams at once. A stream holds a store connection from its first
row to its last, also while it waits for a slow reader, with no thread; every other query
holds one only while it runs. Below the pool's size (8 + 8 on SQLite, 5 + 10 on
PostgreSQL), streams can never take every connection: unbounded, 16 of them did under load
(bench/load.py), and the next query waited 30 s for the pool, on the event loop."""


@dataclass
class Snapshot:
    """The store as of one version: catalogue, edition list, and editions read on demand."""

    version: str
    catalog: Catalog
    editions: tuple[EditionSummary, ...]
    store: Store
    _loaded: dict[str, Edition] = field(default_factory=dict)
    _memo: dict[str, Any] = field(default_factory=dict)
    _lock: threading.RLock = field(default_factory=threading.RLock)

    def edition(self, summary: EditionSummary) -> Edition:
        with self._lock:
            if summary.id not in self._loaded:
                self._loaded[summary.id] = self.store.edition(summary.region, summary.year)
            return self._loaded[summary.id]

    def findings(self, summary: EditionSummary) -> list[Finding]:
        """The edition's findings as stored at load (the same `monoreg validate` reports)."""
        return self.memo(f"findings-{summary.id}", lambda: self.store.findings(summary.id))

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """A value computed once per snapshot (search facets, map indicators)."""
        with self._lock:
            if key not in self._memo:
                self._memo[key] = build()
            value: T = self._memo[key]
            return value

    def editions_of(self, region: str) -> list[EditionSummary]:
        return [e for e in self.editions if e.region == region]

    def latest(self, region: str) -> EditionSummary | None:
        mine = self.editions_of(region)
        return max(mine, key=lambda e: e.year) if mine else None


@dataclass(frozen=True)
class CachedBody:
    body: bytes
    media_type: str
    etag: str


class ResponseCache:
    """Rendered responses of the current snapshot, least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[str, ...], CachedBody] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...]) -> CachedBody | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: tuple[str, ...], entry: CachedBody) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class Portal:
    def __init__(self, store: Store, *, build_dir: Path, data_dir: Path,
                 admin_token: str | None = None, recheck: float = 1.0,
                 cache_size: int = 512) -> None:
        self.store = store
        self.search = SearchIndex(store.engine)
        self.build_dir = build_dir
        self.data_dir = data_dir
        self.admin_token = admin_token
        self.recheck = recheck
        self.cache = ResponseCache(cache_size)
        self.streams = anyio.Semaphore(MAX_STREAMS)  # not bound to one event loop
        self._snapshot: Snapshot | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def fresh(self) -> Snapshot | None:
        """The snapshot when it was checked less than `recheck` seconds ago, or while another
        request is checking it (no I/O, no waiting); None when it is time to check."""
        current = self._snapshot
        if current is not None and (time.monotonic() - self._checked < self.recheck
                                    or self._lock.locked()):
            return current
        return None

    def snapshot(self) -> Snapshot:
        now = time.monotonic()
        current = self._snapshot
        if current is not None and now - self._checked < self.recheck:
            return current
        with self._lock:
            version = self.store.version()
            if self._snapshot is None or self._snapshot.version != version:
                self._snapshot = Snapshot(version, self.store.catalog(),
                                          tuple(self.store.editions()), self.store)
                self.cache.clear()
            self._checked = now
            return self._snapshot

    def forget(self) -> None:
        """Drop the snapshot at once (after a reload made by this process)."""
        with self._lock:
            self._snapshot = None
            self._checked = 0.0
            self.cache.clear()
