"""A build's read phase: every source file hashed, and what is new or changed read, probed
or rendered before the project is written; and each spec node's values as the spec has them
now (the ``theirs`` of a rebuild's merge)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from studio.errors import ImportFileError, SpecError, StudioError
from studio.jobs import CancelToken, Progress, SubProgress
from studio.media.build_map import Entry, file_sha256
from studio.media.build_text import deck_scripts, page_markup, read_text
from studio.media.caption_encoding import CaptionEncodingError
from studio.media.probe import ProbeResult, probe
from studio.model import resolution_text
from studio.spec.keys import relative_name
from studio.spec.model import CourseSpec, ItemSpec, LessonSpec, ModuleSpec
from studio.spec.schema import place
from studio.store import Project

MEDIA_KINDS = {"video": ("video", "audio"), "audio": ("audio", "video"), "image": ("image",)}


@dataclass
class Sources:
    """The spec's files as read: ``hashes`` of every file; for items that are new or whose
    file changed, the probe (video, audio, image), the prepared deck or the read questions;
    ``texts`` every Markdown page and narration script."""

    hashes: dict[Path, str] = field(default_factory=dict)
    probed: dict[Path, ProbeResult] = field(default_factory=dict)
    decks: dict[Path, object] = field(default_factory=dict)  # PreparedDeck
    questions: dict[Path, object] = field(default_factory=dict)  # ParsedFile
    texts: dict[Path, str] = field(default_factory=dict)


def module_key(module: ModuleSpec) -> str:
    """The build map's row id of a module."""
    return f"node:{module.key}"


def lesson_key(module: ModuleSpec, lesson: LessonSpec) -> str:
    """The build map's row id of a lesson (its key within its module)."""
    return f"node:{module.key}/{lesson.key}"


def item_key(module: ModuleSpec, lesson: LessonSpec, item: ItemSpec) -> str:
    """The build map's row id of an item (its key within its lesson)."""
    return f"node:{module.key}/{lesson.key}/{item.key}"


def read_sources(project: Project, spec: CourseSpec, stored: dict[str, Entry], renderer: str,
                 progress: Progress, token: CancelToken,
                 prepared: contextlib.ExitStack) -> Sources:
    """Hash every file, read the texts, and read what is new or changed (decks are prepared
    inside ``prepared``). Raises ImportFileError naming a file that is missing or cannot be
    used, Cancelled."""
    sources = Sources()
    files = spec.files()
    for path in files:
        token.check()
        sources.hashes[path] = file_sha256(path)
    items = spec.items()
    for number, (module, lesson, item) in enumerate(items):
        token.check()
        step = SubProgress(progress, number / max(1, len(items)), 1 / max(1, len(items)))
        step(0.0, f"Reading {item.path.name}")
        entry = stored.get(item_key(module, lesson, item))
        if item.narration is not None:
            sources.texts[item.narration] = read_text(item.narration)
        if item.kind == "page":
            sources.texts[item.path] = read_text(item.path)
        fresh = entry is None or entry.base.get("values", {}).get("source") != \
            sources.hashes[item.path]
        if not fresh or item.kind == "page":
            continue
        if item.kind in MEDIA_KINDS:
            found = probe(item.path)
            if found.kind not in MEDIA_KINDS[item.kind]:
                raise ImportFileError(f"{item.path.name} is not {_a(item.kind)} file "
                                      f"(it is {_a(found.kind)} file).")
            sources.probed[item.path] = found
        elif item.kind == "deck":
            from studio.media.pptx_import import prepare_deck  # noqa: PLC0415 (decks: on use)

            sources.decks[item.path] = prepared.enter_context(prepare_deck(
                project, item.path, renderer, step, token,
                frame=spec.resolution or project.course().settings.resolution))
        elif item.kind == "quiz":
            from studio.media.quiz_import import read_questions  # noqa: PLC0415

            with _named_from(spec.root, item.path):
                sources.questions[item.path] = read_questions(item.path, token)
    return sources


