"""The player's course data: ``course-data.js``, as the player data contract describes it.

It is a classic script assigning ``window.COURSE_DATA`` (not fetched JSON) so the player
works from a folder opened over file://. Authored text goes in as JSON strings; the player
inserts it as text, never as HTML.
"""

from __future__ import annotations

import json
import re

from studio.export.lms_profiles import player_config
from studio.export.package import ExportPlan, PlanLanguages
from studio.export.theme import cover_data
from studio.export.versions import clip_version, question_version
from studio.language import text_direction
from studio.model import Course, Item, Page, Question, Quiz, Slide, VideoClip
from studio.narration.script import item_script
from studio.quiz.types import contract_fields

SCHEMA_VERSION = 1
PREFIX = "window.COURSE_DATA = "

_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\d+[.)]\s+(.*)$")


def page_blocks(text: str) -> list[dict]:
    """Light markup to blocks: '# ' headings, '- ' and '1. ' lists, blank-line paragraphs."""
    blocks: list[dict] = []
    paragraph: list[str] = []
    current_list: dict | None = None

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append({"type": "paragraph", "text": " ".join(paragraph)})
            paragraph.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        heading, bullet, numbered = (p.match(line) for p in (_HEADING, _BULLET, _NUMBERED))
        if not line:
            flush_paragraph()
            current_list = None
        elif heading:
            flush_paragraph()
            current_list = None
            blocks.append({"type": "heading", "text": heading.group(1).strip()})
        elif bullet or numbered:
            flush_paragraph()
            ordered = bullet is None
            entry = (bullet or numbered).group(1).strip()
            if current_list is None or current_list["ordered"] != ordered:
                current_list = {"type": "list", "ordered": ordered, "items": []}
                blocks.append(current_list)
            current_list["items"].append(entry)
        elif current_list is not None and raw[:1].isspace():
            current_list["items"][-1] += " " + line  # an indented continuation line
        else:
            current_list = None
            paragraph.append(line)
    flush_paragraph()
    return blocks


def _medium(asset_id: object, plan: ExportPlan) -> dict:
    """``media`` (the package path of an asset, or None) and, with one, ``mediaKind``
    ("image", "audio" or "video", the asset's kind)."""
    path = plan.media_name(asset_id if isinstance(asset_id, str) else None)
    if path is None:
        return {"media": None}
    return {"media": path, "mediaKind": plan.course.assets[asset_id].kind}


def _entry_media(fields: dict, plan: ExportPlan) -> None:
    """Choices and drag-and-drop items with media: the package path and its kind in place
    of the asset id (their ``mediaAlt`` stays as stored); a hotspot's ``image``: its
    package path, with ``imageWidth`` and ``imageHeight`` in pixels."""
    for key in ("choices", "items"):
        if isinstance(fields.get(key), list):
            fields[key] = [{**entry, **_medium(entry["media"], plan)}
                           if isinstance(entry, dict) and entry.get("media") else entry
                           for entry in fields[key]]
    if "image" in fields:
        image = fields["image"]
        asset = plan.course.assets.get(image) if isinstance(image, str) else None
        fields["image"] = plan.media_name(asset.id) if asset else None
        fields["imageWidth"] = asset.width if asset else None
        fields["imageHeight"] = asset.height if asset else None


def question_data(question: Question, plan: ExportPlan) -> dict:
    """One question as the player reads it: id, type, prompt, points, pool, feedback
    (``correct`` and ``incorrect``, "" when absent, plus ``general`` for every learner when the
    question has it), ``media`` (the picture's, sound's or video's path in the package, or
    None) with ``mediaKind`` ("image", "audio", "video") when set, ``mediaAlt`` (its text
    alternative, WCAG 2.1 §1.1.1; only when the question has one), then its type's fields
    (:func:`studio.quiz.types.contract_fields`), media in choices and items as package paths
    with their ``mediaKind``, a hotspot's ``image`` as a package path with ``imageWidth`` and
    ``imageHeight`` (pixels), and ``version`` (:func:`studio.export.versions.question_version`,
    which the player sends with the learner's answer)."""
    data = question.data
    feedback = data.get("feedback") if isinstance(data.get("feedback"), dict) else {}
    out = {
        "id": question.id,
        "type": question.type,
        "prompt": question.prompt,
        "points": question.points,
        "pool": question.pool,
        "feedback": {"correct": str(feedback.get("correct", "")),
                     "incorrect": str(feedback.get("incorrect", "")),
                     # shown to every learner after answering; absent when there is none
                     **({"general": str(feedback["general"])} if feedback.get("general")
                        else {})},
        **_medium(data.get("media"), plan),
    }
    if out["media"] and data.get("mediaAlt"):
        out["mediaAlt"] = str(data["mediaAlt"])
    # Fields a question of each type carries besides id/type/prompt/points/feedback/media.
    fields = contract_fields(question.type, data)
    _entry_media(fields, plan)
    out.update(fields)
    out["version"] = question_version(question)
    return out


