#!/usr/bin/env bash
# Runs the whole suite; a run that collects no test is a failure, not a pass.
set -uo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
rc=$?
if [ $rc -eq 5 ]; then echo "no tests were collected"; exit 1; fi
exit $rc
