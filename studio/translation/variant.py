"""A course's variant in a target language: the same structure and ids, translated text,
and that language's narration where the items have it.

Every segment (:mod:`studio.translation.segments`) with a usable translation (CURRENT or
NEEDS_REVIEW, :mod:`studio.translation.drift`) is replaced by it; a NEW segment keeps its
source text. Fields split into sentences are rebuilt around the translated sentences, so
the text between them (white space, page markup) is the source's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import replace

from studio.item_kinds import SLIDE
from studio.language import language_name
from studio.model import (
    CaptionTrack,
    Course,
    CuePoint,
    Item,
    Lesson,
    Module,
    Narration,
    NarrationTrack,
    Page,
    Question,
    Quiz,
    Slide,
    VideoClip,
)
from studio.narration.script import plain_page_text
from studio.translation.drift import states
from studio.translation.segments import (
    COURSE,
    PAGE_TEXT,
    PROSE,
    SLIDE_TEXT,
    course_segments,
    player_segments,
    question_strings,
)
from studio.translation.sentences import rebuild, sentence_spans
from studio.translation.units import Segment, SegmentState, Translation

_USED = (SegmentState.CURRENT, SegmentState.NEEDS_REVIEW)


def _texts(segments: Iterable[Segment], stored: Mapping[str, Translation]) -> dict[str, str]:
    """{segment id: translated text} of the segments with a usable translation."""
    return {seg_id: found.text for seg_id, (state, found) in states(segments, stored).items()
            if state in _USED and found is not None}


class _Translator:
    """Looks segments up for one course and language and rebuilds fields from them."""

    def __init__(self, course: Course, language: str):
        self.source = course.language
        self.language = language
        self.texts = _texts(course_segments(course, player=False),
                            course.translations.get(language, {}))

    def get(self, seg_id: str, text: str) -> str:
        return self.texts.get(seg_id, text)

    def field(self, owner: str, field: str, text: str, layout: str) -> str:
        spans = sentence_spans(text, self.source, layout)
        return rebuild(text, spans, [self.get(f"{owner}.{field}.{n}", text[a:b])
                                     for n, (a, b) in enumerate(spans)])

    def question(self, question: Question) -> Question:
        data = json.loads(json.dumps(question.data))  # a fresh copy, lists where tuples were
        for path, text in question_strings(question):
            target = data
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = self.get(".".join([question.id, *map(str, path)]), text)
        return replace(question, prompt=self.get(f"{question.id}.prompt", question.prompt),
                       data=data)

    def cues(self, cues: tuple[CuePoint, ...]) -> tuple[CuePoint, ...]:
        return tuple(replace(c, title=self.get(f"{c.id}.title", c.title)) for c in cues)


def _anchor(track: NarrationTrack, time: float) -> tuple[int, float]:
    """(sentence index, seconds after its start) of ``time``; -1 before the first sentence."""
    index = -1
    for i, sentence in enumerate(track.sentences):
        if sentence.start <= time + 1e-9:
            index = i
    return (index, time - track.sentences[index].start) if index >= 0 else (-1, time)


def remap_by_sentence(source: NarrationTrack | None, target: NarrationTrack,
                      cues: tuple[CuePoint, ...]) -> tuple[CuePoint, ...]:
    """Cue points of a slide moved from the ``source`` narration's timeline onto the
    ``target`` language's: a cue keeps its sentence index (the sentence it falls in, a cue
    in a pause belonging to the sentence before, as
    :func:`studio.narration.layout.remap_cues` anchors them) and its offset into that
    sentence scaled to the translated sentence's length; in the pause after it, the offset
    past the sentence's end (clamped to the target's pause). A cue before the first
    sentence, or with no source track, keeps its time; a cue of a sentence the target lacks
    goes to the target's end. Times in seconds, rounded to the ms, within
    [0, target.duration], sorted."""
    moved = []
    for cue in cues:
        index, offset = _anchor(source, cue.time) if source and source.sentences else (-1, 0)
        time = cue.time
        if index >= len(target.sentences):
            time = target.duration
        elif index >= 0:
            before, after = source.sentences[index], target.sentences[index]
            span, new_span = before.end - before.start, after.end - after.start
            if offset <= span:
                time = after.start + (offset * new_span / span if span > 0 else 0.0)
            else:
                following = target.sentences[index + 1].start \
                    if index + 1 < len(target.sentences) else target.duration
                time = min(after.end + offset - span, following)
        moved.append(replace(cue, time=round(min(max(0.0, time), target.duration), 3)))
    return tuple(sorted(moved, key=lambda c: c.time))


def _spoken(item: Item, t: _Translator, translated_item: Item) -> str:
    """What the variant of ``item`` says: its typed source script translated, else the
    translated notes of a slide or text of a page (plain), else ""."""
    narration: Narration = item.narration  # type: ignore[attr-defined]
    typed = narration.script(t.source)
    if typed:
        return t.field(item.id, "script", typed, PROSE)
    if isinstance(translated_item, Slide):
        return translated_item.notes
    if isinstance(translated_item, Page):
        return plain_page_text(translated_item.text)
    return ""


def _narrate(item: Item, new: Item, t: _Translator) -> Item:
    narration: Narration = item.narration  # type: ignore[attr-defined]
    scripts = narration.scripts
    spoken = _spoken(item, t, new)
    if narration.script(t.language) is None and spoken.strip():
        scripts = (*scripts, (t.language, spoken))
    new = replace(new, narration=replace(narration, scripts=scripts))
    track = narration.track(t.language)
    if track is None or isinstance(new, VideoClip):
        return new
    captions = tuple(c for c in new.captions if c.language == t.language)
    if track.captions_asset_id is not None:
        captions = (CaptionTrack(track.captions_asset_id, t.language,
                                 language_name(t.language)),)
    new = replace(new, narration_asset_id=track.asset_id, captions=captions)
    if isinstance(new, Slide) and track.asset_id is not None:
        new = replace(new, slide_duration=max(SLIDE["duration"].low, track.duration))
        new = replace(new, cue_points=remap_by_sentence(
            narration.track(t.source), replace(track, duration=new.slide_duration),
            new.cue_points))
    return new


def _item(item: Item, t: _Translator) -> Item:
    new = replace(item, title=t.get(f"{item.id}.title", item.title))
    if isinstance(new, Slide):
        new = replace(new, text=t.field(item.id, "text", new.text, SLIDE_TEXT),
                      notes=t.field(item.id, "notes", new.notes, PROSE),
                      alt_texts=tuple(t.get(f"{item.id}.alt.{k}", alt)
                                      for k, alt in enumerate(new.alt_texts)))
    if isinstance(new, Page):
        new = replace(new, text=t.field(item.id, "text", new.text, PAGE_TEXT))
    if isinstance(new, VideoClip):
        new = replace(new, description=t.field(item.id, "description", new.description, PROSE))
    if isinstance(new, Slide | VideoClip):
        new = replace(new, cue_points=t.cues(new.cue_points))
    if isinstance(new, Slide | VideoClip | Quiz):
        new = replace(new, questions=tuple(t.question(q) for q in new.questions))
    if isinstance(new, Slide | Page | VideoClip):
        new = _narrate(item, new, t)
    return new


def translated(course: Course, language: str) -> Course:
    """``course`` in ``language`` (a stored target tag): ``language`` set to it and every
    segment's text replaced by its translation (CURRENT and NEEDS_REVIEW; NEW keeps the
    source): titles, descriptions, slide text, notes and alt texts, page text, cue titles,
    question prompts and data, objectives, end message. Slides and pages with a narration
    track in ``language`` take its sound, duration (seconds, at least the slide minimum) and
    captions, and slide cue points move by sentence (:func:`remap_by_sentence`); without
    one they keep the source's. Each narrated item's ``scripts`` gains the translated script
    for ``language`` when it has no typed one, so
    ``studio.narration.script.item_script(item, language, language)`` says the translated
    words. The course's own language gives the course itself. Pure; the same input gives
    an equal result. Raises nothing for a language without translations (the variant then
    holds the source text)."""
    if language == course.language:
        return course
    t = _Translator(course, language)
    settings = replace(
        course.settings,
        end_message=t.get(f"{COURSE}.end_message", course.settings.end_message),
        objectives=tuple(t.get(f"{COURSE}.objective.{k}", text)
                         for k, text in enumerate(course.settings.objectives)))
    modules = tuple(
        Module(module.id, t.get(f"{module.id}.title", module.title), tuple(
            Lesson(lesson.id, t.get(f"{lesson.id}.title", lesson.title), lesson.module_id,
                   tuple(_item(item, t) for item in lesson.items))
            for lesson in module.lessons))
        for module in course.modules)
    return replace(course, language=language, title=t.get(f"{COURSE}.title", course.title),
                   description=t.field(COURSE, "description", course.description, PROSE),
                   settings=settings, modules=modules)


def player_strings(course: Course, language: str) -> dict[str, str]:
    """``{PLAYER_STRING_KEYS key: text}`` of the player's interface strings translated into
    ``language`` (CURRENT and NEEDS_REVIEW ones only; the player keeps its own English for
    the rest). Pure."""
    texts = _texts(player_segments(), course.translations.get(language, {}))
    return {seg_id.partition(".")[2]: text for seg_id, text in sorted(texts.items())}