def _captions(item: VideoClip, plan: ExportPlan) -> list[dict]:
    return [{"src": plan.media_name(c.asset_id), "lang": c.language,
             "label": c.label or c.language} for c in item.captions]


def _cue_time(time: float, offset: float, end: float) -> float:
    """A cue's time on the media file's timeline (a render starts at the clip's in point)."""
    return min(max(0.0, round(time - offset, 6)), end) if offset else time


def cue_data(item: VideoClip | Slide, plan: ExportPlan, offset: float = 0.0,
             end: float | None = None) -> list[dict]:
    """The cue points of a clip or narrated slide as the player reads them: ``id``, ``time``
    (seconds on the media file's timeline: a clip's source time less ``offset``, clamped to
    [0, ``end``]; a slide's time on its narration as it is), ``mustAnswer`` and the cue's
    ``questions`` (:func:`question_data`), in the item's order."""
    by_cue: dict[str, list[dict]] = {}
    for question in item.questions:
        by_cue.setdefault(question.cue_id or "", []).append(question_data(question, plan))
    return [{"id": cue.id,
             "time": _cue_time(cue.time, offset, end) if end is not None else cue.time,
             "mustAnswer": cue.must_answer, "questions": by_cue.get(cue.id, [])}
            for cue in item.cue_points]


def _narration(item: Slide | Page, plan: ExportPlan) -> dict:
    """``audio`` (the narration's package path or None) and ``captions`` (one entry per
    caption track, every language: ``src``, ``lang``, ``label``) of a slide or page."""
    prepared = plan.item_media.get(item.id)
    return {"audio": prepared.src if prepared else plan.media_name(item.narration_asset_id),
            "captions": list(prepared.captions) if prepared else []}


def item_data(item: Item, plan: ExportPlan) -> dict:
    """One item as the player reads it: id, kind and title, then what its kind plays (media
    paths in the package, times in seconds on the media file's timeline, cue points, questions,
    slide text or page blocks). A slide with cue points has ``cues`` (:func:`cue_data`); a page
    with narration or captions has ``audio`` and ``captions`` as a slide does. A slide's
    ``notes`` (the player's transcript) is what its narration says: the typed script in the
    course language, else the notes. A slide whose deck pictures have descriptions has
    ``pictures`` (their alt texts, in the course's language, for screen readers); a clip with
    a description has ``description`` (what it shows that its soundtrack does not say,
    WCAG 2.2 §1.2.3). A clip's ``source`` is its cut as exported, which the player sends
    with every statement about it: ``in`` and ``out`` (seconds of the source file) and
    ``version`` (:func:`studio.export.versions.clip_version`)."""
    out: dict = {"id": item.id, "kind": item.kind.value, "title": item.title}
    prepared = plan.item_media.get(item.id)
    if isinstance(item, VideoClip):
        if prepared is not None:
            media = {"src": prepared.src, "start": prepared.start, "end": prepared.end,
                     "duration": item.duration, "poster": prepared.poster,
                     "captions": list(prepared.captions)}
        else:
            media = {"src": plan.media_name(item.asset_id), "start": item.in_point,
                     "end": item.out_point, "duration": item.duration, "poster": None,
                     "captions": _captions(item, plan)}
        offset = prepared.offset if prepared is not None else 0.0
        out |= media | {"cues": cue_data(item, plan, offset, media["end"]),
                        "source": {"in": item.in_point, "out": item.out_point,
                                   "version": clip_version(item, plan.course)}}
        if item.description.strip():  # a clip without one keeps the shape it always had
            out["description"] = item.description
    elif isinstance(item, Slide):
        out |= {
            "image": plan.media_name(item.asset_id), "alt": item.title, "text": item.text,
            "notes": item_script(item, plan.course.language, plan.course.language),
            "duration": item.slide_duration, **_narration(item, plan),
        }
        if item.cue_points:  # a slide without them keeps the shape it always had
            out["cues"] = cue_data(item, plan)
        if any(alt.strip() for alt in item.alt_texts):  # likewise without descriptions
            out["pictures"] = [alt for alt in item.alt_texts if alt.strip()]
    elif isinstance(item, Quiz):
        out |= {
            "passMark": item.pass_mark, "attempts": item.attempts, "shuffle": item.shuffle,
            "draw": item.draw, "showAnswers": item.show_answers, "weight": item.weight,
            "questions": [question_data(q, plan) for q in item.questions],
        }
    elif isinstance(item, Page):
        out["blocks"] = page_blocks(item.text)
        if prepared is not None or item.narration_asset_id:  # else the shape it always had
            out |= _narration(item, plan)
    return out


