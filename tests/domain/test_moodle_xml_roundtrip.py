"""Moodle XML round trip: generated questions of every type Moodle can hold, written then
read back, are the same questions (after the normalisation Moodle's format implies)."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.quiz.moodle_format import GRADES, default_name
from studio.quiz.moodle_writer import write_moodle_xml
from studio.quiz.moodle_xml import parse_moodle_xml
from studio.quiz.questions import normalise_question
from studio.quiz.source import QuestionOut

QUIZ = "Round trip quiz"
# Words of any printable letters, digits, punctuation and symbols (markup characters
# included); HTML makes every run of spaces one, so text is single-spaced.
_WORD = st.text(st.characters(categories=("L", "N", "P", "S")), min_size=1, max_size=8)
_LINE = st.lists(_WORD, min_size=1, max_size=5).map(" ".join)
TEXT = st.lists(_LINE, min_size=1, max_size=3).map("\n".join)
ONE_LINE = _LINE
MAYBE = st.one_of(st.just(""), TEXT)
POINTS = st.one_of(st.integers(0, 100), st.floats(0, 10000, allow_nan=False))
PARTIAL_GRADES = [g for g in GRADES if 0 < g < 100]
# Positive grades of Moodle's set that sum to 100: the right answers of a weighted question
SPLITS = [[100.0], [50.0, 50.0], [60.0, 40.0], [70.0, 30.0], [75.0, 25.0], [80.0, 20.0],
          [90.0, 10.0], [33.33333] * 3, [50.0, 25.0, 25.0], [40.0, 30.0, 30.0], [25.0] * 4,
          [20.0] * 5, [50.0, 30.0, 20.0], [12.5] * 8]
PICTURE = st.binary(min_size=1, max_size=64)


@st.composite
def _media(draw, files: dict, where: str) -> dict:
    """{} or {"media": asset id, "mediaAlt"?} with the asset's file added to ``files``."""
    if not draw(st.booleans()):
        return {}
    asset = f"asset-{where}-{len(files)}"
    files[asset] = (draw(st.sampled_from(["map.png", "photo.jpg", "cell diagram.png",
                                              "it's \"here\" & now?.png", "clip.mp3"])),
                    draw(PICTURE))
    alt = draw(st.one_of(st.just(""), ONE_LINE))
    return {"media": asset, **({"mediaAlt": alt} if alt else {})}


def _feedback(draw, right_and_wrong: bool = True) -> dict:
    return {"correct": draw(MAYBE) if right_and_wrong else "",
            "incorrect": draw(MAYBE) if right_and_wrong else "", "general": draw(MAYBE)}


@st.composite
def _choice(draw, files: dict) -> dict:
    count = draw(st.integers(2, 5))
    grades = [100.0] + draw(st.lists(st.sampled_from([g for g in
                                                      (*GRADES, *(-g for g in GRADES))]),
                                     min_size=count - 1, max_size=count - 1))
    choices = [{"text": draw(TEXT), "weight": grade, "feedback": draw(MAYBE),
                **draw(_media(files, f"c{n}"))} for n, grade in enumerate(grades)]
    return {"choices": draw(st.permutations(choices)), "feedback": _feedback(draw)}


@st.composite
def _multiple(draw, files: dict) -> dict:
    if draw(st.booleans()):
        right = draw(st.integers(1, 10))
        wrong = draw(st.integers(0 if right > 1 else 1, 4))
        choices = ([{"text": draw(TEXT), "correct": True} for _ in range(right)]
                   + [{"text": draw(TEXT), "correct": False} for _ in range(wrong)])
        scoring = "partial"
    else:
        split = draw(st.sampled_from(SPLITS))
        wrong = draw(st.lists(st.sampled_from([0.0, *(-g for g in GRADES if g)]),
                              min_size=max(0, 2 - len(split)), max_size=3))
        choices = [{"text": draw(TEXT), "weight": w} for w in [*split, *wrong]]
        scoring = "weighted"
    for n, choice in enumerate(choices):
        choice.update(feedback=draw(MAYBE), **draw(_media(files, f"m{n}")))
    return {"choices": draw(st.permutations(choices)), "scoring": scoring,
            "feedback": _feedback(draw)}


@st.composite
def _fill(draw, files: dict) -> dict:
    texts = draw(st.lists(ONE_LINE, min_size=1, max_size=6, unique=True))
    cut = draw(st.integers(1, len(texts)))
    return {"answers": texts[:cut], "caseSensitive": draw(st.booleans()),
            "partial": [{"text": t, "weight": draw(st.sampled_from(PARTIAL_GRADES))}
                        for t in texts[cut:]], "feedback": _feedback(draw)}


NUMBER = st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False)
TOLERANCE = st.floats(0, 1e6, allow_nan=False, allow_infinity=False)


