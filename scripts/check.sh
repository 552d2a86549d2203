#!/usr/bin/env bash
# Every check the project runs before a change goes in: the static checks first (fast, and
# a type error fails the run), then the tests. Arguments go to pytest, e.g.
#   bash scripts/check.sh tests/unit -x
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

echo "== lint-imports (the import contracts in .importlinter)"
.venv/bin/lint-imports

echo "== ruff (lint and format check; settings in ruff.toml)"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "== mypy (sim_core, db; settings in mypy.ini)"
"$PY" -m mypy

echo "== pytest"
"$PY" -m pytest "$@"
