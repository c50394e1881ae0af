"""The player in several languages: the picker switches in place (same item, same answers,
the same SCORM and xAPI records whatever the language), the choice survives a relaunch,
right-to-left languages are laid out mirrored, captions follow the language, and a
pseudo-localised export passes axe with no clipped text."""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path

import pytest
from lrs_server import verb
from player_courses import full_course, short_course, with_lms
from player_learner import ScriptedLearner
from playwright.sync_api import expect
from test_resume_choice import Launcher
from test_xapi_tracking import launch, leave, wait_sent

FRENCH = {"next": "Suivant", "previous": "Précédent", "language": "Langue", "menu": "Menu"}
HEBREW = {"next": "הבא", "previous": "הקודם", "language": "שפה", "menu": "תפריט"}
PICKER = [{"tag": "en", "name": "English", "dir": "ltr", "src": "course-data.js"},
          {"tag": "fr", "name": "français", "dir": "ltr", "src": "course-data.fr.js"},
          {"tag": "he", "name": "עברית", "dir": "rtl", "src": "course-data.he.js"}]
MARK = {"fr": " (fr)", "he": " (עב)"}


def translated(course: dict, tag: str, strings: dict) -> dict:
    """The course data of one language as the exporter writes it: same ids, every title,
    prompt and text marked with the language, that language's player strings."""
    out = copy.deepcopy(course)
    mark = MARK.get(tag, "")

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("title", "prompt", "text", "label") and isinstance(value, str):
                    node[key] = value + mark
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(out["modules"])
    out["course"]["title"] += mark
    out["course"]["language"] = tag
    out["course"]["dir"] = next(e["dir"] for e in PICKER if e["tag"] == tag)
    out["theme"] = {"strings": strings}
    out["languages"] = PICKER
    return out


def write_data(folder: Path, name: str, data: dict) -> None:
    payload = json.dumps(data, ensure_ascii=True, indent=1)
    (folder / name).write_text(f"window.COURSE_DATA = {payload};\n", encoding="utf-8")


@pytest.fixture
def languages_package(package):
    """languages_package(course) -> (folder, {tag: data}): the course in en (default), fr, he."""
    def build(course: dict):
        datas = {"en": translated(course, "en", {}), "fr": translated(course, "fr", FRENCH),
                 "he": translated(course, "he", HEBREW)}
        folder = package(datas["en"])
        for tag in ("fr", "he"):
            write_data(folder, f"course-data.{tag}.js", datas[tag])
        return folder, datas
    return build


def quiz_of(data: dict) -> dict:
    return data["modules"][0]["lessons"][0]["items"][2]


def pick(root, name: str, tag: str) -> None:
    """Chooses a language with the keyboard, as a learner would: focus the picker by its
    label, choose the option."""
    picker = root.get_by_role("combobox", name=name, exact=True)
    picker.focus()
    picker.select_option(tag)


def run_through(root, data: dict, switch_to: str | None = None) -> None:
    """Page 1, Page 2 (switching language there when asked), the quiz answered correctly,
    the results."""
    strings = {"fr": FRENCH, "he": HEBREW}.get(switch_to or "", {})
    learner = ScriptedLearner(root)
    learner.expect_title(data["modules"][0]["lessons"][0]["items"][0]["title"])
    root.locator("#next").click()
    if switch_to:
        position = root.locator("#position").text_content()
        pick(root, "Language", switch_to)
        data = data["_variants"][switch_to]
        learner.expect_title(data["modules"][0]["lessons"][0]["items"][1]["title"])
        expect(root.locator("#position")).to_have_text(position)
        expect(root.get_by_role("combobox", name=strings["language"], exact=True)).to_be_focused()
        expect(root.locator("#next")).to_have_text(strings["next"])
    root.locator("#next").click()
    quiz = quiz_of(data)
    learner.expect_title(quiz["title"])
    for question in quiz["questions"]:
        learner.answer(question, True)
    root.locator("form.attempt button[type=submit]").click()
    expect(root.locator("#item-title")).to_have_text(quiz["title"])
    root.locator("#next").click()


def with_variants(datas: dict) -> dict:
    out = dict(datas["en"])
    out["_variants"] = datas
    return out


CLOCK = {"session_time", "total_time", "time", "latency", "timestamp", "duration",
         "suspend_data"}


def tracked(node):
    """What an LMS keeps of a learner, without clock readings and the resume state (which
    holds the chosen language)."""
    if isinstance(node, dict):
        return {k: tracked(v) for k, v in node.items() if k not in CLOCK}
    return node


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_the_picker_switches_in_place_and_scorm_records_stay_the_same(
        languages_package, run_lms, page, standard):
    folder, datas = languages_package(with_lms(short_course(), objectives=True))
    session = run_lms(folder, standard=standard)
    run_through(session.sco, with_variants(datas))
    session.close()
    english = session.cmi()

    page.evaluate("localStorage.clear()")
    session = run_lms(folder, standard=standard)
    run_through(session.sco, with_variants(datas), switch_to="fr")
    frame = session.frame
    assert frame.evaluate("document.documentElement.lang") == "fr"
    assert frame.evaluate("document.documentElement.dir") == "ltr"
    session.close()
    french = session.cmi()
    assert tracked(french) == tracked(english)
    assert french["suspend_data"].split("~")[0].endswith("@fr")
    assert english["suspend_data"].split("~")[0].endswith("@en")
    assert len(english["interactions"]) == 2
    if standard == "scorm2004":
        assert english["objectives"] and english["success_status"] == "passed"



