#!/usr/bin/env bash
# Drift check: install the newest versions the ranges in requirements*.in allow into a
# throwaway virtual environment and run the whole suite there. Run it before refreshing the
# lock (scripts/lock.sh --upgrade): a new release that breaks a test shows up here first,
# never on a user's fresh machine. It changes nothing in the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/debian-packages.sh
venv="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3.11 -m venv "$venv" 2>/dev/null || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
# The ranges without the lock's constraint line, so pip may pick anything they allow.
sed -e '/^-c /d' -e "s|^-r requirements.in|-r $PWD/requirements.in|" requirements-dev.in \
  > "$(dirname "$venv")/ranges.in"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade \
  -r "$(dirname "$venv")/ranges.in"
echo "newest allowed versions:"
"$venv/bin/python" -m pip freeze | sed 's/^/  /'
PATH="$venv/bin:$PATH"
ruff check .
python -m tracker validate
python -m tracker schema --check
python -m pytest -n 2 -q "$@"
