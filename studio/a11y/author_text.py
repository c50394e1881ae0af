"""Author-side checks of a course's words: link text (WCAG 2.2 §2.4.4), instructions that
rely on colour, shape or position alone (§1.4.1, §1.3.3), item titles within a lesson
(§2.4.6) and question prompts (§3.3.2).

The texts are what a learner reads: a page's text, a slide's text and speaker notes (the
player's transcript), and every question's prompt, choices and feedback.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence

from studio.a11y.findings import FAIL, NOT_APPLICABLE, PASS, REVIEW, Finding
from studio.model import Course, Item, Page, Question, Slide

# Links an author can write in text: Markdown-style [text](url) and HTML <a href>text</a>.
MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]+)\)")
HTML_LINK = re.compile(r"<a\b[^>]*>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")
BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
# Link texts that say nothing of where the link leads, out of context.
VAGUE_LINK_TEXTS = frozenset({
    "click here", "here", "click", "more", "read more", "learn more", "more info",
    "more information", "link", "this link", "this", "this page", "go", "details", "see more",
})
# Instructions that point at something by how it looks or where it is (English wording).
COLOURS = ("red", "green", "blue", "yellow", "orange", "purple", "pink", "grey", "gray",
           "black", "white", "brown")
THINGS = ("button", "buttons", "box", "boxes", "text", "word", "words", "item", "items",
          "area", "areas", "circle", "square", "triangle", "arrow", "line", "one", "ones",
          "answer", "answers", "option", "options", "icon", "icons", "shape", "shapes", "part")
# Only wording that asks the learner to find or judge something by its colour: a sentence
# that merely mentions a colour ("black text on white is fine") is no instruction.
_COLOUR = rf"(?:{'|'.join(COLOURS)})(?:-coloured|-colored)?"
_ACT = (r"(?:click|press|tap|select|choose|pick|drag|drop|find|use|touch|hit|read|look at"
        r"|follow|open)")
COLOUR_WORDING = re.compile(
    rf"\b{_ACT} (?:on |onto |into )?(?:the|a|an|any|all|each|every) {_COLOUR} "
    rf"(?:{'|'.join(THINGS)})\b"
    rf"|\bthe {_COLOUR} (?:{'|'.join(t for t in THINGS if t not in ('text', 'line'))})\b"
    rf"|\b(?:{'|'.join(THINGS)}) (?:shown |marked |written |highlighted )?in {_COLOUR} "
    r"(?:are|is|were|was|mean|means|show|shows|indicate|indicates)\b"
    rf"|\b(?:highlighted|shown|marked|coloured|colored) in {_COLOUR}\b",
    re.IGNORECASE)
SHAPE_WORDING = re.compile(
    r"\b(?:the|a) (?:round|square|triangular|circular) (?:button|icon|shape|one)\b"
    r"|\bthe (?:circle|square|triangle|star|diamond)\b"
    r"|\b(?:on|to|at|in) the (?:left|right|top|bottom)(?: (?:side|corner))?\b"
    r"|\b(?:top|bottom|upper|lower)[- ](?:left|right)\b"
    r"|\b(?:above|below) (?:this|the picture|the image)\b", re.IGNORECASE)


def item_texts(item: Item) -> Iterator[tuple[str, str]]:
    """(where, text) of every text a learner reads in ``item``, in order: "text" and
    "speaker notes" of a slide, "text" of a page, then per question "question N" (its
    prompt), its choices' and items' text and its feedback."""
    if isinstance(item, Slide):
        yield "text", item.text
        yield "speaker notes", item.notes
    elif isinstance(item, Page):
        yield "text", item.text
    for number, question in enumerate(getattr(item, "questions", ()), start=1):
        yield f"question {number}", question.prompt
        yield from ((f"question {number}", text) for text in _question_words(question))


def _question_words(question: Question) -> Iterator[str]:
    data = question.data
    for key in ("choices", "items", "pairs"):
        for entry in data.get(key) or []:
            if isinstance(entry, Mapping):
                yield from (str(entry[k]) for k in ("text", "left", "right", "feedback")
                            if isinstance(entry.get(k), str))
    feedback = data.get("feedback")
    if isinstance(feedback, Mapping):
        yield from (str(text) for text in feedback.values() if isinstance(text, str))


def links(text: str) -> list[tuple[str, str]]:
    """(link text, target) of each Markdown or HTML link in ``text``, in order of
    appearance; the link text with tags removed and spaces collapsed."""
    found = [(m.start(), m.group(1), m.group(2)) for m in MARKDOWN_LINK.finditer(text)]
    for match in HTML_LINK.finditer(text):
        href = re.search(r"href\s*=\s*[\"']([^\"']*)", match.group(0), re.IGNORECASE)
        found.append((match.start(), match.group(1), href.group(1) if href else ""))
    return [(" ".join(TAG.sub(" ", label).split()), target)
            for _start, label, target in sorted(found)]


def vague_link_text(label: str) -> str | None:
    """Why a link text does not say where it leads ("says only “click here”", "is a bare
    address", "is empty"), or None when it does."""
    plain = label.strip().strip(".,:;!?»«\"'()").strip()
    if not plain:
        return "is empty"
    if BARE_URL.match(plain):
        return "is a bare address"
    if plain.lower() in VAGUE_LINK_TEXTS:
        return f"says only “{plain}”"
    return None


def link_findings(items: Sequence[Item]) -> list[Finding]:
    """WCAG 2.2 §2.4.4 (purpose of each link in context): a link without text fails; a
    link whose own text says little ("click here", "more", a bare address) is a REVIEW,
    since the sentence around it may give its purpose; each names the item and the link.
    PASS counts the links with telling text; NOT_APPLICABLE when no text holds a link."""
    out: list[Finding] = []
    total = 0
    for item in items:
        for where, text in item_texts(item):
            for label, target in links(text):
                total += 1
                why = vague_link_text(label)
                if why is None:
                    continue
                link = f"the link to {target or 'its target'}"
                if why == "is empty":
                    out.append(Finding("2.4.4", FAIL, f"“{item.title}”, {where}: {link} has "
                                       "no text; give it text that names where it leads.",
                                       item.id))
                else:
                    out.append(Finding("2.4.4", REVIEW, f"“{item.title}”, {where}: {link} "
                                       f"{why}; check that the sentence around it says where "
                                       "it leads, or name that in the link (e.g. “the safety "
                                       "checklist”).", item.id))
    if not total:
        out.append(Finding("2.4.4", NOT_APPLICABLE, "No links in the text of pages, slides "
                           "or questions."))
    elif not out:
        out.append(Finding("2.4.4", PASS, f"{total} links have text that says where they "
                           "lead."))
    return out


def sensory_findings(items: Sequence[Item]) -> list[Finding]:
    """WCAG 2.2 §1.4.1 (colour) and §1.3.3 (shape, size, position): wording that may point
    at something by its colour, shape or place alone ("the red button", "the circle on the
    left") is a REVIEW naming the item and the words; otherwise PASS counting the texts
    read (English wording only)."""
    out: list[Finding] = []
    texts = 0
    for item in items:
        for where, text in item_texts(item):
            if not text.strip():
                continue
            texts += 1
            for criterion, pattern, what in (("1.4.1", COLOUR_WORDING, "colour"),
                                             ("1.3.3", SHAPE_WORDING, "shape or position")):
                words = sorted({" ".join(m.group(0).lower().split())
                                for m in pattern.finditer(text)})
                if words:
                    out.append(Finding(criterion, REVIEW, f"“{item.title}”, {where}: "
                                       f"“{'”, “'.join(words)}” may rely on {what} alone; "
                                       "make sure the text also names the thing meant.",
                                       item.id))
    for criterion, what in (("1.4.1", "colour"), ("1.3.3", "shape or position")):
        if not any(f.criterion == criterion for f in out):
            out.append(Finding(criterion, PASS, f"No wording in {texts} texts of pages, "
                               f"slides and questions points at something by {what} alone."))
    return out


def title_findings(course: Course, items: Sequence[Item]) -> list[Finding]:
    """WCAG 2.2 §2.4.6: items of one lesson with the same title (a learner tells them
    apart in the outline by title) are a REVIEW; otherwise PASS counting the titles."""
    out: list[Finding] = []
    wanted = {item.id for item in items}
    checked = 0
    for lesson in course.lessons():
        counts = Counter(" ".join(item.title.lower().split()) for item in lesson.items)
        for item in lesson.items:
            if item.id not in wanted:
                continue
            checked += 1
            key = " ".join(item.title.lower().split())
            if not key:
                out.append(Finding("2.4.6", REVIEW, f"An item of lesson “{lesson.title}” has "
                                   "no title; give it one.", item.id))
            elif counts[key] > 1:
                out.append(Finding("2.4.6", REVIEW, f"“{item.title}”: {counts[key]} items of "
                                   f"lesson “{lesson.title}” share this title; give each a "
                                   "title that tells it apart.", item.id))
    if not out:
        out.append(Finding("2.4.6", PASS, f"{checked} item titles are distinct within their "
                           "lessons."))
    return out


def prompt_findings(items: Sequence[Item]) -> list[Finding]:
    """WCAG 2.2 §3.3.2: a question without a prompt (the label of its answer controls)
    fails; PASS counts the questions with one; NOT_APPLICABLE without questions."""
    out: list[Finding] = []
    asked = 0
    for item in items:
        for number, question in enumerate(getattr(item, "questions", ()), start=1):
            asked += 1
            if not question.prompt.strip():
                out.append(Finding("3.3.2", FAIL, f"“{item.title}”, question {number} has no "
                                   "prompt; say what the learner is asked.", item.id))
    if not asked:
        out.append(Finding("3.3.2", NOT_APPLICABLE, "No questions in the course."))
    elif not out:
        out.append(Finding("3.3.2", PASS, f"{asked} of {asked} questions have a prompt that "
                           "labels their answer."))
    return out
