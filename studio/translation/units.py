"""The vocabulary of translation: segments of source text, stored translations, states.

A *segment* is one translatable piece of the course's text in its source language, addressed
by a stable id (``<owner id>.<field>[.<n>]``: ``itm_3f2a.notes.2`` is the third sentence of
an item's speaker notes). A *translation* is its text in one target language, stored with the
hash of the source it was made from, so a later edit of the source shows as drift.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum

HASH_CHARS = 16  # hex digits of SHA-256 kept: collisions are not a concern at course scale

# The tags a text may carry as markup: WebVTT cue spans (WebVTT §4.2.2: c, i, b, u, ruby,
# rt, v, lang) and the inline and block HTML of imported question text. Other text in angle
# brackets ("Fire safety <basics>") is words, and translated as such.
_TAGS = ("a|abbr|b|br|c|cite|code|div|em|font|i|img|kbd|lang|li|mark|ol|p|q|rt|ruby|s|small|"
         "span|strong|sub|sup|u|ul|v")
# An inline code kept out of the translatable text: one of those tags (<i>, </b>, <v Anna>,
# <br/>, <c.loud>), a WebVTT cue timestamp (<00:01.500>) or a {placeholder}; translators
# see it as a protected placeholder.
INLINE_CODE = re.compile(rf"</?(?:{_TAGS})(?=[\s./>])[^<>\n]{{0,200}}>"
                         r"|<\d{1,2}(?::\d{2}){1,2}\.\d{3}>"
                         r"|\{[A-Za-z_][A-Za-z0-9_]{0,40}\}")


def source_hash(text: str) -> str:
    """The drift key of a source text: the first ``HASH_CHARS`` hex digits of the SHA-256 of
    its UTF-8 bytes (white space is significant: an edit that changes only spacing is an
    edit). Raises nothing."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_CHARS]


class SegmentState(StrEnum):
    """Where a segment stands in one target language."""

    CURRENT = "current"  # translated from the source as it is now
    NEEDS_REVIEW = "needs-review"  # translated, but the source changed since
    NEW = "new"  # never translated


@dataclass(frozen=True)
class Segment:
    """One translatable piece of source text.

    ``id`` is stable across edits of other text and safe as an XML NMTOKEN (letters, digits,
    ``.``, ``-``, ``_``); ``text`` the source as the course stores it (inline codes such as
    ``<i>`` included, see ``INLINE_CODE``); ``owner`` the id of the course node or question
    the text belongs to (``course`` for the course, ``player`` for the player's interface
    strings); ``item`` the timeline item it appears in (None for the course, modules,
    lessons and the player); ``field`` which text of the owner (``title``, ``text``, ``notes``,
    ``script``, ``alt``, ``prompt``, ``choice``, ``feedback``, ``caption``, ``cue`` …);
    ``note`` for translators, where the text appears; ``max_length`` in characters where a
    layout limits it, else None.
    """

    id: str
    text: str
    owner: str
    item: str | None
    field: str
    note: str = ""
    max_length: int | None = None

    @property
    def source_hash(self) -> str:
        """:func:`source_hash` of ``text``."""
        return source_hash(self.text)


@dataclass(frozen=True)
class Translation:
    """A segment's text in one ``language`` (a BCP 47 tag as stored): ``segment`` the
    segment id, ``text`` the translation (inline codes as in the source), ``source_hash``
    and ``source_text`` the source it was translated from."""

    language: str
    segment: str
    text: str
    source_hash: str
    source_text: str

    def row_id(self) -> str:
        """The row id in the ``translations`` table: ``<language>:<segment>``."""
        return f"{self.language}:{self.segment}"
