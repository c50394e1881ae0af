"""Every translatable text of a course as segments, with stable ids and notes for translators.

Ids (``<owner>.<field>[.<n>…]``, XML NMTOKEN-safe, ``n`` from 0):

- ``course.title``, ``course.description.<n>`` (sentences), ``course.end_message``,
  ``course.objective.<k>``;
- ``<module|lesson|item id>.title``;
- a slide's ``<id>.text.<n>`` (per line, then sentence), ``<id>.notes.<n>``,
  ``<id>.alt.<k>``; a page's ``<id>.text.<n>`` (markup prefixes left out); the typed
  narration script in the source language ``<id>.script.<n>`` (slide, page, clip); a
  clip's ``<id>.description.<n>``;
- ``<cue id>.title``; ``<question id>.prompt`` and ``<question id>.<json path>`` for the
  human-readable strings of its data (``q_1.choices.2.feedback``, ``q_1.feedback.correct``);
- ``<clip id>.caption.<n>`` for the cues of a clip's source-language captions;
- ``player.<key>`` for the player's interface strings.

``n`` counts the sentences of the whole field, so a sentence inserted before others shifts
their ids; :mod:`studio.translation.drift` matches moved sentences by their source hash.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from studio.brand.strings import PLAYER_STRING_KEYS
from studio.model import Course, Item, ItemKind, Page, Question, Slide, VideoClip
from studio.narration.script import MAX_CAPTION_CHARS
from studio.quiz.types import QUESTION_TYPES
from studio.translation.sentences import LINES, PAGE, PARAGRAPHS, sentence_spans
from studio.translation.strings import (
    BUTTON_KEYS,
    player_strings_source,
    plural_form,
    string_max_length,
)
from studio.translation.units import Segment

TITLE_MAX = 200  # SCORM 2004 CAM 3.4.1.12 title: the smallest permitted maximum
COURSE = "course"  # owner id of the course's own texts
PLAYER = "player"  # owner id of the player's interface strings
CAPTION = "caption"  # field of a clip's caption cues
# fields split into sentences, and how each is laid out (studio.translation.sentences)
SLIDE_TEXT, PAGE_TEXT, PROSE = LINES, PAGE, PARAGRAPHS

_KIND_NAMES = {ItemKind.VIDEO: "Clip", ItemKind.SLIDE: "Slide", ItemKind.QUIZ: "Quiz",
               ItemKind.PAGE: "Page"}
_LETTER = re.compile(r"[^\W\d_]")
# keys of question data whose string values learners read; every other key (ids, asset ids,
# category references, shapes, coordinates, scoring modes) holds no translatable text
_TEXT_KEYS = {"text": "", "feedback": "feedback", "label": "label", "left": "left side",
              "right": "right side", "mediaAlt": "picture description",
              "imageAlt": "picture description", "modelAnswer": "model answer",
              "correct": "shown when right", "incorrect": "shown when wrong",
              "general": "shown after any answer"}
# lists of question data: the words for one of their entries
_LIST_KEYS = {"choices": "choice", "answers": "accepted answer", "pairs": "pair",
              "items": "item", "categories": "category", "scale": "scale point",
              "regions": "area", "partial": "partly right answer"}
# the Segment.field of a string under each list: "choice", "answer", ...
_FIELDS = {"choices": "choice", "answers": "answer", "pairs": "pair", "items": "item",
           "categories": "category", "scale": "scale", "regions": "region",
           "partial": "answer"}
_COMMON_TEXT = ("feedback", "mediaAlt")  # data every question type may carry

DataPath = tuple[str | int, ...]


def readable(text: object) -> bool:
    """Whether ``text`` is a string a translator has something to do with: it holds a
    letter (numbers, codes of punctuation and empty strings are not translated)."""
    return isinstance(text, str) and bool(_LETTER.search(text))


def item_label(item: Item) -> str:
    """How a translator's note names an item: ``Slide 'Welcome'``."""
    return f"{_KIND_NAMES.get(item.kind, 'Item')} '{item.title}'"


