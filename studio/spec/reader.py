"""A build spec file read and checked: TOML (``.toml``) or YAML (``.yaml``, ``.yml``), in the
format ``resources/spec/README.md`` documents and ``course-spec.schema.json`` declares.

Reading is strict and stops at the first problem, told in one line that names the file and
the place: a syntax error with its line, an unknown key with the closest known one, a value of
the wrong type or out of range, a file that does not exist, a bad time, two materials in one
item, a setting the item's kind does not have, a duplicate id.
"""

from __future__ import annotations

import codecs
import datetime
import os
import tomllib
from pathlib import Path

from studio.errors import InvalidEditError, SpecError
from studio.item_kinds import ASSET, KindSettings, settings_of
from studio.language import language_tag
from studio.model import CompletionRule, TrackingPolicy, parse_resolution
from studio.quiz.exchange import SUFFIXES as QUESTION_SUFFIXES
from studio.spec.keys import item_key, numbered, slug
from studio.spec.model import (
    ITEM_KINDS,
    CaptionSpec,
    CourseSpec,
    ItemSpec,
    LessonSpec,
    ModuleSpec,
)
from studio.spec.schema import place, schema_problem
from studio.timecode import parse_time

TOML_SUFFIXES = (".toml",)
YAML_SUFFIXES = (".yaml", ".yml")
SPEC_SUFFIXES = TOML_SUFFIXES + YAML_SUFFIXES

# The item-kind settings table (studio.item_kinds) that checks each material's settings.
SETTINGS_KIND = {"video": "video", "audio": "video", "deck": "slide", "image": "slide",
                 "page": "page", "quiz": "quiz"}
# Settings the material itself supplies (a page's text is its Markdown, a deck's slides
# bring their text and notes), so a spec may not set them.
FROM_MATERIAL = {"page": {"text"}, "deck": {"text", "notes"}}
# The keys every item may have besides its material and settings; which kinds take the rest.
COMMON_ITEM_KEYS = ("title", "id")
TIMED_KEYS = ("in", "out", "captions")  # video and audio
NARRATED_KEYS = ("narration",)  # deck, image, page
TIMED_KINDS = ("video", "audio")
NARRATED_KINDS = ("deck", "image", "page")


def item_settings(kind: str) -> list[str]:
    """The settings an item of spec ``kind`` (one of ``ITEM_KINDS``) may set, in the order of
    its item kind's table (``studio.item_kinds``)."""
    table = settings_of(SETTINGS_KIND[kind])
    return [s.name for s in table.settings
            if s.type != ASSET and s.name not in FROM_MATERIAL.get(kind, set())]


def item_keys(kind: str) -> list[str]:
    """Every key an item of spec ``kind`` may have: its material, title, id, the timing or
    narration keys its kind takes, and its settings."""
    extra = TIMED_KEYS if kind in TIMED_KINDS else NARRATED_KEYS if kind in NARRATED_KINDS \
        else ()
    return [kind, *COMMON_ITEM_KEYS, *extra, *item_settings(kind)]


def read_spec(path: Path | str) -> CourseSpec:
    """The course a spec file names, checked: paths made absolute against the file's
    folder, times in seconds, language tags normalised, keys derived where no ``id`` is
    given (see :mod:`studio.spec.model`).

    Raises :class:`SpecError` with one line naming the file and the place of the first
    problem: the file missing or unreadable, a suffix other than ``.toml``/``.yaml``/``.yml``,
    a TOML or YAML syntax error (with its line), anything the schema or the checks refuse.
    """
    source = Path(os.path.abspath(path))
    return parse_spec(load_document(source), source)


def load_document(source: Path) -> object:
    """The parsed content of a spec file (plain dicts, lists and values), unchecked.
    Raises :class:`SpecError` naming the file for a wrong suffix, a read error or a syntax
    error (with its line and column)."""
    suffix = source.suffix.lower()
    if suffix not in SPEC_SUFFIXES:
        raise SpecError(f"{source.name}: a build spec is a .toml or .yaml file.")
    try:
        text = source.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SpecError(f"{source}: the build spec does not exist.") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise SpecError(f"{source.name}: cannot be read ({reason}).") from None
    if suffix in TOML_SUFFIXES:
        try:
            return _local_times_as_seconds(tomllib.loads(text))
        except tomllib.TOMLDecodeError as exc:
            raise SpecError(f"{source.name}: not valid TOML: {exc}.") from None
    import yaml  # noqa: PLC0415  (only YAML specs need it)

    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = f" (at line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise SpecError(f"{source.name}: not valid YAML: {exc.problem or exc.context}{at}.") \
            from None
    except yaml.YAMLError as exc:
        raise SpecError(f"{source.name}: not valid YAML: {exc}.") from None


