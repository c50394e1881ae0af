"""Pictures of imported questions: the ``<img>`` of a GIFT ``[html]`` prompt becomes the
question's media, an image asset stored once by content like any other.

A picture is looked for beside the question file: ``src="map.png"``, ``src="img/map.png"``
or Moodle's ``@@PLUGINFILE@@/map.png`` (its files exported next to the GIFT). A
``data:image/...;base64,`` picture is decoded. A question shows one picture; every picture
that could not be brought in (not found, a web address, not a picture, a second one) is
named in one notice of the file, never dropped silently.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote

from studio import commands
from studio.errors import ImportFileError
from studio.media.probe import probe
from studio.quiz.source import Notice, ParsedFile, ParsedQuestion
from studio.store import Project

PLUGINFILE = "@@PLUGINFILE@@/"
_DATA_URI = re.compile(r"data:image/(png|jpeg|gif|webp);base64,(.*)$", re.IGNORECASE | re.DOTALL)


class _LeftOut(Exception):
    """A picture that cannot be brought in; the message says why, in the author's words."""


def attach_images(project: Project, path: Path, parsed: ParsedFile) -> list[ParsedQuestion]:
    """``parsed``'s questions with the first picture of each stored as an image asset and
    named in its ``data["media"]``; the pictures left out are named, with their lines, in one
    :class:`~studio.quiz.source.Notice` appended to ``parsed.notices``. Call it inside the
    import's edit, so the assets are part of its undo step. Raises what
    :meth:`~studio.store.Project.store_media` raises (ProjectWriteError)."""
    questions, left_out = [], []
    with tempfile.TemporaryDirectory(prefix="studio-pictures-") as scratch:
        for question in parsed.questions:
            media = None
            for src in question.images:
                try:
                    if media is not None:
                        raise _LeftOut("a question shows one picture")
                    media = _store(project, _find(path, src, Path(scratch)))
                except _LeftOut as reason:
                    left_out.append((question.line, f"{_short(src)} ({reason})"))
            questions.append(dataclasses.replace(question, data={**question.data,
                                                                 "media": media})
                             if media else question)
    if left_out:
        parsed.notices.append(Notice(left_out[0][0], "pictures not imported: " + "; ".join(
            f"line {line}: {what}" for line, what in left_out)))
    return questions


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
    folder = question_file.parent.resolve()
    name = unquote(src.removeprefix(PLUGINFILE).split("?")[0].split("#")[0])
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
    sha, filename = project.store_media(picture)
    return commands.add_asset(project, sha, filename, picture.name, "image",
                              picture.stat().st_size, width=found.width, height=found.height)


def _short(src: str) -> str:
    return src if len(src) <= 60 else src[:40] + "…"
