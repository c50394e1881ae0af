"""The hotspot, drag-and-drop, essay and description views: keyboard-only completion, pointer
use (mouse and touch), partial credit, media in questions and the written answers' resume."""

from __future__ import annotations

import re

import pytest
from player_new_types import (
    ESSAY_TEXT,
    KeyboardLearner,
    new_types_course,
)
from playwright.sync_api import expect
from test_player_switch_data import codec
from test_player_ui import open_standalone, serious_violations

QUIZ_UNIT = "?tracking=local&unit=l2"


def quiz_of(course: dict) -> dict:
    return course["modules"][0]["lessons"][1]["items"][0]


def question_node(page, qid: str):
    return page.locator(f"[data-question='{qid}']")


def open_quiz(page, server, package, course: dict | None = None) -> KeyboardLearner:
    course = course or new_types_course()
    open_standalone(page, server, package(course), QUIZ_UNIT)
    learner = KeyboardLearner(page)
    learner.expect_title(quiz_of(course)["title"])
    return learner


def image_point(page, x: float, y: float) -> tuple[float, float]:
    """The viewport point at fractions (x, y) of the hotspot picture as rendered."""
    box = page.locator("img.hotspot-image").bounding_box()
    return box["x"] + x * box["width"], box["y"] + y * box["height"]


def test_every_new_type_completes_by_keyboard_alone_and_passes_axe(page, server, package):
    course = new_types_course()
    questions = quiz_of(course)["questions"]
    learner = open_quiz(page, server, package, course)
    assert serious_violations(page) == []
    tab_order = [
        "input:Top left tank", "input:Round pool", "input:Sandy triangle",
        "select:Category for Apple", "select:Category for Carrot", "select:Category for Banana",
        "textarea:", "button:Submit"]
    assert focus_order(page, "Submit") == tab_order
    # the description is text between questions: no number, not counted
    expect(page.get_by_text("Read the next questions carefully.", exact=True)).to_be_visible()
    expect(question_node(page, "n0").locator(".question-number")).to_have_count(0)
    expect(question_node(page, "n1").locator(".question-number")).to_have_text("Question 1 / 3")
    expect(question_node(page, "n3").locator(".question-number")).to_have_text("Question 3 / 3")
    for question in questions:
        learner.answer(question, True)
    expect(page.get_by_text(f"{len(ESSAY_TEXT)} / 200 characters", exact=True)).to_be_visible()
    assert focus_order(page, "Submit") == tab_order  # the cards moved, the list boxes did not
    assert serious_violations(page) == []
    learner.submit_by_keyboard()
    expect(page.get_by_role("heading", name="Result", exact=True)).to_be_focused()
    expect(question_node(page, "n1").locator(".verdict")).to_have_text("Correct.")
    expect(question_node(page, "n2").locator(".verdict")).to_have_text("Correct.")
    essay = question_node(page, "n3")
    expect(essay.locator(".verdict")).to_have_text("Answer recorded.")
    expect(essay.locator(".learner-text")).to_have_text(ESSAY_TEXT)
    expect(essay.locator(".model-answer")).to_have_text("Plan the week on Monday.")
    expect(question_node(page, "n0").locator(".verdict")).to_have_count(0)
    expect(page.locator(".quiz-result .verdict")).to_have_text(
        "Score: 4 of 4 points, 100%; pass mark 50%. Passed.")
    assert serious_violations(page) == []
    responses = page.evaluate("""() => { const a = CoursePlayer.app.adapter; a.commit();
        return JSON.parse(localStorage.getItem(a.storageKey)).interactions; }""")
    assert [(r["id"], r["response"]) for r in responses] == [
        ("quiz1_n1", ["r1", "r2"]),
        ("quiz1_n2", {"d1": "k1", "d2": "k2", "d3": "k1"}),
        ("quiz1_n3", ESSAY_TEXT),
    ]


def only(kind: str) -> dict:
    """The new types' course with one kind of question in its quiz (a description comes with
    the essay it introduces)."""
    course = new_types_course()
    quiz = quiz_of(course)
    keep = {kind, "essay"} if kind == "description" else {kind}
    quiz["questions"] = [q for q in quiz["questions"] if q["type"] in keep]
    return course


@pytest.mark.parametrize("kind", ["hotspot", "dragdrop", "essay", "description"])
def test_each_new_type_by_keyboard_is_axe_clean_before_and_after_submitting(
        page, server, package, kind):
    course = only(kind)
    learner = open_quiz(page, server, package, course)
    found = {"before": serious_violations(page)}
    learner.submit_by_keyboard()  # nothing answered yet
    expect(page.get_by_role("alert")).not_to_be_empty()
    found["unanswered"] = serious_violations(page)
    for question in quiz_of(course)["questions"]:
        learner.answer(question, True)
    learner.submit_by_keyboard()
    expect(page.get_by_role("heading", name="Result", exact=True)).to_be_focused()
    found["after"] = serious_violations(page)
    assert {name: v for name, v in found.items() if v} == {}


