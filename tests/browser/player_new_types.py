"""Course data with the hotspot, drag-and-drop, essay and description types, and a learner who
answers them by keyboard alone (the alternatives every view offers besides the pointer)."""

from __future__ import annotations

import copy

from player_courses import full_course
from player_learner import ScriptedLearner
from playwright.sync_api import expect

# slide.png of the test media is 320 x 180 pixels.
IMAGE_WIDTH, IMAGE_HEIGHT = 320, 180


def new_type_questions() -> list[dict]:
    """One question of each new type, in the player data contract's shape."""
    common = {"points": 1, "feedback": {"correct": "Well done.", "incorrect": "Not quite."},
              "media": None}
    return [
        {**common, "id": "n0", "type": "description", "points": 0, "feedback": {},
         "prompt": "Read the next questions carefully.\nTake your time."},
        {**common, "id": "n1", "type": "hotspot", "prompt": "Click the two parts that hold water.",
         "image": "media/slide.png", "imageAlt": "A blue test card",
         "imageWidth": IMAGE_WIDTH, "imageHeight": IMAGE_HEIGHT, "scoring": "all-or-nothing",
         "regions": [
             {"id": "r1", "label": "Top left tank", "shape": "rect",
              "coords": [0.05, 0.1, 0.3, 0.4], "correct": True},
             {"id": "r2", "label": "Round pool", "shape": "circle",
              "coords": [0.75, 0.5, 0.1], "correct": True},
             {"id": "r3", "label": "Sandy triangle", "shape": "polygon",
              "coords": [0.4, 0.95, 0.5, 0.6, 0.6, 0.95], "correct": False},
         ]},
        {**common, "id": "n2", "type": "dragdrop", "prompt": "Sort the food.",
         "scoring": "per-item", "points": 3,
         "categories": [{"id": "k1", "text": "Fruit"}, {"id": "k2", "text": "Vegetable"}],
         "items": [
             {"id": "d1", "text": "Apple", "category": "k1"},
             {"id": "d2", "text": "Carrot", "category": "k2"},
             {"id": "d3", "text": "Banana", "category": "k1"},
         ]},
        {**common, "id": "n3", "type": "essay", "points": 0,
         "prompt": "What will you do differently next week?", "maxLength": 200,
         "modelAnswer": "Plan the week on Monday."},
    ]


def new_types_course() -> dict:
    """full_course with its final quiz holding only the new types (answers always shown)."""
    course = copy.deepcopy(full_course())
    quiz = course["modules"][0]["lessons"][1]["items"][0]
    quiz.update(questions=new_type_questions(), shuffle=False, showAnswers="always",
                passMark=50, attempts=3, title="New kinds of question")
    return course


class KeyboardLearner(ScriptedLearner):
    """A learner who answers hotspot, drag-and-drop and essay questions with the keyboard only:
    focus moves to a control found by its accessible name, Space ticks a box, arrow keys choose
    in a list box, text is typed. Other types are answered as ScriptedLearner does."""

    def __init__(self, page, root=None):
        super().__init__(root if root is not None else page)
        self.page = page

    def answer(self, question: dict, correct: bool = True) -> None:
        kind = question["type"]
        keys = self.page.keyboard
        if kind == "hotspot":
            areas = self.root.get_by_role("group", name="Areas of the picture")
            for region in question["regions"]:
                if region["correct"] == correct:
                    box = areas.get_by_role("checkbox", name=region["label"], exact=True)
                    box.focus()
                    keys.press("Space")
                    expect(box).to_be_checked()
        elif kind == "dragdrop":
            categories = [c["id"] for c in question["categories"]]
            for i, item in enumerate(question["items"]):
                wanted = item["category"]
                if not correct and i == 0:  # the first item misplaced: partly right
                    wanted = categories[(categories.index(wanted) + 1) % len(categories)]
                select = self.root.get_by_role("combobox", name="Category for " + item["text"],
                                               exact=True)
                select.focus()
                for _ in range(categories.index(wanted) + 1):
                    keys.press("ArrowDown")
                expect(select).to_have_value(wanted)
        elif kind == "essay":
            self.root.get_by_role("textbox", name=question["prompt"], exact=True).focus()
            keys.type(ESSAY_TEXT if correct else "Nothing.")
        elif kind != "description":
            super().answer(question, correct)

    def submit_by_keyboard(self) -> None:
        """Moves focus to Submit with Tab (from the last control) and presses Enter."""
        submit = self.button("Submit")
        for _ in range(40):
            if submit.evaluate("b => b === document.activeElement"):
                break
            self.page.keyboard.press("Tab")
        expect(submit).to_be_focused()
        self.page.keyboard.press("Enter")


ESSAY_TEXT = "I will plan ahead.\nAnd sleep more."
