"""General feedback (GIFT's ####) is for every learner: shown after the question whether the
answer was right, wrong or unscored."""

from __future__ import annotations

from player_courses import full_course
from playwright.sync_api import expect
from test_player_ui import open_standalone


def test_general_feedback_is_shown_to_right_and_wrong_answers(page, server, package):
    course = full_course()
    quiz = course["modules"][0]["lessons"][1]["items"][0]
    for question in quiz["questions"]:
        question["feedback"] = {**question["feedback"],
                                "general": f"About {question['id']}: read chapter 2."}
    learner = open_standalone(page, server, package(course))
    learner.open_item(quiz["title"])
    right = {quiz["questions"][0]["id"]}
    shown = learner.take_quiz(quiz, correct=right)
    assert len(shown) >= 2 and shown[0]["id"] in right
    for question in shown:  # the first answered right, the others wrong
        general = page.get_by_text(f"About {question['id']}: read chapter 2.", exact=True)
        expect(general).to_be_visible()
        expect(general).to_have_class("general-feedback")


def test_a_question_without_general_feedback_shows_none(page, server, package):
    course = full_course()
    quiz = course["modules"][0]["lessons"][1]["items"][0]
    learner = open_standalone(page, server, package(course))
    learner.open_item(quiz["title"])
    learner.take_quiz(quiz, correct=False)
    assert page.locator(".general-feedback").count() == 0


def test_a_question_picture_has_its_alternative_text(page, server, package):
    course = full_course()
    quiz = course["modules"][0]["lessons"][1]["items"][0]
    for question in quiz["questions"]:
        question |= {"media": "media/slide.png", "mediaAlt": "A test card"}
    learner = open_standalone(page, server, package(course))
    learner.open_item(quiz["title"])
    expect(page.locator("img.question-media").first).to_have_attribute("alt", "A test card")