def check_trim(spec: CourseSpec, item: ItemSpec, values: dict, length: float | None) -> None:
    """SpecError naming the spec file and the item's place when its in or out point (in
    ``values``, :func:`item_values`) does not fit its source of ``length`` seconds."""
    start, end = values["in"], values["out"]
    if length is None:
        return
    if end is not None and end > length + 1e-6:
        name, reason = "out", (f"the out point ({end:g} s) is past the end of "
                               f"{item.path.name} ({length:g} s)")
    elif end is None and start >= length:
        name, reason = "in", (f"the in point ({start:g} s) is not before the end of "
                              f"{item.path.name} ({length:g} s)")
    else:
        return
    raise SpecError(f"{spec.source.name}: {place([*_where(spec, item), name])}: {reason}.")


def _where(spec: CourseSpec, item: ItemSpec) -> list:
    """The document path of ``item`` in ``spec``: ``modules``, 0, ``lessons``, 1…"""
    for m, module in enumerate(spec.modules):
        for n, lesson in enumerate(module.lessons):
            for i, candidate in enumerate(lesson.items):
                if candidate is item:
                    return ["modules", m, "lessons", n, "items", i]
    return []


@contextlib.contextmanager
def _named_from(root: Path, path: Path):
    """An error naming ``path`` by its file name names it relative to ``root`` instead, so
    a file in a folder of materials is found (``02 Hazards/01 Spot/quiz.gift, line 2``)."""
    try:
        yield
    except StudioError as exc:
        shown, message = relative_name(path, root), str(exc)
        if shown == path.name or not message.startswith(path.name) or \
                type(exc).__init__ is not StudioError.__init__:
            raise
        raise type(exc)(shown + message[len(path.name):]) from exc


def _a(kind: str) -> str:
    return ("an " if kind[:1] in "aeiou" else "a ") + kind


def course_values(spec: CourseSpec) -> dict:
    """The course fields as the spec gives them (a field the spec leaves out is absent)."""
    values: dict = {"title": spec.title, "language": spec.language,
                    "description": spec.description}
    if spec.resolution is not None:
        values["resolution"] = resolution_text(spec.resolution)
    if spec.tracking is not None:
        values["completion"] = spec.tracking.completion.value
        values["completion_threshold"] = spec.tracking.completion_threshold
        values["mastery_score"] = spec.tracking.mastery_score
    return values


def item_values(item: ItemSpec, sources: Sources) -> dict:
    """An item's values as the spec has them now: what a rebuild compares with the values
    last built and the project's."""
    values: dict = {"source": sources.hashes[item.path]}
    script = sources.texts.get(item.narration, "") if item.narration else ""
    if item.kind == "deck":
        values["scripts"] = deck_scripts(script) if script else []
        return values
    values["title"] = item.title or item.path.stem
    if item.kind in ("video", "audio"):
        values["in"] = item.in_point or 0.0
        values["out"] = item.out_point
        values["captions"] = [[sources.hashes[c.path], c.language, c.label]
                              + ([c.encoding] if c.encoding else [])  # older records stay equal
                              for c in item.captions]
    else:
        values["settings"] = dict(sorted(item.settings.items()))
    if item.kind == "page":
        values["text"] = page_markup(sources.texts[item.path])
    if item.kind in ("page", "image"):
        values["script"] = script.strip()
    return values


def encoding_advice(error: CaptionEncodingError, path: Path, root: Path) -> str:
    """The one-line refusal of a caption file whose encoding cannot be told, worded for a
    build of the spec whose paths are relative to ``root``: the spec's keys that settle it,
    not the command line's options."""
    guess = error.candidates[0] if error.candidates else "cp1251"
    could = f" and could be {' or '.join(error.candidates)}" if error.candidates else ""
    table = f'{{ file = "{relative_name(path, root)}", encoding = "{guess}" }}'
    return (f"{path} is not UTF-8{could}; in the spec, write its captions as {table} (or "
            'give its language, e.g. language = "ru"); studio build FOLDER --write-spec '
            "writes a spec to edit.")
