"""Window timings: cold start to a shown window with the sample course (a fresh process),
and opening a 2,000-item course in the window.

Run: python bench/bench_ui.py   (offscreen unless a display is set)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_core import build as build_benchmark_course  # noqa: E402  (the same 2,000 items)

from studio import commands  # noqa: E402
from studio.media.sample import build_sample  # noqa: E402

CHILD = """
import sys, time
began = time.perf_counter()
from PySide6.QtCore import QTimer
from studio.ui.app import application
app = application()
from studio.ui.main_window import MainWindow
window = MainWindow()
window.show()
assert window.open_project(sys.argv[1]), window.errors
def shown():
    print(f"{time.perf_counter() - began:.3f}")
    app.exit(0)
QTimer.singleShot(0, shown)  # runs once the first frame has been laid out and painted
app.exec()
"""


def cold_start(sample: Path) -> float:
    began = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, str(sample)], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    inside = float(out.stdout.strip().splitlines()[-1])
    return time.perf_counter() - began, inside


def open_big(path: Path) -> tuple[float, float, dict]:
    """Open the big course (until the window has painted), then time single edits.

    Each edit is timed until the event queue is empty, so the panels that refresh after
    the edit (the inspector rebuilds once the signal returns) are counted too.
    """
    from studio.ui.app import application
    from studio.ui.main_window import MainWindow

    app = application()
    window = MainWindow()
    window.resize(1400, 860)
    window.show()
    app.processEvents()
    began = time.perf_counter()
    assert window.open_project(path), window.errors
    app.processEvents()
    opened = time.perf_counter() - began
    lesson = window.session.course().lessons()[50]
    window.session.select(lesson.items[0].id)
    app.processEvents()
    panels = {"timeline": window.timeline.draws, "inspector": window.inspector.builds,
              "preview": window.preview.builds}
    edits = []
    for n in range(7):
        began = time.perf_counter()
        if n % 2:
            window.outline.add_page(f"One more page {n}")
        else:
            window.session.run(commands.rename, lesson.items[0].id, f"Renamed clip {n}")
        app.processEvents()
        edits.append(time.perf_counter() - began)
    redraws = {"timeline": window.timeline.draws - panels["timeline"],
               "inspector": window.inspector.builds - panels["inspector"],
               "preview": window.preview.builds - panels["preview"]}
    window.close()
    return opened, sorted(edits)[len(edits) // 2], redraws


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "Sample.course"
        build_sample(sample).close()
        runs = sorted(cold_start(sample) for _ in range(3))
        wall, inside = runs[1]
        print(f"cold start, sample course shown: {wall * 1000:.0f} ms wall "
              f"({inside * 1000:.0f} ms from interpreter start-up to the first frame); "
              "median of 3")
        big = Path(tmp) / "Big.course"
        build_benchmark_course(big)
        opened, edit, redraws = open_big(big)
        print(f"open a 2,000-item course in the window (to its first paint): "
              f"{opened * 1000:.0f} ms (target 500 ms)")
        print(f"one edit (rename or add a page) until every panel is up to date: "
              f"{edit * 1000:.0f} ms, median of 7 (target 50 ms); panels redrawn over the 7: "
              + ", ".join(f"{k} {v}" for k, v in redraws.items()))


if __name__ == "__main__":
    main()
