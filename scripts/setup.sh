#!/usr/bin/env bash
# Installs everything Course Studio needs on a Debian machine, idempotently:
#   scripts/setup.sh        the app (virtual environment, Python packages, Qt's system libraries)
#   scripts/setup.sh test   also what the tests use (Chromium, Node.js and the npm packages)
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=${1:-}

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

debs=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core)
[ "$want_test" = test ] && debs+=(chromium nodejs npm)
missing=()
for deb in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "ok installed" || missing+=("$deb")
done
if [ "$want_test" = test ] && command -v node >/dev/null && command -v npm >/dev/null; then
  # a Node.js from elsewhere on the machine serves as well as Debian's
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)-${want_test:-app}
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  if [ "$want_test" = test ]; then
    .venv/bin/python -m pip install -q -e '.[ui,test]'
  else
    .venv/bin/python -m pip install -q -e '.[ui]'
  fi
  touch "$stamp"
fi

if [ "$want_test" = test ] && [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
    npm ci --silent --no-audit --no-fund
  fi
fi
