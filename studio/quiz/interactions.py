"""How each question type is reported to an LMS: SCORM 1.2, SCORM 2004 and xAPI strings.

SCORM 1.2 (RTE 3.4.3 ``cmi.interactions``) identifies options by single characters, so
options are coded by position (``a``, ``b``... for choices and sources, ``1``, ``2``... for
matching targets), as the player's adapters do; SCORM 2004 reuses those codes with its
``[,]`` and ``[.]`` delimiters. xAPI names options by the question's own ids, listed in the
activity definition. Responses have the neutral shapes of :mod:`studio.quiz.scoring`; the
interaction type of each question type is its ``interaction`` in :mod:`studio.quiz.types`.
A hotspot is reported as a multiple choice over its regions, a drag-and-drop as a matching
of its items (sources) to its categories (targets), an essay as long-fill-in (SCORM 1.2:
fill-in); a description is no interaction. A SCORM response is one line: a line break in
a learner's text becomes a space there (xAPI keeps the text as written).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from studio.quiz.types import (
    CHOICE,
    DRAGDROP,
    ESSAY,
    FILL,
    HOTSPOT,
    LIKERT,
    MATCHING,
    MULTIPLE,
    NUMERIC,
    QUESTION_TYPES,
    SEQUENCING,
    TRUEFALSE,
)

CODE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"
TARGET_CHARS = "123456789abcdefghijklmnopqrstuvwxyz0"
SCORM12_LIMIT = 255  # characters of cmi.interactions.n.student_response (RTE 3.4.3)
LONG_FILL_IN_LIMIT = 4000  # characters of a long-fill-in learner_response (RTE 4.2.9.2)
_PICKED = (MULTIPLE.name, HOTSPOT.name)  # responses that list picked option ids


def format_number(value: object) -> str:
    """A decimal as the player writes it: at most 6 decimals, no trailing zeros."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _options(question: Mapping) -> list[dict]:
    kind = QUESTION_TYPES.get(question["type"])
    key = kind.options if kind is not None and kind.options else CHOICE.options
    return list(question.get(key) or [])


def _code(options: list[dict], option_id: object, chars: str = CODE_CHARS) -> str | None:
    for position, option in enumerate(options):
        if option.get("id") == option_id:
            return chars[position] if position < len(chars) else "z"
    return None


def interaction_type(question: Mapping, scorm12: bool = False) -> str:
    """``cmi.interactions.n.type`` of a question: its type's ``interaction``; SCORM 1.2
    (``scorm12``), which has no long-fill-in (RTE 3.4.3), gets fill-in for it.

    Raises KeyError for an unknown type, ValueError for a type that is no interaction
    (description)."""
    interaction = QUESTION_TYPES[question["type"]].interaction
    if interaction is None:
        raise ValueError(f"A {question['type']} question is not an interaction.")
    return "fill-in" if scorm12 and interaction == "long-fill-in" else interaction


def correct_response(question: Mapping) -> object:
    """The correct response in the neutral shape (fill: the accepted answers; numeric:
    ``{value, min, max}``); None for an unscored or unknown type. Only full-credit answers
    are correct responses: partly right ones are not."""
    qtype = question["type"]
    choices = question.get("choices") or []
    if qtype == CHOICE.name:
        return next((c["id"] for c in choices if c.get("correct") is True), None)
    if qtype in _PICKED:
        options = question.get(QUESTION_TYPES[qtype].options) or []
        return [c["id"] for c in options if c.get("correct") is True]
    if qtype == DRAGDROP.name:
        return {item["id"]: item.get("category") for item in question.get("items") or []}
    if qtype == TRUEFALSE.name:
        return question.get("answer") is True
    if qtype == FILL.name:
        return list(question.get("answers") or [])
    if qtype == NUMERIC.name:
        if question.get("value") is not None:
            tolerance = abs(question.get("tolerance") or 0)
            return {"value": question["value"], "min": question["value"] - tolerance,
                    "max": question["value"] + tolerance}
        return {"value": None, "min": question.get("min"), "max": question.get("max")}
    if qtype == MATCHING.name:
        return {p["id"]: p["id"] for p in question.get("pairs") or []}
    if qtype == SEQUENCING.name:
        return [item["id"] for item in question.get("items") or []]
    return None


