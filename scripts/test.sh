#!/usr/bin/env bash
# Install everything and run the whole test suite: lint, then pytest on SQLite and on a
# throwaway PostgreSQL server started here (loopback only) and stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/venv.sh test
source scripts/postgres.sh
start_postgres
trap stop_postgres EXIT
.venv/bin/ruff check src tests bench
.venv/bin/python -m pytest "$@"
