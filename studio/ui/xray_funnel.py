"""A lesson's completion funnel in the inspector: learners at each step, as counts, shares of
those who launched it and bars, and the time they spent against the time planned."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QProgressBar, QWidget

from studio.text import plural
from studio.ui.timeline.logic import timecode
from studio.xray.result import FUNNEL_STEPS, LessonMeasures, XRay

STEP_TEXT = {"launched": "Launched", "first_item": "Reached the first item",
             "half_video": "Watched half the video", "quiz_attempted": "Attempted the quiz",
             "passed": "Passed"}


def funnel_rows(lesson: LessonMeasures) -> list[tuple[str, int, float]]:
    """(step text, learners, share of those who launched) for each step that applies."""
    first = lesson.funnel.get(FUNNEL_STEPS[0]) or 0
    rows = []
    for step in FUNNEL_STEPS:
        count = lesson.funnel.get(step)
        if count is None:
            continue
        rows.append((STEP_TEXT.get(step, step), count, count / first if first else 0.0))
    return rows


def time_text(lesson: LessonMeasures) -> str:
    """"Median 6:10 spent, 5:00 planned (+23 %)"."""
    planned = timecode(lesson.planned_s)
    if lesson.time_spent_s is None:
        return f"No time measured; {planned} planned"
    spent = f"Median {timecode(lesson.time_spent_s)} spent, {planned} planned"
    if lesson.planned_s:
        spent += f" ({lesson.time_spent_s / lesson.planned_s - 1:+.0%})"
    return spent


class LessonFunnel(QGroupBox):
    """The funnel of one lesson, or a line saying there are no learner data for it."""

    def __init__(self, xray: XRay | None, lesson_id: str, parent: QWidget | None = None):
        super().__init__("Learners (X-ray)", parent)
        self.setAccessibleName("Learners in this lesson")
        grid = QGridLayout(self)
        self.lesson = next((les for les in xray.lessons if les.id == lesson_id), None) \
            if xray is not None else None
        if self.lesson is None:
            grid.addWidget(QLabel("No learner data for this lesson."), 0, 0)
            return
        for n, (text, count, share) in enumerate(funnel_rows(self.lesson)):
            grid.addWidget(QLabel(text), n, 0)
            grid.addWidget(QLabel(f"{count:,}"), n, 1)
            bar = QProgressBar(self)
            bar.setRange(0, 1000)
            bar.setValue(int(share * 1000))
            bar.setFormat(f"{share:.0%}")
            bar.setAccessibleName(f"{text}: {plural(count, 'learner')}, {share:.0%}")
            bar.setMaximumHeight(16)
            grid.addWidget(bar, n, 2)
        self.time = QLabel(time_text(self.lesson))
        grid.addWidget(self.time, grid.rowCount(), 0, 1, 3)