def _text(value: object) -> str:
    return str(value[0] if value else "") if isinstance(value, list) else str(value or "")


def _one_line(text: str) -> str:
    # Run-times that check responses with "." patterns (scorm-again) refuse a line break.
    return re.sub(r"\r\n|[\n\r\u2028\u2029]", " ", text)


def _scorm_text(question: Mapping, value: object, joiner: str, pair: str,
                true_false: tuple[str, str]) -> str:
    qtype, options = question["type"], _options(question)
    if qtype in (CHOICE.name, LIKERT.name):
        return (_code(options, value) or "") if value is not None else ""
    if qtype in (*_PICKED, SEQUENCING.name):
        codes = [_code(options, v) for v in value or []]
        codes = [c for c in codes if c]
        return joiner.join(codes if qtype == SEQUENCING.name else sorted(codes))
    if qtype == TRUEFALSE.name:
        return true_false[0] if value else true_false[1]
    if qtype in (FILL.name, ESSAY.name):
        return _one_line(_text(value))
    chosen = value if isinstance(value, dict) else {}
    if qtype == MATCHING.name:
        pairs = question.get("pairs") or []
        return joiner.join(
            f"{_code(pairs, p['id'])}{pair}{_code(pairs, chosen[p['id']], TARGET_CHARS)}"
            for p in pairs if chosen.get(p["id"]) and _code(pairs, chosen[p["id"]]))
    if qtype == DRAGDROP.name:
        items, categories = question.get("items") or [], question.get("categories") or []
        return joiner.join(
            f"{_code(items, i['id'])}{pair}{_code(categories, chosen[i['id']], TARGET_CHARS)}"
            for i in items if _code(categories, chosen.get(i["id"])))
    return ""


def scorm12_response(question: Mapping, value: object) -> str:
    """``cmi.interactions.n.student_response`` (SCORM 1.2 RTE 3.4.3), at most 255
    characters; with the correct response as ``value``, its correct pattern."""
    if question["type"] == NUMERIC.name:
        if isinstance(value, dict):
            first = next((value[k] for k in ("value", "min", "max") if value.get(k) is not None),
                         None)
            return format_number(first)
        return format_number(value)
    return _scorm_text(question, value, ",", ".", ("t", "f"))[:SCORM12_LIMIT]


def _plain_2004(text: str) -> str:
    # Brackets would read as [,] [.] delimiters and a leading { as a {lang=} tag.
    text = text.replace("[", "(").replace("]", ")")
    return "(" + text[1:] if text.startswith("{") else text


def scorm2004_response(question: Mapping, value: object) -> str:
    """``cmi.interactions.n.learner_response`` (SCORM 2004 RTE 4.2.9; fill-in at most 250
    characters, long-fill-in at most :data:`LONG_FILL_IN_LIMIT`); with the correct response
    as ``value``, its correct pattern."""
    if question["type"] == NUMERIC.name:
        if isinstance(value, dict):
            low, high = value.get("min"), value.get("max")
            return (f"{format_number(low) if low is not None else ''}[:]"
                    f"{format_number(high) if high is not None else ''}")
        return format_number(value)
    if question["type"] == FILL.name:
        return _plain_2004(_scorm_text(question, value, "", "", ("", "")))[:250]
    if question["type"] == ESSAY.name:
        return _plain_2004(_one_line(_text(value)))[:LONG_FILL_IN_LIMIT]
    return _scorm_text(question, value, "[,]", "[.]", ("true", "false"))


def interaction_result(credit: float | None, wrong: str) -> str:
    """``cmi.interactions.n.result`` of a credit (0..1): "correct" for 1, ``wrong`` for 0
    ("wrong" in SCORM 1.2 RTE 3.4.3, "incorrect" in SCORM 2004 RTE 4.2.9.1), "neutral" for
    None (unscored), else the credit as a decimal (SCORM 1.2 CMIDecimal, SCORM 2004
    real(10,7)), e.g. "0.5"."""
    if credit is None:
        return "neutral"
    if credit >= 1:
        return "correct"
    if credit <= 0:
        return wrong
    return format_number(credit)


