"""Reversible sentence splitting: where each translatable sentence of a text field lies.

A field is cut into *blocks* (a line of slide text; a paragraph of notes or of a script; a
heading, list item or prose paragraph of a page, its markup prefix left out), each block
into sentences by pysbd's rules for the source language (``char_span``). Everything
between two sentences (white space, blank lines, markup prefixes, pieces without a letter
such as "—" or "2024.") stays in the field, so replacing each sentence by its translation
rebuilds the field around them, and replacing each by itself gives the source byte for
byte.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import pysbd

from studio.narration.script import _MARKUP, _segmenter

Span = tuple[int, int]  # [start, end) character offsets into the field's text

LINES = "lines"  # every line is a block (slide text)
PARAGRAPHS = "paragraphs"  # a blank line ends a block; single line breaks are spaces
PAGE = "page"  # page markup: headings and list items are blocks of their own
LAYOUTS = (LINES, PARAGRAPHS, PAGE)

_LETTER = re.compile(r"[^\W\d_]")  # a letter, in any script
_BREAKS = str.maketrans("\n\r\t\f\v", "     ")  # one for one: offsets stay the same


@lru_cache(maxsize=32)
def _spanner(language: str) -> pysbd.Segmenter:
    """pysbd with character spans, for the language rules the narration's segmenter uses."""
    return pysbd.Segmenter(language=_segmenter(language).language, clean=False,
                           char_span=True)


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def blocks(text: str, layout: str) -> list[Span]:
    """The blocks of ``text`` laid out as ``layout`` (one of ``LAYOUTS``), trimmed of white
    space and (``PAGE``) markup prefixes. Raises ValueError for an unknown layout."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    found: list[Span] = []
    prose = False  # whether the last block is prose the next plain line continues
    offset = 0
    for line in text.splitlines(keepends=True):
        start, end = _trimmed(text, offset, offset + len(line))
        offset += len(line)
        if start == end:
            prose = False
            continue
        marked = _MARKUP.match(text[start:end]) if layout == PAGE else None
        if marked:
            start = _trimmed(text, start + marked.end(), end)[0]
        if layout != LINES and prose and not marked:
            found[-1] = (found[-1][0], end)
        elif start < end:
            found.append((start, end))
        prose = layout != LINES and not marked
    return found


@lru_cache(maxsize=8192)
def _offsets(flat: str, language: str) -> tuple[Span, ...]:
    """Sentence spans within one block's text (line breaks already made spaces); cached, as
    the window and each export ask for the same fields again."""
    spans, cursor = [], 0
    for piece in _spanner(language).segment(flat):
        sentence = piece.sent.strip()
        if not sentence:
            continue
        hint = max(cursor, piece.start + len(piece.sent) - len(piece.sent.lstrip()))
        at = hint if flat.startswith(sentence, hint) else flat.find(sentence, cursor)
        if at < 0:  # the segmenter changed the text: keep the rest whole
            rest = _trimmed(flat, cursor, len(flat))
            if rest[0] < rest[1]:
                spans.append(rest)
            break
        spans.append((at, at + len(sentence)))
        cursor = at + len(sentence)
    return tuple(spans)


def _split_block(text: str, block: Span, language: str) -> list[Span]:
    start, end = block
    flat = text[start:end].translate(_BREAKS)
    return [(start + a, start + b) for a, b in _offsets(flat, language)]


def sentence_spans(text: str, language: str, layout: str = PARAGRAPHS) -> list[Span]:
    """The translatable sentences of ``text`` as ordered, non-overlapping spans: each
    block (:func:`blocks`) cut by pysbd's rules for ``language`` (a BCP 47 tag; English
    rules for a language pysbd lacks), each sentence trimmed of white space; a piece with
    no letter is not a sentence. Raises ValueError for an unknown layout."""
    return [span for block in blocks(text, layout) for span in _split_block(text, block, language)
            if _LETTER.search(text[span[0]:span[1]])]


def rebuild(text: str, spans: Sequence[Span], pieces: Sequence[str]) -> str:
    """``text`` with the sentence at each span replaced by the piece at the same place
    (``spans`` ordered and non-overlapping, as :func:`sentence_spans` gives them). Raises
    ValueError when the two lengths differ."""
    if len(spans) != len(pieces):
        raise ValueError(f"{len(spans)} sentences but {len(pieces)} replacements")
    out, cursor = [], 0
    for (start, end), piece in zip(spans, pieces, strict=True):
        out.append(text[cursor:start])
        out.append(piece)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)
