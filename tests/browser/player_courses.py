"""Course data (the exporter's contract) for the player tests."""

from __future__ import annotations

import copy


def every_question_type(prefix: str = "") -> list[dict]:
    def q(qid: str, qtype: str, prompt: str, **extra) -> dict:
        base = {
            "id": qid,
            "type": qtype,
            "prompt": prefix + prompt,
            "points": 1,
            "feedback": {"correct": "Well done.", "incorrect": "Not quite."},
            "media": None,
        }
        base.update(extra)
        return base

    return [
        q(
            "q1",
            "choice",
            "Which colour is a clear daytime sky?",
            choices=[
                {"id": "a", "text": "Blue", "correct": True, "feedback": "Yes, blue."},
                {"id": "b", "text": "Green", "correct": False, "feedback": "Grass is green."},
                {"id": "c", "text": "Red", "correct": False, "feedback": ""},
            ],
        ),
        q(
            "q2",
            "multiple",
            "Pick the prime numbers.",
            choices=[
                {"id": "a", "text": "2", "correct": True, "feedback": ""},
                {"id": "b", "text": "3", "correct": True, "feedback": ""},
                {"id": "c", "text": "4", "correct": False, "feedback": "4 = 2 × 2."},
            ],
        ),
        q("q3", "truefalse", "Water boils at 100 °C at sea level.", answer=True),
        q(
            "q4",
            "fill",
            "What is the capital of France?",
            answers=["Paris"],
            caseSensitive=False,
            normaliseSpace=True,
        ),
        q("q5", "numeric", "Give pi to two decimals.", value=3.14, tolerance=0.01),
        q(
            "q6",
            "matching",
            "Match each animal to its sound.",
            pairs=[
                {"id": "p1", "left": "Dog", "right": "Bark"},
                {"id": "p2", "left": "Cat", "right": "Meow"},
                {"id": "p3", "left": "Cow", "right": "Moo"},
            ],
        ),
        q(
            "q7",
            "sequencing",
            "Put the numbers in order.",
            items=[
                {"id": "s1", "text": "One"},
                {"id": "s2", "text": "Two"},
                {"id": "s3", "text": "Three"},
            ],
        ),
        q(
            "q8",
            "likert",
            "How useful was this lesson?",
            points=0,
            scale=[
                {"id": "1", "text": "Not useful"},
                {"id": "2", "text": "Somewhat useful"},
                {"id": "3", "text": "Very useful"},
            ],
        ),
    ]


def full_course(**course_overrides) -> dict:
    """Video with a cue question, slide, page, and a quiz with every question type."""
    cue_question = {
        "id": "cq1",
        "type": "truefalse",
        "prompt": "Did you hear a tone?",
        "points": 1,
        "answer": True,
        "feedback": {"correct": "Right.", "incorrect": "Listen again."},
        "media": None,
    }
    course = {
        "schema": 1,
        "tracking": "local",
        "course": {
            "id": "urn:uuid:5b1f3c1e-0000-4000-8000-000000000001",
            "title": "Player test course",
            "description": "",
            "language": "en",
            "author": "QA",
            "version": "1.0",
            "completion": "all_items",
            "completionThreshold": 1.0,
            "masteryScore": 80,
        },
        "modules": [
            {
                "id": "m1",
                "title": "Module one",
                "lessons": [
                    {
                        "id": "l1",
                        "title": "Watch and read",
                        "items": [
                            {
                                "id": "video1",
                                "kind": "video",
                                "title": "Test pattern",
                                "src": "media/clip.mp4",
                                "start": 0.0,
                                "end": 3.0,
                                "duration": 3.0,
                                "poster": None,
                                "captions": [
                                    {"src": "media/clip.en.vtt", "lang": "en", "label": "English"}
                                ],
                                "cues": [
                                    {
                                        "id": "c1",
                                        "time": 1.0,
                                        "mustAnswer": True,
                                        "questions": [cue_question],
                                    }
                                ],
                            },
                            {
                                "id": "slide1",
                                "kind": "slide",
                                "title": "A blue slide",
                                "image": "media/slide.png",
                                "alt": "A plain blue rectangle",
                                "text": "Blue is the colour of the sky.",
                                "notes": "This slide shows a blue rectangle.",
                                "duration": 5.0,
                                "audio": "media/narration.m4a",
                                "captions": [],
                            },
                            {
                                "id": "page1",
                                "kind": "page",
                                "title": "Reading",
                                "blocks": [
                                    {"type": "heading", "text": "Why tests matter"},
                                    {"type": "paragraph", "text": "They catch mistakes early."},
                                    {
                                        "type": "list",
                                        "ordered": False,
                                        "items": ["Fast", "Repeatable"],
                                    },
                                ],
                            },
                        ],
                    },
                    {
                        "id": "l2",
                        "title": "Check",
                        "items": [
                            {
                                "id": "quiz1",
                                "kind": "quiz",
                                "title": "Final quiz",
                                "passMark": 70,
                                "attempts": 2,
                                "shuffle": True,
                                "draw": None,
                                "showAnswers": "always",
                                "weight": 1.0,
                                "questions": every_question_type(),
                            },
                        ],
                    },
                ],
            }
        ],
    }
    course["course"].update(course_overrides)
    return course


