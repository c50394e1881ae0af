"""The success criteria a conformance report covers: every Level A and AA criterion of
WCAG 2.2 (W3C Recommendation, 2023-10-05; 4.1.1 Parsing is obsolete there and kept as the
EN 301 549 row it still is), each with its clause of EN 301 549 V3.2.1 (2021-03), chapter 9
(web content), and one AAA criterion the studio gives evidence for (3.1.5 Reading Level).

EN 301 549 V3.2.1 follows WCAG 2.1: the six criteria WCAG 2.2 added (2.4.11, 2.5.7, 2.5.8,
3.2.6, 3.3.7, 3.3.8) have no clause there, so their ``en`` is "".
"""

from __future__ import annotations

from dataclasses import dataclass

# How far a tool can decide a criterion: AUTOMATED ones are decided by the checks (failures
# and passes both); PARTIAL ones can be failed by a check, but a pass still needs a person's
# look at the content (the report asks for a statement when no check failed and none is
# stored); MANUAL ones no tool decides.
AUTOMATED = "automated"
PARTIAL = "partial"
MANUAL = "manual"


@dataclass(frozen=True)
class Criterion:
    """One success criterion: ``id`` ("1.4.3"), ``title`` (WCAG's short name), ``level``
    ("A", "AA" or "AAA"), ``en`` (the EN 301 549 V3.2.1 clause, "9.1.4.3", or "" where it
    has none), ``decided`` (:data:`AUTOMATED`, :data:`PARTIAL` or :data:`MANUAL`) and
    ``advisory`` (True for a criterion beyond AA that the report shows without counting it
    towards conformance)."""

    id: str
    title: str
    level: str
    decided: str = PARTIAL
    advisory: bool = False
    obsolete: bool = False  # 4.1.1: removed from WCAG 2.2, still a clause of EN 301 549

    @property
    def en(self) -> str:
        """The EN 301 549 V3.2.1 clause (chapter 9, web), "" for criteria new in WCAG 2.2."""
        return "" if self.id in WCAG22_NEW else f"9.{self.id}"

    @property
    def url(self) -> str:
        """The criterion's page in "Understanding WCAG 2.2" (W3C)."""
        return f"https://www.w3.org/WAI/WCAG22/Understanding/{SLUGS[self.id]}"


WCAG22_NEW = frozenset({"2.4.11", "2.5.7", "2.5.8", "3.2.6", "3.3.7", "3.3.8"})

_A, _AA = "A", "AA"
CRITERIA: tuple[Criterion, ...] = (
    Criterion("1.1.1", "Non-text Content", _A),
    Criterion("1.2.1", "Audio-only and Video-only (Prerecorded)", _A),
    Criterion("1.2.2", "Captions (Prerecorded)", _A, AUTOMATED),
    Criterion("1.2.3", "Audio Description or Media Alternative (Prerecorded)", _A),
    Criterion("1.2.4", "Captions (Live)", _AA, AUTOMATED),
    Criterion("1.2.5", "Audio Description (Prerecorded)", _AA),
    Criterion("1.3.1", "Info and Relationships", _A),
    Criterion("1.3.2", "Meaningful Sequence", _A),
    Criterion("1.3.3", "Sensory Characteristics", _A, MANUAL),
    Criterion("1.3.4", "Orientation", _AA, AUTOMATED),
    Criterion("1.3.5", "Identify Input Purpose", _AA, AUTOMATED),
    Criterion("1.4.1", "Use of Color", _A),
    Criterion("1.4.2", "Audio Control", _A, AUTOMATED),
    Criterion("1.4.3", "Contrast (Minimum)", _AA, AUTOMATED),
    Criterion("1.4.4", "Resize Text", _AA, AUTOMATED),
    Criterion("1.4.5", "Images of Text", _AA),
    Criterion("1.4.10", "Reflow", _AA, AUTOMATED),
    Criterion("1.4.11", "Non-text Contrast", _AA),
    Criterion("1.4.12", "Text Spacing", _AA, AUTOMATED),
    Criterion("1.4.13", "Content on Hover or Focus", _AA),
    Criterion("2.1.1", "Keyboard", _A, AUTOMATED),
    Criterion("2.1.2", "No Keyboard Trap", _A, AUTOMATED),
    Criterion("2.1.4", "Character Key Shortcuts", _A, AUTOMATED),
    Criterion("2.2.1", "Timing Adjustable", _A, AUTOMATED),
    Criterion("2.2.2", "Pause, Stop, Hide", _A, AUTOMATED),
    Criterion("2.3.1", "Three Flashes or Below Threshold", _A, AUTOMATED),
    Criterion("2.4.1", "Bypass Blocks", _A, AUTOMATED),
    Criterion("2.4.2", "Page Titled", _A, AUTOMATED),
    Criterion("2.4.3", "Focus Order", _A),
    Criterion("2.4.4", "Link Purpose (In Context)", _A),
    Criterion("2.4.5", "Multiple Ways", _AA, AUTOMATED),
    Criterion("2.4.6", "Headings and Labels", _AA),
    Criterion("2.4.7", "Focus Visible", _AA, AUTOMATED),
    Criterion("2.4.11", "Focus Not Obscured (Minimum)", _AA, AUTOMATED),
    Criterion("2.5.1", "Pointer Gestures", _A, AUTOMATED),
    Criterion("2.5.2", "Pointer Cancellation", _A, AUTOMATED),
    Criterion("2.5.3", "Label in Name", _A, AUTOMATED),
    Criterion("2.5.4", "Motion Actuation", _A, AUTOMATED),
    Criterion("2.5.7", "Dragging Movements", _AA, AUTOMATED),
    Criterion("2.5.8", "Target Size (Minimum)", _AA, AUTOMATED),
    Criterion("3.1.1", "Language of Page", _A, AUTOMATED),
    Criterion("3.1.2", "Language of Parts", _AA, MANUAL),
    Criterion("3.2.1", "On Focus", _A, AUTOMATED),
    Criterion("3.2.2", "On Input", _A, AUTOMATED),
    Criterion("3.2.3", "Consistent Navigation", _AA, AUTOMATED),
    Criterion("3.2.4", "Consistent Identification", _AA, AUTOMATED),
    Criterion("3.2.6", "Consistent Help", _A, AUTOMATED),
    Criterion("3.3.1", "Error Identification", _A, AUTOMATED),
    Criterion("3.3.2", "Labels or Instructions", _A),
    Criterion("3.3.3", "Error Suggestion", _AA, AUTOMATED),
    Criterion("3.3.4", "Error Prevention (Legal, Financial, Data)", _AA, AUTOMATED),
    Criterion("3.3.7", "Redundant Entry", _A, AUTOMATED),
    Criterion("3.3.8", "Accessible Authentication (Minimum)", _AA, AUTOMATED),
    Criterion("4.1.1", "Parsing", _A, AUTOMATED, obsolete=True),
    Criterion("4.1.2", "Name, Role, Value", _A, AUTOMATED),
    Criterion("4.1.3", "Status Messages", _AA, AUTOMATED),
    Criterion("3.1.5", "Reading Level", "AAA", AUTOMATED, advisory=True),
)

