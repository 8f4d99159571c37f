#!/usr/bin/env bash
# Install everything and run the whole test suite: lint, then pytest on SQLite and on a
# throwaway PostgreSQL server started here (loopback only) and stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh test
bash scripts/venv.sh test
# axe-core for the accessibility checks of the page tests (tests/web/test_browser.py)
[ -f .cache/node/node_modules/axe-core/axe.min.js ] || \
  npm install --prefix .cache/node axe-core@4 --no-audit --no-fund >/dev/null
source scripts/postgres.sh
start_postgres
trap stop_postgres EXIT
.venv/bin/ruff check src tests bench
.venv/bin/mypy  # configured in pyproject.toml ([tool.mypy]): src/
.venv/bin/python -m pytest "$@"
