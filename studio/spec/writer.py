"""A build spec written back as TOML (``studio build FOLDER --write-spec``): the format
:mod:`studio.spec.reader` reads, with paths relative to the written file's folder, so the
file reads back to the same course (equal apart from ``source`` and ``root``, which are the
written file and its folder). Written whole or not at all (``studio.files.replacing``).
"""

from __future__ import annotations

import os
from pathlib import Path

from studio.errors import SpecError
from studio.files import replacing
from studio.item_kinds import settings_of
from studio.model import TrackingPolicy
from studio.spec.keys import item_key, numbered, relative_name
from studio.spec.model import CaptionSpec, CourseSpec, ItemSpec, LessonSpec, ModuleSpec
from studio.spec.reader import SETTINGS_KIND


def write_spec(spec: CourseSpec, path: Path | str) -> Path:
    """Write ``spec`` as a TOML build spec at ``path`` (replacing a file there) and return
    the absolute path written. Ids are written only where the key the reader would derive
    differs from the spec's. Raises :class:`SpecError` when the file cannot be written."""
    target = Path(os.path.abspath(path))
    text = spec_toml(spec, target.parent)
    try:
        with replacing(target) as part:
            part.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SpecError(f"{target}: cannot be written ({exc.strerror or exc}).") from None
    return target


def spec_toml(spec: CourseSpec, folder: Path) -> str:
    """``spec`` as the text of a TOML build spec whose paths are relative to ``folder``."""
    import tomli_w  # noqa: PLC0415  (only when a spec is written)

    return tomli_w.dumps(spec_document(spec, folder))


def spec_document(spec: CourseSpec, folder: Path) -> dict:
    """``spec`` as the plain document a spec file holds (keys in the documented order),
    paths relative to ``folder``."""
    doc: dict = {"title": spec.title, "language": spec.language}
    if spec.description:
        doc["description"] = spec.description
    if spec.resolution is not None:
        doc["resolution"] = list(spec.resolution)
    if spec.tracking is not None:
        doc["tracking"] = _tracking(spec.tracking)
    # modules and lessons always carry their id, so a title edited in the written spec is a
    # rename on the next build, not a new module or lesson
    doc["modules"] = [_module(m, folder) for m in spec.modules]
    return doc


def _ids_needed(keys: list[str], derived: list[str]) -> list[bool]:
    """Which nodes need their key written as ``id``: those whose key the reader would not
    derive, as it derives (explicit ids reserved first, the rest numbered in order)."""
    explicit = [False] * len(keys)
    while True:
        used = {key for key, given in zip(keys, explicit, strict=True) if given}
        wrong = [i for i, (key, base) in enumerate(zip(keys, derived, strict=True))
                 if not explicit[i] and numbered(base, used) != key]
        if not wrong:
            return explicit
        explicit[wrong[0]] = True


def _tracking(policy: TrackingPolicy) -> dict:
    table: dict = {"completion": policy.completion.value,
                   "completion_threshold": policy.completion_threshold}
    if policy.mastery_score is not None:
        table["mastery_score"] = policy.mastery_score
    return table


def _module(module: ModuleSpec, folder: Path) -> dict:
    out: dict = {"title": module.title, "id": module.key}
    out["lessons"] = [_lesson(n, folder) for n in module.lessons]
    return out


def _lesson(lesson: LessonSpec, folder: Path) -> dict:
    out: dict = {"title": lesson.title, "id": lesson.key}
    items = lesson.items
    ids = _ids_needed([n.key for n in items], [item_key(n.kind, n.path, folder) for n in items])
    out["items"] = [_item(n, folder, i) for n, i in zip(items, ids, strict=True)]
    return out


def _item(item: ItemSpec, folder: Path, given: bool) -> dict:
    out: dict = {item.kind: relative_name(item.path, folder)}
    if item.title is not None:
        out["title"] = item.title
    if given:
        out["id"] = item.key
    if item.in_point is not None:
        out["in"] = item.in_point
    if item.out_point is not None:
        out["out"] = item.out_point
    if item.captions:
        out["captions"] = [_caption(c, folder) for c in item.captions]
    if item.narration is not None:
        out["narration"] = relative_name(item.narration, folder)
    table = settings_of(SETTINGS_KIND[item.kind])
    # an optional number's None ("all", "unlimited") is written as the 0 that reads as None
    out.update({name: 0 if value is None and table[name].optional else value
                for name, value in item.settings.items()})
    return out


def _caption(caption: CaptionSpec, folder: Path) -> str | dict:
    name = relative_name(caption.path, folder)
    if caption.language is None and caption.label is None and caption.encoding is None:
        return name
    out: dict = {"file": name}
    if caption.language is not None:
        out["language"] = caption.language
    if caption.label is not None:
        out["label"] = caption.label
    if caption.encoding is not None:
        out["encoding"] = caption.encoding
    return out
