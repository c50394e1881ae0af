"""Alignment benchmark: caption-start error of script alignment on synthesised speech whose
sentence timings are known, against the targets, and the time it takes.

    python bench/bench_alignment.py [--repeat N]

Fixtures: the benchmark script spoken N times over (default 2, 12 sentences) by espeak-ng and
by festival's HTS slt voice, each sentence synthesised alone and joined with silences of
0.3..1.6 s and light noise, then again with pauses of 0.08..0.25 s (too short for silence
detection, so the aligner's own word timing decides) and more noise. Caption-start error =
|aligned start - first sound of the sentence|, also shown before the starts are snapped to
the speech onsets silence detection finds. Also printed: how many cues are flagged for
review with the right script and with a script that was not spoken (every cue should be), and
the placeholders' start error.
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
from studio.media.alignment.sphinx import align_english  # noqa: E402
from tests.speech_fixtures import (  # noqa: E402
    SCRIPT,
    WRONG_SCRIPT,
    build_speech,
    voice_available,
)

TIGHT_GAPS = (0.12, 0.2, 0.08, 0.25)  # seconds: pauses too short for silence detection
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
        for voice, gaps, noise in (("espeak", None, 0.003), ("festival", None, 0.003),
                                   ("espeak", TIGHT_GAPS, 0.01), ("festival", TIGHT_GAPS, 0.01)):
            if not voice_available(voice):
                print(f"{voice}: not installed, skipped")
                continue
            name = f"{voice}{', tight' if gaps else ''}"
            audio = Path(work) / f"{voice}-{bool(gaps)}.wav"
            truth = build_speech(script, audio, voice, noise, **({"gaps": gaps} if gaps else {}))
            length = truth[-1][1]
            began = time.perf_counter()
            result = align(audio, "\n".join(script), "en")
            took = time.perf_counter() - began
            these = [abs(s.start - t[0]) for s, t in zip(result.sentences, truth, strict=True)]
            errors += these
            raw = [abs(s.start - t[0]) for s, t in zip(
                align_english(audio, script).sentences, truth, strict=True)]
            mislaid = align(audio, "\n".join(wrong), "en")
            runs = placeholders(audio)
            placed = [abs(c.start - t[0]) for c, t in zip(runs, truth, strict=False)]
            print(f"{name:15s} {len(script)} sentences, {length:.1f} s of speech: aligned in "
                  f"{took:.1f} s ({took / length:.2f} x real time); start error median "
                  f"{1000 * statistics.median(these):.0f} ms, p95 {1000 * p95(these):.0f} ms, "
                  f"max {1000 * max(these):.0f} ms (before snapping to speech onsets: median "
                  f"{1000 * statistics.median(raw):.0f} ms, p95 {1000 * p95(raw):.0f} ms); "
                  f"review {result.review_count}/{len(script)}; wrong script review "
                  f"{mislaid.review_count}/{len(wrong)}; placeholders {len(runs)}/{len(truth)}"
                  + (f", start error max {1000 * max(placed):.0f} ms" if placed else ""))
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
