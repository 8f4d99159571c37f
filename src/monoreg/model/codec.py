"""Plain JSON data from model objects and back (used by the store and the exports).

Both directions run on pydantic's TypeAdapter over the model's own type hints, so a Union is
decoded by what the data is (not by the first member of the hint), and a value of the wrong
type is an error rather than passed through. The shape: Decimals as strings (exact), periods
as their code (Period's own schema), enums as their value, tuples as lists; fields marked
`Field(exclude=True)` (look-up caches) are left out.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from pydantic import TypeAdapter

T = TypeVar("T")


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}  # one per model type: building one takes time


def _adapter(hint: Any) -> TypeAdapter[Any]:
    adapter = _ADAPTERS.get(hint)
    if adapter is None:
        adapter = _ADAPTERS[hint] = TypeAdapter(hint)
    return adapter


def to_data(obj: Any) -> Any:
    """JSON-ready data of a model object, or of a list or dict of them."""
    if isinstance(obj, list | tuple):
        return [to_data(item) for item in obj]
    if isinstance(obj, dict):
        return {str(k): to_data(v) for k, v in obj.items()}
    return _adapter(type(obj)).dump_python(obj, mode="json")


def from_data(cls: type[T], data: Any) -> T:
    """The model object `to_data` gave `data` for."""
    return cast(T, _adapter(cls).validate_python(data))
