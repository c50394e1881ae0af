"""Raw materials of a small course and the spec naming them, for the build tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

from studio.model import CompletionRule, TrackingPolicy
from studio.spec.model import CaptionSpec, CourseSpec, ItemSpec, LessonSpec, ModuleSpec
from tests.slides_decks import build_deck

GIFT = """::Colour:: What colour are the bars? {=Many ~None}

::Sure:: Bars are test patterns. {TRUE}
"""

SRT = """1
00:00:00,000 --> 00:00:01,500
Colour bars.

2
00:00:01,500 --> 00:00:03,000
And a tone.
"""

PAGE = """# Before you start

Read this **first**.

- Bars
- Tones
"""


def materials(folder: Path, media) -> Path:
    """Write the raw materials into ``folder``: a clip with captions, a picture, a page, a
    quiz and a deck with its narration script."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(media["plain.mp4"], folder / "intro.mp4")
    (folder / "intro.srt").write_text(SRT, encoding="utf-8")
    Image.new("RGB", (320, 180), (40, 90, 160)).save(folder / "diagram.png")
    (folder / "start.md").write_text(PAGE, encoding="utf-8")
    (folder / "check.gift").write_text(GIFT, encoding="utf-8")
    build_deck(folder / "deck.pptx")
    (folder / "deck.txt").write_text("Welcome, everyone.\n---\nHere are the results.\n",
                                     encoding="utf-8")
    (folder / "diagram.txt").write_text("This diagram shows the flow.", encoding="utf-8")
    return folder


def course_spec(folder: Path, *, pass_mark: float = 80.0, out_point: float | None = 2.5,
                deck: bool = True, title: str = "Bars and tones") -> CourseSpec:
    """The spec of the materials in ``folder``: one module, two lessons."""
    items = [
        ItemSpec("video", folder / "intro.mp4", "video:intro.mp4", title="Intro",
                 in_point=0.5, out_point=out_point,
                 captions=(CaptionSpec(folder / "intro.srt"),)),
        ItemSpec("page", folder / "start.md", "page:start.md", title="Before you start"),
        ItemSpec("image", folder / "diagram.png", "image:diagram.png", title="Diagram",
                 narration=folder / "diagram.txt", settings={"duration": 4.0}),
    ]
    second = [ItemSpec("quiz", folder / "check.gift", "quiz:check.gift", title="Check",
                       settings={"pass_mark": pass_mark})]
    if deck:
        second.insert(0, ItemSpec("deck", folder / "deck.pptx", "deck:deck.pptx",
                                  narration=folder / "deck.txt"))
    module = ModuleSpec("Basics", "basics", (
        LessonSpec("Watch", "watch", tuple(items)),
        LessonSpec("Practise", "practise", tuple(second)),
    ))
    return CourseSpec(title=title, source=folder / "course.toml", root=folder,
                      modules=(module,), language="en",
                      tracking=TrackingPolicy(CompletionRule.QUIZZES_PASSED, 1.0, 80.0),
                      resolution=(320, 180), description="A course of bars and tones.")
