"""Reads the store's rows into the plain model of :mod:`studio.model` (read side only)."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from studio.a11y.statements import read_statements
from studio.item_kinds import PAGE, QUIZ, SLIDE, VIDEO
from studio.model import (
    RESUME_CHOICES,
    UNRECORDED_CHOICES,
    Asset,
    CaptionTrack,
    CompletionRule,
    Course,
    CourseSettings,
    CuePoint,
    Item,
    ItemKind,
    Lesson,
    Module,
    Page,
    Question,
    Quiz,
    Slide,
    TrackingPolicy,
    VideoClip,
    parse_resolution,
)
from studio.narration.record import glossary_from_json, narration_from_props
from studio.narration.voice import (
    ENGINE_NAMES,
    LOUDNESS_RANGE,
    PITCH_RANGE,
    RATE_RANGE,
)
from studio.slide_layout import pictures_from_json, text_boxes_from_json
from studio.translation.units import Translation


def _rows(conn: sqlite3.Connection, sql: str) -> list[dict]:
    cur = conn.execute(sql)
    names = [c[0] for c in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


class ModelCache:
    """Model objects of the last read, keyed by row id, reused while their rows are unchanged.

    Decoding JSON and building dataclasses is most of the cost of reading a course; after an
    edit almost every row is the same, so a re-read rebuilds only what changed. The objects
    are frozen, which makes sharing them between reads safe.
    """

    def __init__(self) -> None:
        self.questions: dict[str, tuple[tuple, Question]] = {}
        self.items: dict[str, tuple[tuple, Item]] = {}


def _reuse(previous: dict, current: dict, row_id: str, key: tuple, build):
    hit = previous.get(row_id)
    value = hit[1] if hit is not None and hit[0] == key else build()
    current[row_id] = (key, value)
    return value


def _raw_rows(conn: sqlite3.Connection, sql: str) -> tuple[list[str], list[tuple]]:
    cur = conn.execute(sql)
    return [c[0] for c in cur.description], cur.fetchall()


def question_from_row(row: dict) -> Question:
    """The model question of a ``questions`` row (columns by name), its ``data`` JSON
    decoded. Raises KeyError for a missing column, ValueError for unreadable JSON."""
    return Question(
        id=row["id"],
        type=row["type"],
        prompt=row["prompt"],
        points=row["points"],
        pool=row["pool"],
        cue_id=row["cue_id"],
        data=json.loads(row["data"]),
    )


def _captions(props: dict) -> tuple[CaptionTrack, ...]:
    return tuple(
        CaptionTrack(c["asset_id"], c.get("language", "en"), c.get("label", ""))
        for c in props.get("captions", [])
    )


def _cues(props: dict) -> tuple[CuePoint, ...]:
    return tuple(CuePoint(c["id"], c["time"], c.get("title", ""), c.get("must_answer", False))
                 for c in props.get("cues", []))


def item_from_row(row: dict, questions: tuple[Question, ...] = ()) -> Item:
    """The model item of an ``items`` row (columns by name); its settings are read from the
    ``props`` JSON through the kind's table in :mod:`studio.item_kinds`, defaults filled in.
    Raises ValueError for an unknown kind."""
    props = json.loads(row["props"])
    common = {"id": row["id"], "title": row["title"], "lesson_id": row["lesson_id"]}
    kind = ItemKind(row["kind"])
    if kind is ItemKind.VIDEO:
        return VideoClip(
            kind=kind,
            asset_id=row["asset_id"],
            in_point=row["in_point"],
            out_point=row["out_point"],
            cue_points=_cues(props),
            captions=_captions(props),
            questions=questions,
            narration=narration_from_props(props),
            **VIDEO.read(props),
            **common,
        )
    if kind is ItemKind.SLIDE:
        return Slide(
            kind=kind,
            asset_id=row["asset_id"],
            alt_texts=tuple(props.get("alt_texts", ())),
            pictures=pictures_from_json(props.get("pictures")),
            text_boxes=text_boxes_from_json(props.get("text_boxes")),
            transcript_asset_id=props.get("transcript_asset_id"),
            captions=_captions(props),
            media_asset_ids=tuple(props.get("media_asset_ids", ())),
            source=props.get("source", {}),
            narration=narration_from_props(props),
            cue_points=_cues(props),
            questions=questions,
            **SLIDE.read(props),
            **common,
        )
    if kind is ItemKind.QUIZ:
        return Quiz(
            kind=kind,
            questions=questions,
            **QUIZ.read(props),
            **common,
        )
    return Page(kind=kind, captions=_captions(props), narration=narration_from_props(props),
                **PAGE.read(props), **common)


def course_settings(raw: str | None) -> CourseSettings:
    """The course row's ``settings`` JSON as :class:`CourseSettings`; a value that is missing
    or unreadable (hand-edited, or from an older version) reads as its default."""
    try:
        stored = json.loads(raw or "{}")
    except ValueError:
        stored = {}
    if not isinstance(stored, dict):
        stored = {}
    values: dict = {}
    if "resolution" in stored:
        try:
            values["resolution"] = parse_resolution(stored["resolution"])
        except ValueError:
            pass  # a size no command would store: the default frame
    for key, choices in (("resume", RESUME_CHOICES), ("unrecorded", UNRECORDED_CHOICES)):
        if stored.get(key) in choices:
            values[key] = stored[key]
    for key in ("cover", "certificate"):
        if isinstance(stored.get(key), bool):
            values[key] = stored[key]
    for key in ("kit", "end_message"):
        if isinstance(stored.get(key), str):
            values[key] = stored[key]
    languages = stored.get("languages")
    if isinstance(languages, list):
        values["languages"] = tuple(sorted({tag for tag in languages if isinstance(tag, str)}))
    objectives = stored.get("objectives")
    if isinstance(objectives, list):
        values["objectives"] = tuple(text for text in objectives if isinstance(text, str))
    values.update(_narration_settings(stored))
    values["a11y_statements"] = read_statements(stored.get("a11y_statements"))
    theme = stored.get("theme")
    if isinstance(theme, dict):
        values["theme"] = tuple(sorted((key, value) for key, value in theme.items()
                                       if isinstance(value, str)))
    return CourseSettings(**values)


def _narration_settings(stored: dict) -> dict:
    """The narration defaults of stored course settings that are in range."""
    values: dict = {}
    if stored.get("narration_engine") in ENGINE_NAMES:
        values["narration_engine"] = stored["narration_engine"]
    if isinstance(stored.get("narration_voice"), str):
        values["narration_voice"] = stored["narration_voice"]
    for key, (low, high) in (("narration_rate", RATE_RANGE), ("narration_pitch", PITCH_RANGE)):
        value = stored.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            values[key] = value
    loudness = stored.get("loudness")
    if isinstance(loudness, int | float) and not isinstance(loudness, bool) \
            and LOUDNESS_RANGE[0] <= loudness <= LOUDNESS_RANGE[1]:
        values["loudness"] = float(loudness)
    if "glossary" in stored:
        values["glossary"] = glossary_from_json(stored["glossary"])
    return values


def load_course(conn: sqlite3.Connection, cache: ModelCache | None = None) -> Course:
    """The whole course read from the store's connection, in outline order, with its assets
    and settings. Objects of unchanged rows are reused from ``cache`` (which is updated).
    Raises ``sqlite3.Error`` when the store cannot be read."""
    cache = cache or ModelCache()
    course = _rows(conn, "SELECT * FROM course")[0]
    questions: dict[str, list[Question]] = defaultdict(list)
    names, rows = _raw_rows(conn, "SELECT * FROM questions ORDER BY item_id, position")
    owner, ident = names.index("item_id"), names.index("id")
    fresh_questions: dict = {}
    for row in rows:
        questions[row[owner]].append(_reuse(
            cache.questions, fresh_questions, row[ident], row,
            lambda row=row: question_from_row(dict(zip(names, row, strict=True)))))
    items: dict[str, list[Item]] = defaultdict(list)
    names, rows = _raw_rows(conn, "SELECT * FROM items ORDER BY lesson_id, position")
    lesson_at, ident = names.index("lesson_id"), names.index("id")
    fresh_items: dict = {}
    for row in rows:
        asked = tuple(questions[row[ident]])
        # the questions' identities are part of the key: a changed question is a new object
        key = (*row, *map(id, asked))
        items[row[lesson_at]].append(_reuse(
            cache.items, fresh_items, row[ident], key,
            lambda row=row, asked=asked: item_from_row(dict(zip(names, row, strict=True)),
                                                       asked)))
    cache.questions, cache.items = fresh_questions, fresh_items
    lessons: dict[str, list[Lesson]] = defaultdict(list)
    for row in _rows(conn, "SELECT * FROM lessons ORDER BY module_id, position"):
        lessons[row["module_id"]].append(
            Lesson(row["id"], row["title"], row["module_id"], tuple(items[row["id"]]))
        )
    modules = tuple(
        Module(row["id"], row["title"], tuple(lessons[row["id"]]))
        for row in _rows(conn, "SELECT * FROM modules ORDER BY position")
    )
    assets = {
        row["id"]: Asset(
            id=row["id"],
            sha256=row["sha256"],
            filename=row["filename"],
            original_name=row["original_name"],
            kind=row["kind"],
            size=row["size"],
            duration=row["duration"],
            width=row["width"],
            height=row["height"],
            info=json.loads(row["info"]),
        )
        for row in _rows(conn, "SELECT * FROM assets")
    }
    translations: dict[str, dict[str, Translation]] = defaultdict(dict)
    for row in _rows(conn, "SELECT * FROM translations ORDER BY language, segment"):
        translations[row["language"]][row["segment"]] = Translation(
            row["language"], row["segment"], row["text"], row["source_hash"],
            row["source_text"])
    return Course(
        identifier=course["uid"],
        title=course["title"],
        description=course["description"],
        language=course["language"],
        author=course["author"],
        version=course["version"],
        tracking=TrackingPolicy(
            CompletionRule(course["completion"]),
            course["completion_threshold"],
            course["mastery_score"],
        ),
        modules=modules,
        assets=assets,
        settings=course_settings(course.get("settings")),
        translations=dict(translations),
    )
