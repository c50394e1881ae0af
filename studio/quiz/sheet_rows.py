"""One spreadsheet row read as one question (the layout: :mod:`studio.quiz.sheet_layout`).

:func:`read_row` turns the text of a row's cells into a checked
:class:`~studio.quiz.source.ParsedQuestion`, or into the list of what is wrong with it, each
problem naming its row and column, so a sheet's author can fix every cell in one pass.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from studio.errors import InvalidEditError
from studio.quiz.questions import MAX_POINTS, normalise_question
from studio.quiz.sheet_layout import COMMON, NOT_EXPRESSIBLE, TYPE_ALIASES, USES, type_key
from studio.quiz.source import Notice, ParsedQuestion
from studio.quiz.types import QUESTION_TYPES, QuestionType

_YES = {"yes", "y", "true", "t", "1", "x", "on"}
_NO = {"no", "n", "false", "f", "0", "off"}
_RANGE = re.compile(r"(.+?)\s*\.\.\s*(.+)$")
_LIST = re.compile(r"\s*[,;|]\s*")
_NUMBERS = re.compile(r"\d+(?:\s*[.,;|]\s*\d+)*$")  # "1,3" (or "1.3": a locale made it a decimal)


@dataclass
class Row:
    """A row's cells as text: ``number`` (1-based, as the spreadsheet shows it), ``cells``
    (column key -> stripped text; empty cells left out) and ``options`` (N -> text of the
    non-empty "option N" cells). ``dates``: columns whose cell a spreadsheet turned into a
    date (so their text is not what the author typed)."""
    number: int
    cells: dict[str, str]
    options: dict[int, str]
    dates: dict[str, str] = field(default_factory=dict)


@dataclass
class RowResult:
    """What one row gave: its question (None when it has errors or was skipped), the
    errors ("row 7, column 'correct': ...") and the notices."""
    question: ParsedQuestion | None = None
    errors: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


class _CellError(Exception):
    def __init__(self, column: str | None, message: str):
        super().__init__(message)
        self.column, self.message = column, message


def _where(row: int, column: str | None) -> str:
    return f"row {row}" + (f", column '{column}'" if column else "")


def read_row(row: Row) -> RowResult:
    """The question of one row, checked by the type's validator; every problem found is an
    error of the result naming the row and column, a hotspot row is skipped with a notice
    (a sheet cannot hold its regions), and a filled cell the type does not read gives a
    notice. Never raises for bad content."""
    result = RowResult()
    try:
        kind = _type(row.cells.get("type", ""))
    except _CellError as problem:
        result.errors.append(f"{_where(row.number, 'type')}: {problem.message}")
        return result
    if kind.name in NOT_EXPRESSIBLE:
        result.notices.append(Notice(row.number, NOT_EXPRESSIBLE[kind.name], skipped=True))
        return result
    reads = COMMON | USES[kind.name][0]
    for column, text in row.dates.items():
        if column in reads or (column.startswith("option ") and "options" in reads):
            result.errors.append(f"{_where(row.number, column)}: the spreadsheet made this a "
                                 f"date ({text}); format the cell as text and type it again")
    unread = sorted(set(row.cells) - reads - set(row.dates))
    if row.options and "options" not in reads:
        unread += [f"option {n}" for n in sorted(row.options)]
    for column in unread:
        result.notices.append(Notice(row.number, f"column '{column}': a {kind.noun} question "
                                                 "does not use it; ignored"))
    prompt = _attempt(row, result.errors, lambda: _required(row, "prompt"))
    points = _attempt(row, result.errors, lambda: _points(row))
    data = _attempt(row, result.errors, lambda: _BUILDERS[kind.name](row, kind))
    media = _attempt(row, result.errors, lambda: _picture(row))
    if result.errors:
        return result
    data.update(_common(row), **media)
    try:
        prompt, points, data = normalise_question(kind.name, prompt, points, data)
    except InvalidEditError as exc:
        result.errors.append(f"{_where(row.number, None)}: {exc.message}")
        return result
    result.question = ParsedQuestion(kind.name, prompt, data, row.number, points,
                                     media={"prompt": media["media"]} if media else {})
    return result


def _attempt(row: Row, errors: list[str], check):
    """``check()``, or None with its failure added to ``errors`` as a line naming the row."""
    try:
        return check()
    except _CellError as problem:
        errors.append(f"{_where(row.number, problem.column)}: {problem.message}")
    except InvalidEditError as exc:
        errors.append(f"{_where(row.number, None)}: {exc.message}")
    return None


def _type(text: str) -> QuestionType:
    names = ", ".join(name for name in QUESTION_TYPES if name not in NOT_EXPRESSIBLE)
    if not text:
        raise _CellError("type", f"empty; use one of {names}")
    key = type_key(text)
    key = TYPE_ALIASES.get(key, key)
    for kind in QUESTION_TYPES.values():
        if key in (kind.name, type_key(kind.label)):
            return kind
    raise _CellError("type", f"'{text}' is not a question type; use one of {names}")


def _required(row: Row, column: str) -> str:
    text = row.cells.get(column, "")
    if not text:
        raise _CellError(column, "empty; every question needs one")
    return text


def _number(text: str, column: str) -> float:
    """A number cell's value: "3.14", "3,14" (a decimal comma), "-2", "1e3", "50%" (as 50).

    Raises _CellError naming ``column`` when it is none."""
    cleaned = text.replace("\u2212", "-").replace(" ", "").rstrip("%")
    if "," in cleaned and "." not in cleaned and cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise _CellError(column, f"'{text}' is not a number") from None
    if not math.isfinite(value):
        raise _CellError(column, f"'{text}' is not a number")
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def _points(row: Row) -> float:
    text = row.cells.get("points", "")
    if not text:
        return 1.0
    value = _number(text, "points")
    if not 0 <= value <= MAX_POINTS:
        raise _CellError("points", f"{text} is not from 0 to {MAX_POINTS}")
    return float(value)


def _flag(row: Row, column: str) -> bool:
    text = row.cells.get(column, "")
    if not text:
        return False
    if text.lower() in _YES:
        return True
    if text.lower() in _NO:
        return False
    raise _CellError(column, f"'{text}' is neither yes nor no")


def _common(row: Row) -> dict:
    data: dict = {}
    feedback = {key: row.cells.get(column, "") for key, column in (
        ("correct", "feedback correct"), ("incorrect", "feedback incorrect"),
        ("general", "general feedback"))}
    if any(feedback.values()):
        data["feedback"] = feedback
    for key in ("category", "title"):
        if row.cells.get(key):
            data[key] = row.cells[key]
    return data


def _picture(row: Row) -> dict:
    """The prompt's media as a reader hands it over: the file name where the asset id will
    go (the importer finds the file beside the spreadsheet), with its alternative text."""
    picture, alt = row.cells.get("picture", ""), row.cells.get("picture alt", "")
    if alt and not picture:
        raise _CellError("picture alt", "describes a picture; name its file in the column "
                                        "'picture'")
    if picture and not alt:
        raise _CellError("picture alt", "a picture needs its alternative text")
    return {**({"media": picture} if picture else {}), **({"mediaAlt": alt} if alt else {})}


def _options(row: Row, noun: str, minimum: int = 2) -> dict[int, str]:
    if len(row.options) < minimum:
        found = len(row.options)
        raise _CellError(f"option {found + 1}", f"a {noun} question needs at least {minimum} "
                                                f"options; this row has {found}")
    options = dict(sorted(row.options.items()))
    seen: dict[str, int] = {}
    for n, text in options.items():
        first = seen.setdefault(text.casefold(), n)
        if first != n:
            raise _CellError(f"option {n}", f"'{text}' repeats option {first}; each option "
                                            "of a question is different")
    return options


def _numbers_named(options: dict[int, str]) -> str:
    numbers = list(options)
    if numbers == list(range(1, len(numbers) + 1)):
        return f"{numbers[0]}-{numbers[-1]}"
    return ", ".join(map(str, numbers))


def _picked(row: Row, options: dict[int, str]) -> set[int]:
    """The option numbers the ``correct`` cell names: numbers (1,3), letters (A, C) or the
    texts of options; a cell of whole numbers always names options by number, any other
    cell equal to one option's text is that option."""
    text = row.cells["correct"]
    by_text = {value.casefold(): n for n, value in options.items()}
    if _NUMBERS.match(text):  # numbers name options by number, even where texts are numbers
        parts = re.split(r"\s*[.,;|]\s*", text)
    elif text.casefold() in by_text:
        return {by_text[text.casefold()]}
    else:
        parts = _LIST.split(text.strip())
    picked = set()
    for part in filter(None, parts):
        if not part.isdigit() and part.casefold() in by_text:
            picked.add(by_text[part.casefold()])
            continue
        wanted = int(part) if part.isdigit() else (
            ord(part.lower()) - ord("a") + 1 if len(part) == 1 and part.isalpha() else None)
        if wanted not in options:
            raise _CellError("correct", f"'{part}' is not one of the options "
                                        f"{_numbers_named(options)}")
        picked.add(wanted)
    return picked


