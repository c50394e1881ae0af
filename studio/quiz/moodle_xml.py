"""Reading Moodle XML question files (https://docs.moodle.org/en/Moodle_XML_format).

A file is ``<quiz>`` holding ``<question type="...">`` elements in order; a
``type="category"`` one sets the category (``$course$/top/`` stripped) of the questions
after it. Every question has a ``<name>`` (kept as its title), a ``<questiontext>`` (the
prompt), a ``<generalfeedback>`` (the feedback every learner sees) and a
``<defaultgrade>`` (its points). HTML text becomes plain text; a picture, sound or video
the text shows from a file carried in the question (``<file name="map.png"
encoding="base64">`` named ``@@PLUGINFILE@@/map.png``) goes into :attr:`ParsedFile.files`
and the question's :attr:`ParsedQuestion.media`, with the ``<img alt>`` as its alternative
text. Until the importer stores that file as an asset, the data's ``media`` holds the
file's name. A picture the file does not carry (a web address, a relative path) is left in
``images`` for the importer to look for, as for GIFT.

Types: multichoice (choice, or multiple response with weighted credit), truefalse,
shortanswer (fill in the blank with partly right answers), numerical, matching, ordering
(sequencing), essay, description; the answer mapping is in
:mod:`studio.quiz.moodle_answers`. Every other type, and everything not kept (hints, tags,
units, a second picture...), is a :class:`Notice` naming the question (number and name) and
what. Moodle settings about how a question is shown, not what it asks (shuffling,
numbering, penalty for another try, hidden, idnumber), are not kept and not noticed.
"""

from __future__ import annotations

import base64
import binascii
import functools
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import unquote

from lxml import etree

from studio.errors import ImportFileError, InvalidEditError
from studio.quiz import moodle_answers
from studio.quiz.html_text import html_to_text
from studio.quiz.moodle_answers import Skipped, child, children, value
from studio.quiz.moodle_format import MOODLE_NAMES, PLUGINFILE, category_name, default_name
from studio.quiz.questions import normalise_question
from studio.quiz.source import Notice, ParsedFile, ParsedQuestion

_MEDIA_TAG = re.compile(r"<(img|audio|video|source)\b", re.IGNORECASE)
_KEPT_AS_TEXT = {"markdown": "Markdown", "wiki_like": "wiki"}
# Banks repeat their feedback texts ("Your answer is correct.") in every question
_plain = functools.lru_cache(maxsize=4096)(html_to_text)