@st.composite
def _numeric(draw, files: dict) -> dict:
    if draw(st.booleans()):
        low, high = sorted(draw(st.lists(st.integers(-10**6, 10**6), min_size=2, max_size=2)))
        main = {"min": low, "max": high}
    else:
        main = {"value": draw(NUMBER), "tolerance": draw(TOLERANCE)}
    partial = draw(st.lists(st.fixed_dictionaries({
        "value": NUMBER, "tolerance": TOLERANCE, "weight": st.sampled_from(PARTIAL_GRADES)}),
        max_size=3))
    return {**main, "partial": partial, "feedback": _feedback(draw)}


@st.composite
def _matching(draw, files: dict) -> dict:
    pairs = draw(st.lists(st.fixed_dictionaries({"left": TEXT, "right": ONE_LINE}),
                          min_size=2, max_size=5))
    return {"pairs": pairs, "scoring": "per-item", "feedback": _feedback(draw)}


@st.composite
def _sequencing(draw, files: dict) -> dict:
    return {"items": draw(st.lists(TEXT, min_size=2, max_size=6)),
            "scoring": draw(st.sampled_from(["all-or-nothing", "per-item"])),
            "feedback": _feedback(draw)}


@st.composite
def _essay(draw, files: dict) -> dict:
    return {"modelAnswer": draw(MAYBE), "feedback": _feedback(draw, False)}


@st.composite
def _description(draw, files: dict) -> dict:
    return {"feedback": _feedback(draw, False)}


@st.composite
def _truefalse(draw, files: dict) -> dict:
    return {"answer": draw(st.booleans()), "feedback": _feedback(draw)}


TYPES = {"choice": _choice, "multiple": _multiple, "truefalse": _truefalse, "fill": _fill,
         "numeric": _numeric, "matching": _matching, "sequencing": _sequencing,
         "essay": _essay, "description": _description}


@st.composite
def question(draw, number: int = 0) -> QuestionOut:
    qtype = draw(st.sampled_from(sorted(TYPES)))
    files: dict = {}
    data = draw(TYPES[qtype](files))
    prompt = draw(TEXT)
    if qtype in ("choice", "multiple", "truefalse", "fill", "description"):
        data.update(draw(_media(files, "prompt")))
    title = draw(st.one_of(st.just(""), ONE_LINE))
    if title and title != default_name(prompt):
        data["title"] = title
    # "/" separates a Moodle category path's parts, so a part holds none ("a/" is "a")
    part = ONE_LINE.filter(lambda text: "/" not in text)
    category = draw(st.one_of(st.just(""), st.lists(part, min_size=1, max_size=3)
                              .map("/".join)))
    if category:
        data["category"] = category
    prompt, points, data = normalise_question(qtype, prompt, draw(POINTS), data)
    used = {data.get("media")} | {c.get("media") for c in data.get("choices", [])}
    return QuestionOut(f"q{number}", qtype, prompt, points, data,
                       {k: v for k, v in files.items() if k in used})


def _media_as_bytes(data: dict, bytes_of) -> dict:
    for place in [data, *data.get("choices", [])]:
        if place.get("media"):
            place["media"] = bytes_of(place["media"])
    return data


def expected(q: QuestionOut) -> tuple:
    """What reading ``q`` back must give: (type, prompt, points, data), with each medium
    given by its bytes."""
    data = copy.deepcopy(q.data)
    data.setdefault("category", QUIZ)
    if q.type == "numeric" and "min" in data:
        low, high = data.pop("min"), data.pop("max")
        data = {"value": (low + high) / 2, "tolerance": (high - low) / 2, **data}
    if q.type == "multiple" and data["scoring"] == "weighted":
        grades = [c["weight"] for c in data["choices"]]
        right = sum(1 for g in grades if g > 0)
        if all(abs(abs(g) - 100 / right) <= 0.01 for g in grades):  # read as "partial"
            data["scoring"] = "partial"
    points = 0.0 if q.type == "description" else q.points
    prompt, points, data = normalise_question(q.type, q.prompt, points, data)
    return q.type, prompt, points, _media_as_bytes(data, lambda asset: q.files[asset][1])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.data_too_large])
@given(st.lists(question(), min_size=1, max_size=6))
def test_written_questions_read_back_the_same(questions):
    questions = [QuestionOut(f"q{n}", q.type, q.prompt, q.points, q.data, q.files)
                 for n, q in enumerate(questions)]
    data, notices = write_moodle_xml(questions, QUIZ)
    assert notices == []
    parsed = parse_moodle_xml(data, "bank.xml")
    assert [n for n in parsed.notices if "information for graders" not in n.message] == []
    assert len(parsed.questions) == len(questions)
    for read, written in zip(parsed.questions, questions, strict=True):
        got = _media_as_bytes(copy.deepcopy(read.data), parsed.files.__getitem__)
        assert (read.type, read.prompt, read.points, got) == expected(written)
        places = {"prompt": written.data.get("media"),
                  **{f"choice:{c['id']}": c.get("media")
                     for c in written.data.get("choices", [])}}
        assert {where: parsed.files[name] for where, name in read.media.items()} == {
            where: written.files[asset][1] for where, asset in places.items() if asset}
