"""A course with every kind of translatable text, built through the commands, for the
translation tests."""

from __future__ import annotations

from dataclasses import dataclass

from studio import commands
from studio.store import Project

PAGE_TEXT = """# Welcome aboard

This course takes ten minutes. It covers e.g. the basics,
the tools and the rules.

- Watch the video.
- Answer the questions.
1. Read the slides first. Then take the quiz.

The end."""

SLIDE_TEXT = "Safety first. Always.\nReport every hazard"
SLIDE_NOTES = """Dr. Smith opened the session. She asked three questions.

Then the team met at 9 a.m. in the hall. Everyone came."""
SCRIPT = "Read this aloud. Then read <i>this</i> too."


@dataclass
class Built:
    module: str
    lesson: str
    page: str
    slide: str
    slide_cue: str
    quiz: str
    video: str
    video_cue: str
    choice: str
    matching: str
    fill: str
    dragdrop: str
    hotspot: str
    numeric: str
    essay: str
    truefalse: str


def build(project: Project, video_asset: str) -> Built:
    """Every translatable field, filled; returns the ids."""
    commands.set_course(project, description="A short course on safety. It has two parts.",
                        objectives=["Spot a hazard", "Report it"],
                        end_message="Well done, see you soon.")
    module = commands.add_module(project, "Basics")
    lesson = commands.add_lesson(project, module, "First steps")
    page = commands.add_page(project, lesson, "Welcome", PAGE_TEXT)
    commands.set_script(project, page, SCRIPT)
    slide = commands.add_slide(project, lesson, "Overview", text=SLIDE_TEXT, notes=SLIDE_NOTES,
                               duration=20.0)
    commands.update_slide(project, slide, alt_texts=["A red warning sign", ""])
    slide_cue = commands.add_cue(project, slide, 4.0, "Check point")
    quiz = commands.add_quiz(project, lesson, "Check")
    choice = commands.add_question(project, quiz, "choice", "Pick the <b>safe</b> one.", data={
        "choices": [{"id": "a", "text": "Helmet on", "correct": True, "feedback": "Right."},
                    {"id": "b", "text": "Helmet off", "feedback": "Never."}],
        "feedback": {"correct": "Good.", "incorrect": "Not quite.", "general": "Stay safe."}})
    matching = commands.add_question(project, quiz, "matching", "Match them.", data={
        "pairs": [{"left": "Fire", "right": "Extinguisher"}, {"left": "Cut", "right": "Bandage"}]})
    fill = commands.add_question(project, quiz, "fill", "Name the capital.",
                                 data={"answers": ["Paris", "2024"]})
    dragdrop = commands.add_question(project, quiz, "dragdrop", "Sort them.")
    hotspot = commands.add_question(project, quiz, "hotspot", "Click the exit.")
    numeric = commands.add_question(project, quiz, "numeric", "How many exits?",
                                    data={"value": 3, "tolerance": 0})
    essay = commands.add_question(project, quiz, "essay", "Describe a hazard.",
                                  data={"modelAnswer": "A wet floor.", "maxLength": 500})
    video = commands.add_video(project, lesson, video_asset, "Demo")
    video_cue = commands.add_cue(project, video, 5.0, "Quick check")
    truefalse = commands.add_question(project, video, "truefalse", "Is it safe?",
                                      cue_id=video_cue)
    return Built(module, lesson, page, slide, slide_cue, quiz, video, video_cue, choice,
                 matching, fill, dragdrop, hotspot, numeric, essay, truefalse)