class _MediaRefs(HTMLParser):
    """(src, alternative text, tag) of each picture, sound and video in HTML, in order; a
    ``<source>`` counts only as the first source of a sound or video without ``src``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []
        self._open: list[bool] = []  # per open <audio>/<video>: has it its source yet

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = {k: (v or "").strip() for k, v in attrs}
        src = values.get("src", "")
        if tag in ("audio", "video"):
            label = values.get("aria-label") or values.get("title", "")
            if src:
                self.found.append((src, label, tag))
            self._open.append(bool(src))
        elif tag == "source" and self._open and not self._open[-1] and src:
            self.found.append((src, "", "source"))
            self._open[-1] = True
        elif tag == "img" and src:
            self.found.append((src, values.get("alt", ""), tag))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("audio", "video") and self._open:
            self._open.pop()


def media_refs(markup: str) -> list[tuple[str, str, str]]:
    """(src, alternative text, tag) of every ``<img>``, ``<audio>`` and ``<video>`` (or its
    first ``<source>``) in HTML markup, in order, entities resolved."""
    if not _MEDIA_TAG.search(markup):
        return []
    parser = _MediaRefs()
    parser.feed(markup)
    parser.close()
    return parser.found


class QuestionReader:
    """Reads one ``<question>``: its text and media, with notices naming it."""

    def __init__(self, element: etree._Element, number: int, category: str | None,
                 result: ParsedFile):
        self.number, self.category = number, category
        self.result = result
        self.line = element.sourceline or 1
        self.kind = (element.get("type") or "").strip()
        self.parts: dict[object, list[etree._Element]] = {}
        for part in element:  # one pass: a dict beats a search per look-up
            self.parts.setdefault(part.tag, []).append(part)
        self.title = " ".join(value(self.first("name"), "text").split())
        self.media: dict[str, str] = {}  # where -> file name, before choice ids are known
        self.images: list[str] = []

    # ---- the question's elements -----------------------------------------------------
    def first(self, tag: str) -> etree._Element | None:
        """The question's first child element named ``tag``, None when it has none."""
        found = self.parts.get(tag)
        return found[0] if found else None

    def all(self, tag: str) -> list[etree._Element]:
        """The question's child elements named ``tag``, in order."""
        return self.parts.get(tag, [])

    def field(self, tag: str) -> str:
        """The text of the question's first ``tag`` child, "" when it is missing or empty."""
        found = self.first(tag)
        return (found.text or "") if found is not None else ""

    # ---- notices ---------------------------------------------------------------------
    @property
    def label(self) -> str:
        """How notices name this question: ``question 12 'Cell parts'``."""
        return f"question {self.number}" + (f" '{self.title}'" if self.title else "")

    def note(self, what: str) -> None:
        """A notice about something of this question that was not kept."""
        self.result.notices.append(Notice(self.line, f"{self.label}: {what}"))

    # ---- text and media --------------------------------------------------------------
    def text(self, holder: etree._Element | None, what: str, where: str | None = None,
             plain: bool = False) -> tuple[str, dict]:
        """The plain text of ``holder``'s ``<text>`` (HTML turned to text unless ``plain``
        or its format says plain text) and, when ``where`` may show media, {"media": file
        name, "mediaAlt": text} of the first medium it shows from a carried file (else {}).
        ``what`` names the place in notices ("answer 2")."""
        if holder is None or len(holder) == 0:  # no <text>, no <file>
            return "", {}
        raw = value(holder, "text")
        fmt = (holder.get("format") or "html").strip()
        if plain or fmt == "plain_text":
            self._unused_files(holder, what, set())
            return raw.strip(), {}
        if fmt in _KEPT_AS_TEXT:
            self.note(f"the {_KEPT_AS_TEXT[fmt]} formatting of {what} is kept as text")
        refs = media_refs(raw) if "<" in raw else []
        found = self._media(holder, refs, what, where) if refs or child(
            holder, "file") is not None else {}
        return _plain(raw), found

    def _media(self, holder: etree._Element, refs: list, what: str,
               where: str | None) -> dict:
        carried = {_file_key(f): f for f in children(holder, "file")}
        used: set[str] = set()
        found: dict = {}
        for src, alt, tag in refs:
            key = unquote(re.split(r"[?#]", src[len(PLUGINFILE):])[0]) if src.startswith(
                PLUGINFILE) else None
            shown = PurePosixPath(key).name if key else _short(src)
            if key is not None:
                used.add(key)
            if where is None:
                self.note(f"the {_noun(tag)} {shown} in {what} is left out: only the question "
                          "text and answers of a choice question show media here")
            elif found or (where == "prompt" and self.images):
                self.note(f"the {_noun(tag)} {shown} in {what} is left out: one medium is "
                          "shown per question text or answer")
            elif key is None:
                if where == "prompt":
                    self.images.append(src)  # the importer looks for it beside the file
                else:
                    self.note(f"the {_noun(tag)} {shown} in {what} is left out: it is not "
                              "carried in the file")
            elif key not in carried:
                self.note(f"the {_noun(tag)} {shown} in {what} is left out: the file does not "
                          "carry it")
            else:
                stored = self._store(carried[key], shown, what)
                if stored:
                    found = {"media": stored, **({"mediaAlt": alt} if alt else {})}
                    self.media[where] = stored  # a missing alt: the importer says so
        self._unused_files(holder, what, used)
        return found

    def _store(self, element: etree._Element, shown: str, what: str) -> str | None:
        try:
            data = base64.b64decode("".join((element.text or "").split()), validate=True)
        except (binascii.Error, ValueError):
            self.note(f"the file {shown} in {what} is left out: it is not valid base64")
            return None
        return _keep(self.result.files, shown, data)

    def _unused_files(self, holder: etree._Element, what: str, used: set[str]) -> None:
        unused = [_file_key(f) for f in children(holder, "file") if _file_key(f) not in used]
        if unused:
            names = ", ".join(PurePosixPath(k).name for k in unused)
            self.note(f"the file{'s' if len(unused) > 1 else ''} {names} in {what} "
                      f"{'are' if len(unused) > 1 else 'is'} not shown in its text; left out")

    # ---- the question ----------------------------------------------------------------
    def read(self) -> ParsedQuestion | None:
        """The question, checked, or None (with a skipped notice) when it cannot be kept."""
        try:
            return self._read()
        except Skipped as reason:
            self.result.notices.append(Notice(self.line, f"{self.label}: {reason}",
                                              skipped=True))
        except InvalidEditError as exc:
            self.result.notices.append(Notice(self.line, f"{self.label}: {exc.message}",
                                              skipped=True))
        return None

    def _read(self) -> ParsedQuestion:
        mapper = moodle_answers.READERS.get(self.kind)
        if mapper is None:
            name = MOODLE_NAMES.get(self.kind, self.kind or "(no type)")
            raise Skipped(f"Moodle's '{name}' question type has no equivalent here")
        prompt, prompt_media = self.text(self.first("questiontext"), "the question text",
                                         "prompt")
        general, _ = self.text(self.first("generalfeedback"), "the general feedback")
        if not prompt:
            prompt = self.title or default_name(prompt_media.get("mediaAlt", ""))
            if prompt:
                self.note("the question text has no words; its name is the prompt")
        qtype, data = mapper(self)
        points = self._points(qtype)
        self._extras()
        feedback = {"correct": "", "incorrect": "", **data.pop("feedback", {})}
        if general:
            feedback["general"] = general
        data = {**data, **prompt_media, "feedback": feedback}
        if self.title and self.title != default_name(prompt):
            data["title"] = self.title
        if self.category:
            data["category"] = self.category
        prompt, points, data = normalise_question(qtype, prompt, points, data)
        return ParsedQuestion(qtype, prompt, data, self.line, points, tuple(self.images),
                              self._media_places(data))

    def _points(self, qtype: str) -> float:
        raw = self.field("defaultgrade").strip()
        if qtype == "description":
            return 0.0
        if not raw:
            return 1.0
        try:
            return float(raw)
        except ValueError:
            raise Skipped(f"its default mark “{raw}” is not a number") from None

    def _extras(self) -> None:
        hints = [h for h in self.all("hint") if value(h, "text").strip()]
        if hints:
            self.note(f"{len(hints)} hint{'s' if len(hints) > 1 else ''} left out: hints "
                      "belong to Moodle's interactive tries")
        tags = [" ".join(value(t, "text").split())
                for t in children(self.first("tags"), "tag")]
        if any(tags):
            self.note(f"tags left out: {', '.join(t for t in tags if t)}")

    def _media_places(self, data: dict) -> dict[str, str]:
        """``media`` keyed by where, with choice indexes replaced by the checked ids."""
        places = {}
        for where, name in self.media.items():
            if where.startswith("choice#"):
                where = f"choice:{data['choices'][int(where[7:])]['id']}"
            places[where] = name
        return places


