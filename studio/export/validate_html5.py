"""Checking a plain HTML5 site, such as the studio's own HTML5 export: no manifest, but an
``index.html`` at the top, the scripts and style sheets it names, and (for the studio's
sites) ``course-data.js``, the course data the player reads.

What can be checked is checked: the page is UTF-8 HTML (WHATWG HTML §13.2), every local
``<script src>`` and ``<link href>`` it names is in the package, and the course data is
the single JSON object the player data contract promises.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

from studio.export.package import DATA_FILE
from studio.export.package_source import MAX_DOCUMENT_BYTES, Findings
from studio.export.player_data import PREFIX

SITE_PAGE = "index.html"


class _Links(HTMLParser):
    """Collects the tags of a page and the files its scripts and links load."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = 0
        self.loads: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag, attrs):
        self.tags += 1
        wanted = {"script": "src", "link": "href"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.loads.append((tag, name, value))


def is_html5_site(names: set[str] | None) -> bool:
    """Whether a package without a manifest is a web site: it has index.html at its top."""
    return names is not None and SITE_PAGE in names


def check_html5_site(source, refs, findings: Findings) -> None:
    """Check index.html and what it loads; findings go to ``findings``.

    ``source`` reads members (``read(name) -> bytes``, ``exists(name)``); ``refs`` reports a
    missing or escaping file (``file(where, href, base, what)``, as the manifest checks do).
    Never raises for bad input.
    """
    page = _text(source, SITE_PAGE, findings)
    if page is None:
        return
    links = _Links()
    links.feed(page)
    links.close()
    if links.tags == 0:
        findings.error(SITE_PAGE, "holds no HTML elements, so a browser shows an empty page")
        return
    data_named = False
    for tag, attribute, value in links.loads:
        refs.file(f"{SITE_PAGE}: <{tag} {attribute}=\"{value}\">", value, "",
                  "script" if tag == "script" else "linked file")
        data_named = data_named or value.split("?", 1)[0] == DATA_FILE
    if data_named and source.exists(DATA_FILE):
        _check_course_data(source, findings)


def _text(source, name: str, findings: Findings) -> str | None:
    data = source.read(name)
    if len(data) > MAX_DOCUMENT_BYTES:
        findings.error(name, "is too large to be a start page")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        findings.error(name, f"is not UTF-8 text (byte {exc.start} cannot be read), so "
                             "browsers may show it garbled")
        return None


def _check_course_data(source, findings: Findings) -> None:
    """course-data.js must assign one JSON object to window.COURSE_DATA."""
    text = _text(source, DATA_FILE, findings)
    if text is None:
        return
    body = text.strip()
    if not body.startswith(PREFIX.strip()):
        findings.error(DATA_FILE, f"does not start with '{PREFIX.strip()}', so the player "
                                  "finds no course in it")
        return
    body = body[len(PREFIX.strip()):].strip().removesuffix(";")
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        findings.error(DATA_FILE, f"does not parse as course data: {exc.msg} (line "
                                  f"{exc.lineno})")
        return
    if not isinstance(data, dict):
        findings.error(DATA_FILE, "holds no course (its data is not an object)")
