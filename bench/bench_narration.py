"""Narration from the script: a first full render of a 10-minute lesson against re-voicing it
after a one-sentence edit, and a narrated export of the sample repeated byte for byte.

A lesson of slides whose notes add up to about ten minutes of speech (espeak-ng, the course's
default voice) is narrated from scratch; then one sentence of one slide is changed and the
whole lesson narrated again. The second run must voice exactly one sentence (one new cache
entry) and take at most 5 % of the first. Then the sample course is narrated and exported to
SCORM 2004 twice; the two packages must be the same bytes.

    python bench/bench_narration.py [--minutes 10] [--slides 40]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studio import commands  # noqa: E402
from studio.export.exporter import export_course  # noqa: E402
from studio.export.package import ExportOptions  # noqa: E402
from studio.media.narration_cache import NarrationCache  # noqa: E402
from studio.media.narration_render import narrate  # noqa: E402
from studio.media.sample import build_sample  # noqa: E402
from studio.store import Project  # noqa: E402

WORDS_PER_MINUTE = 165  # of these sentences, pauses included, at the default rate (measured)
SUBJECTS = ("the microphone", "a quiet room", "the script", "each sentence", "the listener",
            "a short pause", "the glossary", "every caption", "the slide", "our voice")
VERBS = ("shapes", "follows", "supports", "explains", "changes", "introduces", "repeats",
         "highlights")
ENDINGS = ("before the next topic begins", "while the learner reads along",
           "in a way that stays clear", "without any extra recording", "as the course goes on",
           "for everyone taking part")
TARGET_RATIO = 0.05


def sentence(number: int) -> str:
    """A distinct sentence of about twelve words (no two sentences of the lesson are equal)."""
    subject = SUBJECTS[number % len(SUBJECTS)]
    verb = VERBS[number // len(SUBJECTS) % len(VERBS)]
    ending = ENDINGS[number % len(ENDINGS)]
    return f"In step {number + 1}, {subject} {verb} the idea {ending}."


def build_lesson(root: Path, minutes: float, slides: int) -> tuple[Project, list[str]]:
    words = sum(len(sentence(n).split()) for n in range(20)) / 20
    total = max(slides, round(minutes * WORDS_PER_MINUTE / words))
    counts = [total // slides + (index < total % slides) for index in range(slides)]
    starts = [sum(counts[:index]) for index in range(slides)]
    project = Project.create(root / "Narrated.course", "Narrated lesson")
    with project.group("Build the lesson"):
        module = commands.add_module(project, "Narration")
        lesson = commands.add_lesson(project, module, "Ten minutes of speech")
        ids = [commands.add_slide(project, lesson, f"Slide {index + 1}", notes=" ".join(
            sentence(starts[index] + n) for n in range(counts[index])))
            for index in range(slides)]
    return project, ids


def timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def revoicing(minutes: float, slides: int) -> bool:
    with tempfile.TemporaryDirectory(prefix="bench-narration-") as folder:
        project, ids = build_lesson(Path(folder), minutes, slides)
        cache = NarrationCache(project.cache_dir)
        first, report = timed(lambda: narrate(project))
        speech = sum(item.duration for item in report.items)
        entries = len(cache.keys())
        print(f"lesson: {slides} slides, {entries} sentences, {speech / 60:.1f} min of speech")
        middle = project.course().find(ids[len(ids) // 2])
        commands.update_slide(project, middle.id, notes=middle.notes.replace(
            "the idea", "the whole idea", 1))
        second, again = timed(lambda: narrate(project))
        touched = len(cache.keys()) - entries
        project.close()
    ratio = second / first
    print(f"first full render        : {first:8.2f} s ({report.synthesised} sentences voiced)")
    print(f"after a one-sentence edit: {second:8.2f} s ({again.synthesised} voiced, "
          f"{touched} new cache entr{'y' if touched == 1 else 'ies'}, "
          f"{sum(not item.unchanged for item in again.items)} slide re-rendered)")
    good = ratio <= TARGET_RATIO and touched == 1 and again.synthesised == 1
    print(f"ratio                    : {ratio * 100:8.2f} % (target <= {TARGET_RATIO:.0%}) "
          f"{'ok' if good else 'MISSED'}")
    return good


def repeated_export() -> bool:
    with tempfile.TemporaryDirectory(prefix="bench-narration-") as folder:
        root = Path(folder)
        project = build_sample(root / "Sample.course")
        seconds, report = timed(lambda: narrate(project))
        digests = []
        for attempt in (1, 2):
            target = root / f"sample-{attempt}.zip"
            export_course(project, ExportOptions(format="scorm2004"), target)
            digests.append(hashlib.sha256(target.read_bytes()).hexdigest())
        project.close()
    same = digests[0] == digests[1]
    print(f"sample narrated: {len(report.items)} items in {seconds:.1f} s; exported twice: "
          f"{'byte-identical' if same else 'DIFFERENT'} (sha256 {digests[0][:16]}…)")
    return same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--slides", type=int, default=40)
    args = parser.parse_args()
    good = revoicing(args.minutes, args.slides)
    good = repeated_export() and good
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()