def course_data(plan: ExportPlan) -> dict:
    """The document of ``course-data.js`` (schema ``SCHEMA_VERSION``): the course's metadata,
    tracking policy and cover facts (:func:`studio.export.theme.cover_data`), the tracking
    adapter, ``theme`` (the plan's, None without one), modules -> lessons -> items and, for a
    package made for an LMS, ``lms``: its profile and player switches
    (:func:`studio.export.lms_profiles.player_config`; absent otherwise). A plan made for
    languages (``plan.languages``) adds ``course.dir`` (``course.lang`` too for a
    pseudo-locale), its translated player strings in ``theme.strings`` and, for several
    languages, ``languages``: ``[{tag, name, dir, src}]`` (``lang`` too for a pseudo-locale).
    A course written right to left has ``course.dir`` "rtl" in any case."""
    course: Course = plan.course
    policy = course.tracking
    lms = {"lms": player_config(plan.lms, plan.options.format)} if plan.lms else {}
    document = {
        "schema": SCHEMA_VERSION,
        "tracking": plan.tracking,
        "course": {
            "id": course.identifier, "title": course.title, "description": course.description,
            "language": course.language, "author": course.author, "version": course.version,
            "completion": policy.completion.value,
            "completionThreshold": policy.completion_threshold,
            "masteryScore": policy.mastery_score,
            **cover_data(course),
        },
        "theme": plan.theme or None,
        "modules": [
            {"id": module.id, "title": module.title, "lessons": [
                {"id": lesson.id, "title": lesson.title,
                 "items": [item_data(item, plan) for item in lesson.items]}
                for lesson in module.lessons
            ]}
            for module in course.modules
        ],
        **lms,
    }
    if plan.languages is not None:
        _add_languages(document, plan.languages)
    elif text_direction(course.language) == "rtl":  # an ltr course's data stays as it was
        document["course"]["dir"] = "rtl"
    return document


def _add_languages(document: dict, languages: PlanLanguages) -> None:
    """A language variant's additions: ``course.dir`` (and ``course.lang`` for a
    pseudo-locale), its translated player strings over the kit's in ``theme.strings`` and,
    for several languages, ``languages`` (the picker)."""
    document["course"]["dir"] = languages.direction
    if languages.page_lang:
        document["course"]["lang"] = languages.page_lang
    if languages.strings:
        theme = dict(document["theme"] or {})
        theme["strings"] = dict(sorted({**theme.get("strings", {}),
                                        **dict(languages.strings)}.items()))
        document["theme"] = theme
    if languages.picker:
        document["languages"] = [{k: v for k, v in vars(language).items() if v is not None}
                                 for language in languages.picker]


def course_data_js(plan: ExportPlan) -> bytes:
    """The text of course-data.js, the same bytes for the same course."""
    return data_js(course_data(plan))


def data_js(document: dict) -> bytes:
    """The text of course-data.js assigning ``document`` (a :func:`course_data` document),
    UTF-8; raises ``ValueError`` for a NaN or infinite number in it."""
    text = json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False)
    # Valid in JSON, but older JavaScript engines end a string literal at these.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (PREFIX + text + ";\n").encode("utf-8")
