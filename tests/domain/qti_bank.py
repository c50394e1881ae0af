"""Questions for the QTI tests: one of every type, pictures, and turning read-back file names
into the asset ids they stand for."""

from __future__ import annotations

import io

from PIL import Image

from studio.quiz.questions import normalise_question
from studio.quiz.source import ParsedFile, ParsedQuestion, QuestionOut

WIDTH, HEIGHT = 200, 100


def png(width: int = WIDTH, height: int = HEIGHT, colour: str = "white") -> bytes:
    """A small PNG of ``width`` x ``height`` pixels."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def question(qid: str, qtype: str, prompt: str, data: dict, points: float = 1,
             files: dict | None = None) -> QuestionOut:
    """A QuestionOut whose data went through the validators (the stored shape)."""
    prompt, points, data = normalise_question(qtype, prompt, points, data)
    return QuestionOut(qid, qtype, prompt, points, data, files or {})


MAP, FLAG = png(), png(40, 30, "red")
NO_FEEDBACK = {"correct": "", "incorrect": ""}


def every_type() -> list[QuestionOut]:
    """One question of each type, with feedback, weights, partial answers and media."""
    return [
        question("q1", "choice", "Which is red?\nPick one.", {
            "choices": [{"text": "Flag", "correct": True, "feedback": "Yes, red.",
                         "media": "flag", "mediaAlt": "A red flag"},
                        {"text": "Sky", "weight": 50}, {"text": "Grass", "weight": -25}],
            "feedback": {"correct": "Right", "incorrect": "Wrong", "general": "Colours."},
            "media": "map", "mediaAlt": "A map", "category": "Colours"},
            points=2, files={"map": ("map.png", MAP), "flag": ("flag.png", FLAG)}),
        question("q2", "multiple", "Which are prime?", {
            "choices": [{"text": "2", "correct": True}, {"text": "3", "correct": True},
                        {"text": "4"}], "scoring": "partial", "category": "Numbers"}, 3),
        question("q3", "multiple", "Weighted pick", {
            "choices": [{"text": "A", "weight": 60}, {"text": "B", "weight": 40},
                        {"text": "C", "weight": -50}], "scoring": "weighted",
            "category": "Numbers"}),
        question("q4", "truefalse", "The sky is blue.", {
            "answer": True, "feedback": {"correct": "Yes", "incorrect": "Look up"}}),
        question("q5", "fill", "The capital of France is _____.", {
            "answers": ["Paris"], "caseSensitive": True, "normaliseSpace": False,
            "partial": [{"text": "paris", "weight": 50}]}),
        question("q6", "numeric", "What is 2 + 2?", {
            "value": 4, "tolerance": 0.5, "partial": [{"value": 5, "tolerance": 0,
                                                       "weight": 25}]}),
        question("q7", "numeric", "Pick a number from 1 to 2.", {"min": 1, "max": 2.5}),
        question("q8", "matching", "Match the capitals.", {
            "pairs": [{"left": "France", "right": "Paris"},
                      {"left": "Spain", "right": "Madrid"}], "scoring": "per-item"}),
        question("q9", "sequencing", "Order the numbers.", {
            "items": ["one", "two", "three"], "scoring": "per-item"}),
        question("q10", "likert", "I liked this course.", {
            "scale": ["Disagree", "Neutral", "Agree"]}, points=0),
        question("q11", "essay", "Describe your day.", {
            "modelAnswer": "It was fine.\nReally.", "maxLength": 500,
            "feedback": {"correct": "", "incorrect": "", "general": "Thanks."}}, points=0),
        question("q12", "description", "Read the next questions carefully.", {}, points=0),
        question("q13", "hotspot", "Click the north.", {
            "image": "map", "imageAlt": "A map",
            "regions": [{"label": "North", "shape": "rect", "coords": [0.1, 0.1, 0.5, 0.2],
                         "correct": True},
                        {"label": "Centre", "shape": "circle", "coords": [0.5, 0.5, 0.1]},
                        {"label": "Corner", "shape": "polygon",
                         "coords": [0, 0, 0.25, 0, 0.25, 0.5], "correct": True}],
            "scoring": "partial"}, points=2, files={"map": ("map.png", MAP)}),
        question("q14", "dragdrop", "Sort the food.", {
            "categories": ["Fruit", "Vegetable"],
            "items": [{"text": "Apple", "category": "k1", "media": "flag",
                       "mediaAlt": "An apple"},
                      {"text": "Leek", "category": "k2"}, {"text": "Pear", "category": "k1"}],
            "scoring": "per-item"}, files={"flag": ("flag.png", FLAG)}),
    ]


def with_assets(parsed: ParsedFile, written: list[QuestionOut]) -> list[ParsedQuestion]:
    """``parsed``'s questions with each file name in their data replaced by the id of the
    written asset holding the same bytes (what the importer's attach step does)."""
    by_bytes = {data: asset for q in written for asset, (_name, data) in q.files.items()}

    def asset(name):
        return by_bytes[parsed.files[name]] if name in parsed.files else name

    out = []
    for read in parsed.questions:
        data = dict(read.data)
        for key in ("media", "image"):
            if data.get(key):
                data[key] = asset(data[key])
        for field in ("choices", "items"):
            if field in data:
                data[field] = [{**e, "media": asset(e["media"])} if e.get("media") else e
                               for e in data[field]]
        out.append(ParsedQuestion(read.type, read.prompt, data, read.line, read.points,
                                  read.images, read.media))
    return out
