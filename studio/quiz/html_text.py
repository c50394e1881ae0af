"""HTML question text to plain text: the player shows authored text as text, never as HTML."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The text of HTML markup: tags dropped, entities resolved, block tags and ``<br>`` as
    line breaks, runs of spaces collapsed, blank lines removed."""
    text = _simple_text(markup)
    if text is None:
        parser = _Text()
        parser.feed(markup)
        parser.close()
        text = "".join(parser.parts)
    lines = (_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


_SPACE_RUN = re.compile(r"[ \t\r\f\v]+")
# A tag without quotes, comments or odd names: what html.parser reads the same way
_PLAIN_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:\s+[^<>\"']*)?\s*/?>")
_RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
             "noscript", "plaintext"}


def _simple_text(markup: str) -> str | None:
    """What :class:`_Text` gathers from markup made only of plain tags (most question
    text), found without the parser; None when the parser must read it (quoted attributes,
    comments, raw-text elements, a ``<`` that opens no plain tag)."""
    parts, last = [], 0
    for tag in _PLAIN_TAG.finditer(markup):
        name = tag.group(2).lower()
        if name in _RAW_TEXT:
            return None
        parts.append(markup[last:tag.start()])
        parts.append("\n" if name in _BREAKS else "")
        last = tag.end()
    parts.append(markup[last:])
    if any("<" in part for part in parts):
        return None
    return "".join(unescape(part) if "&" in part else part for part in parts)


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "img":
            src = dict(attrs).get("src")
            if src and src.strip():
                self.sources.append(src.strip())


def image_sources(markup: str) -> list[str]:
    """The ``src`` of every ``<img>`` in HTML markup, in order, as written (a relative path,
    ``@@PLUGINFILE@@/name.png``, a URL or a ``data:`` URI); entities resolved."""
    parser = _Images()
    parser.feed(markup)
    parser.close()
    return parser.sources
