"""Reading Moodle's GIFT question format into question data (writing it: gift_writer).

A file is a series of questions separated by blank lines; ``//`` lines are comments and
``$CATEGORY:`` lines name the category of the questions after them. A question is
``::title:: [format] text {answers} more text``; text after the answers makes it a
missing-word question whose blank is written ``_____`` in the prompt.

Supported: single choice (``=right ~wrong``, with weights: ``~%50%half ~%-100%penalty``),
multiple response (``~%50%a ~%50%b ~%-100%c``: no ``=``, weights; scored "weighted", or
"partial" when the right answers share 100 % equally and each wrong one takes as much
away), true/false (``{T}``, ``{FALSE#wrong answer feedback#right answer feedback}``),
short answer (``{=a =b =%50%half right}``), numeric (``{#3.14:0.01}``, ``{#1..2}``,
``{#=3:0 =%50%3:1}``), matching (``{=a -> b}``), essay (``{}``), description (text without
answers), per-answer feedback (``#``), general feedback (``####``, kept as the feedback's
``general`` text that every learner sees) and the escapes ``\\~ \\= \\# \\{
\\} \\: \\\\ \\n``. Short and numeric answers worth 0 % or less are left out with a notice.
``[html]`` text becomes plain text; the ``src`` of each ``<img>`` in it is kept in the
question's ``images`` for the importer to bring in (``studio.media.question_images``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from studio.errors import InvalidEditError
from studio.quiz.gift_text import blocks, find_unescaped, unescape
from studio.quiz.html_text import html_to_text, image_sources
from studio.quiz.questions import BLANK, normalise_question
from studio.quiz.source import Notice, ParsedFile, ParsedQuestion, SourceText
from studio.quiz.types import (
    CHOICE,
    DESCRIPTION,
    ESSAY,
    FILL,
    MATCHING,
    MULTIPLE,
    NUMERIC,
    TRUEFALSE,
)
from studio.quiz.validators import WEIGHT_SUM_SLACK

_FORMAT = re.compile(r"\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"\s*%(-?\d+(?:\.\d+)?)%")
_TRUE_FALSE = re.compile(r"(TRUE|FALSE|T|F)\s*(#|$)", re.IGNORECASE)
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_RANGE = re.compile(rf"({_NUMBER})\s*\.\.\s*({_NUMBER})$")
_TOLERANCE = re.compile(rf"({_NUMBER})(?:\s*:\s*({_NUMBER}))?$")


class _Question:
    """Parses one question block; offsets are absolute so errors point into the file."""

    def __init__(self, src: SourceText, start: int, end: int, category: str | None,
                 notices: list[Notice]):
        self.src, self.start, self.category, self.notices = src, start, category, notices
        self.text, self.end = src.text, end  # absolute offsets; comments already blanked
        self.html = False
        self.line = src.line_of(start)

    def note(self, message: str) -> None:
        self.notices.append(Notice(self.line, message))

    def skip(self, message: str) -> None:
        self.notices.append(Notice(self.line, message, skipped=True))

    def clean(self, begin: int, finish: int) -> str:
        text = unescape(self.text[begin:finish]).strip()
        return html_to_text(text) if self.html else text

    def parse(self) -> ParsedQuestion | None:
        text, i = self.text, self._skip(self.start)
        title = None
        if text.startswith("::", i):
            close = find_unescaped(text, "::", i + 2)
            if close < 0:
                raise self.src.error(i, "the question title opened with :: is not closed "
                                        "with :: (write \\: for a colon inside it)")
            title = self.clean(i + 2, close)
            i = self._skip(close + 2)
        marker = _FORMAT.match(text, i)
        if marker:
            self.html = marker.group(1).lower() == "html"
            i = marker.end()
        opening = find_unescaped(text, "{", i, self.end)
        self._no_stray_close(i, self.end if opening < 0 else opening)
        if opening < 0:  # text without answers: Moodle's description
            return self._finish(DESCRIPTION.name, self.clean(i, self.end) or title or "",
                                {}, title, i, self.end, self.end)
        closing = find_unescaped(text, "}", opening + 1, self.end)
        if closing < 0:
            raise self.src.error(opening, "the answers opened with { are not closed with } "
                                          "(a blank line ends a question)")
        nested = find_unescaped(text, "{", opening + 1, closing)
        if nested >= 0:
            raise self.src.error(nested, "a { inside the answers must be written \\{")
        again = find_unescaped(text, "{", closing + 1, self.end)
        if again >= 0:
            raise self.src.error(again, "a question has one set of answers in { }; write \\{ "
                                        "for a brace in the text")
        self._no_stray_close(closing + 1, self.end)
        before, after = self.clean(i, opening), self.clean(closing + 1, self.end)
        # Text that follows the answers without a space (``{=Jupiter}.``) keeps no space
        gap = " " if text[closing + 1:closing + 2].isspace() else ""
        prompt = f"{before} {BLANK}{gap}{after}".strip() if after else before
        parsed = self._answers(opening + 1, closing)
        if parsed is None:
            return None
        qtype, data = parsed
        return self._finish(qtype, prompt, data, title, i, opening, closing + 1)

    def _finish(self, qtype: str, prompt: str, data: dict, title: str | None, begin: int,
                opening: int, resume: int) -> ParsedQuestion:
        """The checked question; ``begin``..``opening`` and ``resume``..end are its text
        around the answers (where an [html] prompt's pictures are)."""
        data = {**data, **({"title": title} if title else {}),
                **({"category": self.category} if self.category else {})}
        try:
            prompt, points, data = normalise_question(qtype, prompt, 1.0, data)
        except InvalidEditError as exc:
            raise self.src.error(self.start, exc.message) from None
        images = tuple(image_sources(unescape(self.text[begin:opening]) + unescape(
            self.text[resume:self.end]))) if self.html else ()
        return ParsedQuestion(qtype, prompt, data, self.line, points, images)

    def _skip(self, i: int) -> int:
        while i < self.end and self.text[i].isspace():
            i += 1
        return i

    def _no_stray_close(self, begin: int, finish: int) -> None:
        stray = find_unescaped(self.text, "}", begin, finish)
        if stray >= 0:
            raise self.src.error(stray, "a } without a matching {; write \\} for a brace")

    # ---- answers -----------------------------------------------------------------------
    def _answers(self, begin: int, finish: int) -> tuple[str, dict] | None:
        general_at = find_unescaped(self.text, "####", begin, finish)
        general = self.clean(general_at + 4, finish) if general_at >= 0 else ""
        body_end = general_at if general_at >= 0 else finish
        first = self._skip(begin)
        if first >= body_end:  # {} or {####general}: an essay
            return ESSAY.name, {"feedback": _feedback("", "", general)}
        if self.text[first] == "#":
            return self._numeric(first + 1, body_end, general)
        true_false = _TRUE_FALSE.match(self.text, first, body_end)
        if true_false:
            return self._true_false(true_false, body_end, general)
        return self._options(first, body_end, general)

    def _true_false(self, match: re.Match, finish: int, general: str) -> tuple[str, dict]:
        slots, i = [], match.end(1)
        while i < finish and self.text[i].isspace():
            i += 1
        while i < finish and self.text[i] == "#":
            nxt = find_unescaped(self.text, "#", i + 1, finish)
            stop = finish if nxt < 0 else nxt
            slots.append(self.clean(i + 1, stop))
            i = stop
        trailing = self.text[i:finish].strip()
        if trailing or len(slots) > 2:
            raise self.src.error(i, "a true/false answer is {T} or {F}, optionally followed "
                                    "by #feedback if wrong#feedback if right")
        wrong, right = (slots + ["", ""])[:2]
        return TRUEFALSE.name, {"answer": match.group(1).upper().startswith("T"),
                                "feedback": _feedback(right, wrong, general)}

    def _split(self, begin: int, finish: int, markers: str) -> list[tuple[str, int, int]]:
        """(marker, start, end) of each answer; text before the first marker is an error."""
        starts = []
        i = begin
        while True:
            found = [p for p in (find_unescaped(self.text, m, i, finish) for m in markers)
                     if p >= 0]
            if not found:
                break
            starts.append(min(found))
            i = min(found) + 1
        lead = starts[0] if starts else finish
        if self.text[begin:lead].strip():
            raise self.src.error(self._skip(begin), "each answer starts with = (right) or ~ "
                                                    "(wrong); write \\= or \\~ in text")
        bounds = [*starts, finish]
        return [(self.text[s], s + 1, bounds[n + 1]) for n, s in enumerate(starts)]

    def _weighted(self, begin: int, finish: int) -> tuple[float | None, int]:
        if self.text[self._skip(begin):finish].startswith("%"):
            weight = _WEIGHT.match(self.text, begin, finish)
            if not weight or not -100 <= float(weight.group(1)) <= 100:
                raise self.src.error(self._skip(begin), "a weight is a percentage from -100 to "
                                                        "100 between two %, as in %50%")
            return float(weight.group(1)), weight.end()
        return None, begin

    def _feedback_split(self, begin: int, finish: int) -> tuple[int, str]:
        sharp = find_unescaped(self.text, "#", begin, finish)
        if sharp < 0:
            return finish, ""
        return sharp, self.clean(sharp + 1, finish)

    def _options(self, begin: int, finish: int, general: str) -> tuple[str, dict] | None:
        answers = []
        for marker, start, end in self._split(begin, finish, "=~"):
            weight, text_at = self._weighted(start, end)
            text_end, feedback = self._feedback_split(text_at, end)
            arrow = find_unescaped(self.text, "->", text_at, text_end)
            if not self.text[text_at:text_end].strip() and arrow < 0:
                raise self.src.error(start - 1, "an answer cannot be empty")
            answers.append((marker, weight, text_at, text_end, feedback, arrow, start - 1))
        if any(a[5] >= 0 for a in answers):
            return self._matching(answers, general)
        if all(a[0] == "=" for a in answers):
            return self._short_answer(answers, general)
        if not any(a[0] == "=" or (a[1] or 0) > 0 for a in answers):
            raise self.src.error(answers[0][6], "no right answer: mark it with = or give the "
                                                "right answers weights such as ~%50%")
        weights = [a[1] if a[1] is not None else 100 if a[0] == "=" else 0 for a in answers]
        choices = [{"text": self.clean(a[2], a[3]), "weight": weight, "feedback": a[4]}
                   for a, weight in zip(answers, weights, strict=True)]
        data = {"choices": choices, "feedback": _feedback("", "", general)}
        if any(a[0] == "=" for a in answers):
            return CHOICE.name, data
        return self._multiple(data, weights)

    def _multiple(self, data: dict, weights: list[float]) -> tuple[str, dict] | None:
        """Weights without an = answer: Moodle's multiple response. Equal shares of 100 %
        for the right answers and as much taken for each wrong one is "partial" scoring."""
        right = [w for w in weights if w > 0]
        total = sum(right)
        if abs(total - 100) > WEIGHT_SUM_SLACK:
            self.skip(f"the weights of the right answers of a multiple response question sum "
                      f"to {total:g} %, not 100 %")
            return None
        share = 100 / len(right)
        partial = all(abs(abs(w) - share) <= WEIGHT_SUM_SLACK for w in weights)
        if partial:
            for choice in data["choices"]:
                choice["correct"] = choice.pop("weight") > 0
        return MULTIPLE.name, {**data, "scoring": "partial" if partial else "weighted"}

    def _short_answer(self, answers: list, general: str) -> tuple[str, dict] | None:
        full = [a for a in answers if a[1] is None or a[1] >= 100]
        if not full:
            self.skip("a short-answer question without a 100% answer")
            return None
        partial = [{"text": self.clean(a[2], a[3]), "weight": a[1]}
                   for a in self._partly(answers, lambda a: f"“{self.clean(a[2], a[3])}”")]
        right = next((a[4] for a in full if a[4]), "")
        for answer in full:
            if answer[4] and answer[4] != right:
                self.note(f"the feedback of answer “{self.clean(answer[2], answer[3])}” was "
                          "left out: a short answer keeps one feedback for every right answer")
        return FILL.name, {"answers": [self.clean(a[2], a[3]) for a in full],
                           "partial": partial, "feedback": _feedback(right, "", general)}

    def _partly(self, answers: list, name: Callable[[tuple], str]) -> list[tuple]:
        """The answers worth 1 to 99 %; those worth 0 % or less are left out with a notice
        (they earn what any wrong answer earns), and so is a partly right one's feedback."""
        kept = []
        for answer in answers:
            weight, feedback = answer[1], answer[4]
            if weight is not None and weight <= 0:
                self.note(f"answer {name(answer)} worth {weight:g} % left out: it earns "
                          "nothing, as any wrong answer does"
                          + (", and so was its feedback" if feedback else ""))
            elif weight is not None and weight < 100:
                kept.append(answer)
                if feedback:
                    self.note(f"the feedback of the partly right answer {name(answer)} "
                              "was left out")
        return kept

    def _matching(self, answers: list, general: str) -> tuple[str, dict]:
        pairs = []
        for marker, _weight, text_at, text_end, feedback, arrow, at in answers:
            if marker != "=" or arrow < 0:
                raise self.src.error(at, "in a matching question every answer is "
                                         "=left -> right")
            left, right = self.clean(text_at, arrow), self.clean(arrow + 2, text_end)
            if feedback:
                self.note("matching pairs have no feedback of their own; left out")
            if not right:
                raise self.src.error(arrow, "a matching pair needs a right side after ->")
            if not left:
                self.note(f"the extra right-side option “{right}” (= -> text) was left out: "
                          "every match needs a left side")
                continue
            pairs.append({"left": left, "right": right})
        return MATCHING.name, {"pairs": pairs, "feedback": _feedback("", "", general)}

    def _number_spec(self, begin: int, finish: int) -> dict:
        raw = self.text[begin:finish].strip()
        at = self._skip(begin)
        ranged, tolerance = _RANGE.match(raw), _TOLERANCE.match(raw)
        if ranged:
            return {"min": float(ranged.group(1)), "max": float(ranged.group(2))}
        if tolerance:
            return {"value": float(tolerance.group(1)),
                    "tolerance": abs(float(tolerance.group(2) or 0))}
        raise self.src.error(at, f"“{raw}” is not a numeric answer: write a number, "
                                 "number:tolerance or min..max")

    def _numeric(self, begin: int, finish: int, general: str) -> tuple[str, dict] | None:
        if find_unescaped(self.text, "=", begin, finish) < 0 and \
                find_unescaped(self.text, "~", begin, finish) < 0:
            spec_end, feedback = self._feedback_split(begin, finish)
            answers = [(self._number_spec(begin, spec_end), None, 0, 0, feedback)]
        else:  # (spec, weight, -, -, feedback): the shape _partly reads
            answers = []
            for marker, start, end in self._split(begin, finish, "=~"):
                weight, spec_at = self._weighted(start, end)
                spec_end, feedback = self._feedback_split(spec_at, end)
                spec = self._number_spec(spec_at, spec_end)
                answers.append((spec, weight if marker == "=" else 0.0, 0, 0, feedback))
        full = [a for a in answers if a[1] is None or a[1] >= 100]
        if len(full) != 1:
            self.skip(f"a numeric question needs exactly one 100% answer (it has {len(full)})")
            return None
        partial = [{**_as_value(a[0]), "weight": a[1]}
                   for a in self._partly(answers, lambda a: _spec_text(a[0]))]
        spec, _weight, _at, _end, feedback = full[0][:5]
        return NUMERIC.name, {**spec, "partial": partial,
                              "feedback": _feedback(feedback, "", general)}


def _as_value(spec: dict) -> dict:
    """A numeric answer as value and tolerance (a range: its middle and half its width)."""
    if "value" in spec:
        return spec
    return {"value": (spec["min"] + spec["max"]) / 2, "tolerance": (spec["max"] - spec["min"]) / 2}


def _spec_text(spec: dict) -> str:
    if "value" in spec:
        return f"{spec['value']:g}" + (f":{spec['tolerance']:g}" if spec["tolerance"] else "")
    return f"{spec['min']:g}..{spec['max']:g}"


def _feedback(correct: str, incorrect: str, general: str) -> dict:
    """A question's feedback: a right answer's own, a wrong answer's own, and the general
    feedback (``####``) every learner sees after answering, kept only when there is one."""
    return {"correct": correct, "incorrect": incorrect, **({"general": general} if general
                                                           else {})}


def parse_gift(text: str, name: str = "questions.gift",
               check: Callable[[], None] | None = None) -> ParsedFile:
    """Every question of a GIFT file, with notices for what was left out or changed.

    ``name`` is the file name errors quote; ``check`` is called between questions (a
    cancellation token's check may raise there). Raises ImportFileError naming the line and
    column of the first error; the file adds nothing then."""
    src = SourceText(text, name)
    # Blank out comment lines in place, so every offset still points into the file
    src.text = re.sub(r"(?m)^[ \t]*//.*$", lambda m: " " * len(m.group(0)), src.text)
    result = ParsedFile()
    category = None
    for start, end in blocks(src):
        if check:
            check()
        first = src.text[start:end].lstrip()
        if not first:
            continue
        head_at = end - len(src.text[start:end].lstrip())
        if first.startswith("$CATEGORY:"):
            line_end = src.text.find("\n", head_at, end)
            line_end = end if line_end < 0 else line_end
            category = src.text[head_at + len("$CATEGORY:"):line_end].strip() or None
            if not src.text[line_end:end].strip():
                continue
            head_at = line_end + 1
        parsed = _Question(src, head_at, end, category, result.notices).parse()
        if parsed is not None:
            result.questions.append(parsed)
    return result
