"""What an item says: its script cut into sentences.

The script of a slide is its typed script for the language, else (in the course language) its
speaker notes; of a page its typed script, else its text with the light markup taken off; a
clip speaks only a typed script (its own audio is the speech).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

from studio.model import Item, Page, Slide

MAX_CAPTION_CHARS = 84  # two lines of a player's caption box

# the page markup of studio.item_kinds.PAGE: '# ' headings, '- ' / '* ' and '1. ' list items
_MARKUP = re.compile(r"^(?:#{1,6}|[-*]|\d+[.)])\s+")


_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n")
_SPEAKABLE = re.compile(r"[^\W_]")  # a letter or digit, in any script


@lru_cache(maxsize=32)
def _segmenter(language: str) -> pysbd.Segmenter:
    """pysbd's segmenter for the primary subtag of ``language`` (``de`` for ``de-AT``);
    English rules for a language pysbd does not know."""
    code = language.split("-")[0].lower()
    if code not in pysbd.languages.LANGUAGE_CODES:
        code = "en"
    return pysbd.Segmenter(language=code, clean=False)


def sentences(text: str, language: str = "en") -> list[str]:
    """``text`` cut into the sentences to voice, by pysbd's rules for ``language`` (a BCP 47
    tag; abbreviations such as "z. B.", "e.g.", "Dr." and numbers do not end a sentence).
    A blank line (a paragraph) always ends a sentence; a single line break is only white
    space (notes wrapped mid-sentence stay one sentence): the segmenter decides whether the
    line's last punctuation ends a sentence. White space runs collapsed; a piece with no
    letter or digit ("...", "—") is not spoken and dropped. Long sentences stay whole
    (synthesis speaks whole sentences; :func:`caption_pieces` splits them for a caption
    box)."""
    pieces: list[str] = []
    for paragraph in _PARAGRAPH.split(text):
        flat = " ".join(paragraph.split())
        if flat:
            pieces.extend(" ".join(p.split()) for p in _segmenter(language).segment(flat))
    return [p for p in pieces if speakable(p)]


def speakable(text: str) -> bool:
    """Whether ``text`` has anything to say: a letter or a digit."""
    return bool(_SPEAKABLE.search(text))


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


def caption_pieces(text: str, max_chars: int = MAX_CAPTION_CHARS,
                   language: str = "en") -> list[str]:
    """``text`` cut into caption texts: :func:`sentences` (in ``language``), each one longer
    than ``max_chars`` split again between words (the rule speaker-notes captions always
    used)."""
    return [piece for sentence in sentences(text, language)
            for piece in split_words(sentence, max_chars)]


def plain_page_text(text: str) -> str:
    """A page's light-markup text as plain text to read aloud: heading and list markers at
    the start of a line removed; a heading or list item made a paragraph of its own (it ends
    a sentence even without a stop); other lines kept as lines (wrapped prose)."""
    paragraphs: list[list[str]] = []
    prose = False  # whether the last paragraph is plain lines that the next one continues
    for line in text.splitlines():
        plain = _MARKUP.sub("", line.strip())
        if not plain:
            prose = False
        elif plain == line.strip() and prose:
            paragraphs[-1].append(plain)
        else:
            paragraphs.append([plain])
            prose = plain == line.strip()
    return "\n\n".join("\n".join(lines) for lines in paragraphs)


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
