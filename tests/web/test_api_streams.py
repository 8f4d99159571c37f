"""CSV streams and the store's pool of connections: readers that stop reading must not
starve the other requests (bench/load.py once saw 16 streams hold every connection of a
worker, and the next page waited 30 s for one)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from monoreg.web.portal import MAX_STREAMS

STALLED_READERS = 20  # more than the pool holds (8 + 8 connections on SQLite)


async def _call(app: FastAPI, query: str, stalled: list[int] | None = None
                ) -> list[dict[str, Any]]:
    """One GET of /api/v1/observations straight through ASGI; with `stalled`, a reader who
    takes the header line and then stops reading (its send never returns)."""
    sent: list[dict[str, Any]] = []
    never = asyncio.Event()

    async def receive() -> dict[str, Any]:
        await never.wait()  # the client neither sends more nor goes away
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)
        bodies = sum(m["type"] == "http.response.body" for m in sent)
        if stalled is not None and bodies == 2:  # the header line went; the rows wait
            stalled.append(1)
            await never.wait()

    path = "/api/v1/observations"
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": query.encode(), "root_path": "", "headers": [(b"host", b"t")],
             "server": ("t", 80), "client": ("127.0.0.1", 50000)}
    await app(scope, receive, send)
    return sent


def test_stalled_csv_readers_leave_connections_for_a_json_page(app: FastAPI) -> None:
    async def scenario() -> list[dict[str, Any]]:
        stalled: list[int] = []
        readers = [asyncio.create_task(_call(app, "format=csv", stalled))
                   for _ in range(STALLED_READERS)]
        for _ in range(200):  # until every stream allowed to run holds its connection
            if len(stalled) >= MAX_STREAMS:
                break
            await asyncio.sleep(0.05)
        assert len(stalled) == MAX_STREAMS  # the others wait their turn, holding nothing
        try:
            # Unbounded, this call waited for the pool on the event loop (30 s, then 500).
            return await asyncio.wait_for(_call(app, "limit=5&offset=7"), 10)
        finally:
            for reader in readers:
                reader.cancel()
            await asyncio.gather(*readers, return_exceptions=True)

    page = asyncio.run(scenario())
    assert page[0]["type"] == "http.response.start" and page[0]["status"] == 200
    assert b'"offset":7' in b"".join(m.get("body", b"") for m in page[1:])


def test_a_stream_whose_reader_left_gives_its_turn_to_the_next(app: FastAPI,
                                                               tmp_path: Path) -> None:
    async def scenario() -> bytes:
        stalled: list[int] = []
        first = [asyncio.create_task(_call(app, "format=csv", stalled))
                 for _ in range(MAX_STREAMS)]
        for _ in range(200):
            if len(stalled) >= MAX_STREAMS:
                break
            await asyncio.sleep(0.05)
        for reader in first:  # the readers go away
            reader.cancel()
        await asyncio.gather(*first, return_exceptions=True)
        answer = await asyncio.wait_for(_call(app, "format=csv"), 10)
        return b"".join(m.get("body", b"") for m in answer[1:])

    body = asyncio.run(scenario())
    assert body.count(b"\r\n") > 10  # the whole CSV, header and rows
