"""Question files read from disk: GIFT, Aiken, Moodle XML, QTI 2.1/3.0 and spreadsheets.

Bytes in, domain data out: :func:`read_question_file` returns a
:class:`~studio.quiz.source.ParsedFile` and writes nothing; which reader takes a file is
the registry's choice (:mod:`studio.quiz.exchange`). Putting the questions into a quiz is
the media room's import use case (``studio.media.importer``).
"""

from __future__ import annotations

from pathlib import Path

from studio.files import read_input
from studio.jobs import CancelToken
from studio.quiz.exchange import question_suffix, read_bytes
from studio.quiz.source import ParsedFile


def read_question_file(path: Path | str, token: CancelToken | None = None) -> ParsedFile:
    """Parse a question file (format from its extension and content) without importing it.

    A ``.txt`` file is Aiken when it has Aiken ``ANSWER:`` lines, GIFT otherwise; an ``.xml``
    file Moodle XML or a QTI item by its root element (see :mod:`studio.quiz.exchange`).
    Raises :class:`~studio.errors.ImportFileError` for another suffix (listing the accepted
    kinds), an unreadable file, text that is not UTF-8/UTF-16, or content its reader refuses
    (naming the line, or the row and column); :class:`~studio.errors.Cancelled` when
    ``token`` is cancelled.
    """
    path = Path(path)
    question_suffix(path.name)
    return read_bytes(read_input(path), path.name, token.check if token else None)
