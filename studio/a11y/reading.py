"""Reading level of a course's text (WCAG 2.2 §3.1.5, AAA, advisory), measured with the
``readability`` library's surface measures on the text cut into sentences by the course
language's rules (:func:`studio.translation.sentences.sentence_spans`).

English text gets its Flesch-Kincaid grade level (a US school grade); above lower secondary
education (grade 9, ISCED level 2) it is a REVIEW, as WCAG asks for a simpler version or a
summary then. Other languages written with spaces between words get the LIX score
(Björnsson's Läsbarhetsindex, which does not depend on the language's syllables); above 45
("difficult") is a REVIEW. Scripts without spaces between words are not measured.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from studio.a11y.author_text import item_texts
from studio.a11y.findings import NOT_APPLICABLE, PASS, REVIEW, Finding
from studio.model import Item
from studio.translation.sentences import sentence_spans

LOWER_SECONDARY = 9.0  # US school grade: the end of lower secondary education
DIFFICULT_LIX = 45.0  # LIX: 45-55 "difficult", above 55 "very difficult"
MIN_WORDS = 30  # fewer words give no meaningful score
# Languages whose writing does not separate words by spaces: word counts mean nothing.
UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})
TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


def level(text: str, language: str) -> tuple[str, float] | None:
    """How hard ``text`` reads in ``language`` (a BCP 47 tag): ("grade", Flesch-Kincaid
    grade level) for English, ("LIX", score) for other languages written with spaces, each
    rounded to 0.1; None for an unspaced script or a text under :data:`MIN_WORDS` words.
    Never raises."""
    root = language.split("-")[0].lower()
    if root in UNSPACED:
        return None
    lines = [" ".join(TOKEN.findall(text[start:end]))
             for start, end in sentence_spans(text, language)]
    lines = [line for line in lines if line]
    if sum(1 for line in lines for token in line.split() if token[0].isalnum()) < MIN_WORDS:
        return None
    import readability  # noqa: PLC0415 (loaded on the first measurement)

    grades = readability.getmeasures("\n".join(lines) + "\n", lang="en")["readability grades"]
    if root == "en":
        return "grade", round(max(0.0, grades["Kincaid"]), 1)
    return "LIX", round(grades["LIX"], 1)


def measurable(language: str) -> bool:
    """True when :func:`level` measures text in ``language`` (a BCP 47 tag)."""
    return language.split("-")[0].lower() not in UNSPACED


def reading_findings(items: Sequence[Item], language: str) -> list[Finding]:
    """WCAG 2.2 §3.1.5 per item: the item's text (page or slide text, speaker notes,
    question prompts, choices and feedback together) above lower secondary level is a
    REVIEW with its score; otherwise one PASS with the hardest score measured, or
    NOT_APPLICABLE when no item has :data:`MIN_WORDS` words, or a REVIEW when the language
    cannot be measured (a person must judge)."""
    if not measurable(language):
        return [Finding("3.1.5", REVIEW, f"Reading level not measured: {language} is not "
                        "written with spaces between words; have a reader check that "
                        "difficult text has a simpler summary.")]
    out: list[Finding] = []
    scores: list[tuple[str, float]] = []
    for item in items:
        text = "\n\n".join(_sentence(text) for _where, text in item_texts(item) if text.strip())
        measured = level(text, language)
        if measured is None:
            continue
        scores.append(measured)
        if _hard(measured):
            out.append(Finding("3.1.5", REVIEW, f"“{item.title}” reads at {_say(measured)}, "
                               "above lower secondary level; shorten sentences and words, or "
                               "add a simpler summary.", item.id))
    if not scores:
        out.append(Finding("3.1.5", NOT_APPLICABLE, f"No item has {MIN_WORDS} words or more "
                           "to measure."))
    elif not out:
        out.append(Finding("3.1.5", PASS, f"{len(scores)} items measured; the hardest reads "
                           f"at {_say(max(scores))} (lower secondary level or below)."))
    return out


def _hard(measured: tuple[str, float]) -> bool:
    kind, value = measured
    return value > (LOWER_SECONDARY if kind == "grade" else DIFFICULT_LIX)


def _say(measured: tuple[str, float]) -> str:
    kind, value = measured
    return f"school grade {value:.1f}" if kind == "grade" else f"LIX {value:.1f}"


def _sentence(text: str) -> str:
    """A text as a paragraph of its own ending in a full stop: prompts and choices often
    have none, and would otherwise run into the next text as one long sentence."""
    text = " ".join(text.split())
    return text if text[-1:] in ".!?:;" else text + "."