SLUGS = {
    "1.1.1": "non-text-content", "1.2.1": "audio-only-and-video-only-prerecorded",
    "1.2.2": "captions-prerecorded",
    "1.2.3": "audio-description-or-media-alternative-prerecorded",
    "1.2.4": "captions-live", "1.2.5": "audio-description-prerecorded",
    "1.3.1": "info-and-relationships", "1.3.2": "meaningful-sequence",
    "1.3.3": "sensory-characteristics", "1.3.4": "orientation",
    "1.3.5": "identify-input-purpose", "1.4.1": "use-of-color", "1.4.2": "audio-control",
    "1.4.3": "contrast-minimum", "1.4.4": "resize-text", "1.4.5": "images-of-text",
    "1.4.10": "reflow", "1.4.11": "non-text-contrast", "1.4.12": "text-spacing",
    "1.4.13": "content-on-hover-or-focus", "2.1.1": "keyboard", "2.1.2": "no-keyboard-trap",
    "2.1.4": "character-key-shortcuts", "2.2.1": "timing-adjustable",
    "2.2.2": "pause-stop-hide", "2.3.1": "three-flashes-or-below-threshold",
    "2.4.1": "bypass-blocks", "2.4.2": "page-titled", "2.4.3": "focus-order",
    "2.4.4": "link-purpose-in-context", "2.4.5": "multiple-ways",
    "2.4.6": "headings-and-labels", "2.4.7": "focus-visible",
    "2.4.11": "focus-not-obscured-minimum", "2.5.1": "pointer-gestures",
    "2.5.2": "pointer-cancellation", "2.5.3": "label-in-name", "2.5.4": "motion-actuation",
    "2.5.7": "dragging-movements", "2.5.8": "target-size-minimum",
    "3.1.1": "language-of-page", "3.1.2": "language-of-parts", "3.1.5": "reading-level",
    "3.2.1": "on-focus", "3.2.2": "on-input", "3.2.3": "consistent-navigation",
    "3.2.4": "consistent-identification", "3.2.6": "consistent-help",
    "3.3.1": "error-identification", "3.3.2": "labels-or-instructions",
    "3.3.3": "error-suggestion", "3.3.4": "error-prevention-legal-financial-data",
    "3.3.7": "redundant-entry", "3.3.8": "accessible-authentication-minimum",
    "4.1.1": "parsing", "4.1.2": "name-role-value", "4.1.3": "status-messages",
}

BY_ID: dict[str, Criterion] = {c.id: c for c in CRITERIA}
AXE_TAG_PREFIX = "wcag"


def criterion(criterion_id: str) -> Criterion:
    """The criterion with this id ("1.4.3"). Raises :class:`KeyError` for an unknown id."""
    return BY_ID[criterion_id]


def from_axe_tag(tag: str) -> str | None:
    """The criterion id of an axe-core rule tag ("wcag143" -> "1.4.3", "wcag2411" ->
    "2.4.11"), or None for a tag that names no criterion of :data:`CRITERIA` ("wcag2aa",
    "best-practice")."""
    digits = tag.removeprefix(AXE_TAG_PREFIX)
    if digits == tag or not digits.isdigit() or len(digits) < 3:
        return None
    candidates = [f"{digits[0]}.{digits[1]}.{digits[2:]}"]
    return next((c for c in candidates if c in BY_ID), None)
