"""How each question type is reported to an LMS: SCORM 1.2, SCORM 2004 and xAPI strings.

SCORM 1.2 (RTE 3.4.3 ``cmi.interactions``) identifies options by single characters, so
options are coded by position (``a``, ``b``... for choices and sources, ``1``, ``2``... for
matching targets), as the player's adapters do; SCORM 2004 reuses those codes with its
``[,]`` and ``[.]`` delimiters. xAPI names options by the question's own ids, listed in the
activity definition. Responses have the neutral shapes of :mod:`studio.quiz.scoring`; the
interaction type of each question type is its ``interaction`` in :mod:`studio.quiz.types`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from studio.quiz.types import (
    CHOICE,
    FILL,
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


def correct_response(question: Mapping) -> object:
    """The correct response in the neutral shape (fill: the accepted answers; numeric:
    ``{value, min, max}``); None for an unscored or unknown type."""
    qtype = question["type"]
    choices = question.get("choices") or []
    if qtype == CHOICE.name:
        return next((c["id"] for c in choices if c.get("correct") is True), None)
    if qtype == MULTIPLE.name:
        return [c["id"] for c in choices if c.get("correct") is True]
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


def _scorm_text(question: Mapping, value: object, joiner: str, pair: str,
                true_false: tuple[str, str]) -> str:
    qtype, options = question["type"], _options(question)
    if qtype in (CHOICE.name, LIKERT.name):
        return (_code(options, value) or "") if value is not None else ""
    if qtype in (MULTIPLE.name, SEQUENCING.name):
        codes = [_code(options, v) for v in value or []]
        codes = [c for c in codes if c]
        return joiner.join(sorted(codes) if qtype == MULTIPLE.name else codes)
    if qtype == TRUEFALSE.name:
        return true_false[0] if value else true_false[1]
    if qtype == FILL.name:
        return str(value[0] if value else "") if isinstance(value, list) else str(value or "")
    if qtype == MATCHING.name:
        pairs = question.get("pairs") or []
        chosen = value if isinstance(value, dict) else {}
        return joiner.join(
            f"{_code(pairs, p['id'])}{pair}{_code(pairs, chosen[p['id']], TARGET_CHARS)}"
            for p in pairs if chosen.get(p["id"]) and _code(pairs, chosen[p["id"]]))
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
    return _scorm_text(question, value, ",", ".", ("t", "f"))[:255]


def _plain_2004(text: str) -> str:
    # Brackets would read as [,] [.] delimiters and a leading { as a {lang=} tag.
    text = text.replace("[", "(").replace("]", ")")
    return "(" + text[1:] if text.startswith("{") else text


def scorm2004_response(question: Mapping, value: object) -> str:
    """``cmi.interactions.n.learner_response`` (SCORM 2004 RTE 4.2.9; fill-in at most 250
    characters); with the correct response as ``value``, its correct pattern."""
    if question["type"] == NUMERIC.name:
        if isinstance(value, dict):
            low, high = value.get("min"), value.get("max")
            return (f"{format_number(low) if low is not None else ''}[:]"
                    f"{format_number(high) if high is not None else ''}")
        return format_number(value)
    if question["type"] == FILL.name:
        return _plain_2004(_scorm_text(question, value, "", "", ("", "")))[:250]
    return _scorm_text(question, value, "[,]", "[.]", ("true", "false"))


def scorm12_interaction(question: Mapping, response: object, correct: bool | None) -> dict:
    """``cmi.interactions.n`` values of SCORM 1.2 (RTE 3.4.3): type, student_response,
    correct_responses, result (``correct``: None for unscored). KeyError: unknown type."""
    expected = correct_response(question)
    return {
        "type": QUESTION_TYPES[question["type"]].interaction,
        "student_response": scorm12_response(question, response),
        "correct_responses": [] if expected is None else [scorm12_response(question, expected)],
        "result": {True: "correct", False: "wrong", None: "neutral"}[correct],
    }


def scorm2004_interaction(question: Mapping, response: object, correct: bool | None) -> dict:
    """``cmi.interactions.n`` values of SCORM 2004 (RTE 4.2.9): type, learner_response,
    correct_responses, result (``correct``: None for unscored). KeyError: unknown type."""
    expected = correct_response(question)
    return {
        "type": QUESTION_TYPES[question["type"]].interaction,
        "learner_response": scorm2004_response(question, response),
        "correct_responses": [] if expected is None
        else [scorm2004_response(question, expected)],
        "result": {True: "correct", False: "incorrect", None: "neutral"}[correct],
    }


def _components(entries: list[dict], text_key: str, language: str) -> list[dict]:
    return [{"id": e["id"], "description": {language: e[text_key]}} for e in entries]


def _xapi_fill_pattern(question: Mapping, answer: str) -> str:
    prefix = "{case_matters=true}" if question.get("caseSensitive") else ""
    return prefix + answer


def xapi_definition(question: Mapping, language: str = "en") -> dict:
    """The ``cmi.interaction`` activity definition of a question (xAPI 1.0.3, 2.4.4.1):
    description and component lists keyed by ``language``. KeyError: unknown type."""
    qtype = question["type"]
    out: dict = {
        "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
        "description": {language: question.get("prompt", "")},
        "interactionType": QUESTION_TYPES[qtype].interaction,
    }
    expected = correct_response(question)
    if qtype in (CHOICE.name, MULTIPLE.name):
        out["choices"] = _components(question.get("choices") or [], "text", language)
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
    patterns, options named by their ids); "" for an unknown type."""
    qtype = question["type"]
    if qtype in (CHOICE.name, LIKERT.name):
        return "" if value is None else str(value)
    if qtype == MULTIPLE.name:
        return "[,]".join(sorted(str(v) for v in value or []))
    if qtype == SEQUENCING.name:
        return "[,]".join(str(v) for v in value or [])
    if qtype == TRUEFALSE.name:
        return "true" if value else "false"
    if qtype == FILL.name:
        return str(value[0] if value else "") if isinstance(value, list) else str(value or "")
    if qtype == NUMERIC.name:
        return format_number(value)
    if qtype == MATCHING.name:
        chosen = value if isinstance(value, dict) else {}
        return "[,]".join(f"{p['id']}[.]{chosen[p['id']]}"
                          for p in question.get("pairs") or [] if chosen.get(p["id"]))
    return ""