def _weights(row: Row, count: int, what: str, low: float = -100) -> list[float] | None:
    text = row.cells.get("weights", "")
    if not text:
        return None
    values = [_number(part, "weights") for part in _LIST.split(text.strip()) if part]
    if len(values) != count:
        raise _CellError("weights", f"{len(values)} weight(s) for {count} {what}; give one "
                                    "per " + what.rstrip("s"))
    for value in values:
        if not low <= value <= 100:
            raise _CellError("weights", f"{value:g} is not a weight from {low:g} to 100")
    return values


def _choices(row: Row, kind: QuestionType) -> dict:
    options = _options(row, kind.noun)
    weights = _weights(row, len(options), "options")
    if weights is None and not row.cells.get("correct"):
        raise _CellError("correct", "empty; name the right option by its number (1) or text"
                         if not kind.several_right else
                         "empty; name the right options by their numbers (1,3)")
    picked = _picked(row, options) if row.cells.get("correct") else None
    if picked is not None and not kind.several_right and len(picked) > 1:
        raise _CellError("correct", "a single choice question has one right option; use the "
                                    "type multiple for several")
    scoring = _scoring(row, kind, "weighted" if weights and kind.several_right else None)
    choices = []
    for position, (n, text) in enumerate(options.items()):
        choice: dict = {"text": text, "correct": picked is not None and n in picked}
        if weights is not None:
            choice["weight"] = weights[position]
            right = weights[position] > 0 if kind.several_right else weights[position] == 100
            if picked is not None and right != (n in picked):
                raise _CellError("correct", f"option {n} weighs {weights[position]:g} %, so "
                                 f"it is {'right' if right else 'wrong'}; the weights decide "
                                 "which options are right (leave this cell empty)")
        choices.append(choice)
    if weights is not None and kind.several_right and scoring != "weighted":
        raise _CellError("weights", f"weights score a {kind.noun} question only with "
                                    "scoring 'weighted'")
    return {"choices": choices, **({"scoring": scoring} if scoring else {})}


