"""The one import front door: files of every kind routed by their kind, one undo step, and a
typed report of what was added, what was skipped and why, and what to know."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import studio
from studio import commands
from studio.errors import ImportFileError
from studio.media.import_report import (
    FileKind,
    ImportNotice,
    ImportTarget,
    NoTargetError,
    NoticeKind,
    Skipped,
)
from studio.media.importer import import_name, import_paths, kind_of
from tests.slides_decks import build_deck

DATA = Path(__file__).parents[1] / "data"
SKIPPED_GIFT = DATA / "gift" / "skipped.gift"


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> Path:
    return build_deck(tmp_path_factory.mktemp("deck") / "talk.pptx")  # slide 2 is hidden


def test_kinds_come_from_the_suffix():
    assert [kind_of(name) for name in ("a.MP4", "b.png", "c.pptx", "d.gift", "e.TXT",
                                       "f.srt", "g.vtt")] == [
        FileKind.MEDIA, FileKind.MEDIA, FileKind.DECK, FileKind.QUESTIONS,
        FileKind.QUESTIONS, FileKind.CAPTIONS, FileKind.CAPTIONS]
    assert import_name([Path("q.gift")]) == "Import questions from q.gift"
    assert import_name(["a.mp4", "b.mp4", "c.mp4", "d.mp4"]) == "Import a.mp4, b.mp4, c.mp4 …"


def test_a_mixed_batch_is_one_undo_step_and_one_report(lesson, media, deck, dump):
    project, lesson_id = lesson
    before, steps = dump(project), len(project.history.entries())
    files = [media["still.png"], SKIPPED_GIFT, deck, media["voice.m4a"]]
    report = import_paths(project, files, ImportTarget.lesson(lesson_id), renderer="builtin")

    assert [entry.kind for entry in report.added] == [
        FileKind.MEDIA, FileKind.QUESTIONS, FileKind.DECK, FileKind.MEDIA]
    assert [entry.path for entry in report.added] == files
    picture, questions, slides, sound = report.added
    course = project.course()
    items = [item.id for item in course.find(lesson_id).items]
    assert picture.asset_id in course.assets and picture.item_ids[0] == items[0]
    assert questions.item_ids == (questions.quiz_id,) and questions.quiz_id == items[1]
    assert [q.id for q in course.find(questions.quiz_id).questions] == list(
        questions.question_ids) and len(questions.question_ids) == 2
    assert slides.item_ids == tuple(items[2:6]) and slides.renderer == "builtin"
    assert sound.item_ids == (items[6],) and report.media_asset_ids == (
        picture.asset_id, sound.asset_id)
    assert {entry.lesson_id for entry in report.added} == {lesson_id}

    assert [(s.path, s.line) for s in report.skipped] == [
        (SKIPPED_GIFT, 3), (SKIPPED_GIFT, 5), (SKIPPED_GIFT, 7)]
    assert report.notices_for(deck) == (ImportNotice(
        deck, NoticeKind.HIDDEN_SLIDES, "Hidden slides skipped: 2.", slides=(2,)),)
    [partial] = report.notices_for(SKIPPED_GIFT)
    assert (partial.kind, partial.line) == (NoticeKind.WARNING, 11)

    assert len(project.history.entries()) == steps + 1
    assert project.history.undo_name() == report.name == (
        "Import still.png, skipped.gift, talk.pptx …")
    project.undo()
    assert dump(project) == before


def test_a_gift_file_with_a_question_it_cannot_keep_reports_it_skipped(project):
    lesson_id = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    quiz = commands.add_quiz(project, lesson_id, "Quiz")
    report = import_paths(project, [SKIPPED_GIFT], ImportTarget.quiz(quiz))
    [added] = report.added
    assert (added.kind, added.quiz_id, added.item_ids) == (FileKind.QUESTIONS, quiz, ())
    weights = report.skipped[0]
    assert weights == Skipped(SKIPPED_GIFT, 3, weights.why) and "sum to 80 %" in weights.why
    assert str(weights).startswith("line 3: the weights of the right answers")
    assert project.history.undo_name() == "Import questions from skipped.gift"


def test_a_deck_in_the_media_bin_gets_its_own_lesson_and_its_hidden_slides_noticed(
        project, deck):
    report = import_paths(project, [deck], ImportTarget.media_bin(), renderer="builtin")
    [added] = report.added
    [lesson] = project.course().lessons()
    assert lesson.title == "talk" and added.lesson_id == lesson.id
    assert len(added.item_ids) == 4 and report.skipped == ()
    hidden = [n for n in report.notices if n.kind is NoticeKind.HIDDEN_SLIDES]
    assert [(n.path, n.slides, n.message) for n in hidden] == [
        (deck, (2,), "Hidden slides skipped: 2.")]


def test_media_go_where_the_target_says(lesson, media):
    project, lesson_id = lesson
    first = commands.add_page(project, lesson_id, "First")
    report = import_paths(project, [media["still.png"], media["voice.m4a"]],
                          ImportTarget.lesson(lesson_id, index=0))
    placed = [entry.item_ids[0] for entry in report.added]
    assert [item.id for item in project.course().find(lesson_id).items] == [*placed, first]
    report = import_paths(project, [media["voice.wav"]], ImportTarget(new_lesson="New"))
    assert project.course().lessons()[-1].title == "New"
    assert report.added[0].lesson_id == project.course().lessons()[-1].id
    bin_only = import_paths(project, [media["plain.mp4"]])
    assert bin_only.added[0].item_ids == () and bin_only.added[0].lesson_id is None


def test_a_bad_file_anywhere_in_a_batch_imports_nothing(lesson, media, deck, dump,
                                                        tmp_path):
    project, lesson_id = lesson
    bad = tmp_path / "bad.gift"
    bad.write_text("::Broken:: What? {=yes ~no\n", encoding="utf-8")
    before = dump(project)
    for files in ([media["still.png"], deck, bad], [deck, media["still.png"],
                                                    tmp_path / "missing.mp4"]):
        with pytest.raises(ImportFileError):
            import_paths(project, files, ImportTarget.lesson(lesson_id), renderer="builtin")
        assert dump(project) == before
        assert not project.media_dir.exists() or list(project.media_dir.iterdir()) == []


def test_files_with_nowhere_to_go_are_refused_with_their_kind(project, tmp_path):
    captions = tmp_path / "talk.srt"
    captions.write_text("1\n00:00:00,500 --> 00:00:01,500\nHello\n", encoding="utf-8")
    for path, kind in ((SKIPPED_GIFT, FileKind.QUESTIONS), (captions, FileKind.CAPTIONS)):
        with pytest.raises(NoTargetError) as caught:
            import_paths(project, [path])
        assert (caught.value.kind, caught.value.path) == (kind, path)
        assert path.name in caught.value.message
    with pytest.raises(ImportFileError, match="not both"):
        ImportTarget(lesson_id="les_1", new_lesson="New")


def test_captions_go_onto_the_clip(lesson, media, tmp_path):
    project, lesson_id = lesson
    clip = import_paths(project, [media["plain.mp4"]],
                        ImportTarget.lesson(lesson_id)).added[0].item_ids[0]
    captions = tmp_path / "talk.vtt"
    captions.write_text("WEBVTT\n\n00:00.500 --> 00:01.500\nHello\n", encoding="utf-8")
    report = import_paths(project, [captions], ImportTarget.captions(clip, " fr ", "Français"))
    [added] = report.added
    [track] = project.course().find(clip).captions
    assert (track.asset_id, track.language, track.label) == (added.asset_id, "fr", "Français")
    assert project.history.undo_name() == "Add captions talk.vtt"


def test_quiz_rules_import_neither_commands_nor_the_store():
    quiz_room = Path(studio.__file__).parent / "quiz"
    found = []
    for path in sorted(quiz_room.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] + [f"{node.module}.{alias.name}"
                                                 for alias in node.names]
                     if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.name}: {name}" for name in names
                      if name.startswith(("studio.commands", "studio.store"))]
    assert found == []
