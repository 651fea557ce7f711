#!/usr/bin/env bash
# Install everything the test suite needs on a fresh machine, then run all of it.
# The README's second command and CI's .ci/run both run exactly this script.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests drive: Chromium for the browser tests and the PDF export,
# poppler-utils to read PDFs back, fonts with Cyrillic glyphs. One list, in scripts/.
bash scripts/debian-packages.sh

# Exactly the versions the suite was run with: the lock, with hashes (scripts/lock.sh).
python -m pip install --quiet --disable-pip-version-check --require-hashes \
  -r requirements-dev.txt

# The JavaScript the browser tests inject (axe-core), exactly as package-lock.json pins it.
npm ci --no-audit --no-fund --silent

ruff check .
python -m tracker validate
python -m tracker schema --check
# loadgroup: tests sharing a module fixture (a server, a browser, printed PDFs) stay on one
# worker, so it is built once (tests/conftest.py groups them), largest groups first.
python -m pytest -n 2 --dist loadgroup --durations=10 "$@"