def _noun(tag: str) -> str:
    return {"img": "picture", "audio": "sound", "video": "video"}.get(tag, "medium")


def _short(src: str) -> str:
    return src if len(src) <= 60 else src[:40] + "…"


def _file_key(element: etree._Element) -> str:
    """A carried file's path below the text, as ``@@PLUGINFILE@@/`` names it."""
    folder = (element.get("path") or "/").strip("/")
    name = element.get("name") or ""
    return f"{folder}/{name}" if folder else name


def _keep(files: dict[str, bytes], name: str, data: bytes) -> str:
    """Put ``data`` in ``files`` under ``name`` (or ``name-2.ext``... when another file
    already has that name); returns the name used. The same bytes share one name."""
    stem, dot, suffix = name.rpartition(".")
    stem, suffix = (stem, dot + suffix) if stem else (name, "")
    candidate, n = name or "file", 1
    while candidate in files and files[candidate] != data:
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    files[candidate] = data
    return candidate


def _root(data: bytes, name: str) -> etree._Element:
    """The ``<quiz>`` element; ImportFileError naming the line and column of a syntax
    error, or saying what the file is instead."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, remove_blank_text=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno or 1, 1)
        message = re.sub(r", line \d+, column \d+$", "", exc.msg or "not XML")
        if message.startswith("Document is empty"):
            raise ImportFileError(f"{name} is empty: a Moodle XML file starts with <quiz>."
                                  ) from None
        if "XML_PARSE_HUGE" in message:
            message = ("a text or embedded file of more than 10 MB, refused for safety (import "
                       "large media on their own)")
        raise ImportFileError(f"{name}, line {line}, column {column}: {message} "
                              "(the file is not well-formed XML).") from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise ImportFileError(f"{name} declares a document type of its own; a Moodle XML "
                              "file has none (refused, as its entities could be unsafe).")
    if root.tag != "quiz":
        raise ImportFileError(f"{name}, line {root.sourceline}: the file holds <{root.tag}>, "
                              "not Moodle XML questions (<quiz>).")
    return root


def parse_moodle_xml(data: bytes, name: str,
                     check: Callable[[], None] | None = None) -> ParsedFile:
    """Every question of a Moodle XML file, in file order, with its embedded files and the
    notices about what was not kept.

    ``data`` is the file's bytes (its XML declaration names the encoding); ``name`` the
    file name messages quote; ``check`` is called every 64 questions (a cancellation
    token's check may raise there). The parser fetches nothing and expands no entities.
    Raises ImportFileError naming the line and column of a syntax error, or when the root
    is not ``<quiz>``; a question that cannot be kept is a skipped :class:`Notice`."""
    root = _root(data, name)
    result = ParsedFile()
    category, number = None, 0
    for position, element in enumerate(root):
        if check and position % 64 == 0:
            check()
        if not isinstance(element.tag, str):  # a comment or a processing instruction
            continue
        if element.tag != "question":
            result.notices.append(Notice(element.sourceline or 1, f"<{element.tag}> is not "
                                         "a question; left out"))
            continue
        if (element.get("type") or "").strip() == "category":
            category = category_name(value(element, "category", "text"))
            continue
        number += 1
        parsed = QuestionReader(element, number, category, result).read()
        if parsed is not None:
            result.questions.append(parsed)
    return result
