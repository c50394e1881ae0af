"""The bundled sample course: a short video with an in-video question, slides, a page, a quiz.
It passes every author-side accessibility check: the video has captions and a description.

Its media are small files shipped in ``resources/sample/``; everything else is made with the
same commands a designer's edits use.
"""

from __future__ import annotations

from pathlib import Path

from studio import commands
from studio.media.clip_captions import import_captions
from studio.media.importer import import_files
from studio.resources import resources_dir
from studio.store import Project

SLIDES = [
    ("What a course is made of",
     "A course is a set of modules. Each module holds lessons, and each lesson is an ordered "
     "timeline of videos, slides, pages and quizzes.",
     "Start with the outcome you want learners to reach, then build the timeline backwards."),
    ("Modules, lessons, items",
     "Modules group lessons by week or by topic. Lessons are what a learner opens in the LMS.",
     "Keep lessons short: ten to fifteen minutes each works well."),
    ("Tracking with SCORM and xAPI",
     "The same course exports to SCORM 1.2, SCORM 2004, xAPI, cmi5 and a plain web site.",
     "The LMS records progress, score, pass or fail, and every answer."),
]

WELCOME_DESCRIPTION = (
    "Colour bars fill the picture while a rainbow line moves across it and a timer counts "
    "the seconds in the top corner. The words “Welcome to Course Studio” stay in the middle "
    "of the picture.")

ABOUT = """# About this course
This sample shows what Course Studio builds: video, slides and quizzes in one timeline.

- Watch the welcome video and answer the question it asks.
- Read the three slides.
- Pass the final quiz with 70 % or more.

Your place is kept: you can leave and come back at any time."""


def _feedback(correct: str, incorrect: str) -> dict:
    return {"feedback": {"correct": correct, "incorrect": incorrect}}


QUIZ = [
    ("choice", "Which item kind plays a clip of a recorded lecture?", {
        "choices": [{"id": "a", "text": "Video", "correct": True, "feedback": ""},
                    {"id": "b", "text": "Page", "correct": False, "feedback": ""},
                    {"id": "c", "text": "Quiz", "correct": False, "feedback": ""}],
        **_feedback("Right: videos play clips.", "Not quite: videos play clips.")}),
    ("multiple", "Which formats can Course Studio export?", {
        "choices": [{"id": "a", "text": "SCORM 1.2", "correct": True, "feedback": ""},
                    {"id": "b", "text": "SCORM 2004", "correct": True, "feedback": ""},
                    {"id": "c", "text": "PDF handout", "correct": False, "feedback": ""}],
        **_feedback("Yes, both SCORM versions.", "Both SCORM versions, not PDF.")}),
    ("truefalse", "A lesson is an ordered timeline of items.", {
        "answer": True, **_feedback("Correct.", "It is: items play in order.")}),
    ("fill", "Name the standard whose run-time API is called API_1484_11: SCORM ____.", {
        "answers": ["2004", "SCORM 2004"], "caseSensitive": False, "normaliseSpace": True,
        **_feedback("Yes, SCORM 2004.", "It is SCORM 2004.")}),
    ("numeric", "How many slides does this sample course have?", {
        "value": 3, "tolerance": 0, **_feedback("Three it is.", "There are three slides.")}),
    ("matching", "Match each standard with what it uses.", {
        "pairs": [{"id": "p1", "left": "SCORM 1.2", "right": "LMSInitialize"},
                  {"id": "p2", "left": "SCORM 2004", "right": "Initialize"},
                  {"id": "p3", "left": "xAPI", "right": "Statements"}],
        **_feedback("All matched.", "Look again at the tracking slide.")}),
    ("sequencing", "Put the course structure in order, largest first.", {
        "items": [{"id": "s1", "text": "Course"}, {"id": "s2", "text": "Module"},
                  {"id": "s3", "text": "Lesson"}, {"id": "s4", "text": "Item"}],
        **_feedback("That is the order.", "Course, module, lesson, item.")}),
]


def build_sample(path: Path) -> Project:
    """Create the sample course as a new project at ``path``; returns it open and marked
    saved. Raises ProjectExistsError when ``path`` holds a project or is a file,
    ProjectWriteError when it cannot be written, ImportFileError when a sample file is
    missing."""
    source = resources_dir() / "sample"
    project = Project.create(path, "Course Studio Tour")
    with project.group("Create sample course"):
        commands.set_course(
            project, description="A short tour of what Course Studio builds.",
            author="Course Studio", mastery_score=70)
        start = commands.add_module(project, "Getting started")
        welcome = commands.add_lesson(project, start, "Welcome")
        video = import_files(project, [source / "welcome.mp4"], lesson_id=welcome)[0].item_id
        commands.rename(project, video, "Welcome video")
        import_captions(project, video, source / "welcome.vtt", "en", "English")
        commands.set_item(project, video, description=WELCOME_DESCRIPTION)
        cue = commands.add_cue(project, video, 3.0, "Quick check", must_answer=True)
        commands.add_question(project, video, "truefalse", "Courses are built from lessons.",
                              data={"answer": True, **_feedback("Yes.", "They are.")},
                              cue_id=cue)
        commands.add_page(project, welcome, "About this course", ABOUT)
        blocks = commands.add_lesson(project, start, "Building blocks")
        for index, (title, text, notes) in enumerate(SLIDES, start=1):
            image = import_files(project, [source / f"slide{index}.png"])[0].asset_id
            commands.add_slide(project, blocks, title, asset_id=image, text=text, notes=notes,
                               duration=6)
        check = commands.add_module(project, "Check your knowledge")
        final = commands.add_lesson(project, check, "Final quiz")
        quiz = commands.add_quiz(project, final, "Final quiz", pass_mark=70, attempts=3)
        for qtype, prompt, data in QUIZ:
            commands.add_question(project, quiz, qtype, prompt, data=data)
    project.mark_saved()
    return project
