"""What a learner meets: accessibility, hostile course text, keyboard, layout, offline use."""

from __future__ import annotations

import copy

import pytest
from player_courses import every_question_type, full_course
from player_learner import ScriptedLearner
from playwright.sync_api import expect

from studio.twin.runtime import axe_core_file

AXE = axe_core_file()
PAYLOADS = ["<img src=x onerror=window.__pwned=1>", "<script>window.__pwned=1</script>"]


def serious_violations(frame) -> list[dict]:
    if not frame.evaluate("typeof window.axe !== 'undefined'"):
        frame.add_script_tag(path=str(AXE))
    found = frame.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v =>
            ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)}));
    }""")
    return [v for v in found if v["impact"] in ("serious", "critical")]


def open_standalone(page, server, folder, query="?tracking=local"):
    page.goto(server.mount(folder) + "index.html" + query)
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    return ScriptedLearner(page)


def test_every_screen_type_passes_axe(page, server, package):
    course = full_course()
    lessons = course["modules"][0]["lessons"]
    learner = open_standalone(page, server, package(course))
    checked = {}
    checked["video"] = serious_violations(page)
    learner.button("Play").click()
    expect(page.get_by_role("heading", name="Question", exact=True)).to_be_focused(timeout=20_000)
    checked["cue question"] = serious_violations(page)
    learner.answer(lessons[0]["items"][0]["cues"][0]["questions"][0])
    learner.button("Submit").click()
    learner.button("Continue").click()
    learner.button("Menu").click()
    checked["menu"] = serious_violations(page)
    learner.button("Menu").click()
    learner.open_item("A blue slide")
    checked["slide"] = serious_violations(page)
    learner.next()
    checked["page"] = serious_violations(page)
    learner.next()
    checked["quiz"] = serious_violations(page)
    learner.button("Submit").click()  # nothing answered: the error state
    checked["quiz errors"] = serious_violations(page)
    learner.take_quiz(lessons[1]["items"][0], correct={"q1", "q2"})
    checked["quiz feedback"] = serious_violations(page)
    learner.next()
    checked["results"] = serious_violations(page)
    page.set_viewport_size({"width": 320, "height": 640})
    checked["results on a phone"] = serious_violations(page)
    assert {name: found for name, found in checked.items() if found} == {}


def hostile_course() -> dict:
    course = full_course()
    p0, p1 = PAYLOADS
    course["course"]["title"] = p1
    module = course["modules"][0]
    module["title"] = p0
    lesson, quiz_lesson = module["lessons"]
    lesson["title"] = p1
    video, slide, page_item = lesson["items"]
    video["title"] = "Video " + p0
    video["cues"][0]["questions"][0]["prompt"] = "Cue " + p1
    slide.update(title="Slide " + p1, alt=p0, text="Slide text " + p0, notes="Notes " + p1)
    page_item["title"] = "Page " + p0
    page_item["blocks"] = [
        {"type": "heading", "text": "Heading " + p1},
        {"type": "paragraph", "text": "Paragraph " + p0},
        {"type": "list", "ordered": True, "items": ["Item " + p1, "Item " + p0]},
    ]
    quiz = quiz_lesson["items"][0]
    quiz["title"] = "Quiz " + p1
    questions = every_question_type(prefix=p0 + " ")
    questions[0]["choices"][0]["text"] = "Choice " + p1
    questions[0]["choices"][1]["text"] = "Choice " + p0
    questions[0]["choices"][1]["feedback"] = "Choice feedback " + p1
    questions[5]["pairs"][0]["left"] = "Left " + p1
    questions[5]["pairs"][0]["right"] = "Right " + p0
    questions[6]["items"][0]["text"] = "Step " + p1
    for q in questions:
        q["feedback"] = {"correct": "Yes " + p1, "incorrect": "No " + p0}
    quiz["questions"] = questions
    return course


def test_course_text_is_never_markup(page, server, package):
    course = hostile_course()
    lessons = course["modules"][0]["lessons"]
    learner = open_standalone(page, server, package(course))
    learner.button("Play").click()
    expect(page.get_by_text("Cue " + PAYLOADS[1], exact=True)).to_be_visible(timeout=20_000)
    learner.answer(lessons[0]["items"][0]["cues"][0]["questions"][0])
    learner.button("Submit").click()
    learner.button("Continue").click()
    learner.next()
    learner.expect_title("Slide " + PAYLOADS[1])
    expect(page.get_by_role("img", name=PAYLOADS[0])).to_be_visible()
    page.get_by_text("Transcript", exact=True).click()
    expect(page.get_by_text("Notes " + PAYLOADS[1], exact=True)).to_be_visible()
    learner.next()
    for text in ("Heading " + PAYLOADS[1], "Paragraph " + PAYLOADS[0], "Item " + PAYLOADS[1]):
        expect(page.get_by_text(text, exact=True)).to_be_visible()
    learner.next()
    quiz = lessons[1]["items"][0]
    wrong_first = {q["id"] for q in quiz["questions"]} - {"q1"}
    learner.take_quiz(quiz, correct=wrong_first)
    expect(page.get_by_text("Choice feedback " + PAYLOADS[1], exact=True)).to_be_visible()
    expect(page.get_by_text("No " + PAYLOADS[0], exact=True)).to_be_visible()
    expect(page.get_by_text("Yes " + PAYLOADS[1], exact=True).first).to_be_visible()
    learner.next()
    learner.button("Menu").click()
    expect(page.get_by_role("heading", name=PAYLOADS[0], exact=True)).to_be_visible()
    expect(page.get_by_text(PAYLOADS[1], exact=True).first).to_be_attached()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert (
        page.evaluate("document.querySelectorAll('main script, nav script, img[src=x]').length")
        == 0
    )


def test_keyboard_navigation_and_focus(page, server, package):
    learner = open_standalone(page, server, package(full_course()))
    page.locator("body").press("ArrowRight")
    learner.expect_title("A blue slide")
    expect(learner.title()).to_be_focused()
    page.keyboard.press("ArrowRight")
    learner.expect_title("Reading")
    page.keyboard.press("ArrowLeft")
    learner.expect_title("A blue slide")
    learner.open_item("Final quiz")
    textbox = page.get_by_role("textbox", name="What is the capital of France?")
    textbox.focus()
    page.keyboard.press("ArrowRight")  # moves the caret, not the learner
    learner.expect_title("Final quiz")
    expect(learner.button("Previous")).to_be_enabled()


def test_must_answer_cue_blocks_navigation(page, server, package):
    course = full_course()
    learner = open_standalone(page, server, package(course))
    learner.button("Play").click()
    expect(page.get_by_role("heading", name="Question", exact=True)).to_be_focused(timeout=20_000)
    expect(learner.button("Next")).to_be_disabled()
    assert page.evaluate("document.querySelector('video').paused")
    current = page.evaluate("document.querySelector('video').currentTime")
    assert 1.0 <= current < 1.6
    expect(learner.button("Skip")).to_have_count(0)
    learner.answer(course["modules"][0]["lessons"][0]["items"][0]["cues"][0]["questions"][0])
    learner.button("Submit").click()
    learner.button("Continue").click()
    expect(learner.button("Next")).to_be_enabled()
    page.wait_for_function("!document.querySelector('video').paused")


def test_draw_shuffle_attempts_and_answer_policy(page, server, package):
    course = full_course()
    quiz = course["modules"][0]["lessons"][1]["items"][0]
    quiz.update(draw=3, attempts=3, showAnswers="after_pass", passMark=100)
    for question in quiz["questions"]:
        question["pool"] = "bank"
    learner = open_standalone(page, server, package(course), "?tracking=local&unit=l2")
    drawn = []
    for attempt in range(3):
        shown = learner.take_quiz(quiz, correct=False)
        assert len(shown) == 3
        drawn.append({q["id"] for q in shown})
        expect(page.get_by_text("Correct answer:", exact=False)).to_have_count(0)
        if attempt < 2:
            learner.button("Retry").click()
    assert len(drawn[0] | drawn[1]) == 6, drawn  # a new attempt prefers questions not yet drawn
    expect(learner.button("Retry")).to_have_count(0)
    expect(page.get_by_text("No attempts left.")).to_be_visible()


def test_answers_shown_when_policy_is_always(page, server, package):
    course = full_course()
    quiz = course["modules"][0]["lessons"][1]["items"][0]
    learner = open_standalone(page, server, package(course), "?tracking=local&unit=l2")
    learner.take_quiz(quiz, correct={"q1"})
    expect(page.get_by_text("Correct answer: Paris", exact=True)).to_be_visible()
    expect(
        page.get_by_text("Correct answer: Dog → Bark; Cat → Meow; Cow → Moo", exact=True)
    ).to_be_visible()


def test_phone_width_has_no_horizontal_scroll(page, server, package):
    page.set_viewport_size({"width": 320, "height": 640})
    learner = open_standalone(page, server, package(full_course()))
    for title in ("Test pattern", "A blue slide", "Reading", "Final quiz"):
        learner.open_item(title)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), title


def test_offline_file_url_with_local_tracking_resumes(page, package):
    folder = package(full_course())
    url = (folder / "index.html").as_uri() + "?unit=l1"
    page.goto(url)
    learner = ScriptedLearner(page)
    learner.expect_title("Test pattern")
    learner.next()
    learner.next()
    learner.expect_title("Reading")
    page.reload()
    learner.expect_title("Reading")
    saved = page.evaluate("""() => JSON.parse(localStorage.getItem(
        'coursePlayer:urn:uuid:5b1f3c1e-0000-4000-8000-000000000001:l1'))""")
    assert saved["state"].startswith("1~3~2~")
    assert saved["progress"] == pytest.approx(2 / 3)


def test_missing_course_data_is_reported(page, server, package):
    folder = package(full_course())
    (folder / "course-data.js").unlink()
    page.goto(server.mount(folder) + "index.html")
    expect(page.get_by_role("alert")).to_have_text("The course data (course-data.js) is missing.")


def test_tracking_query_wins_over_course_data(page, server, package):
    course = copy.deepcopy(full_course())
    course["tracking"] = "scorm2004"
    folder = package(course)
    open_standalone(page, server, folder, "?tracking=local")
    assert page.evaluate("CoursePlayer.app.adapter.name") == "local"
    open_standalone(page, server, folder, "")
    # No LMS API around this page: the SCORM adapter is unavailable, local storage takes over.
    assert page.evaluate("CoursePlayer.app.adapter.name") == "local"
    assert page.evaluate("CoursePlayer.app.adapter.errors") == []


def test_video_plays_only_its_range_with_captions(page, server, package):
    course = full_course()
    video = course["modules"][0]["lessons"][0]["items"][0]
    video.update(start=1.0, end=2.0, cues=[])
    learner = open_standalone(page, server, package(course))
    track = page.locator("video track")
    expect(track).to_have_attribute("label", "English")
    expect(track).to_have_attribute("srclang", "en")
    page.wait_for_function("Math.abs(document.querySelector('video').currentTime - 1) < 0.1")
    learner.watch_video(video)
    stopped = page.evaluate("document.querySelector('video').currentTime")
    assert 1.9 <= stopped < 2.4
    assert page.evaluate("document.querySelector('video').paused")
    assert page.evaluate("document.querySelector('video').textTracks[0].mode") == "showing"


def test_caption_text_that_looks_like_markup_shows_literally(page, server, package):
    from studio.media.captions import parse_captions, write_vtt

    folder = package(full_course())
    srt = ("1\n00:00:00,000 --> 00:00:03,000\n< b and c > & <i>tilted</i>\n"
           "<font color=\"red\">warm</font>\n")
    (folder / "media" / "clip.en.vtt").write_text(write_vtt(parse_captions(srt)),
                                                  encoding="utf-8")
    open_standalone(page, server, folder)
    page.wait_for_function("(() => { const t = document.querySelector('video').textTracks[0];"
                           " return t && t.cues && t.cues.length > 0; })()")
    shown = page.evaluate("document.querySelector('video').textTracks[0].cues[0]"
                          ".getCueAsHTML().textContent")
    assert shown == "< b and c > & tilted\nwarm"
    italic = page.evaluate("document.querySelector('video').textTracks[0].cues[0]"
                           ".getCueAsHTML().querySelectorAll('i').length")
    assert italic == 1


def test_fixed_questions_are_always_asked_and_the_rest_drawn_from_the_bank(page, server,
                                                                          package):
    course = full_course()
    quiz = course["modules"][0]["lessons"][1]["items"][0]
    quiz.update(draw=2, attempts=2, passMark=100)
    fixed = quiz["questions"][0]["id"]
    for question in quiz["questions"][1:]:
        question["pool"] = "bank"
    learner = open_standalone(page, server, package(course), "?tracking=local&unit=l2")
    for attempt in range(2):
        shown = {q["id"] for q in learner.take_quiz(quiz, correct=False)}
        assert fixed in shown and len(shown) == 3, shown
        if attempt == 0:
            learner.button("Retry").click()
