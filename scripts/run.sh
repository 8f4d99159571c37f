#!/usr/bin/env bash
# The main job on the bundled data: install, load the data files into the embedded SQLite
# store, show Normandie's key figures, build its monograph, and serve the portal.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh run
bash scripts/venv.sh
.venv/bin/monoreg load
.venv/bin/monoreg show normandie --edition 2020
# Normandie's monograph (PDF, HTML) and data downloads, under var/build where the portal
# finds the PDF; var/build/index.html links them all.
.venv/bin/monoreg build normandie --edition 2020
# The portal on the bundled data, until Ctrl+C (MONOREG_PORT to change the port).
port="${MONOREG_PORT:-8000}"
echo "Portail : http://127.0.0.1:${port}/  —  API : http://127.0.0.1:${port}/api/v1/regions"
exec .venv/bin/monoreg serve --host 127.0.0.1 --port "$port"