def scorm12_interaction(question: Mapping, response: object, credit: float | None) -> dict:
    """``cmi.interactions.n`` values of SCORM 1.2 (RTE 3.4.3): type, student_response,
    correct_responses, result (of ``credit``, 0..1; None for unscored: see
    :func:`interaction_result`). KeyError: unknown type; ValueError: no interaction."""
    expected = correct_response(question)
    return {
        "type": interaction_type(question, scorm12=True),
        "student_response": scorm12_response(question, response),
        "correct_responses": [] if expected is None else [scorm12_response(question, expected)],
        "result": interaction_result(credit, "wrong"),
    }


def scorm2004_interaction(question: Mapping, response: object, credit: float | None) -> dict:
    """``cmi.interactions.n`` values of SCORM 2004 (RTE 4.2.9): type, learner_response,
    correct_responses, result (of ``credit``, 0..1; None for unscored: see
    :func:`interaction_result`). KeyError: unknown type; ValueError: no interaction."""
    expected = correct_response(question)
    return {
        "type": interaction_type(question),
        "learner_response": scorm2004_response(question, response),
        "correct_responses": [] if expected is None
        else [scorm2004_response(question, expected)],
        "result": interaction_result(credit, "incorrect"),
    }


def _components(entries: list[dict], text_key: str, language: str) -> list[dict]:
    return [{"id": e["id"], "description": {language: e[text_key]}} for e in entries]


def _xapi_fill_pattern(question: Mapping, answer: str) -> str:
    prefix = "{case_matters=true}" if question.get("caseSensitive") else ""
    return prefix + answer


def xapi_definition(question: Mapping, language: str = "en") -> dict:
    """The ``cmi.interaction`` activity definition of a question (xAPI 1.0.3, 2.4.4.1):
    description and component lists keyed by ``language``. KeyError: unknown type;
    ValueError: a type that is no interaction (description)."""
    qtype = question["type"]
    out: dict = {
        "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
        "description": {language: question.get("prompt", "")},
        "interactionType": interaction_type(question),
    }
    expected = correct_response(question)
    if qtype in (CHOICE.name, MULTIPLE.name):
        out["choices"] = _components(question.get("choices") or [], "text", language)
    elif qtype == HOTSPOT.name:
        out["choices"] = _components(question.get("regions") or [], "label", language)
    elif qtype == DRAGDROP.name:
        out["source"] = _components(question.get("items") or [], "text", language)
        out["target"] = _components(question.get("categories") or [], "text", language)
    elif qtype == SEQUENCING.name:
        out["choices"] = _components(question.get("items") or [], "text", language)
    elif qtype == LIKERT.name:
        out["scale"] = _components(question.get("scale") or [], "text", language)
    elif qtype == MATCHING.name:
        out["source"] = _components(question.get("pairs") or [], "left", language)
        out["target"] = _components(question.get("pairs") or [], "right", language)
    if qtype == FILL.name:
        out["correctResponsesPattern"] = [_xapi_fill_pattern(question, a) for a in expected]
    elif qtype == NUMERIC.name:
        low, high = expected["min"], expected["max"]
        out["correctResponsesPattern"] = [
            f"{format_number(low) if low is not None else ''}[:]"
            f"{format_number(high) if high is not None else ''}"]
    elif expected is not None:
        out["correctResponsesPattern"] = [xapi_response(question, expected)]
    return out


def xapi_response(question: Mapping, value: object) -> str:
    """``result.response`` of an answered statement (xAPI 1.0.3, 2.4.4.1 response
    patterns, options named by their ids; an essay's whole text); "" for an unknown type."""
    qtype = question["type"]
    if qtype in (CHOICE.name, LIKERT.name):
        return "" if value is None else str(value)
    if qtype in _PICKED:
        return "[,]".join(sorted(str(v) for v in value or []))
    if qtype == SEQUENCING.name:
        return "[,]".join(str(v) for v in value or [])
    if qtype == TRUEFALSE.name:
        return "true" if value else "false"
    if qtype in (FILL.name, ESSAY.name):
        return _text(value)
    if qtype == NUMERIC.name:
        return format_number(value)
    chosen = value if isinstance(value, dict) else {}
    if qtype == MATCHING.name:
        return "[,]".join(f"{p['id']}[.]{chosen[p['id']]}"
                          for p in question.get("pairs") or [] if chosen.get(p["id"]))
    if qtype == DRAGDROP.name:
        return "[,]".join(f"{i['id']}[.]{chosen[i['id']]}"
                          for i in question.get("items") or [] if chosen.get(i["id"]))
    return ""
