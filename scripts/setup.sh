#!/usr/bin/env bash
# Installs everything Course Studio needs on a Debian machine, idempotently:
#   scripts/setup.sh        the app (virtual environment, Python packages, Qt's system libraries)
#   scripts/setup.sh test   also what the tests use (Chromium, LibreOffice Impress, Node.js
#                           and the npm packages)
#   scripts/setup.sh bench  also what the benchmarks compare against (pdftoppm)
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-app}

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

debs=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core)
case "$want" in
  test) debs+=(libreoffice-impress chromium) ;;
  bench) debs+=(libreoffice-impress poppler-utils) ;;
esac
# any Node.js already on the machine serves as well as Debian's
if [ "$want" = test ] && ! command -v npm >/dev/null; then debs+=(nodejs npm); fi
missing=()
for deb in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "ok installed" || missing+=("$deb")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
extras=ui
[ "$want" = app ] || extras=ui,test
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-$extras
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[$extras]"
  touch "$stamp"
fi

if [ "$want" = test ] && [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
    npm ci --silent --no-audit --no-fund
  fi
fi
