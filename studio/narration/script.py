"""What an item says: its script cut into sentences.

The script of a slide is its typed script for the language, else (in the course language) its
speaker notes; of a page its typed script, else its text with the light markup taken off; a
clip speaks only a typed script (its own audio is the speech).
"""

from __future__ import annotations

import re

from studio.model import Item, Page, Slide

SENTENCE_END = re.compile(r"(?<=[.!?…。！？])\s+")
MAX_CAPTION_CHARS = 84  # two lines of a player's caption box

# the page markup of studio.item_kinds.PAGE: '# ' headings, '- ' / '* ' and '1. ' list items
_MARKUP = re.compile(r"^(?:#{1,6}|[-*]|\d+[.)])\s+")


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences: at line breaks and after ., !, ?, … (and the CJK stops)
    followed by white space; white space runs collapsed; empty pieces dropped. Long
    sentences stay whole (synthesis speaks whole sentences; :func:`caption_pieces` splits
    them for a caption box)."""
    pieces: list[str] = []
    for paragraph in text.splitlines():
        for sentence in SENTENCE_END.split(paragraph.strip()):
            pieces.append(" ".join(sentence.split()))
    return [p for p in pieces if p]


def split_words(sentence: str, max_chars: int = MAX_CAPTION_CHARS) -> list[str]:
    """``sentence`` in pieces of at most ``max_chars`` characters, cut between words (a single
    longer word is a piece of its own); [] for an empty text."""
    chunks, current = [], ""
    for word in sentence.split():
        if current and len(current) + 1 + len(word) > max_chars:
            chunks.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*chunks, current] if current else chunks


def caption_pieces(text: str, max_chars: int = MAX_CAPTION_CHARS) -> list[str]:
    """``text`` cut into caption texts: :func:`sentences`, each one longer than ``max_chars``
    split again between words (the rule speaker-notes captions always used)."""
    return [piece for sentence in sentences(text) for piece in split_words(sentence, max_chars)]


def plain_page_text(text: str) -> str:
    """A page's light-markup text as plain text to read aloud: heading and list markers at
    the start of a line removed; each line kept as a line (a sentence break)."""
    return "\n".join(_MARKUP.sub("", line.strip()) for line in text.splitlines())


def item_script(item: Item, language: str, course_language: str) -> str:
    """The text ``item`` speaks in ``language`` (tags as stored): its typed script for that
    language; else, in the course language only, a slide's notes or a page's text as plain
    text; else "" (a clip, a quiz, or a language nothing is written in)."""
    narration = getattr(item, "narration", None)
    typed = narration.script(language) if narration is not None else None
    if typed is not None:
        return typed
    if language != course_language:
        return ""
    if isinstance(item, Slide):
        return item.notes
    if isinstance(item, Page):
        return plain_page_text(item.text)
    return ""


def script_source(item: Item, language: str, course_language: str) -> str:
    """Where ``item``'s script in ``language`` comes from: "typed", "notes" (a slide's),
    "text" (a page's) or "" (nothing to say)."""
    narration = getattr(item, "narration", None)
    if narration is not None and narration.script(language) is not None:
        return "typed"
    if language != course_language:
        return ""
    if isinstance(item, Slide) and item.notes.strip():
        return "notes"
    if isinstance(item, Page) and item.text.strip():
        return "text"
    return ""