def statements_of(lrs) -> list[tuple]:
    """Each statement's verb, object (with its definition) and result, without clock readings."""
    return [(verb(s), s["object"], tracked(s.get("result", {})),
             s["context"].get("language")) for s in lrs.records.statements]


def test_xapi_statements_are_the_same_in_every_language(languages_package, page, server, lrs):
    course = short_course()
    course["tracking"] = "xapi"
    folder, datas = languages_package(course)
    runs = []
    for switch_to in (None, "fr"):
        launch(page, server, folder, lrs, str(uuid.uuid4()))
        run_through(page, with_variants(datas), switch_to=switch_to)
        wait_sent(page)
        leave(page, lrs)
        runs.append(statements_of(lrs))
        lrs.records.statements.clear()
    assert lrs.records.rejected == []
    assert runs[0] == runs[1]
    assert [s[0] for s in runs[0]].count("answered") == 2


@pytest.mark.parametrize("fmt", ["scorm12", "scorm2004", "xapi", "local"])
def test_a_relaunch_opens_in_the_chosen_language(languages_package, page, server, run_lms,
                                                  lrs, fmt):
    course = short_course()
    course["course"]["resume"] = "always"
    course["tracking"] = fmt
    folder, datas = languages_package(course)
    run = Launcher(fmt, page, server, run_lms, lrs, folder)
    root = run.launch()
    learner = ScriptedLearner(root)
    pick(root, "Language", "fr")
    learner.expect_title(datas["fr"]["modules"][0]["lessons"][0]["items"][0]["title"])
    root.locator("#next").click()  # the state then says where and in which language
    page2 = datas["fr"]["modules"][0]["lessons"][0]["items"][1]["title"]
    learner.expect_title(page2)
    if fmt != "local":  # the LMS keeps the choice, not the browser
        (run.session.frame if run.session else page).evaluate("localStorage.clear()")
    run.leave("page2")

    root = run.launch()
    ScriptedLearner(root).expect_title(page2)
    picker = root.get_by_role("combobox", name="Langue", exact=True)
    expect(picker).to_have_value("fr")
    expect(root.locator("html")).to_have_attribute("lang", "fr")
    expect(root.locator("#next")).to_have_text("Suivant")


def test_a_first_launch_opens_in_the_language_chosen_before_in_this_browser(
        languages_package, page, server, run_lms):
    folder, datas = languages_package(short_course())
    page.goto(server.mount(folder) + "index.html?tracking=local")
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    pick(page, "Language", "he")
    page.wait_for_function("document.documentElement.lang === 'he'")
    session = run_lms(folder, standard="scorm2004")  # a first launch: the LMS holds nothing
    root = session.sco
    ScriptedLearner(root).expect_title(
        datas["he"]["modules"][0]["lessons"][0]["items"][0]["title"])
    expect(root.locator("html")).to_have_attribute("dir", "rtl")
    session.close()
    assert session.cmi()["suspend_data"].split("~")[0].endswith("@he")


def test_a_right_to_left_language_mirrors_the_layout(languages_package, page, server):
    folder, datas = languages_package(short_course())
    page.goto(server.mount(folder) + "index.html?tracking=local")
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    english_next = page.locator("#next").bounding_box()["x"]
    pick(page, "Language", "he")
    hebrew = datas["he"]
    items = hebrew["modules"][0]["lessons"][0]["items"]
    learner = ScriptedLearner(page)
    learner.expect_title(items[0]["title"])
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "he")
    next_box, previous_box = (page.locator(s).bounding_box() for s in ("#next", "#previous"))
    assert next_box["x"] < previous_box["x"] and next_box["x"] < english_next
    page.locator("#item-title").focus()
    page.keyboard.press("ArrowLeft")  # ahead, in a right-to-left page
    learner.expect_title(items[1]["title"])
    page.keyboard.press("ArrowRight")
    learner.expect_title(items[0]["title"])
    page.locator("#next").click()
    page.locator("#next").click()
    quiz = items[2]
    for question in quiz["questions"]:
        learner.answer(question, False)
    page.locator("form.attempt button[type=submit]").click()
    feedback = page.locator(".feedback").first
    expect(feedback).to_have_css("border-right-width", "4px")
    expect(feedback).to_have_css("border-left-width", "0px")


def test_captions_follow_the_chosen_language(languages_package, page, server):
    course = full_course()
    video = course["modules"][0]["lessons"][0]["items"][0]
    video["captions"].append({"src": "media/clip.fr.vtt", "lang": "fr", "label": "Français"})
    folder, _ = languages_package(course)
    (folder / "media" / "clip.fr.vtt").write_text(
        (folder / "media" / "clip.en.vtt").read_text(encoding="utf-8"), encoding="utf-8")
    page.goto(server.mount(folder) + "index.html?tracking=local")
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    shown = "document.querySelector('video track[default]').getAttribute('srclang')"
    assert page.evaluate(shown) == "en"
    pick(page, "Language", "fr")
    page.wait_for_function("document.documentElement.lang === 'fr'")
    assert page.evaluate(shown) == "fr"
