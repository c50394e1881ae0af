"""The texts a build reads: Markdown pages as a page's light markup, and narration scripts.

A page's markup (:data:`studio.item_kinds.PAGE`) has ``# `` headings, ``- `` and ``1. `` list
items and blank-line paragraphs; Markdown (CommonMark, read by markdown-it-py) is brought
down to that: every heading level is ``# ``, emphasis, links and code spans keep their text,
a code block or quote becomes a paragraph of its text.
"""

from __future__ import annotations

import re
from pathlib import Path

from studio.errors import ImportFileError
from studio.text import clean_text

SCRIPT_BREAK = re.compile(r"^\s*---\s*$", re.MULTILINE)  # between a deck's slide scripts


def read_text(path: Path) -> str:
    """A UTF-8 text file (a byte-order mark dropped, line ends as ``\\n``); ImportFileError
    naming the file when it cannot be read or is not UTF-8."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ImportFileError(f"{path} cannot be read: {exc.strerror or exc}.") from exc
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path.name} is not UTF-8 text (byte {exc.start}).") from exc
    return "\n".join(clean_text(line) for line in text.splitlines())


def page_markup(markdown: str) -> str:
    """Markdown as a page's light markup: blocks separated by one blank line."""
    from markdown_it import MarkdownIt  # noqa: PLC0415 (read only when a build has pages)

    tokens = MarkdownIt("commonmark").parse(markdown)
    blocks: list[str | None] = []
    lists: list[list] = []  # open lists: [ordered, next number]
    prefix = ""
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append([token.type == "ordered_list_open", int(token.attrGet("start") or 1)])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            blocks.append(None)  # a list ends: what follows is a paragraph or a new list
        elif token.type == "list_item_open":
            ordered, number = lists[-1]
            prefix = f"{number}. " if ordered else "- "
            lists[-1][1] += 1
        elif token.type == "heading_open":
            prefix = "# "
        elif token.type == "inline":
            text = " ".join(_inline_text(token).split())
            if text:
                blocks.append(prefix + text if prefix or not lists else "- " + text)
            prefix = ""
        elif token.type in ("fence", "code_block"):
            blocks.append(" ".join(token.content.split()))
    return _joined(blocks)


def _inline_text(token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def _joined(blocks: list[str | None]) -> str:
    # the items of a list stay on consecutive lines; every other block is a paragraph
    lines: list[str] = []
    after_item = False
    for block in blocks:
        if block is None:
            after_item = False
            continue
        is_item = block.startswith("- ") or re.match(r"\d+\. ", block) is not None
        if lines and not (is_item and after_item):
            lines.append("")
        lines.append(block)
        after_item = is_item
    return "\n".join(lines)


def deck_scripts(text: str) -> list[str]:
    """A deck's narration script cut into one script per visible slide, in order, at lines
    holding only ``---``; each stripped ("" for a slide without one)."""
    return [block.strip() for block in SCRIPT_BREAK.split(text)]