def focus_order(page, stop_name: str, limit: int = 60) -> list[str]:
    """What Tab reaches, from the page's start to the control called stop_name: each as
    role/tag and accessible name (aria-label, label text or value)."""
    seen = []
    page.locator("#item-title").focus()
    for _ in range(limit):
        page.keyboard.press("Tab")
        name = page.evaluate("""() => { const e = document.activeElement;
            const label = e.labels && e.labels.length ? e.labels[0].textContent : '';
            return e.tagName.toLowerCase() + ':' + (e.getAttribute('aria-label') || label ||
              e.textContent || '').trim(); }""")
        seen.append(name)
        if name.endswith(":" + stop_name):
            break
    return seen


def test_unanswered_lists_question_numbers_and_never_the_description(page, server, package):
    learner = open_quiz(page, server, package)
    questions = quiz_of(new_types_course())["questions"]
    learner.answer(questions[1], True)  # the hotspot only
    learner.root.get_by_role("combobox", name="Category for Apple", exact=True).select_option("k1")
    learner.button("Submit").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Answer every question before submitting. Unanswered: 2, 3")
    expect(page.get_by_role("combobox", name="Category for Apple")).to_be_focused()


def test_partial_credit_is_shown_with_its_points(page, server, package):
    course = only("dragdrop")
    quiz = quiz_of(course)
    learner = open_quiz(page, server, package, course)
    learner.answer(quiz["questions"][0], False)  # Apple misplaced: 2 of 3 items right
    learner.button("Submit").click()
    feedback = question_node(page, "n2").locator(".feedback")
    expect(feedback.locator(".verdict")).to_have_text("Partly correct (2 of 3 points).")
    expect(feedback).to_have_class(re.compile(r"\bis-partial\b"))
    expect(feedback.locator(".correct-answer")).to_have_text(
        "Correct answer: Fruit: Apple, Banana; Vegetable: Carrot")
    expect(page.locator(".quiz-result .verdict")).to_have_text(
        "Score: 2 of 3 points, 66.67%; pass mark 50%. Passed.")
    assert serious_violations(page) == []
    learner.next()
    expect(page.locator(".results-table tbody td").nth(1)).to_have_text("66.67% (2 of 3 points)")


def test_hotspot_clicks_pick_and_unpick_areas_in_step_with_the_list(page, server, package):
    learner = open_quiz(page, server, package, only("hotspot"))
    areas = page.get_by_role("group", name="Areas of the picture")
    tank = areas.get_by_role("checkbox", name="Top left tank", exact=True)
    pool = areas.get_by_role("checkbox", name="Round pool", exact=True)
    page.mouse.click(*image_point(page, 0.2, 0.3))
    expect(tank).to_be_checked()
    expect(page.get_by_role("img", name="Picked: Top left tank", exact=True)).to_be_visible()
    # the circle is round on screen: 0.15 of the height below its middle is 27 px, within its
    # 32 px radius (0.1 of the 320 px width); 0.12 of the width to its right (38 px) is not
    page.mouse.click(*image_point(page, 0.75, 0.65))
    expect(pool).to_be_checked()
    page.mouse.click(*image_point(page, 0.87, 0.5))
    message = question_node(page, "n1").locator(".question-message")
    expect(message).to_have_text(re.compile("^No area to pick at that spot"))
    page.mouse.click(*image_point(page, 0.2, 0.3))  # the tank again: let go
    expect(tank).not_to_be_checked()
    expect(message).to_have_text("")
    expect(page.get_by_role("img", name="Picked: Top left tank")).to_have_count(0)
    tank.check()  # the list puts a marker on the picture too
    expect(page.get_by_role("img", name="Picked: Top left tank", exact=True)).to_be_visible()
    page.mouse.click(*image_point(page, 0.5, 0.85))  # the triangle: a wrong pick
    expect(areas.get_by_role("checkbox", name="Sandy triangle")).to_be_checked()
    # the right areas are not drawn before submitting
    assert page.locator(".hotspot-outlines").count() == 0
    learner.button("Submit").click()
    expect(question_node(page, "n1").locator(".verdict")).to_have_text("Incorrect.")
    expect(page.get_by_role("img", name="Right areas: Top left tank; Round pool",
                            exact=True)).to_be_visible()
    assert page.locator(".hotspot-outlines > .line").count() == 2
    page.mouse.click(*image_point(page, 0.75, 0.5))  # submitted: clicks change nothing
    expect(pool).to_be_checked()
    expect(pool).to_be_disabled()


