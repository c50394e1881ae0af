"""An exported QTI 3.0 item loads in a QTI player: Citolab's QTI 3 item components
(@citolab/qti-components) render its interaction in headless Chromium and score it with the
item's own response processing."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image
from player_harness import NODE_MODULES

from studio.quiz.qti_package import write_qti_package
from studio.quiz.questions import normalise_question
from studio.quiz.source import QuestionOut

COMPONENTS = NODE_MODULES / "@citolab" / "qti-components" / "cdn" / "index.js"

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>QTI item</title></head>
<body><main id="host"></main>
<script type="module">
  import { qtiTransformItem } from "/vendor/@citolab/qti-components/cdn/index.js";
  try {
    const item = await qtiTransformItem().load(new URLSearchParams(location.search).get("item"));
    document.getElementById("host").appendChild(item.htmlDoc());
    await customElements.whenDefined("qti-assessment-item");
    window.loaded = "yes";
  } catch (error) {
    window.loaded = "failed: " + error;
  }
</script></body></html>
"""


def _question(qid: str, qtype: str, prompt: str, data: dict, points: float,
              files: dict | None = None) -> QuestionOut:
    prompt, points, data = normalise_question(qtype, prompt, points, data)
    return QuestionOut(qid, qtype, prompt, points, data, files or {})


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def package_url(server, tmp_path_factory):
    if not COMPONENTS.is_file():
        pytest.fail("node_modules has no @citolab/qti-components: `make test` installs it")
    bank = [
        _question("q1", "choice", "Which planet is red?", {"choices": [
            {"text": "Venus"}, {"text": "Mars", "correct": True}, {"text": "Earth",
                                                                  "weight": 50}]}, 2),
        _question("q2", "multiple", "Which are prime?", {"choices": [
            {"text": "2", "correct": True}, {"text": "3", "correct": True}, {"text": "4"}],
            "scoring": "partial"}, 4),
        _question("q3", "hotspot", "Click the left half.", {
            "image": "map", "imageAlt": "A map", "regions": [
                {"label": "Left", "shape": "rect", "coords": [0, 0, 0.5, 1], "correct": True},
                {"label": "Right", "shape": "rect", "coords": [0.5, 0, 0.5, 1]}]}, 1,
            {"map": ("map.png", _png())}),
    ]
    folder = tmp_path_factory.mktemp("qti30")
    with zipfile.ZipFile(io.BytesIO(write_qti_package(bank, "Planets", "3.0"))) as archive:
        archive.extractall(folder)
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    return server.mount(folder)


def _open(browser, url: str, item: str, shown: str = "qti-choice-interaction qti-simple-choice"):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{url}index.html?item={item}")
    page.wait_for_function("window.loaded !== undefined", timeout=20_000)
    assert page.evaluate("window.loaded") == "yes", errors
    page.wait_for_selector(shown, timeout=20_000)
    return page, errors


def _score(page, response) -> float:
    return page.evaluate("""(response) => {
        const item = document.querySelector("qti-assessment-item");
        item.updateResponseVariable("RESPONSE", response);
        item.processResponse();
        return Number(item.getOutcome("SCORE").value);
    }""", response)


def test_a_single_choice_item_renders_and_scores_its_weights(browser, package_url):
    page, errors = _open(browser, package_url, "items/q1.xml")
    try:
        choices = page.locator("qti-choice-interaction qti-simple-choice")
        assert choices.count() == 3
        assert choices.nth(1).inner_text().strip() == "Mars"
        assert page.locator("qti-prompt").inner_text().strip() == "Which planet is red?"
        choices.nth(1).click()
        assert page.evaluate("""() => document.querySelector("qti-assessment-item")
                                 .processResponse()""") is not None
        assert page.evaluate("""() => Number(document.querySelector("qti-assessment-item")
                                 .getOutcome("SCORE").value)""") == 2
        assert _score(page, "c") == 1  # a choice worth 50 % of 2 points
        assert _score(page, "a") == 0
        assert errors == []
    finally:
        page.close()


def test_a_multiple_response_item_scores_partial_credit(browser, package_url):
    page, errors = _open(browser, package_url, "items/q2.xml")
    try:
        assert page.locator("qti-choice-interaction qti-simple-choice").count() == 3
        assert _score(page, ["a", "b"]) == 4
        assert _score(page, ["a"]) == 2
        assert _score(page, ["a", "c"]) == 0  # a wrong pick takes back a right one
        assert errors == []
    finally:
        page.close()


def test_a_hotspot_item_shows_its_picture_and_regions(browser, package_url):
    page, errors = _open(browser, package_url, "items/q3.xml",
                         "qti-hotspot-interaction qti-hotspot-choice")
    try:
        picture = page.locator("qti-hotspot-interaction img")
        assert picture.get_attribute("src").endswith("media/map.png")
        page.wait_for_function("""() => document.querySelector(
            "qti-hotspot-interaction img").naturalWidth === 200""", timeout=20_000)
        assert page.locator("qti-hotspot-choice").count() == 2
        assert _score(page, ["r1"]) == 1
        assert _score(page, ["r1", "r2"]) == 0
        assert errors == []
    finally:
        page.close()
