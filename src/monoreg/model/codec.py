"""Plain JSON data from model objects and back (used by the store and the exports)."""

from __future__ import annotations

import dataclasses
import types
import typing
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from monoreg.model.period import Period, parse_period

T = TypeVar("T")


def to_data(obj: Any) -> Any:
    """JSON-ready data: Decimals as strings (exact), periods as their code, enums as values."""
    if isinstance(obj, Enum):
        return obj.value
    if obj is None or isinstance(obj, str | int | float | bool):
        return obj
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, Period):
        return obj.code
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                if not f.name.startswith("_")}
    if isinstance(obj, tuple | list):
        return [to_data(item) for item in obj]
    if isinstance(obj, dict):
        return {str(k): to_data(v) for k, v in obj.items()}
    raise TypeError(f"cannot encode {type(obj).__name__}")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(hint: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decode(options[0], data)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in data)
        return tuple(_decode(a, item) for a, item in zip(args, data, strict=True))
    if origin is dict:
        _, value_hint = typing.get_args(hint)
        return {k: _decode(value_hint, v) for k, v in data.items()}
    if hint is Period:
        return parse_period(data)
    if hint is Decimal:
        return Decimal(data)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_data(hint, data)
    return data


def from_data(cls: type[T], data: dict[str, Any]) -> T:
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls) if f.init}  # type: ignore[arg-type]
    return cls(**{k: _decode(hints[k], v) for k, v in data.items() if k in names})