def _scoring(row: Row, kind: QuestionType, default: str | None = None) -> str | None:
    text = row.cells.get("scoring", "").lower()
    if not text:
        return default
    modes = kind.scoring_modes
    key = type_key(text)
    for mode in modes:
        if key == type_key(mode):
            return mode
    *others, last = modes
    raise _CellError("scoring", f"'{text}' is not a scoring mode of {kind.noun} questions: "
                                f"use {', '.join(others)} or {last}")


def _truefalse(row: Row, kind: QuestionType) -> dict:
    text = _required(row, "correct").lower()
    if text in _YES or text == "vrai":
        return {"answer": True}
    if text in _NO or text == "faux":
        return {"answer": False}
    raise _CellError("correct", f"'{row.cells['correct']}' is neither true nor false")


def _fill(row: Row, kind: QuestionType) -> dict:
    answers = [a.strip() for a in _required(row, "correct").split("|") if a.strip()]
    weights = _weights(row, len(answers), "answers", low=0)
    data: dict = {"answers": answers, "caseSensitive": _flag(row, "case sensitive")}
    if weights:
        if any(w == 0 for w in weights):
            raise _CellError("weights", "an answer worth 0 % gives no credit; leave it out")
        data["answers"] = [a for a, w in zip(answers, weights, strict=True) if w == 100]
        data["partial"] = [{"text": a, "weight": w}
                           for a, w in zip(answers, weights, strict=True) if w != 100]
        if not data["answers"]:
            raise _CellError("weights", "one answer at least must be worth 100 %")
    return data


