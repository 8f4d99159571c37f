#!/usr/bin/env bash
# start_postgres / stop_postgres: a throwaway PostgreSQL server on 127.0.0.1 for the tests.
# Sets MONOREG_TEST_POSTGRES_URL. Runs the server as the 'postgres' user when we are root.

PG_PORT="${PG_PORT:-55432}"

start_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ]; then
    echo "PostgreSQL is not installed (scripts/system-deps.sh installs it)" >&2
    return 1
  fi
  PG_DIR=$(mktemp -d /tmp/monoreg-pg.XXXXXX)
  local as=""
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$PG_DIR"
    as="runuser -u postgres --"
  fi
  $as "$bin/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  $as "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c fsync=off" start >/dev/null
  PG_BIN="$bin"
  PG_AS="$as"
  export MONOREG_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "PostgreSQL started on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    $PG_AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
