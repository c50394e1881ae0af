"""A folder of raw materials read as a build spec, by convention.

The folder's own name is the course title. Its top-level folders are modules, their
subfolders lessons, all in natural name order ("2 Intro" before "10 Wrap-up"); a leading
number and separator ("01 ", "01-", "01_", "1. ") orders a folder or file and is not part
of its title. In a lesson, files in natural name order become items by suffix (see
``MATERIALS``); a caption file with a video's or sound's stem (``intro.srt``, or
``intro.fr.vtt`` for French) becomes its captions; a ``.txt`` with a deck's, picture's or
page's stem becomes its narration script; any other ``.txt`` is a quiz when the Aiken reader
accepts it. Hidden files, Office lock files (``~$…``), ``.DS_Store``, ``Thumbs.db`` and
``desktop.ini`` are ignored; anything else is skipped with a note, as are empty lessons and
modules. A ``course.toml`` (or ``course.yaml``/``course.yml``) at the folder's top is the
spec: it wins over the convention.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from studio.errors import ImportFileError, InvalidEditError, SpecError
from studio.language import language_tag
from studio.spec.keys import item_key, numbered, relative_name, slug
from studio.spec.model import CaptionSpec, CourseSpec, ItemSpec, LessonSpec, ModuleSpec
from studio.spec.reader import read_spec

SPEC_NAMES = ("course.toml", "course.yaml", "course.yml")
# The convention's suffixes (lower case) and the spec item kind each becomes: the formats
# the import reads without a question of what is meant (other question files, fonts and
# documents are skipped with a note).
MATERIALS = {
    **dict.fromkeys((".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi"), "video"),
    **dict.fromkeys((".mp3", ".m4a", ".wav", ".aac", ".ogg", ".oga", ".opus", ".flac"),
                    "audio"),
    ".pptx": "deck",
    ".gift": "quiz",
    ".md": "page",
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp"), "image"),
}
CAPTION_SUFFIXES = (".srt", ".vtt")
SCRIPT_SUFFIX = ".txt"  # a narration script, or Aiken questions
IGNORED_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}
_LEADING_NUMBER = re.compile(r"^\d+(?:[ _-]+|\.\s*|\)\s*)(?=\S)")
_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class Inference:
    """A folder read as a spec: the ``spec`` and the ``notes`` on what was skipped (one
    line each, naming the path relative to the folder), in folder order."""

    spec: CourseSpec
    notes: tuple[str, ...] = ()


def infer_spec(folder: Path | str) -> CourseSpec:
    """The build spec a folder of raw materials stands for; see :func:`infer`."""
    return infer(folder).spec


def read_source(source: Path | str) -> Inference:
    """What ``studio build SOURCE`` builds: a folder inferred (:func:`infer`), or a spec file
    read (:func:`studio.spec.reader.read_spec`, no notes). Raises :class:`SpecError` as
    those do."""
    return infer(source) if Path(source).is_dir() else Inference(read_spec(source))


def infer(folder: Path | str) -> Inference:
    """The build spec a folder of raw materials stands for, with notes on what it skipped.

    A ``course.toml``/``course.yaml``/``course.yml`` at the top is read instead
    (:func:`studio.spec.reader.read_spec`). Raises :class:`SpecError` when ``folder`` is not
    a readable folder, when it holds two spec files, or for a spec file's problems.
    """
    root = Path(os.path.abspath(folder))
    if not root.is_dir():
        raise SpecError(f"{root}: not a folder.")
    specs = [root / name for name in SPEC_NAMES if (root / name).is_file()]
    if len(specs) > 1:
        raise SpecError(f"{root.name}: holds {specs[0].name} and {specs[1].name}; keep one "
                        f"build spec.")
    if specs:
        return Inference(read_spec(specs[0]))
    notes: list[str] = []
    modules: list[ModuleSpec] = []
    taken: set[str] = set()
    for entry in _entries(root, root, notes):
        if not entry.is_dir():
            notes.append(f"{entry.name}: a file beside the modules is not part of the course; "
                         f"skipped.")
            continue
        module = _module(entry, root, notes)
        if module is not None:
            modules.append(ModuleSpec(module.title, numbered(module.key, taken), module.lessons))
    return Inference(CourseSpec(title=root.name, source=root, root=root,
                                modules=tuple(modules)), tuple(notes))


def title_of(name: str) -> str:
    """A folder's or file stem's title: its leading order number and separator removed
    ("01 - Intro" -> "Intro", "2_Setup" -> "Setup"); the name itself when nothing else
    is left."""
    return _LEADING_NUMBER.sub("", name.strip()).lstrip("-_ ").strip() or name.strip()


def natural_key(name: str) -> tuple:
    """Sort key of a natural name order: digit runs compare as numbers, letters without
    case ("2 Intro" < "10 Wrap-up"; "a" == "A", then by the exact name)."""
    parts = _DIGITS.split(name.casefold())
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p), name


def _entries(folder: Path, root: Path, notes: list[str]) -> list[Path]:
    try:
        children = list(folder.iterdir())
    except OSError as exc:
        if folder == root:
            raise SpecError(f"{root}: cannot be read ({exc.strerror or exc}).") from None
        notes.append(f"{relative_name(folder, root)}: cannot be read ({exc.strerror or exc}); "
                     f"skipped.")
        return []
    kept = [c for c in children if not (c.name.startswith((".", "~$"))
                                        or c.name.casefold() in IGNORED_NAMES)]
    return sorted(kept, key=lambda p: natural_key(p.name))


def _module(folder: Path, root: Path, notes: list[str]) -> ModuleSpec | None:
    lessons: list[LessonSpec] = []
    taken: set[str] = set()
    for entry in _entries(folder, root, notes):
        if not entry.is_dir():
            notes.append(f"{relative_name(entry, root)}: a file beside the lessons is not part "
                         f"of the course; skipped.")
            continue
        items = _items(entry, root, notes)
        if not items:
            notes.append(f"{relative_name(entry, root)}: no course materials; lesson skipped.")
            continue
        title = title_of(entry.name)
        lessons.append(LessonSpec(title, numbered(slug(title), taken), tuple(items)))
    if not lessons:
        notes.append(f"{relative_name(folder, root)}: no lessons; module skipped.")
        return None
    title = title_of(folder.name)
    return ModuleSpec(title, slug(title), tuple(lessons))


def _items(folder: Path, root: Path, notes: list[str]) -> list[ItemSpec]:
    entries = _entries(folder, root, notes)
    skipped = {entry: "a folder inside a lesson" for entry in entries if entry.is_dir()}
    files = [entry for entry in entries if entry not in skipped]
    materials = [(f, MATERIALS[f.suffix.lower()]) for f in files
                 if f.suffix.lower() in MATERIALS]
    by_stem = {f.stem.casefold(): (f, kind) for f, kind in reversed(materials)}
    captions: dict[Path, list[CaptionSpec]] = {}
    scripts: dict[Path, Path] = {}
    quizzes: set[Path] = set()
    for file in files:
        suffix = file.suffix.lower()
        if suffix in MATERIALS:
            continue
        if suffix in CAPTION_SUFFIXES:
            found = _caption_owner(file, by_stem)
            if found is None:
                skipped[file] = "captions without a video or sound of the same name"
            else:
                captions.setdefault(found[0], []).append(found[1])
        elif suffix == SCRIPT_SUFFIX:
            owner = by_stem.get(file.stem.casefold())
            if owner is not None and owner[1] in ("deck", "image", "page"):
                scripts[owner[0]] = file
            elif _is_aiken(file):
                quizzes.add(file)
            else:
                skipped[file] = ("neither a narration script (no deck, picture or page of the "
                                 "same name) nor Aiken questions")
        else:
            skipped[file] = "not a kind of file the folder convention takes"
    notes.extend(f"{relative_name(entry, root)}: {skipped[entry]}; skipped."
                 for entry in entries if entry in skipped)
    items: list[ItemSpec] = []
    taken: set[str] = set()
    for file in files:
        kind = MATERIALS.get(file.suffix.lower()) or ("quiz" if file in quizzes else None)
        if kind is None:
            continue
        title = title_of(file.stem)
        items.append(ItemSpec(
            kind=kind, path=file, key=numbered(item_key(kind, file, root), taken),
            title=title if title != file.stem else None,
            captions=tuple(captions.get(file, ())), narration=scripts.get(file)))
    return items


def _caption_owner(file: Path, by_stem: dict) -> tuple[Path, CaptionSpec] | None:
    """The video or sound a caption file belongs to, and the caption: ``intro.vtt`` in the
    course language, ``intro.fr.vtt`` in the language its last stem part names."""
    owner = by_stem.get(file.stem.casefold())
    if owner is not None and owner[1] in ("video", "audio"):
        return owner[0], CaptionSpec(file)
    stem, _, tag = file.stem.rpartition(".")
    owner = by_stem.get(stem.casefold()) if stem else None
    if owner is None or owner[1] not in ("video", "audio"):
        return None
    try:
        return owner[0], CaptionSpec(file, language_tag(tag))
    except InvalidEditError:
        return None


def _is_aiken(file: Path) -> bool:
    """Whether the Aiken reader accepts ``file`` with at least one question."""
    from studio.quiz.aiken import parse_aiken  # noqa: PLC0415  (only for a lone .txt)

    try:
        text = file.read_text(encoding="utf-8-sig")
        return bool(parse_aiken(text, file.name).questions)
    except (OSError, UnicodeDecodeError, ImportFileError):
        return False
