"""Every built-in kit and a custom kit, exported as HTML5, in light and dark: every player
state passes axe-core with no violation, and the custom kit's look reaches the page."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pypdfium2
import pytest
from player_learner import ScriptedLearner
from playwright.sync_api import expect

from studio.brand import BUILTIN_KITS
from studio.commands.brand import set_theme
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.media.sample import QUIZ, build_sample
from studio.store import Project
from studio.twin.runtime import axe_core_file
from tests.brand_kits import DARK, FAMILY, LIGHT, LOGO_ALT, write_custom_kit

AXE = axe_core_file()
CUSTOM = "custom"
KITS = (*BUILTIN_KITS, CUSTOM)
SCHEMES = ("light", "dark")
ORIGINAL = "original"
CUE_TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """exports(kit) -> the sample course's HTML5 export wearing ``kit``, unpacked (made once
    per kit and module)."""
    root = tmp_path_factory.mktemp("kits")
    custom = write_custom_kit(root / "acme")
    build_sample(root / "Sample.course").close()
    folders: dict[str, Path] = {}

    def folder(kit: str) -> Path:
        if kit not in folders:
            with Project.open(root / "Sample.course") as project:
                set_theme(project, kit=str(custom) if kit == CUSTOM else kit, overrides={})
                target = root / f"{kit}.zip"
                export_course(project, ExportOptions("html", preset=ORIGINAL), target)
            with zipfile.ZipFile(target) as archive:
                archive.extractall(root / kit)
            folders[kit] = root / kit
        return folders[kit]
    return folder


def violations(page) -> list[dict]:
    """Every axe-core violation on the page, whatever its impact."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.map(n => [n.target.join(' '), n.failureSummary])}));
    }""")


def quiz_dict() -> dict:
    questions = [{"id": f"q{i}", "type": qtype, "prompt": prompt, **data}
                 for i, (qtype, prompt, data) in enumerate(QUIZ)]
    return {"title": "Final quiz", "questions": questions}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kit", KITS)
def test_every_player_state_passes_axe(page, server, exports, kit, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(server.mount(exports(kit)) + "index.html")
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    learner = ScriptedLearner(page)
    found = {"video": violations(page)}
    learner.button("Play").click()
    expect(page.get_by_role("heading", name="Question", exact=True)).to_be_focused(
        timeout=CUE_TIMEOUT_MS)
    found["cue question"] = violations(page)
    page.get_by_role("group", name="Courses are built from lessons.").get_by_role(
        "radio", name="False").check()
    learner.button("Submit").click()
    found["cue feedback"] = violations(page)
    learner.button("Continue").click()
    learner.button("Menu").click()
    found["outline open"] = violations(page)
    learner.button("Menu").click()
    learner.open_item("About this course")
    found["page"] = violations(page)
    learner.next()
    found["slide"] = violations(page)
    learner.open_item("Final quiz")
    found["quiz"] = violations(page)
    learner.button("Submit").click()  # nothing answered: the error state
    found["quiz errors"] = violations(page)
    learner.take_quiz(quiz_dict(), correct={"q0", "q2"})
    found["quiz feedback"] = violations(page)
    learner.next()
    learner.expect_title("Results")
    found["results"] = violations(page)
    assert {state: v for state, v in found.items() if v} == {}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_custom_kit_reaches_the_page(page, server, exports, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(server.mount(exports(CUSTOM)) + "index.html")
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    logo = page.get_by_role("img", name=LOGO_ALT, exact=True)
    expect(logo).to_be_visible()
    assert logo.get_attribute("src") == "theme/logo.svg"
    assert page.evaluate("document.body.dataset.buttonStyle") == "outline"
    assert page.locator("#brand-favicon").get_attribute("href") == "theme/favicon.png"
    palette = LIGHT if scheme == "light" else DARK
    style = page.evaluate("""() => { const s = getComputedStyle(document.body);
        return {color: s.color, background: s.backgroundColor, font: s.fontFamily}; }""")
    assert style["color"] == rgb(palette["text"])
    assert style["background"] == rgb(palette["background"])
    assert style["font"].startswith(f'"{FAMILY}"')
    page.evaluate("document.fonts.ready")
    assert page.evaluate(f"document.fonts.check('16px \"{FAMILY}\"')")
    next_button = page.locator("#next")
    expect(next_button).to_have_css("background-color", "rgba(0, 0, 0, 0)")
    expect(next_button).to_have_css("color", rgb(palette["primary"]))


def printed_background(page) -> int:
    """The brightness (0 black..255 white) most of the first page printed to PDF has: its
    background's."""
    document = pypdfium2.PdfDocument(page.pdf(format="A4", print_background=True))
    try:
        histogram = document[0].render(scale=0.5).to_pil().convert("L").histogram()
    finally:
        document.close()
    return histogram.index(max(histogram))


def test_a_dark_browser_prints_the_light_palette(page, server, exports):
    page.emulate_media(color_scheme="dark")
    page.goto(server.mount(exports(CUSTOM)) + "index.html")
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    background = "getComputedStyle(document.body).backgroundColor"
    assert page.evaluate(background) == rgb(DARK["background"])
    page.emulate_media(media="print", color_scheme="dark")
    assert page.evaluate(background) == rgb(LIGHT["background"])
    assert page.evaluate("getComputedStyle(document.body).color") == rgb(LIGHT["text"])
    page.emulate_media(media="null", color_scheme="dark")  # page.pdf prints with print media
    assert printed_background(page) > 200  # a light page, not white on near-black


def rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_two_exports_with_the_same_kit_are_the_same_bytes(tmp_path, exports):
    custom = write_custom_kit(tmp_path / "acme")
    with Project.open(exports(CUSTOM).parent / "Sample.course") as project:
        set_theme(project, kit=str(custom), overrides={})
        sums = []
        for name in ("a", "b"):
            export_course(project, ExportOptions("html", preset=ORIGINAL), tmp_path / name)
            sums.append((tmp_path / name).read_bytes())
    assert sums[0] == sums[1]
    with zipfile.ZipFile(tmp_path / "a") as archive:
        css = archive.read("theme/theme.css").decode()
    assert re.search(r"@font-face \{[^}]*acme-400\.woff2", css)
    assert f"--cp-primary: {LIGHT['primary']};" in css
