"""The base of every writer: dispatch on the node's type, and refuse a node nobody writes.

A writer defines one `write_<node>` method per node type of publish/document.py (named after
the class in snake case); a node without its method is a bug, raised as UnknownNode rather
than silently left out of a publication.
"""

from __future__ import annotations

import re
from typing import Any


class UnknownNode(TypeError):
    """A writer met a node type it has no method for."""


def _method_name(node: Any) -> str:
    return "write_" + re.sub(r"(?<!^)(?=[A-Z])", "_", type(node).__name__).lower()


class Writer:
    def write(self, node: Any) -> str:
        method = getattr(self, _method_name(node), None)
        if method is None:
            raise UnknownNode(f"{type(self).__name__} cannot write a {type(node).__name__}")
        return str(method(node))

    def write_all(self, nodes: Any, separator: str = "\n") -> str:
        return separator.join(self.write(node) for node in nodes)
