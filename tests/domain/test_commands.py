"""Every command: do, read back, undo to the exact prior state, redo to the exact result.
And every way a command can be refused: a StudioError, and nothing changed."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from studio import commands
from studio.errors import InvalidEditError, NotFoundError, StudioError
from studio.model import CompletionRule, ItemKind, Page, Quiz, Slide, VideoClip
from studio.store import Project


@dataclass
class Ids:
    module: str
    lesson: str
    other_lesson: str
    page: str
    quiz: str
    slide: str
    video: str
    asset: str


@pytest.fixture
def ids(project: Project, video_asset: str) -> Ids:
    module = commands.add_module(project, "Basics")
    lesson = commands.add_lesson(project, module, "First steps")
    other = commands.add_lesson(project, module, "Next steps")
    return Ids(
        module=module, lesson=lesson, other_lesson=other,
        page=commands.add_page(project, lesson, "Welcome", "# Hello"),
        quiz=commands.add_quiz(project, lesson, "Check"),
        slide=commands.add_slide(project, lesson, "Overview", text="Points"),
        video=commands.add_video(project, lesson, video_asset, "Demo"),
        asset=video_asset,
    )


@pytest.fixture
def roundtrip(project: Project, dump):
    """Run a command; check it made one undo step that undoes and redoes exactly."""

    def run(action: Callable[[], object]) -> object:
        before, steps = dump(project), len(project.history.entries())
        result = action()
        after = dump(project)
        assert after != before, "the command changed nothing"
        assert len(project.history.entries()) == steps + 1
        project.undo()
        assert dump(project) == before
        project.redo()
        assert dump(project) == after
        return result

    return run


@pytest.fixture
def refused(project: Project, dump):
    """Check a command is refused with a StudioError and leaves everything as it was."""

    def run(error: type[StudioError], action: Callable[[], object]) -> None:
        assert issubclass(error, StudioError)
        before, steps = dump(project), project.history.entries()
        with pytest.raises(error) as caught:
            action()
        assert str(caught.value)
        assert dump(project) == before
        assert project.history.entries() == steps

    return run


def titles(nodes) -> list[str]:
    return [node.title for node in nodes]


def lesson_items(project: Project, lesson_id: str):
    return project.course().find(lesson_id).items


# ---- structure -----------------------------------------------------------------------------
def test_add_module_appends_or_inserts(project, ids, roundtrip, refused):
    roundtrip(lambda: commands.add_module(project, "  Wrap   up "))
    roundtrip(lambda: commands.add_module(project, "Intro", index=0))
    assert titles(project.course().modules) == ["Intro", "Basics", "Wrap up"]
    refused(InvalidEditError, lambda: commands.add_module(project, "   "))
    refused(InvalidEditError, lambda: commands.add_module(project, "Late", index=-1))


def test_add_lesson(project, ids, roundtrip, refused):
    new = roundtrip(lambda: commands.add_lesson(project, ids.module, "Middle", index=1))
    module = project.course().find(ids.module)
    assert titles(module.lessons) == ["First steps", "Middle", "Next steps"]
    assert module.lessons[1].id == new and module.lessons[1].module_id == ids.module
    refused(NotFoundError, lambda: commands.add_lesson(project, "mod_missing", "X"))
    refused(NotFoundError, lambda: commands.add_lesson(project, ids.lesson, "X"))
    refused(InvalidEditError, lambda: commands.add_lesson(project, ids.module, ""))


def test_add_page(project, ids, roundtrip, refused):
    new = roundtrip(lambda: commands.add_page(project, ids.other_lesson, "Notes", "- a\n- b"))
    page = project.course().find(new)
    assert isinstance(page, Page) and page.text == "- a\n- b" and page.kind is ItemKind.PAGE
    refused(NotFoundError, lambda: commands.add_page(project, "les_missing", "Notes"))
    refused(InvalidEditError, lambda: commands.add_page(project, ids.lesson, "\t\n"))


def test_add_quiz_with_settings(project, ids, roundtrip, refused):
    new = roundtrip(lambda: commands.add_quiz(project, ids.lesson, "Final", index=0,
                                              pass_mark=80, attempts=3, shuffle=False))
    quiz = lesson_items(project, ids.lesson)[0]
    assert isinstance(quiz, Quiz) and quiz.id == new
    assert (quiz.pass_mark, quiz.attempts, quiz.shuffle) == (80.0, 3, False)
    refused(InvalidEditError, lambda: commands.add_quiz(project, ids.lesson, "Q", pass_mark=150))
    refused(InvalidEditError, lambda: commands.add_quiz(project, ids.lesson, "Q", colour="red"))
    refused(InvalidEditError, lambda: commands.add_quiz(project, ids.lesson, "Q",
                                                        show_answers="sometimes"))


def test_add_slide(project, ids, roundtrip, refused):
    new = roundtrip(lambda: commands.add_slide(project, ids.lesson, "Chart", asset_id=ids.asset,
                                               notes="Say this", duration=7.5))
    slide = project.course().find(new)
    assert isinstance(slide, Slide)
    assert (slide.asset_id, slide.notes, slide.duration) == (ids.asset, "Say this", 7.5)
    refused(NotFoundError, lambda: commands.add_slide(project, ids.lesson, "S", asset_id="ast_x"))
    refused(InvalidEditError, lambda: commands.add_slide(project, ids.lesson, "S", duration=0))


def test_add_video_takes_the_source_length(project, ids, roundtrip, refused, tmp_path):
    new = roundtrip(lambda: commands.add_video(project, ids.other_lesson, ids.asset))
    clip = project.course().find(new)
    assert isinstance(clip, VideoClip)
    assert (clip.title, clip.in_point, clip.out_point) == ("Intro Clip.MP4", 0.0, 60.0)
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG fake pixels")
    sha, filename = project.store_media(picture)
    image = commands.add_asset(project, sha, filename, "photo.png", "image", 16)
    refused(InvalidEditError, lambda: commands.add_video(project, ids.lesson, image))
    refused(NotFoundError, lambda: commands.add_video(project, ids.lesson, "ast_missing"))
    refused(NotFoundError, lambda: commands.add_video(project, "les_missing", ids.asset))


def test_rename_any_node(project, ids, roundtrip, refused):
    for node in (ids.module, ids.lesson, ids.quiz):
        roundtrip(lambda node=node: commands.rename(project, node, " New   name "))
        assert project.course().find(node).title == "New name"
    refused(InvalidEditError, lambda: commands.rename(project, ids.page, "  "))
    refused(NotFoundError, lambda: commands.rename(project, "itm_missing", "Name"))


def test_rename_to_the_same_title_is_not_an_undo_step(project, ids):
    steps = project.history.entries()
    commands.rename(project, ids.page, "Welcome")
    assert project.history.entries() == steps


def test_move_item_within_and_across_lessons(project, ids, roundtrip, refused):
    roundtrip(lambda: commands.move(project, ids.video, index=0))
    assert [i.id for i in lesson_items(project, ids.lesson)] == [
        ids.video, ids.page, ids.quiz, ids.slide]
    roundtrip(lambda: commands.move(project, ids.quiz, to=ids.other_lesson))
    assert [i.id for i in lesson_items(project, ids.other_lesson)] == [ids.quiz]
    assert [i.id for i in lesson_items(project, ids.lesson)] == [ids.video, ids.page, ids.slide]
    positions = project.conn.execute(
        "SELECT position FROM items WHERE lesson_id = ? ORDER BY position", (ids.lesson,))
    assert [p for (p,) in positions] == [0, 1, 2]
    refused(NotFoundError, lambda: commands.move(project, "itm_missing", index=0))
    refused(NotFoundError, lambda: commands.move(project, ids.page, to=ids.module))
    refused(InvalidEditError, lambda: commands.move(project, ids.page, to=ids.other_lesson,
                                                    index=-2))


def test_move_lessons_and_modules(project, ids, roundtrip, refused):
    second = commands.add_module(project, "Advanced")
    roundtrip(lambda: commands.move(project, ids.other_lesson, to=second))
    assert titles(project.course().find(second).lessons) == ["Next steps"]
    roundtrip(lambda: commands.move(project, second, index=0))
    assert titles(project.course().modules) == ["Advanced", "Basics"]
    refused(InvalidEditError, lambda: commands.move(project, second, to=ids.module))
    refused(NotFoundError, lambda: commands.move(project, ids.lesson, to=ids.other_lesson))


def test_remove_a_module_takes_everything_inside(project, ids, roundtrip, refused):
    commands.add_question(project, ids.quiz, "truefalse", "Is it?", data={"answer": True})
    keep = commands.add_module(project, "Keep")
    roundtrip(lambda: commands.remove(project, ids.module))
    course = project.course()
    assert [m.id for m in course.modules] == [keep] and course.items() == []
    for table in ("lessons", "items", "questions"):
        assert project.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
    assert project.conn.execute("SELECT position FROM modules").fetchall() == [(0,)]
    refused(NotFoundError, lambda: commands.remove(project, ids.module))


def test_remove_an_item_closes_the_gap(project, ids, roundtrip):
    roundtrip(lambda: commands.remove(project, ids.quiz))
    assert [i.id for i in lesson_items(project, ids.lesson)] == [ids.page, ids.slide, ids.video]
    positions = project.conn.execute(
        "SELECT position FROM items WHERE lesson_id = ? ORDER BY position", (ids.lesson,))
    assert [p for (p,) in positions] == [0, 1, 2]


# ---- timeline edits ------------------------------------------------------------------------
def test_trim_reports_cues_left_outside(project, ids, roundtrip, refused):
    early = commands.add_cue(project, ids.video, 5.0, "Early")
    outside = roundtrip(lambda: commands.trim(project, ids.video, 10.0, 40.0))
    assert outside == [early]
    clip = project.course().find(ids.video)
    assert (clip.in_point, clip.out_point, clip.duration) == (10.0, 40.0, 30.0)
    for in_point, out_point in ((20.0, 20.0), (30.0, 10.0), (-1.0, 5.0), (0.0, 60.5),
                                (math.nan, 5.0), (0.0, math.inf)):
        refused(InvalidEditError,
                lambda a=in_point, b=out_point: commands.trim(project, ids.video, a, b))
    refused(InvalidEditError, lambda: commands.trim(project, ids.page, 0.0, 1.0))
    refused(NotFoundError, lambda: commands.trim(project, "itm_missing", 0.0, 1.0))


def test_nudge_moves_one_edge(project, ids, roundtrip, refused):
    roundtrip(lambda: commands.nudge(project, ids.video, "in", 1.5))
    roundtrip(lambda: commands.nudge(project, ids.video, "out", -2.0))
    clip = project.course().find(ids.video)
    assert (clip.in_point, clip.out_point) == (1.5, 58.0)
    refused(InvalidEditError, lambda: commands.nudge(project, ids.video, "middle", 1.0))
    refused(InvalidEditError, lambda: commands.nudge(project, ids.video, "out", 5.0))
    refused(InvalidEditError, lambda: commands.nudge(project, ids.video, "in", -2.0))
    refused(InvalidEditError, lambda: commands.nudge(project, ids.slide, "in", 1.0))


def test_split_divides_clip_cues_and_questions(project, ids, roundtrip, refused):
    first_cue = commands.add_cue(project, ids.video, 10.0, "Before")
    late_cue = commands.add_cue(project, ids.video, 30.0, "After", must_answer=True)
    question = commands.add_question(project, ids.video, "choice", "Which?", cue_id=late_cue)
    second = roundtrip(lambda: commands.split(project, ids.video, 20.0))
    items = lesson_items(project, ids.lesson)
    assert [i.id for i in items][-2:] == [ids.video, second]
    head, tail = items[-2], items[-1]
    assert (head.in_point, head.out_point, tail.in_point, tail.out_point) == (0, 20, 20, 60)
    assert [c.id for c in head.cue_points] == [first_cue]
    assert [c.id for c in tail.cue_points] == [late_cue] and tail.cue_points[0].must_answer
    assert [q.id for q in tail.questions] == [question] and head.questions == ()
    assert tail.asset_id == head.asset_id == ids.asset
    for at in (0.0, 20.0, 60.0, 75.0):
        refused(InvalidEditError, lambda at=at: commands.split(project, ids.video, at))
    refused(InvalidEditError, lambda: commands.split(project, ids.quiz, 1.0))


def test_add_cue_keeps_cues_in_time_order(project, ids, roundtrip, refused):
    late = roundtrip(lambda: commands.add_cue(project, ids.video, 40.0, "Late"))
    early = roundtrip(lambda: commands.add_cue(project, ids.video, 4.0, "Early", True))
    cues = project.course().find(ids.video).cue_points
    assert [(c.id, c.time, c.must_answer) for c in cues] == [(early, 4.0, True),
                                                             (late, 40.0, False)]
    refused(InvalidEditError, lambda: commands.add_cue(project, ids.video, 61.0))
    refused(InvalidEditError, lambda: commands.add_cue(project, ids.page, 1.0))


# ---- properties ----------------------------------------------------------------------------
def test_set_course(project, ids, roundtrip, refused):
    roundtrip(lambda: commands.set_course(project, title="Safety  101", author="Ana",
                                          completion="quizzes_passed", mastery_score=75))
    course = project.course()
    assert (course.title, course.author) == ("Safety 101", "Ana")
    assert course.tracking.completion is CompletionRule.QUIZZES_PASSED
    assert course.tracking.mastery_score == 75.0
    refused(InvalidEditError, lambda: commands.set_course(project, colour="red"))
    refused(InvalidEditError, lambda: commands.set_course(project, completion="whenever"))
    refused(InvalidEditError, lambda: commands.set_course(project, mastery_score=101))
    refused(InvalidEditError, lambda: commands.set_course(project, completion_threshold=2))
    refused(InvalidEditError, lambda: commands.set_course(project, mastery_score="lots"))
    refused(InvalidEditError, lambda: commands.set_course(project, title=" "))
    refused(InvalidEditError, lambda: commands.set_course(project, author=None))
    refused(InvalidEditError, lambda: commands.set_course(project, language=3))


def test_set_course_settings_keeps_them_with_the_course(project, roundtrip, refused):
    assert project.course().settings.resolution == (1280, 720)
    roundtrip(lambda: commands.set_course(project, resolution="1920x1080", author="Ana"))
    assert project.course().settings.resolution == (1920, 1080)
    assert project.course().author == "Ana"
    roundtrip(lambda: commands.set_course(project, resolution=[1024, 768]))
    assert project.course().settings.resolution == (1024, 768)
    for bad in ("wide", "0x720", "1920x1080x2", [1.5, 2], None, "99999x10"):
        refused(InvalidEditError, lambda bad=bad: commands.set_course(project, resolution=bad))
    refused(InvalidEditError, lambda: commands.set_course(project, settings="{}"))


def test_set_item_by_kind(project, ids, roundtrip, refused):
    roundtrip(lambda: commands.set_item(project, ids.quiz, pass_mark=55, draw=2, weight=2))
    quiz = project.course().find(ids.quiz)
    assert (quiz.pass_mark, quiz.draw, quiz.weight) == (55.0, 2, 2.0)
    roundtrip(lambda: commands.set_item(project, ids.slide, text="New",
                                        narration_asset_id=ids.asset))
    slide = project.course().find(ids.slide)
    assert (slide.text, slide.narration_asset_id) == ("New", ids.asset)
    roundtrip(lambda: commands.set_item(project, ids.page, text="Plain"))
    assert project.course().find(ids.page).text == "Plain"
    refused(InvalidEditError, lambda: commands.set_item(project, ids.video, text="x"))
    refused(InvalidEditError, lambda: commands.set_item(project, ids.page, pass_mark=3))
    refused(InvalidEditError, lambda: commands.set_item(project, ids.quiz, attempts=-1))
    refused(NotFoundError, lambda: commands.set_item(project, ids.slide, narration_asset_id="a"))
    refused(NotFoundError, lambda: commands.set_item(project, "itm_missing", text="x"))


def test_add_asset_records_content_once(project, roundtrip, tmp_path):
    source = tmp_path / "voice.wav"
    source.write_bytes(b"RIFF....WAVEfmt " + b"\x01" * 64)
    sha, filename = project.store_media(source)
    first = roundtrip(lambda: commands.add_asset(project, sha, filename, "voice.wav", "audio", 80,
                                                 duration=3.0, info={"codec": "pcm"}))
    asset = project.course().assets[first]
    assert (asset.sha256, asset.kind, asset.duration, asset.info) == (sha, "audio", 3.0,
                                                                      {"codec": "pcm"})
    steps = len(project.history.entries())
    assert commands.add_asset(project, sha, filename, "copy.wav", "audio", 80) == first
    assert len(project.history.entries()) == steps


CHOICES = [{"id": "a", "text": "A", "correct": True}, {"id": "b", "text": "B", "correct": False}]


def test_add_question_to_quiz_and_cue(project, ids, roundtrip, refused):
    first = roundtrip(lambda: commands.add_question(project, ids.quiz, "choice", "Pick one",
                                                    points=2, data={"choices": CHOICES}))
    banked = roundtrip(lambda: commands.add_question(project, ids.quiz, "numeric", "How many?",
                                                     pool="bank", index=0))
    questions = project.course().find(ids.quiz).questions
    assert [(q.id, q.pool) for q in questions] == [(banked, "bank"), (first, "quiz")]
    assert questions[1].data["choices"] == [{**c, "feedback": ""} for c in CHOICES]
    assert questions[1].points == 2.0
    cue = commands.add_cue(project, ids.video, 12.0)
    asked = roundtrip(lambda: commands.add_question(project, ids.video, "truefalse", "Seen?",
                                                    cue_id=cue))
    assert project.course().find(ids.video).questions[0].cue_id == cue
    assert asked
    refused(InvalidEditError, lambda: commands.add_question(project, ids.quiz, "crossword", "Why?"))
    refused(InvalidEditError, lambda: commands.add_question(
        project, ids.quiz, "choice", "None right?", data={"choices": ["a", "b"]}))
    refused(InvalidEditError, lambda: commands.add_question(project, ids.quiz, "choice", "  "))
    refused(InvalidEditError, lambda: commands.add_question(project, ids.quiz, "choice", "A?",
                                                            pool="jar"))
    refused(InvalidEditError, lambda: commands.add_question(project, ids.quiz, "choice", "A?",
                                                            points=-1))
    refused(InvalidEditError, lambda: commands.add_question(project, ids.video, "choice", "A?"))
    refused(InvalidEditError, lambda: commands.add_question(project, ids.page, "choice", "A?"))
    refused(NotFoundError, lambda: commands.add_question(project, "itm_x", "choice", "A?"))
