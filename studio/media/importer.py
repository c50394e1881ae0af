"""The import use case: files on disk become assets, items, questions and caption tracks.

One front door, :func:`import_paths`, takes the files of one import and an
:class:`~studio.media.import_report.ImportTarget`, routes each file to its importer by its
kind (:func:`kind_of`) and returns an :class:`~studio.media.import_report.ImportReport`.
The command line and the window both import through it.

All or nothing: every file is probed, parsed or rendered before anything is written, so a
bad file in a batch imports nothing. The whole batch is then one named command (one undo
step); media files it stored are removed again if that command fails or is cancelled.
:func:`import_files` is the importer of media files (video, audio, pictures) alone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from studio import commands
from studio.errors import ImportFileError
from studio.jobs import CancelToken, Progress, SubProgress, no_progress
from studio.media.captions import CAPTION_SUFFIXES, load_captions
from studio.media.clip_captions import import_captions
from studio.media.import_report import (
    Added,
    FileKind,
    ImportNotice,
    ImportReport,
    ImportTarget,
    NoTargetError,
    NoticeKind,
    Skipped,
)
from studio.media.import_steps import (
    add_item_for,
    add_lesson_at_end,
    check_lesson,
    removing_new_media_on_error,
)
from studio.media.probe import ProbeResult, probe
from studio.quiz.exchange import SUFFIXES as QUESTION_SUFFIXES
from studio.store import Project

DECK_SUFFIXES = {".pptx"}
MEDIA_BIN = ImportTarget.media_bin()


@dataclass(frozen=True)
class Imported:
    """One media file imported by :func:`import_files`."""

    path: Path
    asset_id: str
    item_id: str | None  # None when the asset only went to the media bin


def kind_of(path: Path | str) -> FileKind:
    """The kind of a file, by its suffix (any case): .pptx a deck, the suffixes of
    question files (:data:`studio.quiz.exchange.SUFFIXES`: .gift, .txt, .xml, .zip, .xlsx,
    .csv) questions, caption suffixes (.srt, .vtt, .sbv, .ass, .ssa, .ttml, .dfxp)
    captions, anything else media (probed when imported)."""
    suffix = Path(path).suffix.lower()
    if suffix in DECK_SUFFIXES:
        return FileKind.DECK
    if suffix in QUESTION_SUFFIXES:
        return FileKind.QUESTIONS
    if suffix in CAPTION_SUFFIXES:
        return FileKind.CAPTIONS
    return FileKind.MEDIA


def import_name(files: Iterable[Path | str]) -> str:
    """The name of the undo step (and the job) that imports these files, for example
    "Import a.mp4, b.png, c.wav …" or "Import questions from quiz.gift"."""
    paths = [Path(f) for f in files]
    if len(paths) == 1 and kind_of(paths[0]) is FileKind.QUESTIONS:
        return f"Import questions from {paths[0].name}"
    if len(paths) == 1 and kind_of(paths[0]) is FileKind.CAPTIONS:
        return f"Add captions {paths[0].name}"
    return "Import " + ", ".join(p.name for p in paths[:3]) + (" …" if len(paths) > 3 else "")


def import_paths(project: Project, files: Sequence[Path | str],
                 target: ImportTarget = MEDIA_BIN, *, renderer: str = "auto",
                 progress: Progress = no_progress,
                 token: CancelToken | None = None) -> ImportReport:
    """Import files of any kind, in the order given, where ``target`` says, as one undo step.

    ``renderer`` draws deck slides: "auto" (LibreOffice when installed), "libreoffice" or
    "builtin". Progress runs 0..0.5 while files are read and 0.5..1 while they are stored.
    Raises :class:`~studio.media.import_report.NoTargetError` for a file with nowhere to go,
    :class:`~studio.errors.ImportFileError` for a file that cannot be used (naming it),
    :class:`~studio.errors.NotFoundError` for an unknown lesson or quiz,
    :class:`~studio.errors.Cancelled` when ``token`` is cancelled; nothing is written then.
    """
    token = token or CancelToken()
    paths = [Path(f) for f in files]
    if not paths:
        raise ImportFileError("Choose at least one file to import.")
    kinds = [kind_of(path) for path in paths]
    _check_target(project, paths, kinds, target)
    name, count = import_name(paths), len(paths)
    with contextlib.ExitStack() as prepared_decks:
        read = []
        for number, (path, kind) in enumerate(zip(paths, kinds, strict=True)):
            token.check()
            step = SubProgress(progress, 0.5 * number / count, 0.5 / count)
            read.append(_read(project, path, kind, renderer, step, token, prepared_decks,
                              target))
        token.check()
        writer = _Writer(project, target, token)
        with removing_new_media_on_error(project), project.group(name):
            for number, (path, kind, found) in enumerate(zip(paths, kinds, read, strict=True)):
                writer.write(path, kind, found,
                             SubProgress(progress, 0.5 + 0.5 * number / count, 0.5 / count))
    progress(1.0, f"Imported {count} file(s)")
    return ImportReport(name, tuple(writer.added), tuple(writer.skipped), tuple(writer.notices))


def _check_target(project: Project, paths: list[Path], kinds: list[FileKind],
                  target: ImportTarget) -> None:
    check_lesson(project, target.lesson_id)
    for path, kind in zip(paths, kinds, strict=True):
        if kind is FileKind.QUESTIONS and not target.quiz_id and not (
                target.lesson_id or target.new_lesson):
            raise NoTargetError(f"Say where the questions of {path.name} go: a quiz, or a "
                                "lesson for a new quiz.", kind, path)
        if kind is FileKind.CAPTIONS and not target.clip_id:
            raise NoTargetError(f"Say which clip the captions of {path.name} are for.", kind,
                                path)
    if target.quiz_id and FileKind.QUESTIONS in kinds:
        from studio.media.quiz_import import check_quiz  # noqa: PLC0415 (parsers: on use)

        check_quiz(project, target.quiz_id)


def _read(project: Project, path: Path, kind: FileKind, renderer: str, progress: Progress,
          token: CancelToken, prepared_decks: contextlib.ExitStack,
          target: ImportTarget = MEDIA_BIN) -> object:
    """Everything about one file that can fail before the project is written."""
    if kind is FileKind.MEDIA:
        return probe_files([path], progress, token)[0][1]
    if kind is FileKind.DECK:
        from studio.media.pptx_import import prepare_deck  # reads and renders slides

        return prepared_decks.enter_context(prepare_deck(project, path, renderer, progress,
                                                         token))
    progress(0.0, f"Reading {path.name}")
    if kind is FileKind.QUESTIONS:
        from studio.media.quiz_import import read_questions  # noqa: PLC0415

        return read_questions(path, token)
    return load_captions(path, target.language, target.encoding)


class _Writer:
    """Writes the files of one import that were read, inside its one command, and keeps
    the report's entries; the target's new lesson is made when a first file needs it."""

    def __init__(self, project: Project, target: ImportTarget, token: CancelToken):
        self.project, self.target, self.token = project, target, token
        self.lesson_id = target.lesson_id
        self.at = target.index  # where the next media item or new quiz goes in the lesson
        self.added: list[Added] = []
        self.skipped: list[Skipped] = []
        self.notices: list[ImportNotice] = []

    def lesson(self) -> str | None:
        if self.lesson_id is None and self.target.new_lesson:
            self.lesson_id = add_lesson_at_end(self.project, self.target.new_lesson)
        return self.lesson_id

    def _placed(self) -> int | None:
        at = self.at
        if at is not None:
            self.at = at + 1
        return at

    def write(self, path: Path, kind: FileKind, found, progress: Progress) -> None:
        {FileKind.MEDIA: self._media, FileKind.DECK: self._deck,
         FileKind.QUESTIONS: self._questions, FileKind.CAPTIONS: self._captions,
         }[kind](path, found, progress)

    def _media(self, path: Path, found: ProbeResult, progress: Progress) -> None:
        lesson = self.lesson()
        [entry] = store_probed(self.project, [(path, found)], lesson,
                               self._placed() if lesson else None, progress, self.token)
        self.added.append(Added(path, FileKind.MEDIA, asset_id=entry.asset_id,
                                item_ids=(entry.item_id,) if entry.item_id else (),
                                lesson_id=lesson if entry.item_id else None))

    def _deck(self, path: Path, prepared, progress: Progress) -> None:
        from studio.media.pptx_import import apply_deck

        deck = apply_deck(self.project, prepared, self.lesson(), None, progress, self.token)
        self.added.append(Added(path, FileKind.DECK, item_ids=deck.added,
                                lesson_id=deck.lesson_id, updated_ids=deck.updated,
                                removed_titles=deck.removed,
                                media_asset_ids=deck.media_asset_ids, renderer=deck.renderer))
        if deck.hidden:
            self.notices.append(ImportNotice(
                path, NoticeKind.HIDDEN_SLIDES,
                f"Hidden slides skipped: {', '.join(str(n) for n in deck.hidden)}.",
                slides=deck.hidden))
        self.notices += [ImportNotice(path, NoticeKind.WARNING, text) for text in deck.warnings]

    def _questions(self, path: Path, parsed, progress: Progress) -> None:
        progress(0.0, f"Adding {len(parsed.questions)} question(s)")
        quiz_id, new_quiz = self.target.quiz_id, ()
        if quiz_id is None:
            quiz_id = commands.add_quiz(self.project, self.lesson(), path.stem,
                                        index=self._placed())
            new_quiz = (quiz_id,)
        from studio.media.quiz_import import add_parsed  # noqa: PLC0415

        ids = add_parsed(self.project, quiz_id, path, parsed)
        self.added.append(Added(path, FileKind.QUESTIONS, item_ids=new_quiz,
                                lesson_id=self.lesson_id if new_quiz else None,
                                quiz_id=quiz_id, question_ids=tuple(ids)))
        for notice in parsed.notices:
            if notice.skipped:
                self.skipped.append(Skipped(path, notice.line, notice.message))
            else:
                self.notices.append(ImportNotice(path, NoticeKind.WARNING, notice.message,
                                                 line=notice.line))

    def _captions(self, path: Path, captions, progress: Progress) -> None:
        progress(0.0, f"Storing {path.name}")
        asset_id = import_captions(self.project, self.target.clip_id, path,
                                   self.target.language, self.target.label,
                                   captions=captions)
        self.added.append(Added(path, FileKind.CAPTIONS, asset_id=asset_id))
        self.skipped += [Skipped(path, None, notice) for notice in captions.notices]


def import_files(
    project: Project,
    files: list[Path],
    lesson_id: str | None = None,
    new_lesson: str | None = None,
    progress: Progress = no_progress,
    token: CancelToken | None = None,
) -> list[Imported]:
    """Import media files (video, audio, pictures) into the media bin, and onto the end of
    ``lesson_id`` or of a new lesson titled ``new_lesson`` when one is given, as one undo step.

    Raises :class:`~studio.errors.ImportFileError` for a file that is not usable media
    (naming it), :class:`~studio.errors.NotFoundError` for an unknown lesson,
    :class:`~studio.errors.Cancelled` when ``token`` is cancelled; nothing is written then.
    """
    token = token or CancelToken()
    check_lesson(project, lesson_id, new_lesson)
    probed = probe_files(files, SubProgress(progress, 0.0, 0.5), token)
    with removing_new_media_on_error(project), project.group(import_name(files)):
        if new_lesson:
            lesson_id = add_lesson_at_end(project, new_lesson)
        results = store_probed(project, probed, lesson_id, None,
                               SubProgress(progress, 0.5, 0.5), token)
    progress(1.0, f"Imported {len(files)} file(s)")
    return results


def probe_files(files: Sequence[Path], progress: Progress = no_progress,
                token: CancelToken | None = None) -> list[tuple[Path, ProbeResult]]:
    """Probe each media file; raises :class:`~studio.errors.ImportFileError` (naming the
    file) for one that is missing or not media, :class:`~studio.errors.Cancelled`."""
    token = token or CancelToken()
    probed: list[tuple[Path, ProbeResult]] = []
    for index, path in enumerate(files):
        token.check()
        progress(index / len(files), f"Reading {path.name}")
        probed.append((path, probe(path)))
    return probed


def store_probed(project: Project, probed: Sequence[tuple[Path, ProbeResult]],
                 lesson_id: str | None = None, index: int | None = None,
                 progress: Progress = no_progress,
                 token: CancelToken | None = None) -> list[Imported]:
    """Store probed media files as assets and, given a lesson, place each on its timeline
    from ``index`` on (None: at the end): a picture as a slide, audio or video as a clip.
    One undo step; raises what the store and the commands raise, and Cancelled."""
    token = token or CancelToken()
    results = []
    with project.group(import_name(path for path, _ in probed)):
        for number, (path, found) in enumerate(probed):
            token.check()
            progress(number / len(probed), f"Storing {path.name}")
            sha, filename = project.store_media(path)
            asset_id = commands.add_asset(
                project, sha, filename, path.name, found.kind, path.stat().st_size,
                found.duration, found.width, found.height, _asset_info(path, found),
            )
            at = None if index is None else index + number
            item_id = _place_on_timeline(project, lesson_id, asset_id, path, found, at)
            results.append(Imported(path, asset_id, item_id))
    return results


def _place_on_timeline(project: Project, lesson_id: str | None, asset_id: str, path: Path,
                       found: ProbeResult, index: int | None = None) -> str | None:
    if lesson_id is None:
        return None
    return add_item_for(project, lesson_id, asset_id, found.kind, path.stem, index)


def _asset_info(path: Path, found: ProbeResult) -> dict:
    """What to store as the asset's info: the probe and the facts a render reads."""
    from studio.media.render import asset_info  # noqa: PLC0415 (ffmpeg tooling: on first use)

    return asset_info(path, found)
