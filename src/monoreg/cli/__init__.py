"""The `monoreg` command: parse, call one library function, print. Rich stays in cli/.

Each module registers its commands on the shared `app` (cli/common.py).
"""

from __future__ import annotations

# Importing a command module registers its commands on the shared app.
from monoreg.cli import (  # noqa: F401
    build,  # build
    data,  # load, show, export
    editions,  # edition new|status, diff, ranking
    imports,  # import monograph|of-list|lheo|…
    release,  # release
    serve,  # serve
    validate,  # validate
)
from monoreg.cli.common import app


def main() -> None:
    app()


__all__ = ["app", "main"]