def drag(page, source, target) -> None:
    """A mouse drag in small steps, as a hand moves."""
    start, end = source.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + 10, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=8)
    page.mouse.up()


def touch_drag(page, source, target) -> None:
    """A finger drag (Chromium's touch input: pointer events of type touch)."""
    cdp = page.context.new_cdp_session(page)
    start, end = source.bounding_box(), target.bounding_box()
    x0, y0 = start["x"] + 10, start["y"] + start["height"] / 2
    x1, y1 = end["x"] + end["width"] / 2, end["y"] + end["height"] / 2

    def touch(kind: str, points: list[dict]) -> None:
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", [{"x": x0, "y": y0}])
    for step in range(1, 9):
        touch("touchMove", [{"x": x0 + (x1 - x0) * step / 8, "y": y0 + (y1 - y0) * step / 8}])
    touch("touchEnd", [])
    cdp.detach()


def test_dragdrop_items_are_dragged_by_mouse_and_touch(page, server, package):
    learner = open_quiz(page, server, package, only("dragdrop"))
    zone = {name: page.locator(".dd-zone", has=page.locator(".dd-zone-title", has_text=name))
            for name in ("Items to place", "Fruit", "Vegetable")}
    card = {name: page.locator(".dd-item", has_text=name) for name in ("Apple", "Carrot", "Banana")}
    select = {name: page.get_by_role("combobox", name="Category for " + name, exact=True)
              for name in card}
    zone["Vegetable"].scroll_into_view_if_needed()
    drag(page, card["Apple"], zone["Fruit"])
    expect(select["Apple"]).to_have_value("k1")
    expect(zone["Fruit"].locator(".dd-item")).to_have_text(re.compile("Apple"))
    drag(page, card["Carrot"], zone["Fruit"])
    drag(page, card["Carrot"], zone["Vegetable"])  # changed its mind
    expect(select["Carrot"]).to_have_value("k2")
    touch_drag(page, card["Banana"], zone["Fruit"])
    expect(select["Banana"]).to_have_value("k1")
    expect(zone["Items to place"].locator(".dd-item")).to_have_count(0)
    select["Apple"].select_option("")  # the list box puts the card back
    expect(zone["Items to place"].locator(".dd-item")).to_have_text(re.compile("Apple"))
    drag(page, card["Apple"], zone["Fruit"])
    learner.button("Submit").click()
    expect(question_node(page, "n2").locator(".verdict")).to_have_text("Correct.")


def test_written_answer_is_kept_across_a_relaunch(page, server, package, run_lms):
    course = new_types_course()
    folder = package(course)
    session = run_lms(folder, launch="index.html?unit=l2", standard="scorm12")
    learner = KeyboardLearner(page, session.sco)
    essay = session.sco.get_by_role("textbox", name="What will you do differently next week?")
    essay.fill("A draft, with ~ tildes ~ and commas,")
    session.close()
    session = run_lms(folder, launch="index.html?unit=l2", standard="scorm12",
                      stored=session.resume_data())
    essay = session.sco.get_by_role("textbox", name="What will you do differently next week?")
    expect(essay).to_have_value("A draft, with ~ tildes ~ and commas,")
    essay.fill(ESSAY_TEXT)
    for question in quiz_of(course)["questions"]:
        if question["type"] in ("hotspot", "dragdrop"):
            learner.answer(question, True)
    learner.button("Submit").click()
    learner.next()
    results = session.sco.locator(".written-answers")
    expect(results.get_by_role("heading", name="Your written answers")).to_be_visible()
    expect(results.locator(".learner-text")).to_have_text(ESSAY_TEXT)
    session.close()
    stored = session.resume_data()
    assert "I will plan ahead" in stored["suspend_data"]
    session = run_lms(folder, launch="index.html?unit=l2", standard="scorm12", stored=stored)
    learner.root = session.sco
    learner.open_item(quiz_of(course)["title"])  # passed: the quiz shows what was written
    expect(session.sco.locator(".kept-answer .learner-text")).to_have_text(ESSAY_TEXT)
    expect(session.sco.locator(".kept-answer .model-answer")).to_have_text(
        "Plan the week on Monday.")


