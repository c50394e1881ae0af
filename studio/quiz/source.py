"""Question files: decoding text, positions (line, column), what a reader returns and what a
writer is given."""

from __future__ import annotations

import bisect
import codecs
from dataclasses import dataclass, field

from studio.errors import ImportFileError


@dataclass(frozen=True)
class ParsedQuestion:
    """A question read from a file, checked: ``type`` a registered name, ``data`` in the
    stored shape, ``line`` (1-based) where it starts in its file; ``images`` the ``src`` of
    each picture its HTML prompt shows, as written, for the importer to find (the prompt
    keeps only its text); ``media`` the pictures and sounds the file carries for it, where
    -> file name (a key of :attr:`ParsedFile.files`), where being "prompt", "choice:<id>",
    "item:<id>" or "hotspot"."""
    type: str
    prompt: str
    data: dict
    line: int  # where the question starts in its file
    points: float = 1.0
    images: tuple[str, ...] = ()
    media: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Notice:
    """Something in a file that was read but left out or changed, with its line (1-based);
    ``skipped``: a whole question was left out."""
    line: int
    message: str
    skipped: bool = False

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" + ("; skipped" if self.skipped else "")


@dataclass(frozen=True)
class EmbeddedFile:
    """A picture or sound carried inside a question file: its ``name`` as the file names it
    (Moodle's ``@@PLUGINFILE@@/`` stripped) and its bytes."""
    name: str
    data: bytes


@dataclass
class ParsedFile:
    """What a question file holds: its questions in file order, the notices about it, and
    ``files``, the pictures and sounds embedded in it (file name -> bytes) that its
    questions' ``media`` name."""
    questions: list[ParsedQuestion] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class QuestionOut:
    """One question as a question-file writer gets it: ``id``, ``type``, ``prompt``,
    ``points`` and ``data`` in the stored shape, and ``files``, each asset its data
    references (:func:`studio.quiz.questions.media_ids`): asset id -> (file name to use,
    bytes)."""
    id: str
    type: str
    prompt: str
    points: float
    data: dict
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)


def decode(raw: bytes, name: str) -> str:
    """Bytes of a question file as text: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    Raises ImportFileError naming ``name`` (and, for UTF-8, the line and column of the first
    bad byte)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError(f"{name} is not valid UTF-16 text.") from None
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise ImportFileError(
            f"{name}, line {line}, column {column}: byte 0x{raw[exc.start]:02X} is not UTF-8 "
            "text. Save the file as UTF-8 and import it again.") from None


class SourceText:
    """A file's text with Windows and old Mac line ends made '\\n', and offset -> line, column."""

    def __init__(self, text: str, name: str):
        self.name = name
        self.text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self._starts = [0] + [i + 1 for i, c in enumerate(self.text) if c == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a character offset into ``text``."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def line_of(self, offset: int) -> int:
        """The 1-based line of a character offset."""
        return self.position(offset)[0]

    def error(self, offset: int, message: str) -> ImportFileError:
        """An ImportFileError (to raise) quoting the file name, line and column of ``offset``."""
        line, column = self.position(offset)
        return ImportFileError(f"{self.name}, line {line}, column {column}: {message}")

    def lines(self) -> list[tuple[int, str]]:
        """Each line with the offset where it starts."""
        return list(zip(self._starts, self.text.split("\n"), strict=True))


NAME_LENGTH = 40  # characters of a prompt that name a question in a notice


def question_name(question: QuestionOut | ParsedQuestion) -> str:
    """How a notice names a question: its title, else its prompt's start (whitespace
    collapsed, at most :data:`NAME_LENGTH` characters, "…" when cut)."""
    text = question.data.get("title") or " ".join(question.prompt.split())
    return text if len(text) <= NAME_LENGTH else text[:NAME_LENGTH - 1] + "…"