def sentence_segments(owner: str, item: str | None, field: str, text: str, language: str,
                      layout: str, where: str) -> list[Segment]:
    """The segments ``<owner>.<field>.<n>`` of a text field cut into sentences
    (:func:`studio.translation.sentences.sentence_spans` with ``layout``, rules of the
    source ``language``); ``where`` begins each note ("Slide 'Welcome', speaker notes")."""
    return [Segment(f"{owner}.{field}.{n}", text[start:end], owner, item, field,
                    f"{where}, sentence {n + 1}")
            for n, (start, end) in enumerate(sentence_spans(text, language, layout))]


def question_strings(question: Question) -> list[tuple[DataPath, str]]:
    """(path into ``question.data``, text) of each human-readable string of its data, in
    the order of its type's fields (:mod:`studio.quiz.types`) then the common ``feedback``
    and ``mediaAlt``; ids, asset ids, numbers, coordinates and patterns are left out."""
    qtype = QUESTION_TYPES.get(question.type)
    keys = [*(qtype.fields if qtype else ()), *_COMMON_TEXT]
    found: list[tuple[DataPath, str]] = []
    for key in dict.fromkeys(keys):
        if key in question.data:
            found.extend(_walk(question.data[key], (key,), key))
    return found


def _walk(value: object, path: DataPath, key: str) -> Iterator[tuple[DataPath, str]]:
    if isinstance(value, str):
        if (key in _TEXT_KEYS or key in _LIST_KEYS) and readable(value):
            yield path, value
    elif isinstance(value, list | tuple):
        if key in _LIST_KEYS:
            for index, entry in enumerate(value):
                yield from _walk(entry, (*path, index), key)
    elif isinstance(value, Mapping) and (key in _LIST_KEYS or key == "feedback"):
        for sub, entry in value.items():
            if sub in _TEXT_KEYS:
                yield from _walk(entry, (*path, sub), sub)


def _data_words(path: DataPath) -> str:
    words: list[str] = []
    for part, following in zip(path, (*path[1:], None), strict=True):
        if isinstance(part, int):
            continue
        if part in _LIST_KEYS and isinstance(following, int):
            words.append(f"{_LIST_KEYS[part]} {following + 1}")
        elif part == "feedback" and following is not None:
            continue  # "feedback, shown when right" reads as "shown when right"
        elif _TEXT_KEYS.get(part, part):
            words.append(_TEXT_KEYS.get(part, part))
    return " ".join(words) or "text"


def question_segments(question: Question, item: Item, number: int) -> list[Segment]:
    """The prompt and data strings of a question asked by ``item`` (``number`` counts its
    questions from 1, for the note)."""
    where = f"{item_label(item)}, question {number}"
    found = [Segment(f"{question.id}.prompt", question.prompt, question.id, item.id,
                     "prompt", f"{where}, prompt")] if readable(question.prompt) else []
    for path, text in question_strings(question):
        field = "feedback" if "feedback" in path else _FIELDS.get(str(path[0]), str(path[0]))
        found.append(Segment(".".join([question.id, *map(str, path)]), text, question.id,
                             item.id, field, f"{where}, {_data_words(path)}"))
    return found


def _item_segments(item: Item, language: str) -> list[Segment]:
    label = item_label(item)
    found = [Segment(f"{item.id}.title", item.title, item.id, item.id, "title",
                     f"{label}, title", TITLE_MAX)]
    if isinstance(item, Slide):
        found += sentence_segments(item.id, item.id, "text", item.text, language, SLIDE_TEXT,
                                   f"{label}, slide text")
        found += sentence_segments(item.id, item.id, "notes", item.notes, language, PROSE,
                                   f"{label}, speaker notes")
        found += [Segment(f"{item.id}.alt.{k}", alt, item.id, item.id, "alt",
                          f"{label}, picture description (alt text) {k + 1}")
                  for k, alt in enumerate(item.alt_texts) if readable(alt)]
    if isinstance(item, Page):
        found += sentence_segments(item.id, item.id, "text", item.text, language, PAGE_TEXT,
                                   f"{label}, page text")
    if isinstance(item, VideoClip):
        found += sentence_segments(item.id, item.id, "description", item.description,
                                   language, PROSE, f"{label}, video description")
    narration = getattr(item, "narration", None)
    script = narration.script(language) if narration is not None else None
    if script:
        found += sentence_segments(item.id, item.id, "script", script, language, PROSE,
                                   f"{label}, narration script")
    for cue in getattr(item, "cue_points", ()):
        if readable(cue.title):
            found.append(Segment(f"{cue.id}.title", cue.title, cue.id, item.id, "cue",
                                 f"{label}, cue point at {cue.time:.1f} s, title",
                                 TITLE_MAX))
    for number, question in enumerate(getattr(item, "questions", ()), start=1):
        found += question_segments(question, item, number)
    return found


