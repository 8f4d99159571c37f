"""The API's observation queries as SQL text on a DB-API connection: a filter, its WHERE
clause (store/schema.py's observations columns) and its parameters as each driver binds
them. The expression language cost more than the queries on the API's hottest read."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import text as sql_text
from sqlalchemy.sql.elements import TextClause

from monoreg.model import Period


@dataclass(frozen=True)
class ObservationFilter:
    """Which figures an API query asks for; every field given must hold (None: any)."""

    territories: Sequence[str] | None = None
    indicators: Sequence[str] | None = None
    editions: Sequence[str] | None = None
    period: str | None = None               # a period code, exactly
    period_from: Period | None = None       # periods ending on or after its start
    period_to: Period | None = None         # periods starting on or before its end
    preferred: bool | None = None           # True: the preferred figure of each key only


def spread(name: str, count: int) -> str:
    return ", ".join(f":{name}_{i}" for i in range(count))


@lru_cache(maxsize=256)
def statement(sql: str) -> TextClause:
    """The API's queries as SQL text, built once per shape of filter."""
    return sql_text(sql)


_NAMED = re.compile(r":(\w+)")


@lru_cache(maxsize=256)
def driver_sql(sql: str, sqlite: bool) -> str:
    """`:name` parameters in the DB-API driver's style (pysqlite takes them as they are,
    psycopg as %(name)s)."""
    return sql if sqlite else _NAMED.sub(r"%(\1)s", sql)


def driver_params(params: dict[str, Any], sqlite: bool) -> dict[str, Any]:
    """Parameters as the driver binds them: lists spread into name_0, name_1…; dates as the
    Date columns hold them on SQLite (ISO text)."""
    bound: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, list):
            bound.update({f"{name}_{i}": v for i, v in enumerate(value)})
        elif sqlite and isinstance(value, date):
            bound[name] = value.isoformat()
        else:
            bound[name] = value
    return bound


def where_clause(f: ObservationFilter) -> tuple[str, dict[str, Any]]:
    """The WHERE clause of a filter (columns of store/schema.py's observations table) and
    its parameters; the clause depends only on which filters are given."""
    conditions: list[str] = []
    params: dict[str, Any] = {}

    def equal(column: str, values: Sequence[str] | None) -> None:
        if values is None:
            return
        if len(values) == 1:
            conditions.append(f"{column} = :{column}")
            params[column] = values[0]
        else:
            conditions.append(f"{column} IN ({spread(column, len(values))})")
            params[column] = list(values)

    equal("territory", f.territories)
    equal("indicator", f.indicators)
    if f.editions is not None:
        conditions.append(f"edition_id IN ({spread('editions', len(f.editions))})")
        params["editions"] = list(f.editions)
    if f.period is not None:
        conditions.append("period = :period")
        params["period"] = f.period
    if f.preferred is not None:
        conditions.append("preferred = :preferred")
        params["preferred"] = f.preferred
    if f.period_from is not None:
        conditions.append("period_end >= :period_from")
        params["period_from"] = f.period_from.start
    if f.period_to is not None:
        conditions.append("period_start <= :period_to")
        params["period_to"] = f.period_to.end
    return (" WHERE " + " AND ".join(conditions) if conditions else ""), params
