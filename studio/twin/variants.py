"""The course data of the twin's path variants: a long course, and one of every question type.

Both start from the package's own ``course-data.js`` document and return a new one (the
package on disk is never changed; the twin's server serves the variant in its place).
The added quiz is made of domain objects (each type's starter answers from the registry,
:mod:`studio.quiz.types`) and written by the export room's own player data functions, so
it is exactly what an export of such a quiz writes.
"""

from __future__ import annotations

import copy

from studio.export.package import ExportOptions, ExportPlan
from studio.export.player_data import course_data
from studio.model import Course, ItemKind, Lesson, Module, Question, Quiz
from studio.quiz.questions import normalise_question
from studio.quiz.types import QUESTION_TYPES

# Ids of what the question-types variant adds (valid xs:IDs, unlike any the studio makes).
TYPES_MODULE, TYPES_LESSON, TYPES_QUIZ = "twin_types_module", "twin_types", "twin_types_quiz"
# Items in the long-course variant: enough to push suspend data towards an edition's limit.
LONG_COURSE_ITEMS = 1000


def lessons_of(data: dict) -> list[dict]:
    """Every lesson of a course-data document, in outline order."""
    return [lesson for module in data.get("modules", ()) for lesson in module.get("lessons", ())]


def items_of(data: dict, lesson_id: str | None = None) -> list[dict]:
    """The items a launch plays, in order: every item, or only those of ``lesson_id`` (the
    player's ``?unit=`` parameter)."""
    return [item for lesson in lessons_of(data) if lesson_id in (None, lesson.get("id"))
            for item in lesson.get("items", ())]


def types_quiz_module(tracking: str) -> dict:
    """A module holding one lesson with one quiz that asks one question of every registered
    type (the type's starter answers), as the player data of an export writes it."""
    questions = []
    for name, kind in QUESTION_TYPES.items():
        prompt, points, data = normalise_question(name, f"{kind.label}: the twin's question",
                                                  1, None)
        questions.append(Question(id=f"twin_q_{name}", type=name, prompt=prompt,
                                  points=points, data=data))
    quiz = Quiz(id=TYPES_QUIZ, kind=ItemKind.QUIZ, title="Every question type",
                lesson_id=TYPES_LESSON, questions=tuple(questions))
    lesson = Lesson(id=TYPES_LESSON, title="Every question type", module_id=TYPES_MODULE,
                    items=(quiz,))
    course = Course(identifier="twin", title="Every question type",
                    modules=(Module(id=TYPES_MODULE, title="Every question type",
                                    lessons=(lesson,)),))
    plan = ExportPlan(course=course, options=ExportOptions(), tracking=tracking, units=(),
                      player_files=(), media_files=())
    return course_data(plan)["modules"][0]


def with_question_types(data: dict) -> dict:
    """``data`` with :func:`types_quiz_module` appended as its last module."""
    out = copy.deepcopy(data)
    out.setdefault("modules", []).append(types_quiz_module(str(data.get("tracking", ""))))
    return out


def long_course(data: dict, lesson_id: str | None = None) -> dict:
    """``data`` grown to at least :data:`LONG_COURSE_ITEMS` items: the course's modules
    repeated (ids suffixed ``_r2``, ``_r3``, ...), or, for a launch of one lesson
    (``lesson_id``), that lesson's items repeated inside it. A course without items is
    returned unchanged."""
    out = copy.deepcopy(data)
    if lesson_id is not None:
        lesson = next((le for le in lessons_of(out) if le.get("id") == lesson_id), None)
        items = list(lesson.get("items", ())) if lesson else []
        if not items:
            return out
        grown, round_ = list(items), 1
        while len(grown) < LONG_COURSE_ITEMS:
            round_ += 1
            grown += [_suffixed(item, round_) for item in items]
        lesson["items"] = grown
        return out
    modules = list(out.get("modules", ()))
    per_round = len(items_of(out))
    if not per_round:
        return out
    grown, count, round_ = list(modules), per_round, 1
    while count < LONG_COURSE_ITEMS:
        round_ += 1
        for module in modules:
            copied = _suffixed(module, round_)
            copied["lessons"] = [{**_suffixed(lesson, round_),
                                  "items": [_suffixed(i, round_) for i in lesson["items"]]}
                                 for lesson in module.get("lessons", ())]
            grown.append(copied)
        count += per_round
    out["modules"] = grown
    return out


def _suffixed(node: dict, round_: int) -> dict:
    copied = copy.deepcopy(node)
    copied["id"] = f"{node['id']}_r{round_}"
    if "title" in copied:
        copied["title"] = f"{node['title']} ({round_})"
    return copied
