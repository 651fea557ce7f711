#!/usr/bin/env bash
# Install the Debian packages the app's exports and the tests need, when any is missing.
set -euo pipefail
# libreoffice-impress: tests/export/test_deck_rendered.py draws the deck through a real client
# (soffice --headless --convert-to pdf); without recommends it is ~55 packages, about two
# minutes to install on a shared 2-core machine. libreoffice-calc: tests/export/test_sheetxml.py
# has a reader that is not openpyxl turn the workbook into CSV (soffice --convert-to csv), which
# Impress alone cannot open ("source file could not be loaded").
packages=(chromium chromium-driver poppler-utils fonts-dejavu-core fonts-crosextra-carlito nodejs
  libreoffice-impress libreoffice-calc)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# npm installs axe-core for the accessibility tests; some nodejs builds carry npm themselves.
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
