"""Reading the Aiken format: single-choice questions, one per paragraph.

    Which planet is largest?
    A. Mars
    B) Jupiter
    ANSWER: B

The question is one line (or several, kept as lines of the prompt); options are a letter in
order (A, B, C...), a period or a closing bracket, a space and the text; the ANSWER line
names the right letter. Anything else is an error naming its line and column.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable

from studio.errors import InvalidEditError
from studio.quiz.questions import normalise_question
from studio.quiz.source import ParsedFile, ParsedQuestion, SourceText
from studio.quiz.types import CHOICE

_OPTION = re.compile(r"([A-Z])[.)][ \t]+(\S.*)$")
_ANSWER = re.compile(r"ANSWER\s*:\s*(.*)$", re.IGNORECASE)
_OPTION_PAIR = re.compile(r"(?m)^[ \t]*A[.)][ \t]+\S.*\r?\n[ \t]*B[.)][ \t]+\S")


def looks_like_aiken(text: str) -> bool:
    """Whether a .txt holds Aiken (else it is read as GIFT): it has an ``ANSWER: <letter>``
    line, or it has no GIFT answer braces and lines ``A. …`` then ``B. …`` (Aiken whose
    ANSWER lines are missing or wrong, to be refused naming the line, not read as GIFT)."""
    if re.search(r"(?mi)^[ \t]*ANSWER\s*:\s*[A-Z][ \t]*\r?$", text):
        return True
    return "{" not in text and re.search(_OPTION_PAIR, text) is not None


class _Reader:
    def __init__(self, src: SourceText):
        self.src = src
        self.result = ParsedFile()
        self._reset()

    def _reset(self) -> None:
        self.prompt: list[str] = []
        self.options: list[str] = []
        self.start = 0

    def error(self, offset: int, message: str):
        return self.src.error(offset, message)

    def line(self, offset: int, raw: str) -> None:
        indent = len(raw) - len(raw.lstrip())
        text, at = raw.strip(), offset + indent
        if not text:  # the empty "line" after a final line end is the end of the file
            if (self.prompt or self.options) and offset < len(self.src.text):
                self._unfinished(at)
            return
        answer, option = _ANSWER.match(text), _OPTION.match(text)
        if answer:
            self._finish(answer, at)
        elif option:
            self._option(option, at)
        elif self.options:
            raise self.error(at, "expected the next option (such as "
                                 f"“{string.ascii_uppercase[len(self.options)]}. text”) or "
                                 "the ANSWER: line of the question starting on line "
                                 f"{self.src.line_of(self.start)}")
        else:
            self.start = self.start if self.prompt else at
            self.prompt.append(text)

    def _option(self, option: re.Match, at: int) -> None:
        if not self.prompt:
            raise self.error(at, "an option comes before its question's text")
        expected = string.ascii_uppercase[len(self.options)]
        if option.group(1) != expected:
            raise self.error(at, f"expected option {expected} here, found "
                                 f"{option.group(1)}")
        self.options.append(option.group(2).strip())

    def _finish(self, answer: re.Match, at: int) -> None:
        if len(self.options) < 2:
            raise self.error(at, "a question needs at least two options (A. and B.) before "
                                 "its ANSWER: line")
        letter = answer.group(1).strip()
        column = at + answer.start(1)
        if len(letter) != 1 or letter.upper() not in string.ascii_uppercase[:len(self.options)]:
            last = string.ascii_uppercase[len(self.options) - 1]
            raise self.error(column, f"ANSWER: must name one option letter, A to {last}; "
                                     f"found “{letter}”")
        right = string.ascii_uppercase.index(letter.upper())
        data = {"choices": [{"text": text, "correct": n == right}
                            for n, text in enumerate(self.options)]}
        try:
            prompt, points, data = normalise_question(CHOICE.name, "\n".join(self.prompt), 1, data)
        except InvalidEditError as exc:
            raise self.error(self.start, exc.message) from None
        self.result.questions.append(
            ParsedQuestion(CHOICE.name, prompt, data, self.src.line_of(self.start), points))
        self._reset()

    def _unfinished(self, at: int) -> None:
        what = "options and an ANSWER: line" if not self.options else "an ANSWER: line"
        line = self.src.line_of(self.start)
        raise self.error(at, f"the question starting on line {line} ends without {what}")


def parse_aiken(text: str, name: str = "questions.txt",
                check: Callable[[], None] | None = None) -> ParsedFile:
    """Every question of an Aiken file, as single-choice questions worth 1 point.

    ``name`` is the file name errors quote; ``check`` is called every 256 lines (a
    cancellation token's check may raise there). Raises ImportFileError naming the line and
    column of the first error."""
    src = SourceText(text, name)
    reader = _Reader(src)
    for number, (offset, raw) in enumerate(src.lines()):
        if check and number % 256 == 0:
            check()
        reader.line(offset, raw)
    if reader.prompt or reader.options:  # at the end of the last line, not past it
        reader._unfinished(len(src.text.rstrip()))
    return reader.result
