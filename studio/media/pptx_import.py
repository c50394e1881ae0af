"""The deck import use case: a .pptx becomes one slide item per visible slide, in order.

Everything that can fail is done before the project is touched: the deck is read and
checked, its embedded media and the narrations are probed, and the slides are rendered
into the cache. Storing and editing is then one command (one undo step); if it fails,
the media files it had stored are removed again, so nothing is half-imported.

Re-importing a revised deck into the same lesson (the deck is recognised by its file name)
updates the slide items in place, matched by PowerPoint's slide id: their ids, questions,
cue points, narration and the designer's own title and duration stay; new slides are
added after the slide they follow in the deck, slides gone from the deck are removed.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from studio import commands
from studio.errors import ImportFileError
from studio.item_kinds import SLIDE
from studio.jobs import CancelToken, Progress, SubProgress, no_progress
from studio.media.import_steps import (
    add_lesson_at_end,
    check_lesson,
    removing_new_media_on_error,
)
from studio.media.pptx_package import check_package
from studio.media.pptx_reader import Deck, DeckSlide, read_deck
from studio.media.pptx_unread import notices
from studio.media.probe import ProbeResult, probe
from studio.media.slide_narration import text_tracks
from studio.media.slide_render import RenderedSlides, fit_size, render_deck, start_conversion
from studio.slide_layout import SlidePicture, pictures_from_json
from studio.store import Project

DEFAULT_DURATION = SLIDE["duration"].default  # seconds


@dataclass(frozen=True)
class DeckImport:
    """What a deck import did; ``warnings`` are the notices for the person (one line each:
    linked media, unread content by kind, a renderer fallback)."""

    lesson_id: str
    renderer: str  # libreoffice | builtin
    added: tuple[str, ...]  # item ids of new slide items
    updated: tuple[str, ...]  # item ids of slide items updated in place
    removed: tuple[str, ...]  # titles of slide items whose slide left the deck
    hidden: tuple[int, ...]  # deck numbers of the hidden slides, not imported
    media_asset_ids: tuple[str, ...] = ()  # audio and video extracted from the deck
    warnings: tuple[str, ...] = field(default=())


def import_deck(project: Project, path: Path, lesson_id: str | None = None,
                new_lesson: str | None = None, renderer: str = "auto",
                progress: Progress = no_progress, token: CancelToken | None = None,
                narration: dict[int, Path] | None = None,
                frame: tuple[int, int] | None = None) -> DeckImport:
    """Import a deck into a lesson (or a new lesson in the last module), as one undo step.

    ``narration`` maps deck slide numbers (1-based, hidden slides counted) to audio files;
    a slide without one uses the deck's own embedded audio, if it has exactly one.
    ``renderer``: "auto", "libreoffice" or "builtin"; ``frame``: the (width, height) in pixels
    the slides are fitted into (default: the course's resolution). Raises
    :class:`~studio.errors.ImportFileError` for a bad deck, narration or embedded media,
    :class:`~studio.errors.NotFoundError` for an unknown lesson,
    :class:`~studio.errors.Cancelled` when ``token`` is cancelled; nothing is written then.
    """
    token = token or CancelToken()
    path = Path(path)
    check_lesson(project, lesson_id, new_lesson)
    with prepare_deck(project, path, renderer, progress, token, narration, frame) as prepared, \
            removing_new_media_on_error(project):
        return apply_deck(project, prepared, lesson_id, new_lesson,
                          SubProgress(progress, 0.9, 0.1), token)


@dataclass(frozen=True)
class PreparedDeck:
    """A deck read, checked, probed and rendered into the cache; the project is untouched.

    Only valid inside the :func:`prepare_deck` block that made it (its embedded media
    files live in a temporary folder until then).
    """

    deck: Deck
    rendered: RenderedSlides
    embedded: dict[str, tuple[Path, ProbeResult]]  # deck part name -> written file, probe
    narrations: dict[int, tuple[Path, ProbeResult]]  # slide number -> audio file, probe


@contextlib.contextmanager
def prepare_deck(project: Project, path: Path, renderer: str = "auto",
                 progress: Progress = no_progress, token: CancelToken | None = None,
                 narration: dict[int, Path] | None = None,
                 frame: tuple[int, int] | None = None) -> Iterator[PreparedDeck]:
    """Everything of a deck import that can fail, before the project is touched: read and
    check the deck, probe its embedded media and the narrations, render the slides into the
    cache. Yields the :class:`PreparedDeck` for :func:`apply_deck`; progress runs to 0.85.

    Arguments and errors as :func:`import_deck` (the lesson is :func:`apply_deck`'s).
    """
    token = token or CancelToken()
    path = Path(path)
    progress(0.0, f"Reading {path.name}")
    check_package(path)
    conversion = start_conversion(path, renderer)
    try:
        deck = read_deck(path, checked=True)
        if not deck.visible:
            raise ImportFileError(f"{path.name} has no visible slides.")
        narrations = _probe_narrations(deck, narration or {})
        with tempfile.TemporaryDirectory(prefix="studio-deck-media-") as work:
            embedded = _probe_embedded(deck, Path(work), token)
            token.check()
            rendered = render_deck(deck, project.cache_dir,
                                   fit_size(deck, frame or _frame(project)), renderer,
                                   SubProgress(progress, 0.05, 0.8), token, conversion)
            token.check()
            yield PreparedDeck(deck, rendered, embedded, narrations)
    finally:
        if conversion is not None:
            conversion.close()


def apply_deck(project: Project, prepared: PreparedDeck, lesson_id: str | None = None,
               new_lesson: str | None = None, progress: Progress = no_progress,
               token: CancelToken | None = None) -> DeckImport:
    """Store a prepared deck's slides and media and make or update its slide items, as one
    undo step, into ``lesson_id`` or a new lesson (titled ``new_lesson``, else after the deck).

    Media files it stores stay if it fails: run it inside
    :func:`~studio.media.import_steps.removing_new_media_on_error`. Raises what the
    commands raise and :class:`~studio.errors.Cancelled`; the edit is rolled back then.
    """
    token = token or CancelToken()
    deck, rendered = prepared.deck, prepared.rendered
    if not lesson_id and not new_lesson:
        new_lesson = deck.path.stem
    progress(0.0, f"Storing {deck.path.name}")
    report = _apply(project, deck, lesson_id, new_lesson, rendered, prepared.embedded,
                    prepared.narrations, progress, token)
    warnings = [f"Slide {s.number} links to media outside the deck ({', '.join(s.linked_media)}"
                "); it was not imported." for s in deck.visible if s.linked_media]
    warnings += notices([(s.number, s.unread) for s in deck.visible],
                        drawn_elsewhere=rendered.renderer == "libreoffice")
    if rendered.fallback_reason:
        warnings.insert(0, f"LibreOffice failed, slides were drawn by the built-in renderer: "
                           f"{rendered.fallback_reason}")
    progress(1.0, f"Imported {len(deck.visible)} slides")
    return DeckImport(**report, renderer=rendered.renderer,
                      hidden=tuple(s.number for s in deck.hidden), warnings=tuple(warnings))


def _frame(project: Project) -> tuple[int, int]:
    return project.course().settings.resolution


def _probe_narrations(deck: Deck, narration: dict[int, Path]) -> dict[int, tuple[Path,
                                                                           ProbeResult]]:
    numbers = {s.number for s in deck.visible}
    found = {}
    for number, audio in narration.items():
        if number not in numbers:
            raise ImportFileError(f"{deck.path.name} has no visible slide {number} to narrate.")
        result = probe(Path(audio))
        if result.kind != "audio":
            raise ImportFileError(f"{Path(audio).name} is not an audio file.")
        found[number] = (Path(audio), result)
    return found


def _probe_embedded(deck: Deck, work: Path, token: CancelToken) -> dict[str, tuple]:
    """Write each embedded audio/video part out and probe it: a damaged part stops the import."""
    found = {}
    for index, (partname, media) in enumerate(sorted(deck.media.items())):
        token.check()
        target = work / f"{deck.path.stem} media{index + 1}{media.suffix}"
        target.write_bytes(media.blob)
        try:
            result = probe(target)
        except ImportFileError as exc:
            raise ImportFileError(f"{deck.path.name}: its embedded media {partname} cannot be "
                                  f"read ({exc.message})") from exc
        found[partname] = (target, result)
    return found


def _store(project: Project, path: Path, name: str, result: ProbeResult) -> str:
    sha, filename = project.store_media(path)
    return commands.add_asset(project, sha, filename, name, result.kind, path.stat().st_size,
                              result.duration, result.width, result.height, result.info)


def _existing(project: Project, lesson_id: str, deck_name: str) -> dict[int, dict]:
    rows = project.conn.execute(
        "SELECT id, title, props FROM items WHERE lesson_id = ? AND kind = 'slide'",
        (lesson_id,))
    found = {}
    for item_id, title, props in rows:
        source = json.loads(props).get("source") or {}
        if source.get("kind") == "pptx" and source.get("deck_name", "").lower() == \
                deck_name.lower():
            found[source["slide_id"]] = {"id": item_id, "title": title,
                                         "props": json.loads(props)}
    return found


def _apply(project: Project, deck: Deck, lesson_id, new_lesson, rendered, embedded,
           narrations, progress: Progress, token: CancelToken) -> dict:
    language = project.course().language
    with project.group(f"Import {deck.path.name}"):
        if new_lesson:
            lesson_id = add_lesson_at_end(project, new_lesson)
        old = _existing(project, lesson_id, deck.path.name)
        old_order = [row[0] for row in project.conn.execute(
            "SELECT id FROM items WHERE lesson_id = ? ORDER BY position", (lesson_id,))]
        media_ids = {part: _store(project, file, file.name, result)
                     for part, (file, result) in embedded.items()}
        added, updated, slide_items = [], [], {}
        for done, slide in enumerate(deck.visible):
            token.check()  # a cancel here rolls the whole import back
            progress(done / len(deck.visible), f"Storing slide {slide.number}")
            image = rendered.images[slide.number]
            sha, filename = project.store_media(image)
            image_id = commands.add_asset(
                project, sha, filename, f"{deck.path.stem} slide {slide.number}.png", "image",
                image.stat().st_size, None, *rendered.size, {"renderer": rendered.renderer})
            previous = old.get(slide.slide_id)
            values, title = _slide_values(project, deck, slide, previous, media_ids, embedded,
                                          narrations, rendered, language)
            if previous is None:
                item_id = commands.add_imported_slide(project, lesson_id, title, image_id,
                                                      **values)
                added.append(item_id)
            else:
                item_id = previous["id"]
                commands.update_slide(project, item_id, title=title, asset_id=image_id,
                                      **values)
                updated.append(item_id)
            slide_items[slide.slide_id] = item_id
        removed = []
        for slide_id, row in old.items():
            if slide_id not in slide_items:
                commands.remove(project, row["id"])
                removed.append(row["title"])
        order = keep_followers(old_order, {row["id"] for row in old.values()},
                           [slide_items[s.slide_id] for s in deck.visible])
        commands.order_items(project, lesson_id, order)
    return {"lesson_id": lesson_id, "added": tuple(added), "updated": tuple(updated),
            "removed": tuple(removed), "media_asset_ids": tuple(media_ids.values())}


def _slide_values(project, deck: Deck, slide: DeckSlide, previous, media_ids, embedded,
                  narrations, rendered, language) -> tuple[dict, str]:
    props = previous["props"] if previous else {}
    source_before = props.get("source", {})
    narration_id, narration_kind, duration = None, None, None
    if slide.number in narrations:
        audio, result = narrations[slide.number]
        narration_id, narration_kind = _store(project, audio, audio.name, result), "attached"
        duration = result.duration
    elif source_before.get("narration") == "attached" and props.get("narration_asset_id"):
        narration_id, narration_kind = props["narration_asset_id"], "attached"
        duration = project.course().assets[narration_id].duration
    else:
        deck_audio = [p for p in slide.media if deck.media[p].kind == "audio"]
        if len(deck_audio) == 1:
            narration_id, narration_kind = media_ids[deck_audio[0]], "deck"
            duration = embedded[deck_audio[0]][1].duration
    if duration is None:
        duration = props.get("duration", DEFAULT_DURATION) if previous else DEFAULT_DURATION
    pictures = _kept_descriptions(slide, props)
    # the designer's own title survives a re-import; a title still as the deck had it follows
    title = slide.title
    if previous and previous["title"] != source_before.get("title", previous["title"]):
        title = previous["title"]
    values = {
        "text": slide.text, "notes": slide.notes, "duration": duration,
        "narration_asset_id": narration_id,
        "pictures": [p.as_json() for p in pictures],
        "text_boxes": [b.as_json() for b in slide.text_boxes],
        "alt_texts": _alt_texts(slide, pictures),
        "media_asset_ids": [media_ids[p] for p in slide.media],
        "source": {"kind": "pptx", "deck_name": deck.path.name, "deck_sha256": deck.sha256,
                   "slide_id": slide.slide_id, "slide_number": slide.number,
                   "title": slide.title, "renderer": rendered.renderer,
                   "width": rendered.size[0], "height": rendered.size[1],
                   "aspect": deck.aspect, "narration": narration_kind},
        **text_tracks(project, slide.title, slide.notes, duration, narration_id is not None,
                      language),
    }
    return values, title


def _alt_texts(slide: DeckSlide, pictures: tuple[SlidePicture, ...]) -> list[str]:
    """The player's picture descriptions: the deck's, or, once the studio described or
    marked a picture the deck did not, each picture's in reading order."""
    if pictures == slide.pictures:
        return list(slide.alt_texts)  # as the deck has them
    return [p.alt for p in pictures if p.alt and not p.decorative]


def _kept_descriptions(slide: DeckSlide, props: dict) -> tuple[SlidePicture, ...]:
    """The deck's pictures, each one the deck leaves undescribed (or names only by its file)
    taking the description or decorative mark given in the studio to the picture of the
    same name before a re-import."""
    before = {p.name: p for p in pictures_from_json(props.get("pictures")) or () if p.name}
    kept = []
    for picture in slide.pictures:
        earlier = before.get(picture.name)
        if not (picture.described or picture.decorative) and earlier is not None \
                and (earlier.described or earlier.decorative):
            picture = replace(picture, alt=earlier.alt, decorative=earlier.decorative)
        kept.append(picture)
    return tuple(kept)


def keep_followers(old_order: list[str], made: set[str], new_slides: list[str]) -> list[str]:
    """The ids ``new_slides`` in their order; every id of ``old_order`` not in ``made`` (the
    ids an import made before: a deck's slides; around them a designer's quiz, page or
    video) stays right after the made id it followed, or at the start if it came before them
    all. ``new_slides`` holds every made id that stays."""
    leading: list[str] = []
    following: dict[str, list[str]] = {}
    anchor = None
    kept = set(new_slides)
    for item_id in old_order:
        if item_id in made:
            if item_id in kept:
                anchor = item_id
            continue
        (following.setdefault(anchor, []) if anchor else leading).append(item_id)
    order = list(leading)
    for slide in new_slides:
        order.append(slide)
        order.extend(following.get(slide, []))
    return order

