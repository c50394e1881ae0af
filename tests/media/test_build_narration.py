"""A build voices the narration scripts its spec names, with the real espeak-ng, ffmpeg and
SQLite: only what is missing or changed, in the build's one undo step."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from studio import commands
from studio.errors import Cancelled
from studio.jobs import CancelToken
from studio.media.build import build_course
from studio.media.narration_cache import NarrationCache
from studio.media.voices import engine
from studio.store import Project
from tests.media.build_fixtures import course_spec, materials

TWO = "This diagram shows the flow. It starts on the left."


@pytest.fixture
def spec(tmp_path, media):
    found = engine("espeak-ng")
    if found.available() is not None:
        pytest.fail(f"espeak-ng cannot be used here: {found.available()}")
    folder = materials(tmp_path / "src", media)
    (folder / "diagram.txt").write_text(TWO, encoding="utf-8")
    return course_spec(folder, deck=False)  # one scripted item: the picture


def _build(spec, target: Path, **kwargs):
    return build_course(spec, target, renderer="builtin", **kwargs)


def _diagram(project: Project):
    return next(item for item in project.course().items() if item.title == "Diagram")


def _files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_built_slide_speaks_its_script_and_a_changed_sentence_alone_is_voiced_again(
        tmp_path, spec):
    target = tmp_path / "A.course"
    report = _build(spec, target)
    assert (report.voiced, report.synthesised, report.unvoiced) == (1, 2, 0)
    with Project.open(target) as project:
        track = _diagram(project).narration.track("en")
        assert [s.text for s in track.sentences] == ["This diagram shows the flow.",
                                                     "It starts on the left."]
        assert project.course().assets[track.asset_id].kind == "audio"
        assert len(project.history.entries()) == 1  # voiced in the build's undo step
        made = set(NarrationCache(project.cache_dir).keys())
    assert len(made) == 2

    (spec.root / "diagram.txt").write_text("This diagram shows the flow. It ends on the "
                                           "right.", encoding="utf-8")
    report = _build(spec, target)

    assert (report.status, report.voiced, report.synthesised) == ("updated", 1, 1)
    with Project.open(target) as project:
        track = _diagram(project).narration.track("en")
        assert [s.text for s in track.sentences] == ["This diagram shows the flow.",
                                                     "It ends on the right."]
        now = set(NarrationCache(project.cache_dir).keys())
        assert len(now - made) == 1 and made <= now  # one sentence made, one reused
        assert len(project.history.entries()) == 2
        project.undo()  # the rebuild and its voicing are one step
        assert [s.text for s in _diagram(project).narration.track("en").sentences][1] == \
            "It starts on the left."


def test_an_unchanged_script_voices_nothing_and_writes_nothing(tmp_path, spec):
    target = tmp_path / "A.course"
    _build(spec, target)
    before = _files(target)
    report = _build(spec, target)
    assert (report.status, report.voiced, report.synthesised) == ("unchanged", 0, 0)
    assert _files(target) == before


def test_no_narrate_leaves_scripts_unvoiced_with_a_note_and_a_later_build_voices_them(
        tmp_path, spec):
    target = tmp_path / "A.course"
    report = _build(spec, target, narrate=False)
    assert (report.voiced, report.unvoiced) == (0, 1)
    assert report.notes == (f"1 item has a narration script not voiced; run: studio narrate "
                            f"{target}",)
    with Project.open(target) as project:
        assert _diagram(project).narration.track("en") is None
        assert NarrationCache(project.cache_dir).keys() == []

    again = _build(spec, target, narrate=False)
    assert (again.status, again.unvoiced) == ("unchanged", 1)

    voiced = _build(spec, target)  # the spec is unchanged, its narration is not voiced yet
    assert (voiced.status, voiced.voiced, voiced.synthesised) == ("updated", 1, 2)
    with Project.open(target) as project:
        assert _diagram(project).narration.track("en") is not None
    assert _build(spec, target).status == "unchanged"


def test_cancel_while_voicing_leaves_the_project_as_before(tmp_path, spec, dump):
    token = CancelToken()

    def cancel_while_voicing(fraction, message=""):
        if message.startswith("Voicing"):
            token.cancel()

    with pytest.raises(Cancelled):
        _build(spec, tmp_path / "A.course", progress=cancel_while_voicing, token=token)
    assert list(tmp_path.iterdir()) == [tmp_path / "src"]  # no half-made project

    target = tmp_path / "A.course"
    _build(spec, target, narrate=False)
    with Project.open(target) as project:
        before, media_before = dump(project), _files(project.media_dir)
    (spec.root / "diagram.txt").write_text("A new script. Said twice.", encoding="utf-8")
    token = CancelToken()
    with pytest.raises(Cancelled):
        _build(spec, target, progress=cancel_while_voicing, token=token)
    with Project.open(target) as project:
        assert dump(project) == before
        assert _files(project.media_dir) == media_before
        assert _diagram(project).narration.script("en") == TWO  # the spec's change too


@pytest.mark.parametrize("chosen", ["piper", "system"])  # no voice file; not on Linux
def test_a_build_that_cannot_voice_still_builds_and_says_why(tmp_path, spec, chosen):
    target = tmp_path / "A.course"
    _build(spec, target)
    with Project.open(target) as project:
        commands.set_course(project, narration_engine=chosen)
    (spec.root / "diagram.txt").write_text("A new script.", encoding="utf-8")

    report = _build(spec, target)

    assert (report.status, report.voiced, report.unvoiced) == ("updated", 0, 1)
    [note] = report.notes
    assert note.startswith("1 item not voiced: ") and note.endswith(
        f"then run: studio narrate {target}")
    with Project.open(target) as project:
        diagram = _diagram(project)
        assert diagram.narration.script("en") == "A new script."
        assert [s.text for s in diagram.narration.track("en").sentences] == [
            "This diagram shows the flow.", "It starts on the left."]  # as voiced before
    before = _files(target)
    again = _build(spec, target)  # the spec unchanged, its narration still due: nothing written
    assert (again.status, again.notes) == ("unchanged", report.notes)
    assert _files(target) == before
