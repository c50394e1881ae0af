"""Alignment benchmark: caption-start error of script alignment on synthesised speech whose
sentence timings are known, against the targets, and the time it takes.

    python bench/bench_alignment.py [--repeat N]

Fixtures: the benchmark script spoken N times over (default 2, 12 sentences) by espeak-ng and
by festival's HTS slt voice, each sentence synthesised alone and joined with silences of
0.3..1.6 s and light noise. Caption-start error = |aligned start - first sound of the
sentence|. Also printed: how many cues are flagged for review with the right script and with
a script that was not spoken (every cue should be), and the placeholders' start error.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studio.media.alignment import align, placeholders  # noqa: E402
from tests.speech_fixtures import (  # noqa: E402
    SCRIPT,
    WRONG_SCRIPT,
    build_speech,
    voice_available,
)

MEDIAN_TARGET = 0.100  # seconds
P95_TARGET = 0.250  # seconds


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def verdict(value: float, target: float) -> str:
    """``ok`` when ``value`` is within ``target``, else ``MISSED``."""
    return "ok" if value <= target else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="times the script is spoken")
    args = parser.parse_args()
    script = list(SCRIPT) * args.repeat
    wrong = list(WRONG_SCRIPT) * args.repeat
    errors: list[float] = []
    failed = False
    with tempfile.TemporaryDirectory(prefix="bench-align-") as work:
        for voice in ("espeak", "festival"):
            if not voice_available(voice):
                print(f"{voice}: not installed, skipped")
                continue
            audio = Path(work) / f"{voice}.wav"
            truth = build_speech(script, audio, voice)
            length = truth[-1][1]
            began = time.perf_counter()
            result = align(audio, "\n".join(script), "en")
            took = time.perf_counter() - began
            these = [abs(s.start - t[0]) for s, t in zip(result.sentences, truth, strict=True)]
            errors += these
            mislaid = align(audio, "\n".join(wrong), "en")
            runs = placeholders(audio)
            placed = [abs(c.start - t[0]) for c, t in zip(runs, truth, strict=False)]
            print(f"{voice:9s} {len(script)} sentences, {length:.1f} s of speech: aligned in "
                  f"{took:.1f} s ({took / length:.2f} x real time); start error median "
                  f"{1000 * statistics.median(these):.0f} ms, p95 {1000 * p95(these):.0f} ms, "
                  f"max {1000 * max(these):.0f} ms; review {result.review_count}/"
                  f"{len(script)}; wrong script review {mislaid.review_count}/{len(wrong)}; "
                  f"placeholders {len(runs)}/{len(truth)}, start error max "
                  f"{1000 * max(placed, default=0):.0f} ms")
            failed |= mislaid.review_count != len(wrong)
    if not errors:
        print("no voice to synthesise fixtures with")
        return 1
    median, high = statistics.median(errors), p95(errors)
    print(f"caption-start error, all fixtures: median {1000 * median:.0f} ms (target "
          f"≤ {1000 * MEDIAN_TARGET:.0f} ms) {verdict(median, MEDIAN_TARGET)}; p95 "
          f"{1000 * high:.0f} ms (target ≤ {1000 * P95_TARGET:.0f} ms) {verdict(high, P95_TARGET)}")
    failed |= median > MEDIAN_TARGET or high > P95_TARGET
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
