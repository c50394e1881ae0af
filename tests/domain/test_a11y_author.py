"""Author-side accessibility checks: each planted defect turns exactly its criterion to
"does not support"; the sample course has no failure; findings are the same every time."""

from __future__ import annotations

import pytest

from studio import commands
from studio.a11y.author import course_findings, item_findings
from studio.a11y.findings import FAIL, PASS, REVIEW
from studio.a11y.verdicts import judge_all
from studio.errors import InvalidEditError, NotFoundError
from studio.media.sample import build_sample
from studio.store import Project

AUDIO = {"codec": "aac", "profile": "LC", "channels": 1, "sample_rate": 44100}


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "A.course", title="Safety basics") as opened:
        yield opened


@pytest.fixture
def lesson(project):
    return commands.add_lesson(project, commands.add_module(project, "Week 1"), "Start")


def _picture_asset(project, name="slide1.png"):
    return commands.add_asset(project, "a" * 64, "a.png", name, "image", 10, None, 1280, 720,
                              {})


def _video_asset(project, audio: bool):
    streams = [{"index": 0, "type": "video", "codec": "h264"}]
    info = {"streams": streams}
    if audio:
        streams.append({"index": 1, "type": "audio", "codec": "aac"})
        info["audio"] = AUDIO
    return commands.add_asset(project, "b" * 64, "b.mp4", "talk.mp4", "video", 10, 6.0, 640,
                              360, info)


def _deck_slide(project, lesson, pictures):
    return commands.add_imported_slide(
        project, lesson, "Exits", _picture_asset(project), text="Know your exits.",
        pictures=pictures, alt_texts=[p["alt"] for p in pictures if p["alt"]],
        source={"kind": "pptx", "deck_name": "d.pptx", "slide_id": 256})


def _failing(course) -> set[str]:
    return {r.criterion.id for r in judge_all(course_findings(course))
            if r.verdict == "does-not-support"}


def test_a_deck_picture_without_description_fails_1_1_1_only(project, lesson):
    item = _deck_slide(project, lesson, [{"alt": "A fire exit sign", "name": "Picture 2"},
                                         {"alt": "", "name": "Picture 3"}])
    course = project.course()
    assert _failing(course) == {"1.1.1"}
    (failure,) = [f for f in course_findings(course) if f.outcome == FAIL]
    assert failure.item == item and "picture 2 (“Picture 3”)" in failure.text
    assert "mark it decorative in the slide's Pictures" in failure.text
    assert [f for f in item_findings(course, item) if f.outcome == FAIL] == [failure]


def test_a_picture_described_only_by_its_file_name_fails_1_1_1(project, lesson):
    _deck_slide(project, lesson, [{"alt": "IMG_0042.JPG", "name": "Picture 3"}])
    (failure,) = [f for f in course_findings(project.course()) if f.outcome == FAIL]
    assert failure.criterion == "1.1.1" and "described only as “IMG_0042.JPG”" in failure.text


def test_a_decorative_picture_fails_nothing(project, lesson):
    _deck_slide(project, lesson, [{"alt": "", "decorative": True, "name": "Line 1"}])
    course = project.course()
    assert _failing(course) == set()
    (evidence,) = [f for f in course_findings(course) if f.criterion == "1.1.1"]
    assert evidence.outcome == PASS and "1 of 1 deck pictures" in evidence.text


def test_describing_the_picture_is_one_undo_step_and_clears_the_failure(project, lesson):
    item = _deck_slide(project, lesson, [{"alt": "", "name": "Picture 3"}])
    commands.set_picture_alt(project, item, 0, "  A  map of the floor ")
    slide = project.course().find(item)
    assert slide.pictures[0].alt == "A map of the floor"
    assert slide.alt_texts == ("A map of the floor",)
    assert _failing(project.course()) == set()
    project.undo()
    assert _failing(project.course()) == {"1.1.1"}
    commands.set_picture_alt(project, item, 0, "", decorative=True)
    assert project.course().find(item).pictures[0].decorative
    assert project.course().find(item).alt_texts == ()
    with pytest.raises(InvalidEditError, match="no picture 2"):
        commands.set_picture_alt(project, item, 1, "x")
    with pytest.raises(InvalidEditError, match="mark it as decorative"):
        commands.set_picture_alt(project, item, 0, "  ")


