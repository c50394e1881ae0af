"""The player in several languages: the picker switches in place (same item, same answers,
the same SCORM and xAPI records whatever the language), the choice survives a relaunch,
right-to-left languages are laid out mirrored, captions follow the language, and a
pseudo-localised export passes axe with no clipped text."""

from __future__ import annotations

import copy
import json
import uuid
import zipfile
from pathlib import Path

import pytest
from lrs_server import verb
from player_courses import every_question_type, full_course, short_course, with_lms
from player_learner import ScriptedLearner
from playwright.sync_api import expect
from test_kits_axe import CUE_TIMEOUT_MS, ORIGINAL, violations
from test_resume_choice import Launcher
from test_xapi_tracking import launch, leave, wait_sent

from studio import commands
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.media.sample import build_sample
from studio.store import Project
from studio.translation.pseudo import pseudo_text
from studio.translation.segments import course_segments
from studio.translation.units import Translation

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
    if fmt != "local":  # the LMS keeps the choice, not the browser (whose queue stays)
        (run.session.frame if run.session else page).evaluate(
            "localStorage.removeItem('cp-language:' + COURSE_DATA.course.id)")
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


# ---- exported packages: the pseudo-locale and a right-to-left language ------------------------

OVERFLOW_PROBE = """() => {
    const clipped = v => v === 'hidden' || v === 'clip';
    const found = [];
    for (const node of document.querySelectorAll('body *')) {
        const own = [...node.childNodes].some(c => c.nodeType === 3 && c.textContent.trim());
        if (!own || !node.getClientRects().length) { continue; }
        const style = getComputedStyle(node);
        if (node.clientWidth <= 1 && node.clientHeight <= 1) { continue; }  // visually hidden
        const wide = clipped(style.overflowX) && node.scrollWidth > node.clientWidth + 1;
        const tall = clipped(style.overflowY) && node.scrollHeight > node.clientHeight + 1;
        if (wide || tall) { found.push(node.tagName + '.' + node.className + ': '
                                       + node.textContent.trim().slice(0, 60)); }
    }
    return found;
}"""


def pseudo_fill(project, locale: str) -> None:
    """Every segment of the course (the player's strings too) in the pseudo-locale."""
    commands.store_translations(project, locale, [
        Translation(locale, s.id, pseudo_text(s.text, locale), s.source_hash, s.text)
        for s in course_segments(project.course())])


@pytest.fixture(scope="module")
def sample_exports(tmp_path_factory):
    """sample_exports(languages) -> the sample course exported as HTML5 in those languages,
    unpacked (each made once per module); the course is translated into the pseudo-locale
    and, for Hebrew, marked."""
    root = tmp_path_factory.mktemp("languages")
    with build_sample(root / "Sample.course") as project:
        pseudo_fill(project, "qps-ploc")
        commands.store_translations(project, "he", [
            Translation("he", s.id, "עברית " + s.text, s.source_hash, s.text)
            for s in course_segments(project.course(), player=False)])
    folders: dict[tuple, Path] = {}

    def folder(languages: tuple[str, ...]) -> Path:
        if languages not in folders:
            target = root / ("-".join(languages) + ".zip")
            with Project.open(root / "Sample.course") as project:
                export_course(project, ExportOptions("html", preset=ORIGINAL,
                                                     languages=languages), target)
            with zipfile.ZipFile(target) as archive:
                archive.extractall(root / target.stem)
            folders[languages] = root / target.stem
        return folders[languages]
    return folder


def checked(page, found: dict, state: str) -> None:
    found[state] = {"axe": violations(page), "clipped": page.evaluate(OVERFLOW_PROBE)}