def _course_segments(course: Course) -> list[Segment]:
    found = [Segment(f"{COURSE}.title", course.title, COURSE, None, "title",
                     "Course title", TITLE_MAX)]
    found += sentence_segments(COURSE, None, "description", course.description,
                               course.language, PROSE, "Course description")
    if readable(course.settings.end_message):
        found.append(Segment(f"{COURSE}.end_message", course.settings.end_message, COURSE,
                             None, "end_message", "Course end page, closing message"))
    found += [Segment(f"{COURSE}.objective.{k}", text, COURSE, None, "objective",
                      f"Course cover, learning objective {k + 1}")
              for k, text in enumerate(course.settings.objectives) if readable(text)]
    return found


def player_segments() -> list[Segment]:
    """The player's interface strings (:data:`PLAYER_STRING_KEYS`) as ``player.<key>``
    segments with their English source from core.js; button labels carry a length limit
    (:func:`studio.translation.strings.string_max_length`)."""
    source = player_strings_source()
    return [Segment(f"{PLAYER}.{key}", text, PLAYER, None, key,
                    f"Player interface, {'button label' if key in BUTTON_KEYS else 'text'} "
                    f"({key}){_plural_note(key)}", string_max_length(key, text))
            for key, text in source.items() if key in PLAYER_STRING_KEYS and readable(text)]


def _plural_note(key: str) -> str:
    form = plural_form(key)
    if form is None:
        return ""
    return (f", the form for a count of CLDR plural category '{form}'"
            + (" (and every category the language has besides 'one')" if form == "other"
               else ""))


def caption_segments(item: VideoClip, texts: Sequence[str]) -> list[Segment]:
    """The segments ``<clip id>.caption.<n>`` of a clip whose source-language cues read
    ``texts`` (``n`` the cue's index in ``texts``; cues without a letter are left out), each
    at most ``MAX_CAPTION_CHARS`` characters. Pure; raises nothing."""
    return [Segment(f"{item.id}.{CAPTION}.{n}", text, item.id, item.id, CAPTION,
                    f"{item_label(item)}, caption {n + 1}", MAX_CAPTION_CHARS)
            for n, text in enumerate(texts) if readable(text)]


def course_segments(course: Course, captions: Mapping[str, Sequence[str]] | None = None, *,
                    player: bool = True) -> list[Segment]:
    """Every translatable text of ``course`` in its source language, in outline order: the
    course's own texts, then each module, lesson and item (titles, texts, notes, alt texts,
    scripts, cue titles, questions), then the player's strings (unless ``player`` is
    False). ``captions`` maps a clip's id to the texts of its source-language caption cues
    (read from its WebVTT by the media room); each cue is one segment of at most
    ``MAX_CAPTION_CHARS`` characters. Pure: the same course gives the same list. Raises
    OSError/ValueError only when the player's core.js cannot be read."""
    found = _course_segments(course)
    for module in course.modules:
        found.append(Segment(f"{module.id}.title", module.title, module.id, None, "title",
                             f"Module '{module.title}', title", TITLE_MAX))
        for lesson in module.lessons:
            found.append(Segment(f"{lesson.id}.title", lesson.title, lesson.id, None,
                                 "title", f"Lesson '{lesson.title}', title", TITLE_MAX))
            for item in lesson.items:
                found += _item_segments(item, course.language)
                if isinstance(item, VideoClip) and captions and item.id in captions:
                    found += caption_segments(item, captions[item.id])
    if player:
        found += player_segments()
    return found
