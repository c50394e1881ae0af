#!/usr/bin/env bash
# Installs everything Course Studio needs on a Debian machine, idempotently:
#   scripts/setup.sh        the app (virtual environment, Python packages, Qt's system libraries
#                           for a desktop, the fonts decks name and their metric-compatible
#                           substitutes, Node.js's package manager and the LMS run-time the LMS
#                           twin runs packages against)
#   scripts/setup.sh test   also what the tests use (Chromium, LibreOffice Impress, Debian's
#                           ffmpeg beside the bundled one, Node.js and the npm packages, the
#                           cluster extra: Dask and fsspec)
#   scripts/setup.sh bench  also what the benchmarks compare against (pdftoppm)
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-app}

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

debs=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core)
# what Qt 6's xcb platform plugin loads on an X11 desktop (Qt's "X11 Requirements" list, checked
# with ldd against PySide6's libqxcb.so and libQt6XcbQpa.so)
debs+=(libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0
  libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0)
# what Qt WebEngine (the learner preview) loads beyond those: checked with ldd against
# PySide6's libQt6WebEngineCore.so.6 and libexec/QtWebEngineProcess
debs+=(libnss3 libasound2 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1 libgbm1)
# Office's fonts have metric-compatible stand-ins (Carlito for Calibri, Caladea for Cambria,
# Liberation for Arial, Times New Roman and Courier New); Noto covers the other scripts
debs+=(fonts-crosextra-carlito fonts-crosextra-caladea fonts-liberation2 fonts-noto-core
  fonts-noto-cjk)
# narration's offline voices: espeak-ng (libespeak-ng, read through ctypes) and festival with
# the clearer HTS slt voice for English
debs+=(espeak-ng festival festvox-us-slt-hts)
# the accessibility report: where the text is on slides that are only pictures (Tesseract)
debs+=(tesseract-ocr)
# what WeasyPrint (the accessibility report's PDF) loads: Pango, its FreeType fonts and
# HarfBuzz's subsetter
debs+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
case "$want" in
  test) debs+=(libreoffice-impress chromium ffmpeg) ;;
  bench) debs+=(libreoffice-impress poppler-utils chromium) ;;
esac
# any Node.js already on the machine serves as well as Debian's
if ! command -v npm >/dev/null; then debs+=(nodejs npm); fi
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
[ "$want" = app ] || extras=ui,test,cluster
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-$extras
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[$extras]"
  touch "$stamp"
fi

for qxcb in .venv/lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so; do
  [ -f "$qxcb" ] || continue
  absent=$(ldd "$qxcb" 2>/dev/null | awk '/not found/ {printf "%s ", $1}' || true)
  if [ -n "$absent" ]; then
    echo "setup: Qt's xcb platform plugin cannot load: ${absent}is missing (needed by 'studio gui' on X11)"
  fi
done
for engine in .venv/lib/python3*/site-packages/PySide6/Qt/libexec/QtWebEngineProcess; do
  [ -f "$engine" ] || continue
  absent=$(ldd "$engine" "${engine%/libexec/*}/lib/libQt6WebEngineCore.so.6" 2>/dev/null \
    | awk '/not found/ {printf "%s ", $1}' || true)
  if [ -n "$absent" ]; then
    echo "setup: Qt WebEngine cannot load: ${absent}is missing (the learner preview opens the browser instead)"
  fi
done

# a node_modules that links to another checkout's is that checkout's to update: npm ci would
# empty the folder it points to
# the app needs only the LMS run-time and the accessibility checker (npm's dependencies); tests
# need the dev dependencies too
if [ -f package-lock.json ] && [ ! -L node_modules ]; then
  if [ "$want" = app ]; then needed=node_modules/axe-core; omit=(--omit=dev)
  else needed=node_modules/@learninglocker/xapi-validation; omit=(); fi
  if [ ! -d "$needed" ] || [ package-lock.json -nt node_modules ]; then
    npm ci --silent --no-audit --no-fund "${omit[@]}"
  fi
fi
