"""Pictures, sounds and videos of imported questions become assets, stored once by content
like any other media, and their asset ids go into the questions' data.

Files a question file carries (Moodle XML's base64 ``<file>``, a QTI package's members) come
in :attr:`~studio.quiz.source.ParsedFile.files`; each question names the ones it shows in
:attr:`~studio.quiz.source.ParsedQuestion.media` (where -> file name: "prompt",
"choice:<id>", "item:<id>", "hotspot"), and until they are stored the data holds the file
name where the asset id goes (``media`` of the prompt, a choice or an item; ``image`` of a
hotspot). A name the file does not carry (a spreadsheet's ``picture`` column) is looked for
beside the question file, as GIFT pictures are.

The ``<img>`` of a GIFT ``[html]`` prompt is looked for beside the question file:
``src="map.png"``, ``src="img/map.png"`` or Moodle's ``@@PLUGINFILE@@/map.png`` (its files
exported next to the GIFT). A ``data:image/...;base64,`` picture is decoded. A prompt shows
one picture. Every file that could not be brought in (not found, not carried, a web address,
not media, a second picture) is named in one notice of the file, never dropped silently; so
is every picture brought in without alternative text
(:func:`~studio.quiz.questions.missing_alt`).
"""

from __future__ import annotations

import base64
import binascii
import copy
import dataclasses
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote

from studio import commands
from studio.errors import ImportFileError
from studio.media.probe import ProbeResult, probe
from studio.quiz.questions import missing_alt
from studio.quiz.source import Notice, ParsedFile, ParsedQuestion
from studio.store import Project

PLUGINFILE = "@@PLUGINFILE@@/"
_DATA_URI = re.compile(r"data:image/(png|jpeg|gif|webp);base64,(.*)$", re.IGNORECASE | re.DOTALL)


class _LeftOut(Exception):
    """A picture that cannot be brought in; the message says why, in the author's words."""


def attach_images(project: Project, path: Path, parsed: ParsedFile) -> list[ParsedQuestion]:
    """``parsed``'s questions with their media stored as assets and named in their data:
    each file a question names in its ``media`` (an image, sound or video; a hotspot's an
    image), from ``parsed.files`` or else beside ``path``, and the first GIFT picture of its
    ``images`` as the prompt's media when the prompt has none yet. The media left out (and
    why) are named in one :class:`~studio.quiz.source.Notice` appended to
    ``parsed.notices``, the pictures without alternative text in another. Call it inside the
    import's edit, so the assets are part of its undo step. Raises what
    :meth:`~studio.store.Project.store_media` raises (ProjectWriteError)."""
    questions, left_out, no_alt = [], [], []
    with tempfile.TemporaryDirectory(prefix="studio-pictures-") as scratch:
        files = _Carried(project, parsed.files, Path(scratch), path)
        for question in parsed.questions:
            data = copy.deepcopy(question.data)
            for where, name in question.media.items():
                try:
                    asset = files.store(name, hotspot=where == "hotspot")
                except _LeftOut as reason:
                    asset = None
                    left_out.append((question.line, f"{_short(name)} ({reason})"))
                _place(data, where, asset)
            media = data.get("media")
            for src in question.images:
                try:
                    if media is not None:
                        raise _LeftOut("a question shows one picture")
                    media = data["media"] = _store(project, _find(path, src, Path(scratch)))
                    files.kinds[media] = "image"
                except _LeftOut as reason:
                    left_out.append((question.line, f"{_short(src)} ({reason})"))
            missing = missing_alt(data, files.kinds.get)
            if missing:
                no_alt.append((question.line, ", ".join(missing)))
            changed = question.media or data.get("media") != question.data.get("media")
            questions.append(dataclasses.replace(question, data=data) if changed else question)
    for lines, message in ((left_out, "pictures not imported"),
                           (no_alt, "picture without alternative text (add it in the quiz "
                                    "editor)")):
        if lines:
            parsed.notices.append(Notice(lines[0][0], f"{message}: " + "; ".join(
                f"line {line}: {what}" for line, what in lines)))
    return questions


def check_beside(path: Path, parsed: ParsedFile) -> None:
    """Refuse a spreadsheet whose ``picture`` column names a file that is not beside it.

    Each media name of ``parsed``'s questions that the file does not carry must name a file
    in ``path``'s folder (or below it). Writes nothing. Raises
    :class:`~studio.errors.ImportFileError` listing every such row ("row 2, column
    'picture': no file map.png beside bank.xlsx"), so the import adds nothing."""
    errors = []
    for question in parsed.questions:
        for name in question.media.values():
            if name in parsed.files:
                continue
            try:
                _beside(path, name)
            except _LeftOut as reason:
                errors.append(f"row {question.line}, column 'picture': {reason}")
    if errors:
        raise ImportFileError(f"{path.name} has {len(errors)} error(s); nothing was "
                              "imported:\n  " + "\n  ".join(errors))


