"""The cover page, the end page and the certificate of completion: what they show, the
learner's name as each LMS or LRS gives it, a one-page print, and no axe violation."""

from __future__ import annotations

import json
import re
import uuid
from urllib.parse import urlencode

import pypdfium2
import pytest
from player_courses import LOGO_SVG, pages_only, short_course, with_screens
from player_learner import ScriptedLearner
from playwright.sync_api import expect
from test_player_ui import open_standalone, serious_violations

ACTOR = {"objectType": "Agent", "name": "Grace Hopper", "mbox": "mailto:grace@example.com"}
LOGO = {"logo": "theme/logo.svg", "logoAlt": "Acme Training"}


def package_with_logo(package, course: dict):
    folder = package(course)
    (folder / "theme").mkdir(exist_ok=True)
    (folder / "theme" / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")
    return folder


def finish_pages(learner: ScriptedLearner, count: int) -> None:
    for n in range(1, count + 1):
        learner.expect_title(f"Page {n}")
        learner.next()
    learner.expect_title("Results")


def certificate(root):
    return root.get_by_role("region", name="Certificate of completion")


def test_cover_shows_title_duration_objectives_logo_and_start_goes_to_item_one(
        page, server, package):
    course = with_screens(pages_only(3, description="Learn the basics of safety."), cover=True,
                          duration=1495.0, objectives=["Spot a hazard", "Report it"], theme=LOGO)
    learner = open_standalone(page, server, package_with_logo(package, course))
    expect(learner.title()).to_have_text("Player test course")
    main = page.get_by_role("main")
    expect(main.get_by_text("Learn the basics of safety.")).to_be_visible()
    expect(main.get_by_text("About 25 minutes", exact=True)).to_be_visible()
    objectives = main.get_by_role("region", name="What you will learn").get_by_role("listitem")
    expect(objectives).to_have_text(["Spot a hazard", "Report it"])
    logo = main.get_by_role("img", name="Acme Training")
    expect(logo).to_be_visible()
    assert logo.evaluate("img => img.complete && img.naturalWidth") == 120
    assert serious_violations(page) == []

    learner.button("Start").click()
    learner.expect_title("Page 1")
    expect(learner.title()).to_be_focused()
    expect(page.get_by_text("Item 1 of 3", exact=True)).to_be_visible()


def test_no_cover_unless_asked_and_none_on_a_resumed_launch(page, server, package):
    plain = open_standalone(page, server, package(with_screens(pages_only(2))))
    plain.expect_title("Page 1")
    folder = package(with_screens(pages_only(3), cover=True))
    learner = open_standalone(page, server, folder)
    learner.button("Start").click()
    learner.next()
    learner.expect_title("Page 2")
    page.reload()
    learner.expect_title("Page 2")


@pytest.mark.parametrize(("standard", "stored"), [
    ("scorm12", {"core": {"student_name": "Lovelace, Ada", "student_id": "ada"}}),
    ("scorm2004", {"learner_name": "Lovelace, Ada", "learner_id": "ada", "entry": "ab-initio"}),
])
def test_certificate_shows_the_learner_name_the_scorm_lms_gives(
        run_lms, package, standard, stored):
    course = with_screens(pages_only(2), certificate=True, endMessage="Well done, team.")
    session = run_lms(package(course), standard=standard, stored=stored)
    learner = ScriptedLearner(session.sco)
    finish_pages(learner, 2)
    expect(session.sco.get_by_text("Well done, team.", exact=True)).to_be_visible()
    card = certificate(session.sco)
    expect(card.locator(".certificate-name")).to_have_text("Ada Lovelace")
    expect(card.get_by_text("Player test course", exact=True)).to_be_visible()
    expect(card.get_by_role("textbox")).to_have_count(0)
    assert serious_violations(session.frame) == []


def xapi_launch(page, server, folder, lrs) -> None:
    query = urlencode({"endpoint": lrs.endpoint, "auth": lrs.basic_auth,
                       "actor": json.dumps(ACTOR), "registration": str(uuid.uuid4())})
    page.goto(f"{server.mount(folder)}index.html?{query}")
    page.wait_for_function("() => !!(window.CoursePlayer && window.CoursePlayer.app)")
    assert page.evaluate("CoursePlayer.app.adapter.name") == "xapi"


def pdf_pages(data: bytes) -> list[tuple[float, float, str]]:
    """(width, height in points, text) of each page."""
    document = pypdfium2.PdfDocument(data)
    try:
        out = []
        for index in range(len(document)):
            sheet = document[index]
            width, height = sheet.get_size()
            out.append((width, height, sheet.get_textpage().get_text_range()))
        return out
    finally:
        document.close()


def test_certificate_from_the_xapi_actor_prints_alone_on_one_landscape_page(
        page, server, package, lrs):
    course = with_screens(short_course(mastery=80), certificate=True, theme=LOGO)
    course["tracking"] = "xapi"
    xapi_launch(page, server, package_with_logo(package, course), lrs)
    learner = ScriptedLearner(page)
    learner.complete(course)
    main = page.get_by_role("main")
    expect(main.get_by_role("img", name="Acme Training").first).to_be_visible()
    card = certificate(page)
    expect(card.locator(".certificate-name")).to_have_text("Grace Hopper")
    expect(card.get_by_text(re.compile(r"^Score: 100%$"))).to_be_visible()
    expect(card.get_by_role("button", name="Print or save as PDF")).to_be_visible()
    assert serious_violations(page) == []

    page.evaluate("window.print = () => { window.__printed = true; }")
    card.get_by_role("button", name="Print or save as PDF").click()
    assert page.evaluate("window.__printed === true")

    for paper in ("A4", "Letter"):
        sheets = pdf_pages(page.pdf(format=paper, prefer_css_page_size=False, landscape=True,
                                    print_background=True))
        assert len(sheets) == 1, paper
        width, height, text = sheets[0]
        assert width > height
        assert "Grace Hopper" in text and "Player test course" in text
        assert "Results" not in text and "Quick check" not in text


def test_a_local_learner_types_the_name_and_a_failed_course_earns_no_certificate(
        page, server, package):
    course = with_screens(short_course(mastery=80, attempts=1), certificate=True, language="fr")
    learner = open_standalone(page, server, package(course))
    learner.complete(course, correct=False)
    expect(certificate(page)).to_have_count(0)

    passed = with_screens(short_course(mastery=80), certificate=True, language="fr",
                          id="urn:uuid:another-course")
    learner = open_standalone(page, server, package(passed))
    learner.complete(passed)
    card = certificate(page)
    field = card.get_by_role("textbox", name="Your name")
    expect(field).to_be_visible()
    field.fill("Katherine Johnson")
    expect(card.locator(".certificate-name")).to_have_text("Katherine Johnson")
    today = page.evaluate("new Intl.DateTimeFormat('fr', {dateStyle: 'long'}).format(new Date())")
    expect(card.get_by_text("Date: " + today, exact=True)).to_be_visible()
    assert serious_violations(page) == []
    sheets = pdf_pages(page.pdf(format="A4", landscape=True))
    assert len(sheets) == 1 and "Katherine Johnson" in sheets[0][2]


def test_kit_strings_rename_the_player_and_only_plain_strings_are_taken(page, server, package):
    strings = {"next": "Onward", "start": "Begin", "menu": "Contents", "itemOf": "broken",
               "unknownKey": "ignored", "previous": 7}
    course = with_screens(pages_only(2), cover=True, theme={"strings": strings})
    learner = open_standalone(page, server, package(course))
    learner.button("Begin").click()
    learner.expect_title("Page 1")
    expect(learner.button("Onward")).to_be_visible()
    expect(learner.button("Contents")).to_be_visible()
    expect(learner.button("Previous")).to_be_disabled()
    expect(page.get_by_text("Item 1 of 2", exact=True)).to_be_visible()
    assert page.evaluate("'unknownKey' in CoursePlayer.strings") is False
