"""Narrated slides and pages in the player: questions at a slide's cue points pause its
narration and are recorded like a video's, the caption box follows the narration's captions,
a page's narration plays, and the scripted learner of the LMS twin answers slide cues."""

from __future__ import annotations

import json
import subprocess
import uuid
import zipfile

import pytest
from media_samples import MediaSamples
from narrated_export import CUE_S as EXPORTED_CUE_S
from narrated_export import build_narrated_course
from player_harness import build_package
from player_learner import ScriptedLearner
from playwright.sync_api import expect
from test_exported_sample import sco_launches
from test_player_ui import open_standalone, serious_violations
from test_xapi_tracking import ACTOR, COURSE_IRI, launch, leave, wait_sent

from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.resources import resources_dir
from studio.twin.lrs import verb

NARRATION_S = 3.0
CUE_S = 1.0
CAPTIONS = {
    "en": ("First sentence.", "Second sentence."),
    "fr": ("Première phrase.", "Deuxième phrase."),
}
CUE_QUESTION = {
    "id": "cq1", "type": "truefalse", "prompt": "Was that the first sentence?", "points": 1,
    "answer": True, "feedback": {"correct": "Right.", "incorrect": "Listen again."},
    "media": None,
}


def _vtt(lines: tuple[str, str]) -> str:
    return (f"WEBVTT\n\n00:00:00.000 --> 00:00:01.500\n{lines[0]}\n\n"
            f"00:00:01.500 --> 00:00:03.000\n{lines[1]}\n")


@pytest.fixture(scope="module")
def narration_media(tmp_path_factory):
    """Narration as the render stores it (AAC in .m4a, a sine standing in for speech) and
    WebVTT captions in two languages, the second sentence starting at 1.5 s."""
    import imageio_ffmpeg

    folder = tmp_path_factory.mktemp("narration")
    audio = folder / "narration.m4a"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "lavfi",
                    "-i", f"sine=frequency=220:duration={NARRATION_S}", "-c:a", "aac",
                    str(audio)], check=True)
    media = {"audio": audio}
    for language, lines in CAPTIONS.items():
        path = folder / f"narration.{language}.vtt"
        path.write_text(_vtt(lines), encoding="utf-8")
        media[language] = path
    return media


def _captions() -> list[dict]:
    return [{"src": "media/narration.en.vtt", "lang": "en", "label": "English"},
            {"src": "media/narration.fr.vtt", "lang": "fr", "label": "Français"}]


def narrated_course(tracking: str = "local", must_answer: bool = True,
                    cue_time: float = CUE_S) -> dict:
    """A narrated slide with a question at its cue point, a narrated page and a plain page."""
    slide = {"id": "slide1", "kind": "slide", "title": "Exits", "image": None, "alt": "Exits",
             "text": "Green signs", "notes": "First sentence. Second sentence.",
             "duration": NARRATION_S, "audio": "media/narration.m4a", "captions": _captions(),
             "cues": [{"id": "cue1", "time": cue_time, "mustAnswer": must_answer,
                       "questions": [dict(CUE_QUESTION)]}]}
    narrated_page = {"id": "page1", "kind": "page", "title": "Summary",
                     "blocks": [{"type": "paragraph", "text": "First sentence. Second sentence."}],
                     "audio": "media/narration.m4a", "captions": _captions()}
    plain = {"id": "page2", "kind": "page", "title": "The end",
             "blocks": [{"type": "paragraph", "text": "Done."}]}
    return {
        "schema": 1, "tracking": tracking,
        "course": {"id": COURSE_IRI.replace("urn:course-studio:", "urn:uuid:"),
                   "title": "Narrated course", "description": "", "language": "en",
                   "author": "QA", "version": "1.0", "completion": "all_items",
                   "completionThreshold": 1.0, "masteryScore": None},
        "modules": [{"id": "m1", "title": "Module", "lessons": [
            {"id": "l1", "title": "Listen", "items": [slide, narrated_page, plain]}]}],
    }


@pytest.fixture
def narrated(tmp_path, narration_media):
    counter = {"n": 0}

    def build(course: dict):
        counter["n"] += 1
        return build_package(tmp_path / f"narrated{counter['n']}", course, narration_media)

    return build


def _caption_text(frame) -> str:
    return frame.evaluate("() => { const p = document.querySelector('.caption-text');"
                          " return p ? p.textContent : null; }")


def _seek(frame, seconds: float) -> None:
    frame.evaluate("t => { document.querySelector('audio').currentTime = t; }", seconds)


