"""Translation commands: each one undo step that undoes and redoes exactly, and every
refusal changes nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from studio import commands
from studio.errors import InvalidEditError, NotFoundError
from studio.store import Project
from studio.translation.drift import states
from studio.translation.segments import course_segments
from studio.translation.units import Segment, SegmentState, Translation


@pytest.fixture
def roundtrip(project: Project, dump):
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
    def run(action: Callable[[], object], error: type[Exception], words: str) -> None:
        before, steps = dump(project), len(project.history.entries())
        with pytest.raises(error, match=words):
            action()
        assert dump(project) == before
        assert len(project.history.entries()) == steps

    return run


def _segment(project: Project, seg_id: str = "course.title") -> Segment:
    return next(s for s in course_segments(project.course()) if s.id == seg_id)


def _tr(segment: Segment, text: str, language: str = "fr") -> Translation:
    return Translation(language, segment.id, text, segment.source_hash, segment.text)


def test_add_and_remove_language(project, roundtrip, refused):
    assert roundtrip(lambda: commands.add_language(project, "fr_ca")) == "fr-CA"
    roundtrip(lambda: commands.add_language(project, "de"))
    roundtrip(lambda: commands.add_language(project, "QPS-PLOCM"))
    assert project.course().settings.languages == ("de", "fr-CA", "qps-plocm")
    refused(lambda: commands.add_language(project, "de"), InvalidEditError, "already")
    refused(lambda: commands.add_language(project, "en"), InvalidEditError, "own language")
    refused(lambda: commands.add_language(project, "English!!"), InvalidEditError,
            "not a language tag")
    commands.store_translations(project, "de", [_tr(_segment(project), "Beispielkurs", "de")])
    roundtrip(lambda: commands.remove_language(project, "de"))
    course = project.course()
    assert course.settings.languages == ("fr-CA", "qps-plocm")
    assert "de" not in course.translations
    refused(lambda: commands.remove_language(project, "it"), NotFoundError, "no Italian")
    refused(lambda: commands.remove_language(project, "en"), InvalidEditError, "own language")


def test_store_translations_upserts_removes_and_adds_the_language(project, roundtrip):
    commands.set_course(project, description="One. Two.")
    title, one = _segment(project), _segment(project, "course.description.0")
    changed = roundtrip(lambda: commands.store_translations(
        project, "fr", [_tr(title, "Cours exemple"), _tr(one, "Un.")]))
    assert changed == 2
    course = project.course()
    assert course.settings.languages == ("fr",)
    assert course.translations["fr"]["course.title"] == _tr(title, "Cours exemple")
    assert commands.store_translations(project, "fr", [_tr(title, "Cours exemple")]) == 0
    changed = roundtrip(lambda: commands.store_translations(
        project, "fr", [_tr(title, "Cours d'essai\r\nligne"), _tr(one, "")]))
    assert changed == 2
    stored = project.course().translations["fr"]
    assert set(stored) == {"course.title"}
    assert stored["course.title"].text == "Cours d'essai\nligne"


def test_store_translations_refusals(project, refused):
    title = _segment(project)
    refused(lambda: commands.store_translations(project, "en", [_tr(title, "x", "en")]),
            InvalidEditError, "own language")
    refused(lambda: commands.store_translations(project, "fr", [_tr(title, "x", "de")]),
            InvalidEditError, "course.title is in de, not fr")
    refused(lambda: commands.store_translations(project, "??", []), InvalidEditError,
            "not a language tag")


def test_store_translations_joins_a_group_as_one_step(project):
    title = _segment(project)
    steps = len(project.history.entries())
    with project.group("Import French translation"):
        commands.add_language(project, "fr")
        commands.store_translations(project, "fr", [_tr(title, "Cours")])
    assert len(project.history.entries()) == steps + 1
    project.undo()
    assert project.course().translations == {} and project.course().settings.languages == ()


def test_set_translation_marks_a_reviewed_segment_current(project, roundtrip):
    old = _segment(project)
    roundtrip(lambda: commands.set_translation(project, "fr", old, "Cours exemple"))
    commands.set_course(project, title="Sample course, second edition")
    new = _segment(project)
    course = project.course()
    assert states([new], course.translations["fr"])[new.id][0] is SegmentState.NEEDS_REVIEW
    roundtrip(lambda: commands.set_translation(project, "fr", new, "Cours exemple"))
    course = project.course()
    assert states([new], course.translations["fr"])[new.id][0] is SegmentState.CURRENT
    assert course.translations["fr"][new.id].source_text == "Sample course, second edition"
    roundtrip(lambda: commands.set_translation(project, "fr", new, ""))
    assert project.course().translations.get("fr", {}) == {}


def test_a_translation_with_broken_inline_codes_is_refused(project, refused):
    styled = Segment("course.title", "Welcome to <i>Course Studio</i>.", "course", None, "title")
    refused(lambda: commands.set_translation(project, "fr", styled,
                                             "Bienvenue dans <i>Course Studio."),
            InvalidEditError, r"^Segment course\.title: the code </i> of the source is missing "
            r"from the target\.$")
    refused(lambda: commands.store_translations(project, "fr", [
        _tr(styled, "Bienvenue dans <b>Course Studio</b>.")]),
            InvalidEditError, "course.title: the target has the code <b>")
    commands.set_translation(project, "fr", styled, "<i>Course Studio</i> vous accueille.")
    assert project.course().translations["fr"]["course.title"].text.startswith("<i>")
