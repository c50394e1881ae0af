"""The text a QTI body element shows, as a question's plain text.

``<br/>`` is a line break and each block (``p``, ``div``, ``li``...) a line of its own;
pictures, interactions, feedback and prompts are left to their own readers. A text entry (or
inline choice) interaction in a sentence becomes the blank ``_____``
(:data:`studio.quiz.questions.BLANK`); alone in its paragraph it leaves no mark. Text this
studio wrote is taken as it stands (``verbatim``); other text has its runs of spaces and line
ends collapsed, as a browser shows them.
"""

from __future__ import annotations

import re

from lxml import etree

from studio.quiz.questions import BLANK

BLOCKS = frozenset("""p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote pre table thead
tbody tfoot tr td th caption figure figcaption section article header footer address hr
itemBody contentBody modalFeedback simpleChoice simpleAssociableChoice prompt""".split())
# Containers whose whitespace-only text is layout (indentation), never content.
_LAYOUT = frozenset("""itemBody contentBody div ul ol dl table thead tbody tfoot tr
blockquote section figure modalFeedback simpleMatchSet""".split())
_SKIPPED = frozenset("""img object audio video picture source track prompt feedbackInline
feedbackBlock rubricBlock templateBlock templateInline modalFeedback printedVariable
stylesheet""".split()) | frozenset(("choiceInteraction textEntryInteraction "
                                    "extendedTextInteraction matchInteraction orderInteraction "
                                    "hotspotInteraction selectPointInteraction "
                                    "associateInteraction gapMatchInteraction "
                                    "inlineChoiceInteraction sliderInteraction "
                                    "hottextInteraction graphicOrderInteraction "
                                    "graphicAssociateInteraction graphicGapMatchInteraction "
                                    "positionObjectInteraction uploadInteraction "
                                    "drawingInteraction mediaInteraction customInteraction "
                                    "portableCustomInteraction endAttemptInteraction").split())
_BREAK = "\x00"  # a block boundary, merged with its neighbours at the end
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def text_of(elem: etree._Element, verbatim: bool, entry: etree._Element | None = None) -> str:
    """The plain text ``elem`` shows, without surrounding blank lines or spaces; ``entry``,
    a text entry interaction inside it, becomes ``_____`` where a sentence holds it."""
    out: list[str] = []

    def add(text: str | None, parent: etree._Element) -> None:
        if not text:
            return
        if parent.tag in _LAYOUT and not text.strip():
            return
        out.append(text if verbatim else _SPACES.sub(" ", text))

    def walk(node: etree._Element, top: bool) -> None:
        tag = node.tag
        if not isinstance(tag, str):
            return
        if node is entry:
            parent = node.getparent()
            if parent is not None and _has_own_text(parent, entry):
                out.append(BLANK)
            return
        if tag == "br":
            out.append("\n")
            return
        if tag in _SKIPPED and not top:
            return
        block = tag in BLOCKS
        if block:
            out.append(_BREAK)
        add(node.text, node)
        for child in node:
            walk(child, False)
            add(child.tail, node)
        if block:
            out.append(_BREAK)

    walk(elem, True)
    text = re.sub(f"{_BREAK}+", _BREAK, "".join(out)).strip(_BREAK)
    lines = text.replace(_BREAK, "\n").split("\n")
    if not verbatim:
        lines = [line.strip() for line in lines]
    shown = "\n".join(lines).strip()
    # A prompt that is only its blank is written as the entry alone in its paragraph.
    return BLANK if not shown and entry is not None else shown


def _has_own_text(parent: etree._Element, entry: etree._Element) -> bool:
    """Whether ``parent`` shows text besides ``entry`` (so the entry is a blank in it)."""
    if (parent.text or "").strip() or (entry.tail or "").strip():
        return True
    return any(child is not entry and ("".join(child.itertext()) + (child.tail or "")).strip()
               for child in parent)