def test_slide_cue_pauses_the_narration_asks_and_is_recorded_in_scorm12(narrated, run_lms):
    course = narrated_course()
    session = run_lms(narrated(course), standard="scorm12")
    learner = ScriptedLearner(session.sco)
    frame = session.frame
    learner.expect_title("Exits")
    frame.evaluate("() => document.querySelector('audio').play()")
    expect(session.sco.get_by_role("heading", name="Question", exact=True)).to_be_focused(
        timeout=20_000)
    assert frame.evaluate("() => document.querySelector('audio').paused")
    at = frame.evaluate("() => document.querySelector('audio').currentTime")
    assert CUE_S <= at < CUE_S + 0.6
    expect(learner.button("Next")).to_be_disabled()  # the cue must be answered
    expect(learner.button("Skip")).to_have_count(0)
    learner.answer(CUE_QUESTION)
    learner.button("Submit").click()
    learner.button("Continue").click()
    expect(learner.button("Next")).to_be_enabled()
    frame.wait_for_function("() => !document.querySelector('audio').paused")
    session.close()

    interactions = session.cmi()["interactions"]
    assert [(e["id"], e["type"], e["result"]) for e in interactions.values()] == [
        ("slide1_cue1_cq1", "true-false", "correct")]
    assert session.api_errors() == []


def test_slide_cue_answer_is_an_xapi_answered_statement(page, server, narrated, lrs):
    course = narrated_course(tracking="xapi", must_answer=False)
    launch(page, server, narrated(course), lrs, str(uuid.uuid4()))
    learner = ScriptedLearner(page)
    page.evaluate("() => document.querySelector('audio').play()")
    expect(page.get_by_role("heading", name="Question", exact=True)).to_be_focused(timeout=20_000)
    learner.answer(CUE_QUESTION)
    learner.button("Submit").click()
    learner.button("Continue").click()
    wait_sent(page)
    leave(page, lrs)

    assert lrs.records.rejected == []
    answered = [s for s in lrs.records.statements if verb(s) == "answered"]
    assert [s["object"]["id"] for s in answered] == [
        f"{COURSE_IRI}/interaction/slide1_cue1_cq1"]
    statement = answered[0]
    assert statement["result"]["success"] is True
    parents = statement["context"]["contextActivities"]["parent"]
    assert {"objectType": "Activity", "id": f"{COURSE_IRI}/item/slide1"} in parents
    assert statement["actor"]["mbox"] == ACTOR["mbox"]


def test_a_cue_that_may_be_skipped_lets_the_narration_go_on(page, server, narrated):
    learner = open_standalone(page, server, narrated(narrated_course(must_answer=False)))
    page.evaluate("() => document.querySelector('audio').play()")
    expect(page.get_by_role("heading", name="Question", exact=True)).to_be_focused(timeout=20_000)
    expect(learner.button("Next")).to_be_enabled()
    learner.button("Skip").click()
    expect(page.locator("audio")).to_be_focused()
    page.wait_for_function("() => !document.querySelector('audio').paused")
    expect(page.locator(".cue-panel")).to_be_hidden()


def test_caption_box_shows_the_cue_text_at_its_time(page, server, narrated):
    learner = open_standalone(page, server, narrated(narrated_course(cue_time=NARRATION_S)))
    box = page.locator(".caption-box")
    expect(box).to_have_attribute("aria-live", "off")
    page.wait_for_function("() => document.querySelector('audio').textTracks[0].mode === 'hidden'")
    # played: the first sentence while the time is before 1.5 s, the second from there on
    page.evaluate("""() => {
        const audio = document.querySelector('audio');
        window.__seen = [];
        audio.textTracks[0].addEventListener('cuechange', () => window.__seen.push(
            [audio.currentTime, document.querySelector('.caption-text').textContent]));
        audio.play();
    }""")
    page.wait_for_function("() => window.__seen.some(([, text]) => text === 'Second sentence.')",
                           timeout=20_000)
    seen = page.evaluate("window.__seen")
    first = [t for t, text in seen if text == "First sentence."]
    second = [t for t, text in seen if text == "Second sentence."]
    assert first and first[0] < 1.5
    assert second and 1.5 <= second[0] < 1.5 + 0.5
    page.evaluate("() => document.querySelector('audio').pause()")

    # seeking shows the sentence at the new time; the other language follows the list
    _seek(page, 0.5)
    expect(page.locator(".caption-text")).to_have_text("First sentence.")
    page.get_by_role("combobox", name="Caption language").select_option(label="Français")
    expect(page.locator(".caption-text")).to_have_text("Première phrase.")
    expect(page.locator(".caption-text")).to_have_attribute("lang", "fr")
    _seek(page, 2.0)
    expect(page.locator(".caption-text")).to_have_text("Deuxième phrase.")

    # Captions off holds for the next narrated item, as does the language
    toggle = learner.button("Captions")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(box).to_be_hidden()
    assert page.evaluate("() => [...document.querySelector('audio').textTracks]"
                         ".every(t => t.mode === 'disabled')")
    learner.next()
    learner.expect_title("Summary")
    expect(page.locator(".caption-box")).to_be_hidden()
    learner.button("Captions").click()
    expect(page.locator(".caption-box")).to_be_visible()
    expect(page.get_by_role("combobox", name="Caption language")).to_have_value("1")