def _numeric(row: Row, kind: QuestionType) -> dict:
    text = _required(row, "correct")
    found = _RANGE.match(text)
    if found:
        if row.cells.get("tolerance"):
            raise _CellError("tolerance", "a range (low..high) takes no tolerance")
        low, high = _number(found.group(1), "correct"), _number(found.group(2), "correct")
        if low > high:
            raise _CellError("correct", f"the range {text} runs from high to low; write it "
                                        f"{found.group(2)}..{found.group(1)}")
        return {"min": low, "max": high}
    tolerance = _number(row.cells.get("tolerance") or "0", "tolerance")
    if tolerance < 0:
        raise _CellError("tolerance", f"{tolerance:g} is negative")
    return {"value": _number(text, "correct"), "tolerance": tolerance}


def _split_pair(row: Row, n: int, text: str, what: str) -> tuple[str, str]:
    for mark in ("->", "="):
        left, found, right = text.partition(mark)
        if found:
            if not left.strip() or not right.strip():
                break
            return left.strip(), right.strip()
    raise _CellError(f"option {n}", f"'{text}' is not '{what}'")


def _matching(row: Row, kind: QuestionType) -> dict:
    pairs = [_split_pair(row, n, text, "left = right")
             for n, text in _options(row, kind.noun).items()]
    return {"pairs": [{"left": left, "right": right} for left, right in pairs],
            **_scoring_field(row, kind)}


def _scoring_field(row: Row, kind: QuestionType) -> dict:
    scoring = _scoring(row, kind)
    return {"scoring": scoring} if scoring else {}


def _sequencing(row: Row, kind: QuestionType) -> dict:
    return {"items": list(_options(row, kind.noun).values()), **_scoring_field(row, kind)}


def _likert(row: Row, kind: QuestionType) -> dict:
    return {"scale": list(_options(row, kind.noun).values())}


def _dragdrop(row: Row, kind: QuestionType) -> dict:
    categories: dict[str, str] = {}  # text -> id, in order of first use
    items = []
    for n, text in _options(row, kind.noun).items():
        item, category = _split_pair(row, n, text, "item = category")
        category_id = categories.setdefault(category, f"k{len(categories) + 1}")
        items.append({"text": item, "category": category_id})
    if len(categories) < 2:
        raise _CellError("option 1", "the items name one category; a drag-and-drop question "
                                     "sorts them into two or more")
    return {"categories": [{"id": k, "text": text} for text, k in categories.items()],
            "items": items, **_scoring_field(row, kind)}


def _essay(row: Row, kind: QuestionType) -> dict:
    model = row.cells.get("correct", "")
    return {"modelAnswer": model} if model else {}


_BUILDERS = {"choice": _choices, "multiple": _choices, "truefalse": _truefalse,
             "fill": _fill, "numeric": _numeric, "matching": _matching,
             "sequencing": _sequencing, "likert": _likert, "dragdrop": _dragdrop,
             "essay": _essay, "description": lambda row, kind: {}}
