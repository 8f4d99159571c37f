"""The `monoreg` command: parse, call one library function, print. Rich stays in cli/.

Each module registers its commands on the shared `app` (cli/common.py).

The command modules import monoreg's layers (store, validation, publishing…) inside the
commands, not at the top: the shell runs `monoreg` on every Tab press to complete a command
line, and building the command tree must not load them (seconds instead of a fraction).
tests/test_cli_terminal.py checks that completion does not import them.
"""

from __future__ import annotations

# Importing a command module registers its commands on the shared app.
from monoreg.cli import (  # noqa: F401
    backups,  # backup, restore
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