@pytest.mark.parametrize("width", [1024, 420])
def test_the_pseudo_locale_passes_axe_and_clips_no_text(page, server, sample_exports, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(server.mount(sample_exports(("qps-ploc",))) + "index.html")
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    assert page.evaluate("document.documentElement.lang") == "en-x-ploc"
    assert page.evaluate("COURSE_DATA.course.language") == "qps-ploc"
    assert page.locator("#next").text_content() == pseudo_text("Next", "qps-ploc")
    found: dict = {}
    checked(page, found, "video")
    page.locator("main .video .actions button").click()
    cue_form = page.locator("main form.attempt")
    expect(cue_form).to_be_visible(timeout=CUE_TIMEOUT_MS)
    checked(page, found, "cue question")
    cue_form.locator("input[type=radio]").first.check()
    cue_form.locator("button[type=submit]").click()
    checked(page, found, "cue feedback")
    page.keyboard.press("Enter")  # Continue has the focus
    expect(cue_form).to_be_hidden()
    page.locator("#menu").click()
    checked(page, found, "outline open")
    page.locator("#menu").click()
    kinds = []
    while True:
        page.locator("#next").click()
        kind = page.locator("main").get_attribute("data-kind")
        kinds.append(kind)
        if kind == "results":
            checked(page, found, "results")
            break
        checked(page, found, f"{kind} {len(kinds)}")
        if kind == "quiz":
            quiz = page.locator("main form.attempt")
            quiz.locator("button[type=submit]").click()  # nothing answered: the error state
            checked(page, found, "quiz errors")
            for group in quiz.locator("fieldset").all():
                choices = group.locator("input[type=radio], input[type=checkbox]")
                if choices.count():
                    choices.first.check()
            for box in quiz.locator("input[type=text], input:not([type])").all():
                box.fill("3")
            for select in quiz.locator("select").all():
                select.select_option(index=1)
            quiz.locator("button[type=submit]").click()
            checked(page, found, "quiz feedback")
    assert "quiz" in kinds and "slide" in kinds and "page" in kinds
    assert {state: f for state, f in found.items() if f["axe"] or f["clipped"]} == {}
    page.evaluate("""() => { const box = document.createElement('p');
        box.style.cssText = 'width: 3rem; overflow: hidden; white-space: nowrap';
        box.textContent = 'a text far too long for its box'; document.body.append(box); }""")
    assert page.evaluate(OVERFLOW_PROBE) == ["P.: a text far too long for its box"]  # it sees


def test_the_pseudo_locale_header_has_no_english_and_numbers_in_place(page, server,
                                                                      sample_exports):
    page.goto(server.mount(sample_exports(("qps-ploc",))) + "index.html")
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    total = page.evaluate("""() => COURSE_DATA.modules.reduce((n, m) => n + m.lessons.reduce(
        (k, lesson) => k + lesson.items.length, 0), 0)""")
    template = pseudo_text("Item {current} of {total}", "qps-ploc")
    assert "{current}" in template and template != "Item {current} of {total}"
    expect(page.locator("#position")).to_have_text(
        template.replace("{current}", "1").replace("{total}", str(total)))
    page.locator("#next").click()
    expect(page.locator("#position")).to_have_text(
        template.replace("{current}", "2").replace("{total}", str(total)))
    texts = page.evaluate("""() => {
        const header = document.querySelector("header");
        const out = [];
        const walker = document.createTreeWalker(header, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const box = walker.currentNode.parentElement;
            if (!box.closest("[hidden]") && walker.currentNode.data.trim()) {
                out.push(walker.currentNode.data.trim());
            }
        }
        header.querySelectorAll("[aria-label], [alt], [title]").forEach((node) => {
            ["aria-label", "alt", "title"].forEach((name) => {
                const value = (node.getAttribute(name) || "").trim();
                if (value) { out.push(value); }
            });
        });
        return out;
    }""")
    assert len(texts) >= 3  # the menu button, the course title, the position
    assert [t for t in texts if not (t.startswith("[") and t.endswith("]"))] == []


def test_a_hebrew_package_is_laid_out_right_to_left(page, server, sample_exports):
    page.goto(server.mount(sample_exports(("he",))) + "index.html")
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "he")
    assert page.locator("#item-title").text_content().startswith("עברית ")
    next_box, previous_box = (page.locator(s).bounding_box() for s in ("#next", "#previous"))
    assert next_box["x"] < previous_box["x"]
    assert page.locator("#cp-language").count() == 0  # one language: no picker
    assert [v for v in violations(page) if v["impact"] in ("serious", "critical")] == []


def test_a_package_in_several_languages_switches_between_them(page, server, sample_exports):
    page.goto(server.mount(sample_exports(("en", "he", "qps-ploc"))) + "index.html")
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    names = page.locator("#cp-language option").all_text_contents()
    assert names == ["English", "עברית", "Pseudo-locale (accented)"]
    pick(page, "Language", "he")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#item-title")).to_have_text("עברית Welcome video")
    assert violations(page) == []


