"""`build_course`: a spec made into a project, and rebuilt in place keeping designer edits."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation

from studio import commands
from studio.errors import BuildError, Cancelled, ImportFileError
from studio.jobs import CancelToken
from studio.media.build import build_course
from studio.model import Page, Quiz, Slide, VideoClip
from studio.store import Project
from tests.media.build_fixtures import course_spec, materials


@pytest.fixture
def spec(tmp_path, media):
    return course_spec(materials(tmp_path / "src", media))


def _build(spec, target: Path, **kwargs):
    return build_course(spec, target, renderer="builtin", **kwargs)


def _by_title(project: Project) -> dict:
    return {item.title: item for item in project.course().items()}


def _files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_first_build_makes_the_course_as_the_spec_says(tmp_path, spec):
    report = _build(spec, tmp_path / "A.course")
    assert (report.status, report.added, report.conflicts) == ("built", 8, ())
    with Project.open(tmp_path / "A.course") as project:
        course = project.course()
        assert (course.title, course.description) == ("Bars and tones",
                                                      "A course of bars and tones.")
        assert course.settings.resolution == (320, 180)
        assert course.tracking.mastery_score == 80.0
        [module] = course.modules
        assert [lesson.title for lesson in module.lessons] == ["Watch", "Practise"]
        watch, practise = module.lessons
        clip, page, diagram = watch.items
        assert isinstance(clip, VideoClip) and (clip.in_point, clip.out_point) == (0.5, 2.5)
        assert [t.language for t in clip.captions] == ["en"]
        assert isinstance(page, Page)
        assert page.text == "# Before you start\n\nRead this first.\n\n- Bars\n- Tones"
        assert isinstance(diagram, Slide)
        spoken = diagram.narration.track("en")  # voiced: it lasts as long as its narration
        assert spoken is not None and diagram.slide_duration == spoken.duration
        assert diagram.narration.script("en") == "This diagram shows the flow."
        *slides, quiz = practise.items
        assert [s.narration.script("en") for s in slides[:2]] == [
            "Welcome, everyone.", "Here are the results."]
        assert slides[2].narration.script("en") is None
        assert isinstance(quiz, Quiz) and quiz.pass_mark == 80.0 and len(quiz.questions) == 2
        assert len(project.history.entries()) == 1  # the whole build is one undo step
    assert not list(tmp_path.glob(".A.course.part-*"))


def test_unchanged_rebuild_writes_nothing(tmp_path, spec):
    target = tmp_path / "A.course"
    _build(spec, target)
    before = _files(target)
    report = _build(spec, target)
    assert report.status == "unchanged"
    assert _files(target) == before


def test_designer_edits_survive_and_both_sided_changes_are_conflicts(tmp_path, spec):
    target = tmp_path / "A.course"
    _build(spec, target)
    with Project.open(target) as project:
        items = _by_title(project)
        watch = items["Intro"].lesson_id
        commands.trim(project, items["Intro"].id, in_point=1.0)  # the designer's trim
        own_quiz = commands.add_quiz(project, watch, "My own check", index=2)  # after the page
        commands.rename(project, items["Results"].id, "Our results")
        commands.set_item(project, items["Check"].id, pass_mark=90)
        commands.add_question(project, items["Check"].id, "truefalse", "Mine?",
                              data={"answer": True})
    changed = course_spec(spec.root, pass_mark=85.0, out_point=2.8)

    report = _build(changed, target)

    assert report.status == "updated"
    assert report.conflicts == (
        "“Check” (check.gift): pass_mark is 90.0 in the project and 85.0 in the spec; the "
        "project's kept",)
    assert report.kept == 1  # the designer's pass mark, kept over the spec's
    with Project.open(target) as project:
        items = _by_title(project)
        clip = items["Intro"]
        assert (clip.in_point, clip.out_point) == (1.0, 2.8)  # designer's in, spec's out
        assert items["Check"].pass_mark == 90.0
        assert "Mine?" in [q.prompt for q in items["Check"].questions]
        assert "Our results" in items and "Results" not in items
        watch = project.course().find(clip.lesson_id)
        assert [i.title for i in watch.items] == ["Intro", "Before you start", "My own check",
                                                  "Diagram"]
        assert own_quiz in [i.id for i in watch.items]
        assert len(project.history.entries()) == 7  # build, 5 edits, rebuild
        project.undo()  # the rebuild is one step, its build map with it
    again = _build(changed, target)
    assert again.status == "updated" and again.conflicts == report.conflicts


def test_spec_changes_the_designer_left_are_applied(tmp_path, spec):
    target = tmp_path / "A.course"
    _build(spec, target)
    (spec.root / "diagram.txt").write_text("A new script.", encoding="utf-8")
    renamed = replace(spec, title="Bars, tones and more")
    report = _build(course_spec(spec.root, pass_mark=60.0, title=renamed.title), target)
    assert (report.status, report.conflicts) == ("updated", ())
    with Project.open(target) as project:
        items = _by_title(project)
        assert items["Check"].pass_mark == 60.0
        assert items["Diagram"].narration.script("en") == "A new script."
        assert project.course().title == "Bars, tones and more"


def test_removed_from_spec_goes_unless_edited(tmp_path, spec):
    target = tmp_path / "A.course"
    _build(spec, target)
    with Project.open(target) as project:
        commands.set_item(project, _by_title(project)["Diagram"].id, duration=9)
    module = spec.modules[0]
    watch = replace(module.lessons[0], items=module.lessons[0].items[:1])  # page, image gone
    smaller = replace(spec, modules=(replace(module, lessons=(watch, module.lessons[1])),))
    report = _build(smaller, target)
    assert (report.removed, report.kept) == (1, 1)
    assert report.notes == ("“Diagram” left the spec but was edited in the project; kept",)
    with Project.open(target) as project:
        items = _by_title(project)
        assert "Before you start" not in items and items["Diagram"].slide_duration == 9


def test_a_changed_video_is_relinked_and_a_trim_outside_it_reported(tmp_path, spec, media):
    target = tmp_path / "A.course"
    _build(spec, target)
    shutil.copy(media["silent.mp4"], spec.root / "intro.mp4")  # now 1 s long
    report = _build(course_spec(spec.root, out_point=None), target)
    assert report.status == "updated"
    assert any("outside the new intro.mp4" in note for note in report.notes)
    with Project.open(target) as project:
        clip = _by_title(project)["Intro"]
        asset = project.course().assets[clip.asset_id]
        assert asset.sha256 == hashlib.sha256(media["silent.mp4"].read_bytes()).hexdigest()
        assert clip.out_point == pytest.approx(asset.duration)


def test_cancel_leaves_the_project_and_the_folder_as_they_were(tmp_path, spec, dump):
    token = CancelToken()

    def cancel_while_writing(fraction, message=""):
        if message.startswith("Building"):
            token.cancel()

    with pytest.raises(Cancelled):
        _build(spec, tmp_path / "A.course", progress=cancel_while_writing, token=token)
    assert list(tmp_path.iterdir()) == [tmp_path / "src"]  # no half-made project

    target = tmp_path / "A.course"
    _build(spec, target)
    with Project.open(target) as project:
        before, media_before = dump(project), _files(project.media_dir)
    (spec.root / "intro.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nNew.\n",
                                         encoding="utf-8")
    token = CancelToken()
    with pytest.raises(Cancelled):
        _build(course_spec(spec.root, pass_mark=50.0), target,
               progress=cancel_while_writing, token=token)
    with Project.open(target) as project:
        assert dump(project) == before
        assert _files(project.media_dir) == media_before


def test_bad_source_is_one_line_and_changes_nothing(tmp_path, spec):
    (spec.root / "check.gift").unlink()
    with pytest.raises(ImportFileError) as refused:
        _build(spec, tmp_path / "A.course")
    assert "check.gift" in refused.value.message and "\n" not in refused.value.message
    assert not (tmp_path / "A.course").exists()


def test_a_project_not_built_from_a_spec_is_refused(tmp_path, spec):
    Project.create(tmp_path / "Mine.course", "Mine").close()
    with pytest.raises(BuildError, match="not built from a spec"):
        _build(spec, tmp_path / "Mine.course")


def test_changed_deck_and_questions_are_read_again_keeping_designer_edits(tmp_path, spec):
    target = tmp_path / "A.course"
    _build(spec, target)
    with Project.open(target) as project:
        items = _by_title(project)
        slide_ids = {title: items[title].id for title in ("Welcome to the course", "Results")}
        commands.rename(project, slide_ids["Results"], "Our results")
        mine = commands.add_question(project, items["Check"].id, "truefalse", "Mine?",
                                     data={"answer": True})
    deck = Presentation(str(spec.root / "deck.pptx"))
    deck.slides[0].shapes.title.text = "Welcome, revised"
    deck.save(str(spec.root / "deck.pptx"))
    (spec.root / "check.gift").write_text("::New:: Is this new? {TRUE}\n", encoding="utf-8")

    report = _build(spec, target)

    assert (report.status, report.conflicts) == ("updated", ())
    with Project.open(target) as project:
        items = _by_title(project)
        assert items["Welcome, revised"].id == slide_ids["Welcome to the course"]
        assert items["Our results"].id == slide_ids["Results"]  # the designer's title
        assert items["Welcome, revised"].narration.script("en") == "Welcome, everyone."
        assert [(q.id == mine, q.prompt) for q in items["Check"].questions] == [
            (True, "Mine?"), (False, "Is this new?")]


def test_order_follows_the_spec_and_added_items_follow_their_predecessor(tmp_path, spec):
    target = tmp_path / "A.course"
    _build(spec, target)
    with Project.open(target) as project:
        page = _by_title(project)["Before you start"]
        commands.add_quiz(project, page.lesson_id, "Mine", index=2)  # after the page
    module = spec.modules[0]
    clip, page, image = module.lessons[0].items
    swapped = replace(module.lessons[0], items=(image, clip, page))
    report = _build(replace(spec, modules=(replace(module, lessons=(
        module.lessons[1], swapped)),)), target)
    assert report.status == "updated"
    with Project.open(target) as project:
        practise, watch = project.course().modules[0].lessons
        assert practise.title == "Practise"
        assert [i.title for i in watch.items] == ["Diagram", "Intro", "Before you start",
                                                  "Mine"]


def test_a_setting_added_to_the_spec_later_is_applied_not_a_conflict(tmp_path, spec):
    def without_settings(whole):
        module = whole.modules[0]
        watch, practise = module.lessons
        quiz = replace(practise.items[-1], settings={})
        clip = replace(watch.items[0], title=None, out_point=None)
        watch = replace(watch, items=(clip, *watch.items[1:]))
        lessons = (watch, replace(practise, items=(*practise.items[:-1], quiz)))
        return replace(whole, modules=(replace(module, lessons=lessons),), resolution=None)

    target = tmp_path / "A.course"
    _build(without_settings(spec), target)
    report = _build(course_spec(spec.root, pass_mark=90.0), target)
    assert report.conflicts == ()
    with Project.open(target) as project:
        assert _by_title(project)["Check"].pass_mark == 90.0
        assert project.course().settings.resolution == (320, 180)
        assert _by_title(project)["Intro"].out_point == 2.5
    assert _build(course_spec(spec.root, pass_mark=90.0), target).status == "unchanged"


def test_a_first_build_removes_what_a_killed_first_build_left(tmp_path, spec):
    def left(name: str, age: float) -> Path:
        part = tmp_path / name
        part.mkdir()
        with Project.create(part, "Half made", "en"):
            pass
        when = time.time() - age
        for path in (part / "course.db", part):
            os.utime(path, (when, when))
        return part

    stale = left(".A.course.part-0badf00d", 3600)
    starting = left(".A.course.part-0fresh00", 0)  # another build of A may be starting
    report = _build(spec, tmp_path / "A.course")
    assert not stale.exists() and starting.is_dir()
    assert "removed .A.course.part-0badf00d, left by an interrupted build" in report.notes


def test_a_lesson_that_left_the_spec_is_kept_for_an_edited_item_not_called_edited(tmp_path,
                                                                                 spec):
    target = tmp_path / "A.course"
    _build(spec, target)
    with Project.open(target) as project:
        commands.set_item(project, _by_title(project)["Diagram"].id, duration=9)
    module = spec.modules[0]
    without_watch = replace(spec, modules=(replace(module, lessons=module.lessons[1:]),))
    report = _build(without_watch, target)
    assert report.notes == (
        "“Diagram” left the spec but was edited in the project; kept",
        "“Watch” left the spec; kept for what it still holds: “Diagram”")
    assert (report.removed, report.kept) == (2, 2)  # the clip and the page; Diagram, Watch


def test_a_rebuild_after_a_conflict_with_nothing_new_writes_nothing(tmp_path, spec):
    target = tmp_path / "A.course"
    _build(spec, target)
    with Project.open(target) as project:
        commands.set_item(project, _by_title(project)["Check"].id, pass_mark=90)
    changed = course_spec(spec.root, pass_mark=85.0)
    assert _build(changed, target).conflicts
    before = _files(target)
    assert _build(changed, target).status == "unchanged"
    assert _files(target) == before


def test_a_project_built_before_found_values_were_kept_takes_an_added_setting(tmp_path, spec):
    module = spec.modules[0]
    watch, practise = module.lessons
    quiz = replace(practise.items[-1], settings={})
    bare = replace(spec, modules=(replace(module, lessons=(
        watch, replace(practise, items=(*practise.items[:-1], quiz)))),))
    target = tmp_path / "A.course"
    _build(bare, target)
    with Project.open(target) as project, project.conn:  # the map as older builds kept it
        project.conn.execute("UPDATE build_map SET base = json_remove(base, '$.found')")
    with Project.open(target) as project:
        assert not any("found" in row[0] for row in project.conn.execute(
            "SELECT base FROM build_map"))
    report = _build(spec, target)
    assert report.conflicts == ()
    with Project.open(target) as project:
        assert _by_title(project)["Check"].pass_mark == 80.0
