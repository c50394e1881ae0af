"""Narration edits: an item's typed script and voice overrides, the course glossary, and the
tracks a render or an alignment produces. Each is one undo step.

An item's narration is stored in its ``props["narration"]`` (:mod:`studio.narration.record`),
the glossary in the course's settings. Undoing :func:`apply_track` points the item back at
the previous sound and captions assets, which stay in the project's media.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from types import EllipsisType

from studio.commands._base import _require
from studio.commands.properties import stored_settings
from studio.errors import InvalidEditError, NotFoundError
from studio.history import Tx
from studio.item_kinds import SLIDE
from studio.language import language_name, language_tag
from studio.model import GLOSSARY_KINDS, ORIGINS, GlossaryEntry, Narration, NarrationTrack
from studio.narration.record import (
    glossary_from_json,
    glossary_to_json,
    narration_from_props,
    narration_to_props,
)
from studio.narration.voice import check_voice
from studio.store import Project, dumps
from studio.text import clean_text

NARRATED_KINDS = ("slide", "page", "video")  # the items that can speak
_KEEP = ...  # apply_track: leave the slide's transcript as it is


def _narrated(tx: Tx, item_id: str) -> tuple[dict, dict, Narration]:
    row = _require(tx, "items", item_id, "item")
    if row["kind"] not in NARRATED_KINDS:
        raise InvalidEditError(f"{row['title']} is a {row['kind']}; only slides, pages and "
                               "video clips have narration.")
    props = json.loads(row["props"])
    return row, props, narration_from_props(props)


def _store(tx: Tx, item_id: str, props: dict, narration: Narration) -> None:
    stored = narration_to_props(narration)
    props = {k: v for k, v in props.items() if k != "narration"}
    if stored:
        props["narration"] = stored
    tx.update("items", item_id, props=dumps(props))


def _language(tx: Tx, language: str | None) -> str:
    if language is None:
        return (tx.row("course", 1) or {}).get("language") or "en"
    return language_tag(language)


def set_script(project: Project, item_id: str, text: str | None,
               language: str | None = None) -> None:
    """Type the script a slide, page or clip speaks in ``language`` (a BCP 47 tag, stored
    normalised; default the course language). None or blank text clears it, so the item
    speaks its own text again (a slide's notes, a page's text). Text is kept as typed
    (undecodable bytes as U+FFFD, control characters other than line breaks dropped, spaces
    at either end removed).

    Raises NotFoundError for an unknown item, InvalidEditError for a quiz or an invalid tag.
    """
    cleaned = "\n".join(clean_text(line) for line in (text or "").splitlines()).strip()
    with project.edit("Set narration script" if cleaned else "Clear narration script") as tx:
        _, props, narration = _narrated(tx, item_id)
        tag = _language(tx, language)
        scripts = dict(narration.scripts)
        if cleaned:
            scripts[tag] = cleaned
        else:
            scripts.pop(tag, None)
        _store(tx, item_id, props, replace(narration, scripts=tuple(sorted(scripts.items()))))


def set_item_voice(project: Project, item_id: str, **values: object) -> None:
    """Override the course's voice for one item: ``engine``, ``voice``, ``rate`` (words per
    minute), ``pitch`` (0..100), ``voice_file`` (a voice model's path), checked as
    :func:`studio.narration.voice.check_voice`; a value None (or "" for a text value)
    removes that override. Raises NotFoundError for an unknown item, InvalidEditError for a
    quiz, an unknown key or a value out of range."""
    checked = check_voice(values)
    with project.edit("Set narration voice") as tx:
        _, props, narration = _narrated(tx, item_id)
        voice = dict(narration.voice)
        for key, value in checked.items():
            if value is None or value == "":
                voice.pop(key, None)
            else:
                voice[key] = str(value)
        _store(tx, item_id, props, replace(narration, voice=tuple(sorted(voice.items()))))


def _glossary_language(language: str) -> str:
    return language_tag(language) if language and language.strip() else ""


def _same(entry: GlossaryEntry, word: str, language: str) -> bool:
    return entry.word.lower() == word.lower() and entry.language == language


def _write_glossary(tx: Tx, entries: list[GlossaryEntry]) -> None:
    entries.sort(key=lambda e: (e.word.lower(), e.language))
    settings = stored_settings(tx.row("course", 1))
    settings["glossary"] = glossary_to_json(tuple(entries))
    tx.update("course", 1, settings=dumps(settings))


def set_glossary_entry(project: Project, word: str, say: str, kind: str = "respell",
                       language: str = "") -> None:
    """Say ``word`` as ``say`` (a respelling, or phonemes in the engine's notation when
    ``kind`` is "phonemes") in ``language`` ("" = every language; else a BCP 47 tag, stored
    normalised). An entry for the same word (any case) and language is replaced. The word
    and the respelling are stripped and their white space runs made single spaces; the word
    may be a phrase of several words ("Monte Carlo"), matched whole, on word boundaries at
    both ends (:mod:`studio.narration.glossary`).

    Raises InvalidEditError for an empty word or respelling, a respelling or phonemes with
    "[" or "]" (espeak-ng reads ``[[...]]`` as its phoneme markup, so they would break the
    sentence's input), an unknown kind (see :data:`~studio.model.GLOSSARY_KINDS`) or an
    invalid tag."""
    word, say = " ".join(clean_text(str(word)).split()), " ".join(clean_text(str(say)).split())
    if not word:
        raise InvalidEditError("A glossary entry needs a word.")
    if not say:
        raise InvalidEditError(f"Say how “{word}” is spoken (a respelling or phonemes).")
    if "[" in say or "]" in say:
        raise InvalidEditError(f"How “{word}” is spoken cannot contain “[” or “]” "
                               "(espeak-ng reads [[ ]] as its phoneme markup).")
    if kind not in GLOSSARY_KINDS:
        raise InvalidEditError(f"A glossary entry is {' or '.join(GLOSSARY_KINDS)}, "
                               f"not {kind!r}.")
    language = _glossary_language(language)
    with project.edit(f"Glossary: {word}") as tx:
        current = glossary_from_json(stored_settings(tx.row("course", 1)).get("glossary"))
        entries = [e for e in current if not _same(e, word, language)]
        entries.append(GlossaryEntry(word, say, kind, language))
        _write_glossary(tx, entries)


def remove_glossary_entry(project: Project, word: str, language: str = "") -> None:
    """Remove the glossary entry for ``word`` (any case) in ``language`` ("" = the entry for
    every language). Raises NotFoundError when there is no such entry, InvalidEditError for
    an invalid tag."""
    word = " ".join(clean_text(str(word)).split())
    language = _glossary_language(language)
    with project.edit(f"Remove glossary entry {word}") as tx:
        current = glossary_from_json(stored_settings(tx.row("course", 1)).get("glossary"))
        entries = [e for e in current if not _same(e, word, language)]
        if len(entries) == len(current):
            where = f" for {language}" if language else ""
            raise NotFoundError(f"The glossary has no entry “{word}”{where}.")
        _write_glossary(tx, entries)


def _check_track(tx: Tx, track: NarrationTrack) -> NarrationTrack:
    if track.origin not in ORIGINS:
        raise InvalidEditError(f"A narration track is {', '.join(ORIGINS)}, "
                               f"not {track.origin!r}.")
    if not (math.isfinite(track.duration) and track.duration >= 0):
        raise InvalidEditError("A narration track's duration is a number of seconds.")
    for asset_id in (track.asset_id, track.captions_asset_id):
        if asset_id is not None:
            _require(tx, "assets", asset_id, "asset")
    return replace(track, language=language_tag(track.language))


def _with_captions(props: dict, language: str, asset_id: str | None) -> list[dict]:
    tracks = [t for t in props.get("captions", []) if t.get("language") != language]
    if asset_id is not None:
        tracks.append({"asset_id": asset_id, "language": language,
                       "label": language_name(language)})
    return tracks


def _cue_range(row: dict, props: dict) -> tuple[float, float]:
    if row["kind"] == "video":
        return row["in_point"], row["out_point"]
    return 0.0, float(props.get("duration", SLIDE["duration"].default))


def _move_cues(row: dict, props: dict, cue_times: dict[str, float]) -> list[dict]:
    """The item's cues with ``cue_times`` applied and every cue kept within its range."""
    cues = [dict(c) for c in props.get("cues", [])]
    known = {c["id"] for c in cues}
    unknown = set(cue_times) - known
    if unknown:
        raise NotFoundError(f"{row['title']} has no cue point {', '.join(sorted(unknown))}.")
    low, high = _cue_range(row, props)
    for cue in cues:
        time = float(cue_times.get(cue["id"], cue["time"]))
        if not math.isfinite(time):
            raise InvalidEditError("A cue point's time must be a number of seconds.")
        cue["time"] = min(max(time, low), high)
    cues.sort(key=lambda c: c["time"])
    return cues


def apply_track(project: Project, item_id: str, track: NarrationTrack,
                cue_times: dict[str, float] | None = None,
                transcript_asset_id: str | None | EllipsisType = _KEEP) -> None:
    """Make ``track`` the item's narration in ``track.language`` (replacing the track of that
    language), as one undo step (inside a renderer's ``project.group`` it joins that step).

    In the course language a slide's ``narration_asset_id`` becomes the track's sound and its
    duration the track's duration (seconds; at least the slide's shortest duration) when the
    track has a sound; a page's ``narration_asset_id`` becomes the track's sound. The item's
    caption track in that language becomes ``track.captions_asset_id`` (labelled with the
    language's name; None removes it). ``cue_times`` moves cue points ({cue id: seconds},
    as :func:`studio.narration.layout.remap_cues` gives them); every cue is then kept within
    the item's range. ``transcript_asset_id`` (slides only) sets or, with None, clears the
    slide's transcript; left out, it stays.

    Raises NotFoundError for an unknown item, asset or cue, InvalidEditError for a quiz, an
    origin outside :data:`~studio.model.ORIGINS`, a duration that is not a number of
    seconds, an invalid language tag, or a transcript on an item that is not a slide."""
    with project.edit("Apply narration") as tx:
        row, props, narration = _narrated(tx, item_id)
        track = _check_track(tx, track)
        course_language = _language(tx, None)
        tracks = [t for t in narration.tracks if t.language != track.language]
        tracks.append(track)
        tracks.sort(key=lambda t: (t.language != course_language, t.language))
        if track.language == course_language and row["kind"] in ("slide", "page"):
            props["narration_asset_id"] = track.asset_id
            if row["kind"] == "slide" and track.asset_id is not None:
                props["duration"] = max(SLIDE["duration"].low, track.duration)
        props["captions"] = _with_captions(props, track.language, track.captions_asset_id)
        if transcript_asset_id is not _KEEP:
            if row["kind"] != "slide":
                raise InvalidEditError(f"{row['title']} is a {row['kind']}; only slides keep "
                                       "a transcript.")
            if transcript_asset_id is not None:
                _require(tx, "assets", transcript_asset_id, "asset")
            props["transcript_asset_id"] = transcript_asset_id
        if row["kind"] in ("slide", "video") and props.get("cues"):
            props["cues"] = _move_cues(row, props, cue_times or {})
        elif cue_times:
            raise NotFoundError(f"{row['title']} has no cue points.")
        _store(tx, item_id, props, replace(narration, tracks=tuple(tracks)))


def remove_track(project: Project, item_id: str, language: str) -> None:
    """Remove the item's narration track in ``language`` (its assets stay in the project):
    its caption track in that language goes with it, and in the course language a slide or
    page no longer plays a narration sound (a slide keeps its duration). Raises
    NotFoundError for an unknown item or when it has no track in that language,
    InvalidEditError for an invalid tag."""
    with project.edit("Remove narration") as tx:
        row, props, narration = _narrated(tx, item_id)
        tag = language_tag(language)
        track = narration.track(tag)
        if track is None:
            raise NotFoundError(f"{row['title']} has no {tag} narration.")
        if tag == _language(tx, None) and row["kind"] in ("slide", "page") \
                and props.get("narration_asset_id") == track.asset_id:
            props["narration_asset_id"] = None
        if track.captions_asset_id is not None:
            props["captions"] = [t for t in props.get("captions", [])
                                 if t.get("asset_id") != track.captions_asset_id]
        kept = tuple(t for t in narration.tracks if t.language != tag)
        _store(tx, item_id, props, replace(narration, tracks=kept))
