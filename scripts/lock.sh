#!/usr/bin/env bash
# Regenerate the lock files from the ranges people read (requirements*.in).
# Run scripts/test-latest.sh first: it proves the newest allowed versions pass the suite.
# The locks pin every package, transitive ones included, with hashes, so a fresh machine
# installs exactly what the suite ran with and a tampered download fails the install.
set -euo pipefail
cd "$(dirname "$0")/.."
compile() {
  python -m uv pip compile --quiet --generate-hashes --python-version 3.11 \
    --no-header --annotation-style line "$@"
}
upgrade=()
if [ "${1:-}" = "--upgrade" ]; then upgrade=(--upgrade); fi
compile "${upgrade[@]}" requirements.in -o requirements.txt
compile "${upgrade[@]}" requirements-dev.in -o requirements-dev.txt
echo "wrote requirements.txt and requirements-dev.txt; commit them with the .in files"