def test_a_slide_whose_pictures_were_never_read_cannot_be_described(project, lesson):
    item = commands.add_slide(project, lesson, "Plain", _picture_asset(project), text="Hi.")
    assert project.course().find(item).pictures is None
    with pytest.raises(InvalidEditError, match="not known"):
        commands.set_picture_alt(project, item, 0, "x")


@pytest.mark.parametrize("title", ["slide1.png", "slide1", "Slide 7"])
def test_an_image_slide_named_only_by_its_file_fails_1_1_1(project, lesson, title):
    item = commands.add_slide(project, lesson, title, _picture_asset(project))
    assert _failing(project.course()) == {"1.1.1"}
    assert "file name" in next(f.text for f in item_findings(project.course(), item)
                               if f.outcome == FAIL)
    commands.set_item(project, item, text="Three exits: front, back and side.")
    assert _failing(project.course()) == set()


def test_a_clip_with_sound_and_no_captions_fails_1_2_2_only(project, lesson):
    clip = commands.add_video(project, lesson, _video_asset(project, audio=True), "Talk")
    course = project.course()
    assert _failing(course) == {"1.2.2"}
    (failure,) = [f for f in course_findings(course) if f.outcome == FAIL]
    assert failure.item == clip and "no captions in en" in failure.text
    reviews = {f.criterion for f in course_findings(course) if f.outcome == REVIEW}
    assert {"1.2.3", "1.2.5"} <= reviews  # no description: a person judges, never a failure


def test_a_clip_without_sound_needs_no_captions_but_a_description(project, lesson):
    clip = commands.add_video(project, lesson, _video_asset(project, audio=False), "Demo")
    findings = course_findings(project.course())
    assert not [f for f in findings if f.criterion == "1.2.2" and f.outcome != "not-applicable"]
    assert _failing(project.course()) == {"1.2.1"}
    commands.set_item(project, clip, description="A hand presses the red alarm button.")
    assert _failing(project.course()) == set()
    for criterion in ("1.2.3", "1.2.5"):  # a silent clip's description is 1.2.1's
        (shown,) = [f for f in course_findings(project.course()) if f.criterion == criterion]
        assert shown.outcome == "not-applicable" and "No video with sound" in shown.text
    (captions,) = [f for f in findings if f.criterion == "1.2.2"]
    assert captions.text == "No video with sound in the course."


def test_a_described_clip_with_sound_supports_1_2_3(project, lesson):
    clip = commands.add_video(project, lesson, _video_asset(project, audio=True), "Talk")
    commands.set_item(project, clip, description="A hand presses the red alarm button.")
    (shown,) = [f for f in course_findings(project.course()) if f.criterion == "1.2.3"]
    assert shown.outcome == PASS


def test_no_finding_text_carries_a_command_line(project, lesson):
    _deck_slide(project, lesson, [{"alt": "", "name": "Picture 3"}])
    commands.add_video(project, lesson, _video_asset(project, audio=True), "Talk")
    commands.add_video(project, lesson, _video_asset(project, audio=False), "Demo")
    commands.set_course(project, title="Untitled")
    texts = [f.text for f in course_findings(project.course())]
    assert len([t for t in texts if "Properties" in t]) >= 4
    assert not [t for t in texts if "studio " in t or " DIR" in t or "=\"" in t]


@pytest.mark.parametrize("text", [
    "For the full rules [click here](https://example.org/rules).",
    "See <a href=\"https://example.org\">read more</a> about it.",
    "The rules: [https://example.org/rules](https://example.org/rules)",
    "The rules: [here](https://example.org/rules).",
    "The rules: [more](https://example.org/rules).",
])
def test_vague_link_text_asks_for_review_of_2_4_4_in_context(project, lesson, text):
    page = commands.add_page(project, lesson, "Rules", text)
    assert _failing(project.course()) == set()
    (review,) = [f for f in course_findings(project.course()) if f.criterion == "2.4.4"]
    assert review.outcome == REVIEW and review.item == page and "example.org" in review.text