def test_page_narration_plays_with_captions(page, server, narrated):
    learner = open_standalone(page, server, narrated(narrated_course()))
    learner.next()
    learner.expect_title("Summary")
    audio = page.get_by_label("Narration: Summary", exact=True)
    expect(audio).to_have_count(1)
    assert page.evaluate("() => document.querySelector('audio').controls")
    page.evaluate("() => document.querySelector('audio').play()")
    page.wait_for_function("() => document.querySelector('audio').currentTime > 0.2",
                           timeout=20_000)
    expect(page.locator(".caption-text")).to_have_text("First sentence.")
    page.wait_for_function("() => document.querySelector('audio').currentTime > 1.6",
                           timeout=20_000)
    expect(page.locator(".caption-text")).to_have_text("Second sentence.")
    learner.next()  # leaving the page stops its narration
    learner.expect_title("The end")
    expect(page.locator("audio")).to_have_count(0)


def test_narrated_slide_and_page_pass_axe(page, server, narrated):
    learner = open_standalone(page, server, narrated(narrated_course()))
    checked = {"narrated slide": serious_violations(page)}
    page.evaluate("() => document.querySelector('audio').play()")
    expect(page.get_by_role("heading", name="Question", exact=True)).to_be_focused(timeout=20_000)
    checked["slide cue question"] = serious_violations(page)
    learner.answer(CUE_QUESTION)
    learner.button("Submit").click()
    learner.button("Continue").click()
    learner.next()
    checked["narrated page"] = serious_violations(page)
    learner.button("Captions").click()
    checked["captions off"] = serious_violations(page)
    assert {name: found for name, found in checked.items() if found} == {}


@pytest.mark.parametrize("media", ["play", "events"])
def test_twin_learner_answers_slide_cue_questions(run_lms, narrated, media):
    course = narrated_course()
    session = run_lms(narrated(course), standard="scorm12")
    frame = session.frame
    frame.add_script_tag(path=str(resources_dir() / "twin" / "learner.js"))
    plan = {"do": "complete"} | ({"media": "events"} if media == "events" else {})
    done = frame.evaluate("""async plan => {
        const log = [];
        const seen = await TwinLearner.run(window, plan, (did) => log.push(did));
        return {seen, log};
    }""", plan)
    assert any("the question at 1 s right" in line for line in done["log"]), done["log"]
    assert "reached the results" in done["log"]
    session.close()
    interactions = session.cmi()["interactions"]
    assert [(e["id"], e["result"]) for e in interactions.values()] == [
        ("slide1_cue1_cq1", "correct")]
    assert session.cmi()["core"]["lesson_status"] in ("completed", "passed")
    print(json.dumps(done["log"]))


@pytest.fixture
def exported(tmp_path):
    """(unpacked single-SCO SCORM 1.2 export of the narrated course, its ids)."""
    (tmp_path / "samples").mkdir()
    project, ids = build_narrated_course(tmp_path, MediaSamples(tmp_path / "samples"))
    target = tmp_path / "narrated.zip"
    with project:
        export_course(project, ExportOptions("scorm12", sco_per_lesson=False), target)
    folder = tmp_path / "narrated"
    with zipfile.ZipFile(target) as archive:
        archive.extractall(folder)
    return folder, ids


def test_an_exported_narrated_slide_asks_at_its_cue_time(exported, run_lms):
    """The exporter's own package: the slide's cue question is asked where its narration
    reaches the cue, over its captions, and recorded under the id tincan.xml lists."""
    folder, ids = exported
    (_, first), = sco_launches(folder)
    session = run_lms(folder, launch=first, standard="scorm12")
    frame = session.frame
    frame.evaluate("() => document.querySelector('audio').play()")
    expect(session.sco.get_by_role("heading", name="Question", exact=True)).to_be_focused(
        timeout=20_000)
    at = frame.evaluate("() => document.querySelector('audio').currentTime")
    assert EXPORTED_CUE_S <= at < EXPORTED_CUE_S + 0.6
    assert _caption_text(frame)  # the sentence being spoken
    learner = ScriptedLearner(session.sco)
    learner.answer({"type": "truefalse", "prompt": "Green signs?", "answer": True})
    learner.button("Submit").click()
    learner.button("Continue").click()
    session.close()
    interactions = session.cmi()["interactions"]
    assert [(e["id"], e["result"]) for e in interactions.values()] == [
        (f"{ids['slide']}_{ids['cue']}_{ids['question']}", "correct")]


def test_captions_show_in_a_package_opened_from_a_folder(exported, page):
    """Over file:// a <track> file is not fetched: the caption box builds its track from the
    cues in the course data."""
    folder, _ = exported
    page.goto((folder / "index.html").as_uri() + "?tracking=local")
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    _seek(page, 0.25)
    expect(page.locator(".caption-text")).to_have_text("First sentence.")
    learner = ScriptedLearner(page)
    learner.next()
    learner.expect_title("Summary")
    _seek(page, 0.75)
    expect(page.locator(".caption-text")).to_have_text("Second sentence.")
