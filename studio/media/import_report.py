"""What the import use case talks in: where files go, and what came of them.

Plain frozen types shared by the importers (media files, decks, question files, caption
files) and the faces that render an import's outcome; no importer logic lives here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from studio.errors import ImportFileError


class FileKind(Enum):
    """What a file on disk is to the studio, decided by its name's suffix."""

    MEDIA = "media"  # video, audio or a picture: an asset, and an item when it has a lesson
    DECK = "deck"  # a PowerPoint deck (.pptx): one slide item per visible slide
    QUESTIONS = "questions"  # a GIFT or Aiken file: questions for a quiz
    CAPTIONS = "captions"  # a caption file (SRT, WebVTT, SBV, ASS/SSA, TTML): a clip's track


@dataclass(frozen=True)
class ImportTarget:
    """Where the files of one import go; each kind of file uses the fields that concern it.

    - media files: into ``lesson_id`` (or the new lesson), at ``index`` then onwards
      (None: at the end); with no lesson, into the media bin only;
    - decks: into the lesson, their slides at its end (a re-import updates them where they
      are); with no lesson, each deck into a new lesson named after it;
    - question files: into ``quiz_id``; else each file becomes a new quiz, named after it,
      in the lesson (at ``index`` like media items); with neither, they are refused;
    - caption files: onto the clip ``clip_id`` as the track in ``language`` (a BCP 47 tag,
      for example ``fr-CA``, also the hint for a legacy text encoding) shown as ``label``,
      read in ``encoding`` (a codec name such as ``cp1251``) when given; with no clip, they
      are refused.

    ``new_lesson`` is the title of a lesson added at the end of the last module (a first
    module is made when the course has none), made only when a file goes into it.
    Raises :class:`~studio.errors.ImportFileError` when both a lesson and a new lesson are given.
    """

    lesson_id: str | None = None
    new_lesson: str | None = None
    index: int | None = None  # position in the lesson, 0 = first
    quiz_id: str | None = None
    clip_id: str | None = None
    language: str = ""
    label: str = ""
    encoding: str | None = None

    def __post_init__(self) -> None:
        one_lesson(self.lesson_id, self.new_lesson)

    @classmethod
    def media_bin(cls) -> ImportTarget:
        """Media files into the media bin only; decks each into a new lesson of their own."""
        return cls()

    @classmethod
    def lesson(cls, lesson_id: str | None, index: int | None = None) -> ImportTarget:
        """Into an existing lesson at ``index`` (None: the end); a None lesson is the media bin."""
        return cls(lesson_id=lesson_id or None, index=index)

    @classmethod
    def quiz(cls, quiz_id: str) -> ImportTarget:
        """Question files into an existing quiz."""
        return cls(quiz_id=quiz_id)

    @classmethod
    def captions(cls, clip_id: str, language: str, label: str = "",
                 encoding: str | None = None) -> ImportTarget:
        """Caption files onto a video clip, as its track in ``language``."""
        return cls(clip_id=clip_id, language=language.strip(), label=label,
                   encoding=encoding or None)


def one_lesson(lesson_id: str | None, new_lesson: str | None) -> None:
    """Refuse (:class:`~studio.errors.ImportFileError`) a lesson id and a new lesson title
    given together."""
    if lesson_id and new_lesson:
        raise ImportFileError("Give either an existing lesson or a new lesson title, not both.")


class NoTargetError(ImportFileError):
    """A file has nowhere to go under the target given (a question file with no quiz or
    lesson, a caption file with no clip); ``kind`` and ``path`` let a face say what to add."""

    def __init__(self, message: str, kind: FileKind, path: Path):
        super().__init__(message)
        self.kind, self.path = kind, path


@dataclass(frozen=True)
class Added:
    """One file that was imported, and what it became (ids of the project's rows)."""

    path: Path
    kind: FileKind
    asset_id: str | None = None  # the stored file (media, captions); None for decks, questions
    item_ids: tuple[str, ...] = ()  # items added: a clip or slide, a deck's new slides, a quiz
    lesson_id: str | None = None  # the lesson the items are in
    quiz_id: str | None = None  # question files: the quiz that received them
    question_ids: tuple[str, ...] = ()  # question files: the questions added, in file order
    updated_ids: tuple[str, ...] = ()  # decks: slide items updated in place by a re-import
    removed_titles: tuple[str, ...] = ()  # decks: slide items removed, their slide left the deck
    media_asset_ids: tuple[str, ...] = ()  # decks: audio and video extracted from the deck
    renderer: str | None = None  # decks: "libreoffice" or "builtin"


@dataclass(frozen=True)
class Skipped:
    """A part of an imported file that was read but left out, and why (``line``: 1-based)."""

    path: Path
    line: int | None
    why: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.why}" if self.line is not None else self.why


class NoticeKind(Enum):
    """What an :class:`ImportNotice` is about."""

    HIDDEN_SLIDES = "hidden slides"  # slides hidden in a deck were not imported
    WARNING = "warning"  # imported, but not all as the file has it


@dataclass(frozen=True)
class ImportNotice:
    """Something a person should know about a file that was imported.

    ``slides``: the deck slide numbers (1-based, hidden slides counted) it is about, if any;
    ``line``: the file's line (1-based) it is about, if any.
    """

    path: Path
    kind: NoticeKind
    message: str
    slides: tuple[int, ...] = ()
    line: int | None = None

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line is not None else self.message


@dataclass(frozen=True)
class ImportReport:
    """What one import did, file by file, in the order the files were given.

    An import is all or nothing, so a report always describes a whole import that was
    committed as one undo step named :attr:`name`.
    """

    name: str
    added: tuple[Added, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    notices: tuple[ImportNotice, ...] = ()

    def of_kind(self, kind: FileKind) -> tuple[Added, ...]:
        """The added entries of one kind of file."""
        return tuple(entry for entry in self.added if entry.kind is kind)

    def skipped_in(self, path: Path) -> tuple[Skipped, ...]:
        """What was left out of one file."""
        return tuple(entry for entry in self.skipped if entry.path == path)

    def notices_for(self, path: Path) -> tuple[ImportNotice, ...]:
        """The notices about one file."""
        return tuple(entry for entry in self.notices if entry.path == path)

    @property
    def media_asset_ids(self) -> tuple[str, ...]:
        """Assets of the imported media files, the ones that get timeline previews."""
        return tuple(entry.asset_id for entry in self.of_kind(FileKind.MEDIA)
                     if entry.asset_id is not None)
