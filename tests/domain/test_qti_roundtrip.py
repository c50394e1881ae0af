"""QTI export then import gives the same questions: generated banks of every type, both
versions."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qti_bank import FLAG, HEIGHT, MAP, WIDTH, question, with_assets

from studio.quiz.qti_build import derived_title
from studio.quiz.qti_package import write_qti_package
from studio.quiz.qti_read import parse_qti_package

# Text as authors type it: letters, digits, punctuation XML must escape, accents; lines
# ("\n") only where the text may have several.
_CHARS = st.sampled_from(list("abcxyzABZ019 .,;:!?'\"<>&%/()-_é€ñ中"))
LINE = st.text(_CHARS, min_size=1, max_size=20).map(str.strip).filter(bool)
TEXT = st.lists(LINE, min_size=1, max_size=3).map("\n".join)
POINTS = st.sampled_from([0, 0.5, 1, 2, 3, 7, 10])
MEDIA = {"map": ("map.png", MAP), "flag": ("flag.png", FLAG),
         "sound": ("sound.mp3", b"ID3 not really a sound")}


@st.composite
def feedback(draw):
    out = {"correct": draw(st.sampled_from(["", "Well done"])),
           "incorrect": draw(st.sampled_from(["", "Not quite\nagain"]))}
    general = draw(st.sampled_from(["", "See chapter 2"]))
    return {**out, "general": general} if general else out


@st.composite
def choices(draw, weights: bool):
    texts = draw(st.lists(LINE, min_size=2, max_size=5))
    out = [{"text": t, "feedback": draw(st.sampled_from(["", "Because"]))} for t in texts]
    right = draw(st.integers(0, len(out) - 1))
    out[right]["correct"] = True
    if weights:
        for i, entry in enumerate(out):
            if i != right:
                entry["weight"] = draw(st.sampled_from([0, 25, 50, -50, -100, 33.5]))
    return out


@st.composite
def data_for(draw, qtype: str) -> dict:
    if qtype == "choice":
        return {"choices": draw(choices(True))}
    if qtype == "multiple":
        mode = draw(st.sampled_from(["all-or-nothing", "partial", "weighted"]))
        entries = draw(choices(False))
        for entry in entries:
            entry["correct"] = entry.get("correct") or draw(st.booleans())
        if mode == "weighted":
            right = [e for e in entries if e.get("correct")]
            shares = [100 // len(right)] * len(right)
            shares[0] += 100 - sum(shares)
            for entry, share in zip(right, shares, strict=True):
                entry["weight"] = share
            for entry in entries:
                entry.setdefault("weight", draw(st.sampled_from([0, -20, -100])))
        return {"choices": entries, "scoring": mode}
    if qtype == "truefalse":
        return {"answer": draw(st.booleans())}
    if qtype == "fill":
        answers = draw(st.lists(LINE, min_size=1, max_size=3, unique=True))
        extra = draw(st.lists(LINE.filter(lambda t: t not in answers), max_size=2,
                              unique=True))
        return {"answers": answers, "caseSensitive": draw(st.booleans()),
                "normaliseSpace": draw(st.booleans()),
                "partial": [{"text": t, "weight": draw(st.integers(1, 99))} for t in extra]}
    if qtype == "numeric":
        if draw(st.booleans()):
            low = draw(st.integers(-50, 50))
            return {"min": low, "max": low + draw(st.sampled_from([0, 0.25, 3]))}
        value = draw(st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 3)))
        return {"value": value, "tolerance": draw(st.sampled_from([0, 0.001, 0.5, 2])),
                "partial": [{"value": value + 1, "tolerance": 0,
                             "weight": draw(st.integers(1, 99))}]
                if draw(st.booleans()) else []}
    if qtype == "matching":
        lefts = draw(st.lists(LINE, min_size=2, max_size=4))
        return {"pairs": [{"left": left, "right": draw(LINE)} for left in lefts],
                "scoring": draw(st.sampled_from(["all-or-nothing", "per-item"]))}
    if qtype == "sequencing":
        return {"items": draw(st.lists(LINE, min_size=2, max_size=5)),
                "scoring": draw(st.sampled_from(["all-or-nothing", "per-item"]))}
    if qtype == "likert":
        return {"scale": draw(st.lists(LINE, min_size=2, max_size=5))}
    if qtype == "essay":
        return {"modelAnswer": draw(st.sampled_from(["", "A model\nanswer"])),
                "maxLength": draw(st.integers(1, 4000))}
    if qtype == "hotspot":
        regions = []
        for n in range(draw(st.integers(1, 3))):
            shape = draw(st.sampled_from(["rect", "circle", "polygon"]))
            x, y = draw(st.integers(0, WIDTH // 2)), draw(st.integers(0, HEIGHT // 2))
            if shape == "rect":
                coords = [x / WIDTH, y / HEIGHT, draw(st.integers(1, WIDTH // 2)) / WIDTH,
                          draw(st.integers(1, HEIGHT // 2)) / HEIGHT]
            elif shape == "circle":
                coords = [x / WIDTH, y / HEIGHT, draw(st.integers(1, 40)) / WIDTH]
            else:
                coords = [x / WIDTH, y / HEIGHT, (x + 30) / WIDTH, y / HEIGHT,
                          x / WIDTH, (y + 20) / HEIGHT]
            regions.append({"label": f"Region {n}", "shape": shape, "coords": coords,
                            "correct": n == 0 or draw(st.booleans())})
        return {"image": "map", "imageAlt": draw(LINE), "regions": regions,
                "scoring": draw(st.sampled_from(["all-or-nothing", "partial"]))}
    if qtype == "dragdrop":
        categories = draw(st.lists(LINE, min_size=2, max_size=3))
        items = [{"text": t, "category": f"k{draw(st.integers(1, len(categories)))}"}
                 for t in draw(st.lists(LINE, min_size=2, max_size=4))]
        return {"categories": categories, "items": items,
                "scoring": draw(st.sampled_from(["all-or-nothing", "per-item"]))}
    return {}


TYPES = ["choice", "multiple", "truefalse", "fill", "numeric", "matching", "sequencing",
         "likert", "essay", "hotspot", "dragdrop", "description"]


@st.composite
def banks(draw):
    out = []
    for n in range(draw(st.integers(1, 6))):
        qtype = draw(st.sampled_from(TYPES))
        data = draw(data_for(qtype))
        if qtype != "description":
            data["feedback"] = draw(feedback())
        if draw(st.booleans()):
            data["category"] = draw(st.sampled_from(["Unit 1", "Unit 2 & more"]))
        prompt = draw(TEXT)
        if qtype == "fill" and draw(st.booleans()):
            prompt = f"{draw(LINE)} _____ {draw(LINE)}"
        if draw(st.booleans()):
            # A title equal to the one an untitled question gets is not told apart from none
            data["title"] = draw(LINE.filter(lambda t, p=prompt: t != derived_title(p)))
        points = 0 if qtype in ("likert", "essay", "description") else draw(POINTS)
        files = {"map": ("map.png", MAP)} if qtype == "hotspot" else {}
        shown = draw(st.sampled_from([None, "map", "sound"]))
        if shown:
            data["media"] = shown
            data["mediaAlt"] = draw(st.sampled_from(["", "What it shows"])) or None
        for entry in data.get("choices", []) + data.get("items", []):
            if qtype in ("choice", "multiple", "dragdrop") and draw(st.booleans()):
                entry["media"], entry["mediaAlt"] = "flag", "A flag"
        files.update({k: v for k, v in MEDIA.items()
                      if k in json.dumps(data, default=str).replace('"', " ").split()})
        out.append(question(f"q{n}", qtype, prompt, data, points, files))
    return out


def _same(written, read) -> None:
    assert [(q.type, q.prompt, q.points, q.data) for q in read] == [
        (q.type, q.prompt, q.points, q.data) for q in written]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bank=banks(), version=st.sampled_from(["2.1", "3.0"]))
def test_export_then_import_gives_the_same_questions(bank, version):
    parsed = parse_qti_package(write_qti_package(bank, "Generated", version), "bank.zip")
    assert parsed.notices == []
    _same(bank, with_assets(parsed, bank))


def test_a_blank_on_a_line_of_its_own_or_alone_comes_back():
    for version in ("2.1", "3.0"):
        bank = [question("q1", "numeric", "_____\n0", {"value": 0, "tolerance": 0}, 1, {}),
                question("q2", "fill", "_____", {"answers": ["x"]}, 1, {})]
        parsed = parse_qti_package(write_qti_package(bank, "Blanks", version), "bank.zip")
        assert parsed.notices == []
        assert [q.prompt for q in parsed.questions] == ["_____\n0", "_____"]
