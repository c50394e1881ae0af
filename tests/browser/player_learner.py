"""A learner who works through the player by accessible names only, as assistive tech would."""

from __future__ import annotations

import re

from playwright.sync_api import expect

VIDEO_TIMEOUT_MS = 20_000


def exact(text: str) -> re.Pattern:
    return re.compile("^" + re.escape(text) + "$")


class ScriptedLearner:
    def __init__(self, root):
        self.root = root  # a Page or a FrameLocator

    # -- navigation ---------------------------------------------------------------------------
    def button(self, name: str):
        return self.root.get_by_role("button", name=name, exact=True)

    def next(self) -> None:
        self.button("Next").click()

    def previous(self) -> None:
        self.button("Previous").click()

    def title(self):
        return self.root.get_by_role("heading", level=1)

    def expect_title(self, text: str) -> None:
        expect(self.title()).to_have_text(text)

    def open_item(self, title: str) -> None:
        self.button("Menu").click()
        self.root.get_by_role("navigation", name="Course outline").get_by_role(
            "button", name=re.compile("^" + re.escape(title) + "(,|$)")
        ).click()
        self.expect_title(title)

    # -- questions ----------------------------------------------------------------------------
    def answer(self, question: dict, correct: bool = True) -> None:
        kind = question["type"]
        group = self.root.get_by_role("group", name=question["prompt"], exact=True)
        if kind in ("choice", "multiple"):
            choices = question["choices"]
            wanted = (
                [c for c in choices if c["correct"] == correct]
                if correct
                else [c for c in choices if not c["correct"]][:1]
            )
            role = "radio" if kind == "choice" else "checkbox"
            for choice in wanted[:1] if kind == "choice" else wanted:
                group.get_by_role(role, name=choice["text"], exact=True).check()
        elif kind == "truefalse":
            label = "True" if question["answer"] == correct else "False"
            group.get_by_role("radio", name=label, exact=True).check()
        elif kind == "fill":
            box = self.root.get_by_role("textbox", name=question["prompt"], exact=True)
            box.fill(question["answers"][0] if correct else "wrong answer")
        elif kind == "numeric":
            box = self.root.get_by_role("textbox", name=question["prompt"], exact=True)
            value = question["value"] if "value" in question else question["min"]
            box.fill(str(value if correct else value + 1000))
        elif kind == "matching":
            pairs = question["pairs"]
            rights = [p["right"] for p in pairs]
            for i, pair in enumerate(pairs):
                right = pair["right"] if correct else rights[(i + 1) % len(rights)]
                group.get_by_role("combobox", name=pair["left"], exact=True).select_option(
                    label=right
                )
        elif kind == "sequencing":
            items = question["items"] if correct else list(reversed(question["items"]))
            for i, entry in enumerate(items):
                group.get_by_role("combobox", name=f"Position {i + 1}", exact=True).select_option(
                    label=entry["text"]
                )
        elif kind == "likert":
            group.get_by_role("radio", name=question["scale"][-1]["text"], exact=True).check()
        else:
            raise ValueError(f"unknown question type {kind}")

    def visible_questions(self, questions: list[dict]) -> list[dict]:
        shown = []
        for q in questions:
            if self.root.get_by_text(q["prompt"], exact=True).count():
                shown.append(q)
        return shown

    def take_quiz(self, quiz: dict, correct=True) -> list[dict]:
        """Answers the questions on screen (correct may be a bool or a set of question ids
        to answer correctly) and submits; returns the questions answered."""
        self.expect_title(quiz["title"])
        expect(self.button("Submit")).to_be_visible()
        shown = self.visible_questions(quiz["questions"])
        for q in shown:
            right = q["id"] in correct if isinstance(correct, set | frozenset) else correct
            self.answer(q, right)
        self.button("Submit").click()
        expect(self.root.get_by_role("heading", name="Result", exact=True)).to_be_focused()
        return shown

    # -- media ----------------------------------------------------------------------------------
    def watch_video(self, video: dict) -> None:
        self.expect_title(video["title"])
        self.button("Play").click()
        for cue in video.get("cues", []):
            expect(self.root.get_by_role("heading", name="Question", exact=True)).to_be_focused(
                timeout=VIDEO_TIMEOUT_MS
            )
            if cue.get("mustAnswer"):
                expect(self.button("Next")).to_be_disabled()
            for q in cue["questions"]:
                self.answer(q, True)
            self.button("Submit").click()
            self.button("Continue").click()
        expect(self.root.get_by_text("Video complete.", exact=True)).to_be_visible(
            timeout=VIDEO_TIMEOUT_MS
        )

    def complete(self, course: dict, unit: str | None = None, correct=True) -> None:
        """Works through every item of the launch in order, ending on the results screen."""
        for module in course["modules"]:
            for lesson in module["lessons"]:
                if unit and lesson["id"] != unit:
                    continue
                for item in lesson["items"]:
                    self.expect_title(item["title"])
                    if item["kind"] == "video":
                        self.watch_video(item)
                    elif item["kind"] == "quiz":
                        self.take_quiz(item, correct)
                    self.next()
        self.expect_title("Results")
