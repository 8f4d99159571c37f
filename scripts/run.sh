#!/usr/bin/env bash
# The main job on the bundled data: install, load the data files into the embedded SQLite
# store, and show Normandie's key figures.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/venv.sh
.venv/bin/monoreg load
.venv/bin/monoreg show normandie --edition 2020