def pages_course(items: int, quiz_every: int) -> dict:
    """A long course of pages with a small quiz every quiz_every items."""
    quiz_questions = every_question_type()[:2]
    entries = []
    for i in range(items):
        if quiz_every and i % quiz_every == quiz_every - 1:
            entries.append(
                {
                    "id": f"quiz{i}",
                    "kind": "quiz",
                    "title": f"Quiz {i + 1}",
                    "passMark": 50,
                    "attempts": 3,
                    "shuffle": False,
                    "draw": None,
                    "showAnswers": "never",
                    "weight": 1.0,
                    "questions": copy.deepcopy(quiz_questions),
                }
            )
        else:
            entries.append(
                {
                    "id": f"page{i}",
                    "kind": "page",
                    "title": f"Page {i + 1}",
                    "blocks": [{"type": "paragraph", "text": f"Text of page {i + 1}."}],
                }
            )
    lessons = [
        {"id": f"l{n}", "title": f"Lesson {n + 1}", "items": entries[n * 20 : (n + 1) * 20]}
        for n in range((items + 19) // 20)
    ]
    return {
        "schema": 1,
        "tracking": "scorm12",
        "course": {
            "id": "urn:uuid:long-course",
            "title": "Long course",
            "description": "",
            "language": "en",
            "author": "QA",
            "version": "1.0",
            "completion": "all_items",
            "completionThreshold": 1.0,
            "masteryScore": 50,
        },
        "modules": [{"id": "m1", "title": "Everything", "lessons": lessons}],
    }


def short_course(mastery: int | None = 80, attempts: int = 2) -> dict:
    """Two pages and a two-question quiz (choice, fill-in): a quick run through every report."""
    questions = [q for q in every_question_type() if q["id"] in ("q1", "q4")]
    items = [
        {
            "id": f"page{n}",
            "kind": "page",
            "title": f"Page {n}",
            "blocks": [{"type": "paragraph", "text": f"Text of page {n}."}],
        }
        for n in (1, 2)
    ]
    items.append(
        {
            "id": "quiz1",
            "kind": "quiz",
            "title": "Quick check",
            "passMark": 80,
            "attempts": attempts,
            "shuffle": False,
            "draw": None,
            "showAnswers": "never",
            "weight": 1.0,
            "questions": questions,
        }
    )
    course = full_course(masteryScore=mastery)
    course["modules"] = [
        {
            "id": "m1",
            "title": "Module one",
            "lessons": [{"id": "l1", "title": "All", "items": items}],
        }
    ]
    return course


def with_lms(course: dict, **player) -> dict:
    """The course as an export with an LMS profile writes it: COURSE_DATA.lms.player = player."""
    out = copy.deepcopy(course)
    out["lms"] = {"name": "test", "label": "Test LMS", "version": "1", "player": player}
    return out


LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">'
    '<rect width="120" height="40" fill="#0b57a4"/></svg>'
)


def with_screens(course: dict, *, theme: dict | None = None, **fields) -> dict:
    """The course with the cover/end/certificate/resume fields an export writes
    (COURSE_DATA.course.cover, certificate, objectives, endMessage, duration, resume) and,
    given, COURSE_DATA.theme; write LOGO_SVG to theme/logo.svg when theme names it."""
    out = copy.deepcopy(course)
    defaults = {"resume": "always", "cover": False, "certificate": False, "objectives": [],
                "endMessage": "", "duration": 0}
    out["course"].update({**defaults, **fields})
    if theme is not None:
        out["theme"] = {"name": "Test", "logo": None, "logoAlt": "", "buttonStyle": "solid",
                        "strings": {}, **theme}
    return out


def pages_only(count: int = 3, **course_overrides) -> dict:
    """count short pages and nothing else: a course completed by pressing Next."""
    course = full_course(masteryScore=None, **course_overrides)
    items = [{"id": f"page{n}", "kind": "page", "title": f"Page {n}",
              "blocks": [{"type": "paragraph", "text": f"Text of page {n}."}]}
             for n in range(1, count + 1)]
    course["modules"] = [{"id": "m1", "title": "Module one",
                          "lessons": [{"id": "l1", "title": "All", "items": items}]}]
    return course
