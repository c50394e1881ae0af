"""Question files read from disk: GIFT (.gift, or .txt without Aiken answer lines) and Aiken.

Text in, domain data out: :func:`read_question_file` returns a
:class:`~studio.quiz.source.ParsedFile` and writes nothing. Putting the questions into a
quiz is the media room's import use case (``studio.media.importer``).
"""

from __future__ import annotations

from pathlib import Path

from studio.errors import ImportFileError
from studio.files import read_input
from studio.jobs import CancelToken
from studio.quiz.source import ParsedFile, decode

FORMATS = {".gift": "GIFT", ".txt": "GIFT or Aiken"}  # file suffix -> the formats it may hold


def read_question_file(path: Path | str, token: CancelToken | None = None) -> ParsedFile:
    """Parse a question file (format from its extension and content) without importing it.

    A ``.txt`` file is Aiken when it has Aiken ``ANSWER:`` lines, GIFT otherwise. Raises
    :class:`~studio.errors.ImportFileError` for another suffix, an unreadable file, text that
    is not UTF-8/UTF-16, or a syntax error (naming its line and column);
    :class:`~studio.errors.Cancelled` when ``token`` is cancelled.
    """
    # the parsers load on first use, not with the window
    from studio.quiz.aiken import looks_like_aiken, parse_aiken  # noqa: PLC0415
    from studio.quiz.gift import parse_gift  # noqa: PLC0415

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ImportFileError(f"{path.name} is not a question file: use GIFT (.gift or .txt) "
                              "or Aiken (.txt).")
    raw = read_input(path)
    text = decode(raw, path.name)
    check = token.check if token else None
    if suffix == ".txt" and looks_like_aiken(text):
        return parse_aiken(text, path.name, check)
    return parse_gift(text, path.name, check)