def _local_times_as_seconds(document: dict) -> dict:
    """TOML reads ``in = 00:01:02.5`` as a local time: an item's in and out points written
    so are seconds of the source like any other."""
    for module in _tables(document.get("modules")):
        for lesson in _tables(module.get("lessons")):
            for item in _tables(lesson.get("items")):
                for key in ("in", "out"):
                    if isinstance(item.get(key), datetime.time):
                        t = item[key]
                        item[key] = t.hour * 3600 + t.minute * 60 + t.second \
                            + t.microsecond / 1e6
    return document


def _tables(value: object) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def parse_spec(document: object, source: Path, root: Path | None = None) -> CourseSpec:
    """The course a parsed spec ``document`` names; ``source`` is the file it came from
    (named in errors), ``root`` the folder relative paths start from (default: the source's
    folder). Raises :class:`SpecError` as :func:`read_spec` does."""
    if document is None:
        document = {}
    if not isinstance(document, dict):
        raise SpecError(f"{source.name}: a build spec is a table of keys, not a list or value.")
    problem = schema_problem(document)
    if problem:
        where, reason = problem
        raise SpecError(f"{source.name}: {where}: {reason}." if where
                        else f"{source.name}: {reason}.")
    return _Spec(source, root or source.parent).course(document)


class _Spec:
    """Turns a document the schema accepted into a CourseSpec, checking what a schema
    cannot: files, times, languages, settings' ranges, one material per item, unique ids."""

    def __init__(self, source: Path, root: Path):
        self.source = source
        self.root = root

    def fail(self, where: list, reason: str) -> SpecError:
        at = place(where)
        return SpecError(f"{self.source.name}: {at}: {reason}." if at
                         else f"{self.source.name}: {reason}.")

    def course(self, doc: dict) -> CourseSpec:
        language = self.language(doc.get("language", "en"), ["language"])
        resolution = None
        if "resolution" in doc:
            try:
                resolution = parse_resolution(doc["resolution"])
            except ValueError as exc:
                raise self.fail(["resolution"], str(exc)) from None
        tracking = None
        if "tracking" in doc:
            table = doc["tracking"]
            tracking = TrackingPolicy(
                CompletionRule(table.get("completion", CompletionRule.ALL_ITEMS.value)),
                float(table.get("completion_threshold", 1.0)),
                None if "mastery_score" not in table else float(table["mastery_score"]))
        modules = doc.get("modules", [])
        keys = self.keys([["modules", i] for i in range(len(modules))], modules, slug)
        return CourseSpec(
            title=doc["title"].strip(), source=self.source, root=self.root,
            modules=tuple(self.module(m, key, ["modules", i])
                          for i, (m, key) in enumerate(zip(modules, keys, strict=True))),
            language=language, tracking=tracking, resolution=resolution,
            description=doc.get("description", ""))

    def module(self, doc: dict, key: str, where: list) -> ModuleSpec:
        lessons = doc.get("lessons", [])
        keys = self.keys([[*where, "lessons", i] for i in range(len(lessons))], lessons, slug)
        return ModuleSpec(doc["title"].strip(), key, tuple(
            self.lesson(lesson, lesson_key, [*where, "lessons", i])
            for i, (lesson, lesson_key) in enumerate(zip(lessons, keys, strict=True))))

    def lesson(self, doc: dict, key: str, where: list) -> LessonSpec:
        docs = doc.get("items", [])
        places = [[*where, "items", i] for i in range(len(docs))]
        kinds = [self.kind(item, at) for item, at in zip(docs, places, strict=True)]
        keys = self.keys(places, docs, None, kinds)
        return LessonSpec(doc["title"].strip(), key, tuple(
            self.item(item, kind, item_key_, at)
            for item, kind, item_key_, at in zip(docs, kinds, keys, places, strict=True)))

    def keys(self, places: list, docs: list, derive, kinds: list | None = None) -> list[str]:
        """Each node's key: its ``id``, refused when another node here has it, else derived
        (numbered ``#2``… after a repeat)."""
        taken: dict[str, list] = {}
        for at, doc in zip(places, docs, strict=True):
            if "id" in doc:
                given = doc["id"].strip()
                if given in taken:
                    raise self.fail([*at, "id"], f"duplicate id {given!r} (also "
                                                 f"{place(taken[given])})")
                taken[given] = at
        used = set(taken)
        out = []
        for index, doc in enumerate(docs):
            if "id" in doc:
                out.append(doc["id"].strip())
            elif kinds is None:
                out.append(numbered(derive(doc["title"]), used))
            else:
                kind = kinds[index]
                out.append(numbered(item_key(kind, self.path(doc[kind], []), self.root), used))
        return out

    def kind(self, doc: dict, where: list) -> str:
        kinds = [k for k in ITEM_KINDS if k in doc]
        if len(kinds) > 1:
            raise self.fail(where, f"two kinds in one item ({' and '.join(kinds)}); give each "
                                   f"its own item")
        if not kinds:
            raise self.fail(where, "no material: give one of " + ", ".join(ITEM_KINDS))
        known = item_keys(kinds[0])
        for key in doc:
            if key not in known:
                raise self.fail([*where, key], f"a {kinds[0]} item has no key {key!r} (its "
                                               f"keys: {', '.join(known)})")
        return kinds[0]

    def item(self, doc: dict, kind: str, key: str, where: list) -> ItemSpec:
        path = self.file(doc[kind], [*where, kind], f"{kind} file")
        if kind == "quiz" and path.suffix.lower() not in QUESTION_SUFFIXES:
            raise self.fail([*where, kind], f"{doc[kind]} is not a question file (" +
                            ", ".join(sorted(QUESTION_SUFFIXES)) + ")")
        in_point = self.time(doc["in"], [*where, "in"]) if "in" in doc else None
        out_point = self.time(doc["out"], [*where, "out"]) if "out" in doc else None
        if in_point is not None and out_point is not None and out_point <= in_point:
            raise self.fail([*where, "out"], f"the out point ({out_point:g} s) must be after "
                                             f"the in point ({in_point:g} s)")
        narration = None
        if "narration" in doc:
            narration = self.file(doc["narration"], [*where, "narration"], "narration script")
        return ItemSpec(
            kind=kind, path=path, key=key,
            title=doc["title"].strip() if "title" in doc else None,
            in_point=in_point, out_point=out_point,
            captions=tuple(self.caption(c, [*where, "captions", i])
                           for i, c in enumerate(doc.get("captions", []))),
            narration=narration,
            settings=self.settings(doc, kind, where))

    def settings(self, doc: dict, kind: str, where: list) -> dict:
        table: KindSettings = settings_of(SETTINGS_KIND[kind])
        out = {}
        for name in item_settings(kind):
            if name in doc:
                try:
                    out[name] = table[name].check(doc[name])
                except InvalidEditError as exc:
                    raise self.fail([*where, name], exc.message.rstrip(".")) from None
        return out

    def caption(self, value: str | dict, where: list) -> CaptionSpec:
        if isinstance(value, str):
            return CaptionSpec(self.file(value, where, "caption file"))
        language = None
        if "language" in value:
            language = self.language(value["language"], [*where, "language"])
        encoding = value.get("encoding")
        if encoding is not None:
            try:
                encoding = codecs.lookup(encoding).name
            except (LookupError, TypeError):
                raise self.fail([*where, "encoding"], f"{encoding!r} is not a text encoding "
                                "this studio knows (try cp1251, iso8859-2, shift_jis)") from None
        return CaptionSpec(self.file(value["file"], [*where, "file"], "caption file"),
                           language, value.get("label"), encoding)

    def language(self, value: str, where: list) -> str:
        try:
            return language_tag(value)
        except InvalidEditError as exc:
            raise self.fail(where, exc.message.rstrip(".")) from None

    def time(self, value: float | str, where: list) -> float:
        if isinstance(value, str):
            try:
                return parse_time(value)
            except InvalidEditError as exc:
                raise self.fail(where, exc.message.rstrip(".")) from None
        return float(value)

    def path(self, value: str, where: list) -> Path:
        return Path(os.path.abspath(self.root / value))

    def file(self, value: str, where: list, what: str) -> Path:
        path = self.path(value, where)
        if not path.is_file():
            missing = "is a folder, not a file" if path.is_dir() else "does not exist"
            raise self.fail(where, f"{what} {value} {missing}")
        return path