def test_answers_not_yet_submitted_survive_a_switch(languages_package, page, server):
    folder, datas = languages_package(short_course())
    page.goto(server.mount(folder) + "index.html?tracking=local")
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    learner = ScriptedLearner(page)
    page.locator("#next").click()
    page.locator("#next").click()
    for question in quiz_of(datas["en"])["questions"]:
        learner.answer(question, True)
    pick(page, "Language", "fr")
    french = quiz_of(datas["fr"])
    learner.expect_title(french["title"])
    choice = french["questions"][0]
    group = page.get_by_role("group", name=choice["prompt"], exact=True)
    right = next(c for c in choice["choices"] if c["correct"])
    expect(group.get_by_role("radio", name=right["text"], exact=True)).to_be_checked()
    page.locator("form.attempt button[type=submit]").click()
    expect(page.get_by_role("heading", name="Result", exact=True)).to_be_focused()
    assert page.evaluate("CoursePlayer.app.state.quizzes[0]") == {
        "attempts": 1, "best": 100, "passed": True}


def test_a_cue_answered_before_a_switch_is_not_asked_again(languages_package, page, server):
    folder, datas = languages_package(full_course())
    page.goto(server.mount(folder) + "index.html?tracking=local")
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    learner = ScriptedLearner(page)
    video = datas["en"]["modules"][0]["lessons"][0]["items"][0]
    learner.button("Play").click()
    expect(page.get_by_role("heading", name="Question", exact=True)).to_be_focused(
        timeout=CUE_TIMEOUT_MS)
    learner.answer(video["cues"][0]["questions"][0], True)
    learner.button("Submit").click()
    learner.button("Continue").click()
    page.locator("video").evaluate("v => v.pause()")
    at = page.locator("video").evaluate("v => v.currentTime")
    pick(page, "Language", "fr")
    learner.expect_title(datas["fr"]["modules"][0]["lessons"][0]["items"][0]["title"])
    page.wait_for_function(f"document.querySelector('video').currentTime >= {at - 0.01}")
    learner.button("Play").click()
    expect(page.get_by_text("Video complete.", exact=True)).to_be_visible(
        timeout=CUE_TIMEOUT_MS)
    expect(page.get_by_role("heading", name="Question", exact=True)).to_have_count(0)


LANGUAGE_LABEL = {"en": "Language", "fr": FRENCH["language"], "he": HEBREW["language"]}
SHOWN_QUESTIONS = """Array.from(document.querySelectorAll('form.attempt [data-question]'),
                                n => n.getAttribute('data-question'))"""


def test_a_switch_keeps_the_questions_drawn_for_the_attempt(languages_package, page, server):
    course = short_course(attempts=3)
    quiz = quiz_of(course)
    choice = next(q for q in every_question_type() if q["id"] == "q1")
    quiz.update(draw=2, questions=[
        dict(copy.deepcopy(choice), id=f"bank{n}", prompt=f"{n + 1}. {choice['prompt']}",
             pool="bank") for n in range(4)])
    folder, datas = languages_package(course)
    page.goto(server.mount(folder) + "index.html?tracking=local")
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    learner = ScriptedLearner(page)
    for item in course["modules"][0]["lessons"][0]["items"][1:]:
        page.locator("#next").click()
        learner.expect_title(item["title"])
    drawn = page.evaluate(SHOWN_QUESTIONS)
    assert len(drawn) == 2
    first = f'form.attempt [data-question="{drawn[0]}"] input[value="a"]'
    page.locator(first).check()
    language = "en"
    # one switch redraws by chance the same two of six pairs; six in a row do not
    for tag in ("fr", "he", "en", "he", "fr", "en"):
        pick(page, LANGUAGE_LABEL[language], tag)
        language = tag
        learner.expect_title(quiz_of(datas[tag])["title"])
        expect(page.locator("html")).to_have_attribute("lang", tag)
        assert page.evaluate(SHOWN_QUESTIONS) == drawn
        expect(page.locator(first)).to_be_checked()
    # the switches drew nothing: the next attempt asks the two questions not asked yet
    page.locator(f'form.attempt [data-question="{drawn[1]}"] input[value="b"]').check()
    learner.button("Submit").click()
    learner.button("Retry").click()
    expect(page.locator("form.attempt [data-question]")).to_have_count(2)
    assert sorted(page.evaluate(SHOWN_QUESTIONS)) == sorted(
        q["id"] for q in quiz["questions"] if q["id"] not in drawn)
