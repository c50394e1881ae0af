"""No dead code: vulture finds nothing unused in studio/ that tests/vulture_allow.py does not
justify (the tests and benchmarks count as users, as the player's mirror of scoring does)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_vulture_finds_no_dead_code():
    done = subprocess.run(
        [sys.executable, "-m", "vulture", "studio", "tests", "bench", "tests/vulture_allow.py",
         "--min-confidence", "60"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    unused = [line for line in done.stdout.splitlines() if line.startswith("studio/")]
    assert unused == [], "\n".join(unused)