def _place(data: dict, where: str, asset: str | None) -> None:
    """Put an asset id (None: the file was left out) where a question shows the file."""
    if where == "hotspot":
        holder, key, alt = data, "image", "imageAlt"
    elif where == "prompt":
        holder, key, alt = data, "media", "mediaAlt"
    else:
        field, _, entry_id = where.partition(":")
        entries = data.get({"choice": "choices", "item": "items"}.get(field, ""), [])
        holder = next((e for e in entries if isinstance(e, dict) and e.get("id") == entry_id),
                      None)
        key, alt = "media", "mediaAlt"
        if holder is None:
            return
    holder[key] = asset
    if asset is None:
        holder.pop(alt, None)  # alternative text without its media is refused
        if holder is not data:
            holder.pop(key)


class _Carried:
    """The media files of a question file's questions, each stored once (by name) on first
    use: carried in it, else found beside it."""

    def __init__(self, project: Project, files: dict[str, bytes], scratch: Path,
                 question_file: Path):
        self.project, self.files, self.scratch = project, files, scratch
        self.question_file = question_file
        self.stored: dict[str, str | _LeftOut] = {}
        self.kinds: dict[str, str] = {}  # asset id -> kind, for missing_alt

    def store(self, name: str, hotspot: bool) -> str:
        if name not in self.stored:
            try:
                self.stored[name] = self._store(name)
            except _LeftOut as reason:
                self.stored[name] = reason
        found = self.stored[name]
        if isinstance(found, _LeftOut):
            raise found
        if hotspot and self.kinds[found] != "image":
            raise _LeftOut("a hotspot shows a picture, not "
                           + {"audio": "a sound", "video": "a video"}[self.kinds[found]])
        return found

    def _store(self, name: str) -> str:
        data = self.files.get(name)
        if data is None:  # named, not carried (a spreadsheet's picture): beside the file
            data = _find(self.question_file, name, self.scratch).read_bytes()
        original = Path(name.replace("\\", "/")).name or "media"
        target = self.scratch / f"carried-{len(self.stored)}{Path(original).suffix.lower()}"
        target.write_bytes(data)
        try:
            found = probe(target)
        except ImportFileError as exc:
            raise _LeftOut(exc.message.removeprefix(str(target)).removeprefix(
                target.name).strip().rstrip(".")) from None
        asset = _add_asset(self.project, target, original, found)
        self.kinds[asset] = found.kind
        return asset


def _add_asset(project: Project, stored: Path, original: str, found: ProbeResult) -> str:
    sha, filename = project.store_media(stored)
    info = None
    if found.kind != "image":
        from studio.media.render import asset_info  # noqa: PLC0415 (ffmpeg tooling: on use)

        info = asset_info(stored, found)
    return commands.add_asset(project, sha, filename, original, found.kind,
                              stored.stat().st_size, found.duration, found.width, found.height,
                              info)


def _find(question_file: Path, src: str, scratch: Path) -> Path:
    """The file a picture's ``src`` names (a data URI is written into ``scratch``)."""
    embedded = _DATA_URI.match(src)
    if embedded:
        try:
            data = base64.b64decode(embedded.group(2), validate=False)
        except (binascii.Error, ValueError):
            raise _LeftOut("its embedded data is not valid base64") from None
        target = scratch / f"picture-{len(list(scratch.iterdir()))}.{embedded.group(1)}"
        target.write_bytes(data)
        return target
    if re.match(r"[a-z][a-z0-9+.-]*:", src, re.IGNORECASE) and not src.startswith(PLUGINFILE):
        raise _LeftOut("a web address: save the picture beside the question file")
    return _beside(question_file, unquote(src.removeprefix(PLUGINFILE).split("?")[0]
                                          .split("#")[0]))


def _beside(question_file: Path, name: str) -> Path:
    """The file ``name`` (a relative path) in the question file's folder, or its last part
    there; raises _LeftOut when neither is a file inside that folder."""
    folder = question_file.parent.resolve()
    for candidate in (folder / name, folder / Path(name).name):
        found = candidate.resolve()
        if found.is_relative_to(folder) and found.is_file():
            return found
    raise _LeftOut(f"no file {Path(name).name} beside {question_file.name}")


def _store(project: Project, picture: Path) -> str:
    try:
        found = probe(picture)
    except ImportFileError as exc:
        raise _LeftOut(exc.message.removeprefix(picture.name + " ").rstrip(".")) from None
    if found.kind != "image":
        raise _LeftOut(f"a {found.kind} file, not a picture")
    return _add_asset(project, picture, picture.name, found)


def _short(src: str) -> str:
    return src if len(src) <= 60 else src[:40] + "…"
