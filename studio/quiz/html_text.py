"""HTML question text to plain text: the player shows authored text as text, never as HTML."""

from __future__ import annotations

import re
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
    parser = _Text()
    parser.feed(markup)
    parser.close()
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip()
             for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


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