def test_a_link_without_text_fails_2_4_4(project, lesson):
    page = commands.add_page(project, lesson, "Rules", "The rules: [](https://example.org).")
    assert _failing(project.course()) == {"2.4.4"}
    (failure,) = [f for f in course_findings(project.course()) if f.outcome == FAIL]
    assert failure.item == page and "no text" in failure.text


@pytest.mark.parametrize("text, flagged", [
    ("Black text on white is fine.", False),
    ("Small grey text.", False),
    ("Now click the red button.", True),
    ("The answers in green are correct.", True),
    ("Read the words highlighted in red.", True),
])
def test_colour_wording_flags_instructions_not_mentions(project, lesson, text, flagged):
    commands.add_page(project, lesson, "Colours", text)
    (colour,) = [f for f in course_findings(project.course()) if f.criterion == "1.4.1"]
    assert colour.outcome == (REVIEW if flagged else PASS)


def test_telling_link_text_passes_and_colour_wording_asks_for_review(project, lesson):
    commands.add_page(project, lesson, "Rules", "Read [the fire safety rules](https://x.org). "
                      "Then press the red button.")
    findings = course_findings(project.course())
    assert [f.outcome for f in findings if f.criterion == "2.4.4"] == [PASS]
    (colour,) = [f for f in findings if f.criterion == "1.4.1"]
    assert colour.outcome == REVIEW and "“press the red button”" in colour.text


def test_course_wide_checks(project):
    commands.set_course(project, title="Untitled")
    findings = course_findings(project.course())
    assert {f.criterion for f in findings if f.outcome == FAIL} == {"2.4.2"}
    assert [f.outcome for f in findings if f.criterion == "3.1.1"] == [PASS]
    assert [f.outcome for f in findings if f.criterion == "1.2.4"] == ["not-applicable"]


def test_item_findings_name_an_unknown_item(project):
    with pytest.raises(NotFoundError):
        item_findings(project.course(), "itm_nope")


def test_the_sample_course_has_no_failure_and_the_same_findings_every_time(tmp_path):
    with build_sample(tmp_path / "S.course") as sample:
        course = sample.course()
        first = course_findings(course)
        assert [f for f in first if f.outcome == FAIL] == []
        assert course_findings(sample.course()) == first
        assert all(f.source == "author" and "\n" not in f.text for f in first)
        for item in course.items():
            assert item_findings(course, item.id) == item_findings(course, item.id)
    with build_sample(tmp_path / "T.course") as again:
        ids = {old.id: new.id for old, new in zip(course.items(), again.course().items(),
                                                  strict=True)}
        second = course_findings(again.course())
    assert [(f.criterion, f.outcome, f.text) for f in second] == [
        (f.criterion, f.outcome, f.text) for f in first]
    assert [f.item for f in second] == [ids.get(f.item, f.item) for f in first]
    assert {r.criterion.id for r in judge_all(first) if r.verdict == "supports"} >= {
        "1.2.2", "2.4.2", "3.1.1", "2.2.1"}


HARD = ("Notwithstanding the aforementioned considerations, the implementation of comprehensive "
        "organisational accountability frameworks necessitates substantial interdepartmental "
        "coordination. Institutional commitment to continuous professional development "
        "initiatives across multiple jurisdictions remains indispensable for sustainable "
        "regulatory compliance.")


def test_hard_text_asks_for_a_review_of_its_reading_level(project, lesson):
    hard = commands.add_page(project, lesson, "Policy", HARD)
    commands.add_page(project, lesson, "Plain", "We meet at the door. " * 8)
    (finding,) = [f for f in course_findings(project.course()) if f.criterion == "3.1.5"]
    assert finding.outcome == REVIEW and finding.item == hard
    assert "school grade" in finding.text and _failing(project.course()) == set()
