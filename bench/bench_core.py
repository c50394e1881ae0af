"""Core timings on a 2,000-item course: open, one edit, one undo, against their targets.

Run: python bench/bench_core.py
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studio import commands  # noqa: E402
from studio.store import DB_NAME, Project  # noqa: E402

MODULES, LESSONS, ITEMS = 10, 10, 20
TARGETS_MS = {"open": 200.0, "edit": 10.0, "undo": 10.0}


def build(path: Path) -> tuple[float, list[str]]:
    """The course, built through the commands inside one group; returns (seconds, video ids)."""
    began = time.perf_counter()
    videos: list[str] = []
    with Project.create(path, "Benchmark course") as project:
        source = path / "source.mp4"
        source.write_bytes(b"benchmark video bytes")
        sha, filename = project.store_media(source)
        source.unlink()
        asset = commands.add_asset(project, sha, filename, "lecture.mp4", "video", 21,
                                   duration=600.0, width=1920, height=1080)
        with project.group("Build the benchmark course"):
            for m in range(MODULES):
                module = commands.add_module(project, f"Module {m + 1}")
                for n in range(LESSONS):
                    lesson = commands.add_lesson(project, module, f"Lesson {m + 1}.{n + 1}")
                    for i in range(ITEMS):
                        videos += add_item(project, lesson, asset, i)
        project.mark_saved()
    return time.perf_counter() - began, videos


def add_item(project: Project, lesson: str, asset: str, i: int) -> list[str]:
    kind = i % 4
    if kind == 0:
        clip = commands.add_video(project, lesson, asset, f"Clip {i}")
        commands.add_cue(project, clip, 30.0, "Check")
        return [clip]
    if kind == 1:
        commands.add_slide(project, lesson, f"Slide {i}", text="Key points " * 10)
    elif kind == 2:
        quiz = commands.add_quiz(project, lesson, f"Quiz {i}")
        for q in range(3):
            commands.add_question(project, quiz, "choice", f"Question {q}?",
                                  data={"choices": [
                                      {"id": c, "text": c, "correct": c == "a"}
                                      for c in "abc"]})
    else:
        commands.add_page(project, lesson, f"Page {i}", "# Heading\n\nSome text.\n" * 5)
    return []


def median_ms(action: Callable[[int], object], runs: int) -> float:
    times = []
    for run in range(runs):
        began = time.perf_counter()
        action(run)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def measure(path: Path, videos: list[str]) -> dict[str, float]:
    figures: dict[str, float] = {}

    opening, reading = [], []
    for _ in range(10):
        began = time.perf_counter()
        project = Project.open(path)
        middle = time.perf_counter()
        project.course()
        ended = time.perf_counter()
        project.close()
        opening.append((middle - began) * 1000)
        reading.append((ended - middle) * 1000)
    figures["open (Project.open + course())"] = statistics.median(
        a + b for a, b in zip(opening, reading, strict=True))
    figures["  of which Project.open"] = statistics.median(opening)
    figures["  of which course()"] = statistics.median(reading)

    def bare_read(_: int) -> None:
        conn = sqlite3.connect(path / DB_NAME)
        conn.execute("SELECT * FROM items").fetchall()
        conn.close()

    figures["sqlite3 connect + SELECT * FROM items"] = median_ms(bare_read, 10)

    with Project.open(path) as project:
        course = project.course()
        first_lesson = course.lessons()[0]
        item = first_lesson.items[5].id
        figures["edit: rename"] = median_ms(
            lambda run: commands.rename(project, item, f"Renamed {run}"), 50)
        figures["edit: move"] = median_ms(
            lambda run: commands.move(project, item, index=run % ITEMS), 50)
        clip = videos[len(videos) // 2]
        figures["edit: trim"] = median_ms(
            lambda run: commands.trim(project, clip, in_point=float(run % 20)), 50)
        figures["undo"] = median_ms(lambda _: project.undo(), 50)
        figures["redo"] = median_ms(lambda _: project.redo(), 50)
    return figures


def target_for(name: str) -> float | None:
    return TARGETS_MS.get(name.split(":")[0].split(" ")[0])


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Benchmark.course"
        seconds, videos = build(path)
        with Project.open(path) as project:
            count = len(project.course().items())
        size = (path / DB_NAME).stat().st_size / 1e6
        print(f"course: {count} items in {MODULES} modules x {LESSONS} lessons, "
              f"built with the commands in one group in {seconds:.1f} s ({size:.1f} MB)")
        figures = measure(path, videos)
    print(f"{'measure':<40}{'median ms':>10}{'target ms':>11}{'ratio':>8}")
    for name, value in figures.items():
        target = target_for(name)
        if target is None:
            print(f"{name:<40}{value:>10.2f}{'':>11}{'':>8}  (reference)")
            continue
        verdict = "ok" if value <= target else "MISSED"
        print(f"{name:<40}{value:>10.2f}{target:>11.0f}{value / target:>8.2f}  {verdict}")


if __name__ == "__main__":
    main()
