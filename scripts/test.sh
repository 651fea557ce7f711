#!/usr/bin/env bash
# Install everything the test suite needs on a fresh machine, then run all of it.
# The README's second command and CI's .ci/run both run exactly this script.
set -euo pipefail
cd "$(dirname "$0")/.."

# Browser tests and the PDF export drive Debian's Chromium; the PDF tests read text back
# with pdftotext. Install them from the distribution when they are missing.
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null
fi

python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

ruff check .
python -m tracker validate
python -m tracker schema --check
python -m pytest -n 2 --durations=10 "$@"
