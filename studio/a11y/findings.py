"""What an accessibility check found: one :class:`Finding` per criterion, item and state.

Checks of every kind hand back findings: the author-side checks of the course model
(``author``), the checks of rendered media (``media``: contrast on slide images, flashing in
clips) and the checks of the running player (``axe``, ``keyboard``, ``pointer``, ``reflow``).
A finding is evidence for a verdict (:mod:`studio.a11y.verdicts`), never a verdict itself.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

# Outcomes, strongest first: a FAIL turns its criterion to "does not support"; PARTIAL to
# "partially supports"; REVIEW asks the author for a statement (a check found something a
# person must judge); PASS is evidence of support; NOT_APPLICABLE says the course has no
# content the criterion is about.
FAIL = "fail"
PARTIAL = "partial"
REVIEW = "review"
PASS = "pass"
NOT_APPLICABLE = "not-applicable"
OUTCOMES = (FAIL, PARTIAL, REVIEW, PASS, NOT_APPLICABLE)

SOURCES = ("author", "media", "axe", "keyboard", "pointer", "reflow", "player")


@dataclass(frozen=True, order=True)
class Finding:
    """One piece of evidence: ``criterion`` (a WCAG id, "1.4.3"), ``outcome`` (one of
    :data:`OUTCOMES`), ``text`` (one line a designer understands: what was found, where, and
    for a failure what to do), ``item`` (the course item's id, None for the course or the
    player as a whole), ``source`` (one of :data:`SOURCES`) and ``state`` (the player state
    it was seen in, "quiz itm_3: question 2 after submit at 320 px"; "" outside the player).

    Findings sort by criterion, then outcome, item, source, state and text, so a report of
    the same findings is the same bytes."""

    criterion: str
    outcome: str
    text: str
    item: str | None = None
    source: str = "author"
    state: str = ""

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {self.outcome!r}")
        if self.source not in SOURCES:
            raise ValueError(f"unknown source {self.source!r}")

    def as_json(self) -> dict:
        """The finding as a JSON object (the report's ``evidence`` entries)."""
        return asdict(self)


def sort_key(finding: Finding) -> tuple:
    """The order findings are reported in: criterion in WCAG order ("1.4.10" after
    "1.4.3"), then outcome (failures first), item, source, state and text."""
    numbers = tuple(int(part) for part in finding.criterion.split("."))
    return (numbers, OUTCOMES.index(finding.outcome), finding.item or "", finding.source,
            finding.state, finding.text)