def test_media_on_prompts_and_choices(page, server, package):
    course = new_types_course()
    quiz = quiz_of(course)
    choice = {"id": "m1", "type": "choice", "prompt": "Which one is the test card?", "points": 1,
              "feedback": {}, "media": "media/narration.m4a", "mediaKind": "audio",
              "mediaAlt": "A tone",
              "choices": [
                  {"id": "a", "text": "This one", "correct": True, "media": "media/slide.png",
                   "mediaKind": "image", "mediaAlt": "A blue card"},
                  {"id": "b", "text": "That one", "correct": False, "media": "media/clip.mp4",
                   "mediaKind": "video", "mediaAlt": "A moving test pattern"},
              ]}
    items = quiz["questions"][2]["items"]
    items[0] |= {"media": "media/slide.png", "mediaKind": "image",
                 "mediaAlt": "An apple drawn blue"}
    video = {**choice, "id": "m2", "prompt": "What does the clip show?", "media": "media/clip.mp4",
             "mediaKind": "video", "mediaAlt": "A test pattern with a tone",
             "choices": [{"id": "a", "text": "Colour bars", "correct": True},
                         {"id": "b", "text": "A cat", "correct": False}]}
    quiz["questions"] = [choice, video, quiz["questions"][2]]
    learner = open_quiz(page, server, package, course)
    prompt_audio = question_node(page, "m1").locator("audio.question-media")
    expect(prompt_audio).to_have_attribute("aria-label", "A tone")
    assert prompt_audio.evaluate("a => a.controls")
    expect(page.get_by_role("radio", name="This one A blue card", exact=True)).to_be_visible()
    choice_video = question_node(page, "m1").locator("video.choice-media")
    expect(choice_video).to_have_attribute("aria-label", "A moving test pattern")
    prompt_video = question_node(page, "m2").locator("video.question-media")
    expect(prompt_video).to_have_attribute("aria-label", "A test pattern with a tone")
    assert prompt_video.evaluate("v => v.controls && v.playsInline")
    expect(page.get_by_role("img", name="An apple drawn blue", exact=True)).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("img", name="A blue card").click()  # the picture is part of the label
    expect(page.get_by_role("radio", name="This one A blue card")).to_be_checked()
    fruit = page.locator(".dd-zone", has=page.locator(".dd-zone-title", has_text="Fruit"))
    picture = page.get_by_role("img", name="An apple drawn blue")
    picture.scroll_into_view_if_needed()
    drag(page, picture, fruit)  # a card is dragged by its picture too
    expect(page.get_by_role("combobox", name="Category for Apple")).to_have_value("k1")
    learner.expect_title(quiz["title"])


def test_resume_state_keeps_written_answers_and_gives_them_up_last(page, server):
    codec(page, server)
    state = {
        "index": 1,
        "viewed": [True, False],
        "quizzes": [{"attempts": 1, "best": 50, "passed": False}],
        "essays": {"q9": 'Tildes ~ commas, "quotes"\nand a new line', "q8": ""},
    }
    result = page.evaluate(
        """s => {
          const R = CoursePlayer.resumeState;
          const full = R.encode(s);
          const reduced = R.fit(s, full.length - 1, false);
          const bare = R.fit(s, 20, false);
          return {full, reduced, bare,
                  decoded: [full, reduced.text, bare.text].map(t => R.decode(t, 2, 1))};
        }""",
        state,
    )
    kept = {"q9": state["essays"]["q9"]}
    assert result["full"].endswith('~{"q9":"Tildes ~ commas, \\"quotes\\"\\nand a new line"}')
    assert result["reduced"]["reduced"] and result["reduced"]["text"].startswith("2~2~1~-~")
    assert result["bare"] == {"text": "2~2~1~-~1.3uw.0", "reduced": True}
    full, reduced, bare = result["decoded"]
    assert full == {**state, "essays": kept}
    assert reduced["essays"] == kept
    assert "essays" not in bare and bare["quizzes"] == state["quizzes"]


def test_hotspot_hit_test_follows_each_shape(page, server):
    page.goto(f"{server.base}/lms/blank.html")
    for name in ("core.js", "questions.js", "question_hotspot.js"):
        page.add_script_tag(url=f"{server.base}/player/player/{name}")
    regions = [
        # an L: its notch (top right) is outside, though inside the bounding box
        {"id": "L", "shape": "polygon", "coords": [0, 0, 0.2, 0, 0.2, 0.3, 0.4, 0.3, 0.4, 0.4,
                                                   0, 0.4]},
        {"id": "C", "shape": "circle", "coords": [0.7, 0.5, 0.1]},
        {"id": "R", "shape": "rect", "coords": [0.5, 0.8, 0.2, 0.1]},
    ]
    points = [(0.1, 0.1), (0.3, 0.1), (0.3, 0.35), (0.7, 0.65), (0.7, 0.69), (0.7, 0.75),
              (0.6, 0.85), (0.75, 0.85)]
    found = page.evaluate(
        """([regions, points]) => points.map(([x, y]) => {
             const r = CoursePlayer.hotspot.regionAt(regions, x, y, 2); return r && r.id; })""",
        [regions, points])
    # aspect 2 (twice as wide as high): the circle reaches 0.2 of the height below its middle
    assert found == ["L", None, "L", "C", "C", None, "R", None]
