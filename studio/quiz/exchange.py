"""The question-file formats, each declared once: which reader takes a file, which writer
makes one.

Readers are chosen by the file's suffix and, where one suffix holds several formats, by its
content: ``.gift`` GIFT; ``.txt`` Aiken when it has Aiken ``ANSWER:`` lines, else GIFT;
``.xml`` Moodle XML (root ``<quiz>``) or a lone QTI 2.1/3.0 item (root ``assessmentItem``
or ``qti-assessment-item``); ``.zip`` a QTI 2.1/3.0 content package (IMS CP); ``.xlsx``
and ``.csv`` a spreadsheet (:mod:`studio.quiz.sheet`). Writers are chosen by format name
(:data:`WRITERS`: ``gift``, ``moodle``, ``qti21``, ``qti30``), each with its file suffix;
a writer gives the file's bytes and the notices about what the format could not hold, each
naming the question ("question 7 'Planets': ...").

Every reader and writer is pure (bytes in, :class:`~studio.quiz.source.ParsedFile` out;
:class:`~studio.quiz.source.QuestionOut` in, bytes out) and is imported when first used,
so the registry costs nothing at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from studio.errors import ImportFileError, InvalidEditError
from studio.quiz.source import ParsedFile, QuestionOut, decode

Check = Callable[[], None] | None
Written = tuple[bytes, list[str]]  # a file's bytes, and what it could not hold


@dataclass(frozen=True)
class Reader:
    """A kind of question file: ``label`` as messages name it ("Moodle XML"), the
    ``suffixes`` it comes with (lower case, with the dot)."""
    label: str
    suffixes: tuple[str, ...]


@dataclass(frozen=True)
class Writer:
    """A format questions can be written in: ``name`` as the CLI takes it, ``label`` as
    messages show it, ``suffix`` its file's, and ``write(questions, title) -> (bytes,
    notices)``; ``title`` is the quiz's (a bank's or package's name). ``beside(questions)``,
    for a format that refers to media files by name instead of carrying them, gives those
    files (name -> bytes) to save beside the written one; ``also`` the other suffixes its
    file may have (GIFT's ``.txt``)."""
    name: str
    label: str
    suffix: str
    write: Callable[[Sequence[QuestionOut], str], Written]
    beside: Callable[[Sequence[QuestionOut]], dict[str, bytes]] | None = None
    also: tuple[str, ...] = ()

    @property
    def suffixes(self) -> tuple[str, ...]:
        """Every suffix a file of this format may have (lower case, with the dot)."""
        return (self.suffix, *self.also)


GIFT = Reader("GIFT", (".gift", ".txt"))
AIKEN = Reader("Aiken", (".txt",))
MOODLE_XML = Reader("Moodle XML", (".xml",))
QTI = Reader("QTI 2.1/3.0", (".zip", ".xml"))
SHEET = Reader("spreadsheet", (".xlsx", ".csv"))
READERS: tuple[Reader, ...] = (GIFT, AIKEN, MOODLE_XML, QTI, SHEET)

# suffix -> what a file with it may hold, e.g. ".xml" -> "Moodle XML or QTI 2.1/3.0"
SUFFIXES: Mapping[str, str] = MappingProxyType({
    suffix: " or ".join(r.label for r in READERS if suffix in r.suffixes)
    for suffix in dict.fromkeys(s for r in READERS for s in r.suffixes)})

_ZIP_MAGIC = b"PK"  # every zip, empty or not, starts with a "PK" record signature
_QTI_ITEM_ROOTS = {"assessmentItem", "qti-assessment-item"}
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def accepted_kinds() -> str:
    """The question files the readers take, for messages: "GIFT (.gift, .txt), ..."."""
    return ", ".join(f"{r.label} ({', '.join(r.suffixes)})" for r in READERS)


def xml_root(raw: bytes) -> str | None:
    """The local name of an XML document's root element (its prefix left out), found
    past the XML declaration, comments, processing instructions and a DOCTYPE; None when
    the bytes hold no element. UTF-16 documents are read through their BOM."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raw = raw.decode("utf-16", "replace").encode("utf-8")
    at = 0
    while True:
        start = raw.find(b"<", at)
        if start < 0:
            return None
        if raw.startswith(b"<!--", start):
            end = raw.find(b"-->", start)
            at = len(raw) if end < 0 else end + 3
        elif raw.startswith((b"<?", b"<!"), start):
            end = raw.find(b">", start)
            at = len(raw) if end < 0 else end + 1
        else:
            found = _ROOT.match(raw, start)
            return found.group(2).decode("ascii") if found else None


def question_suffix(name: str) -> str:
    """The suffix of a question file's name, lower case with its dot (".xml"); raises
    :class:`~studio.errors.ImportFileError` listing the accepted kinds when no reader takes
    it."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in SUFFIXES:
        raise ImportFileError(f"{name} is not a question file: use {accepted_kinds()}.")
    return suffix


def read_bytes(raw: bytes, name: str, check: Check = None) -> ParsedFile:
    """The questions of a question file's bytes; ``name`` (its file name) gives the suffix
    that, with the content, chooses the reader (see the module's description).

    Raises :class:`~studio.errors.ImportFileError` for a suffix no reader takes (listing the
    accepted kinds), an ``.xml`` file that is neither Moodle XML nor QTI, and whatever the
    chosen reader raises (naming ``name`` and where in it); ``check`` may raise Cancelled.
    """
    suffix = question_suffix(name)
    if suffix in SHEET.suffixes:
        from studio.quiz.sheet import parse_sheet  # noqa: PLC0415 (readers load on use)

        return parse_sheet(raw, name, check)
    if suffix == ".zip":
        if not raw.startswith(_ZIP_MAGIC):
            raise ImportFileError(f"{name} is not a zip archive; a QTI package is the .zip "
                                  "a quiz tool exports.")
        from studio.quiz.qti_read import parse_qti_package  # noqa: PLC0415

        return parse_qti_package(raw, name, check)
    if suffix == ".xml":
        return _read_xml(raw, name, check)
    from studio.quiz.aiken import looks_like_aiken, parse_aiken  # noqa: PLC0415
    from studio.quiz.gift import parse_gift  # noqa: PLC0415

    text = decode(raw, name)
    if suffix == ".txt" and looks_like_aiken(text):
        return parse_aiken(text, name, check)
    return parse_gift(text, name, check)


def _read_xml(raw: bytes, name: str, check: Check) -> ParsedFile:
    if raw.startswith(_ZIP_MAGIC):
        raise ImportFileError(f"{name} is not an XML text file: it is a zip archive (a QTI "
                              "package is imported as its .zip).")
    if raw[:2] not in (b"\xff\xfe", b"\xfe\xff") and b"\x00" in raw[:4096]:
        raise ImportFileError(f"{name} is not an XML text file: it holds binary data.")
    root = xml_root(raw)
    if root == "quiz":
        from studio.quiz.moodle_xml import parse_moodle_xml  # noqa: PLC0415

        return parse_moodle_xml(raw, name, check)
    if root in _QTI_ITEM_ROOTS:
        from studio.quiz.qti_read import parse_qti_package  # noqa: PLC0415

        return parse_qti_package(raw, name, check)
    if root == "questestinterop":
        raise ImportFileError(f"{name} is QTI 1.2, which the studio does not read; export "
                              "the questions as QTI 2.1 or 3.0, or as Moodle XML.")
    what = f"its root element is <{root}>" if root else "it holds no XML element"
    raise ImportFileError(f"{name} is neither Moodle XML (<quiz>) nor a QTI item "
                          f"(<assessmentItem>): {what}.")


def _written(result: bytes | Written) -> Written:
    """A writer's result as (bytes, notices): a writer that has nothing to say may give the
    bytes alone."""
    return result if isinstance(result, tuple) else (result, [])


def _write_gift(questions: Sequence[QuestionOut], title: str) -> Written:
    from studio.quiz.gift_writer import write_gift_file  # noqa: PLC0415

    return write_gift_file(questions, title)


def _gift_pictures(questions: Sequence[QuestionOut]) -> dict[str, bytes]:
    from studio.quiz.gift_writer import picture_file  # noqa: PLC0415

    out = {}
    for question in questions:
        picture = picture_file(question)
        if picture is not None:
            out.update({name: data for name, data in question.files.values()
                        if name == picture[0]})
    return out


def _write_moodle(questions: Sequence[QuestionOut], title: str) -> Written:
    from studio.quiz.moodle_writer import write_moodle_xml  # noqa: PLC0415

    return _written(write_moodle_xml(questions, title))


def _qti(version: str) -> Callable[[Sequence[QuestionOut], str], Written]:
    def write(questions: Sequence[QuestionOut], title: str) -> Written:
        from studio.quiz.qti_package import write_qti_package  # noqa: PLC0415

        return _written(write_qti_package(questions, title, version))
    return write


WRITERS: Mapping[str, Writer] = MappingProxyType({w.name: w for w in (
    Writer("gift", "GIFT", ".gift", _write_gift, _gift_pictures, (".txt",)),
    Writer("moodle", "Moodle XML", ".xml", _write_moodle),
    Writer("qti21", "QTI 2.1 package", ".zip", _qti("2.1")),
    Writer("qti30", "QTI 3.0 package", ".zip", _qti("3.0")),
)})


def writer(name: str) -> Writer:
    """The writer of format ``name``; raises InvalidEditError listing the formats when no
    writer has that name."""
    found = WRITERS.get(name)
    if found is None:
        raise InvalidEditError(f"No question format {name!r}; use one of "
                               f"{', '.join(WRITERS)}.")
    return found


def writer_for(name: str, fmt: str | None = None) -> Writer:
    """The writer of a file called ``name``: of format ``fmt``, or, when ``fmt`` is None,
    the one format whose suffixes hold ``name``'s. Raises InvalidEditError for an unknown
    format, a suffix the format does not write ("quiz.xml: a QTI 2.1 package is a .zip
    file"), or, without ``fmt``, a suffix no single format or several formats write."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if fmt is None:
        fitting = [w.name for w in WRITERS.values() if suffix in w.suffixes]
        if len(fitting) != 1:
            raise InvalidEditError(f"Say which format {name} is in: --format "
                                   f"{' or '.join(fitting or list(WRITERS))}.")
        fmt = fitting[0]
    chosen = writer(fmt)
    if suffix not in chosen.suffixes:
        raise InvalidEditError(f"{name}: a {chosen.label} file ends in "
                               f"{' or '.join(chosen.suffixes)}.")
    return chosen
