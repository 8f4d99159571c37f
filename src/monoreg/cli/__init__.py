"""The `monoreg` command: parse, call one library function, print. Rich stays in cli/.

Each module registers its commands on the shared `app` (cli/common.py).
"""

from __future__ import annotations

import monoreg.cli.editions  # registers edition new|status, diff, ranking
import monoreg.cli.imports  # noqa: F401  (registers import monograph|of-list|lheo|…)
import monoreg.cli.serve  # noqa: F401  (registers serve)
import monoreg.cli.validate  # registers validate
from monoreg.cli import (
    build,  # noqa: F401  (registers build)
    data,  # noqa: F401  (registers load, show, export)
)
from monoreg.cli.common import app


def main() -> None:
    app()


__all__ = ["app", "main"]
