"""The player's interface strings a brand kit may replace, per language.

These are the entries of ``CP.strings`` in ``resources/player/player/core.js``, every one a
plain text. Texts built from numbers are templates with named placeholders in braces
("Item {current} of {total}") that the player's ``CP.say`` fills; where the wording depends
on a count, a family of keys ``<name>_one`` / ``<name>_other`` holds the CLDR plural forms
(``Intl.PluralRules`` in the page's language picks one; categories other than ``one`` use
``_other``). A browser test reads ``CP.strings`` in Chromium and holds this set equal to it.
"""

from __future__ import annotations

from studio.translation.strings import player_strings_source
from studio.translation.units import INLINE_CODE

PLAYER_STRING_KEYS: frozenset[str] = frozenset({
    "answered", "attempts", "bestScore", "choose", "completeCourse", "completed", "continue",
    "correct", "correctAnswer", "courseScore", "courseStatus", "current", "dragCategoryFor",
    "dragChoices", "dragHint", "dragItems", "failed", "falseLabel", "finished", "hotspotAreas",
    "hotspotMiss", "incompleteCourse", "incorrect", "itemNavigation", "menu", "modelAnswer",
    "next", "noAttemptsLeft", "notAttempted", "notStarted", "numberExpected", "outline",
    "passed", "pause", "play", "position", "previous", "questionTime", "quiz", "result",
    "results", "retry", "score", "skip", "skipToContent", "slideText", "submit", "survey",
    "transcript", "trueLabel", "unanswered", "videoComplete", "videoDescription",
    "yourAnswer", "yourAnswers",
    # cover, resume question, certificate
    "certificate", "certificateDate", "certificateScore", "certifies", "hasCompleted",
    "objectives", "printCertificate", "resume", "resumeDetail", "resumeQuestion", "start",
    "startOver", "yourName", "yourNameHint",
    # the banner shown when progress is not being recorded
    "trackingBack", "trackingBlocked", "trackingCmi5Fetch", "trackingCmi5FetchDo",
    "trackingCommitFailed", "trackingInitFailed", "trackingInitFailedDo", "trackingKeepTrying",
    "trackingLrsAuth", "trackingLrsAuthDo", "trackingLrsRefused", "trackingLrsRefusedDo",
    "trackingLrsUnreachable", "trackingNoApi", "trackingNoApiDo", "trackingOffline",
    "trackingOfflineDo", "trackingRetry", "trackingStill", "trackingTitle",
    # narrated slides and pages: the caption box and the sound's name
    "captionLanguage", "captions", "narration",
    # the language picker of a package in several languages
    "language",
    # templates filled with numbers and names ({placeholders}); "_one"/"_other": plural forms
    "aboutDuration", "attemptsLeft_one", "attemptsLeft_other", "characterCount",
    "charactersLeft_one", "charactersLeft_other", "hotspotPicked", "hotspotRight",
    "hours_one", "hours_other", "hoursMinutes", "itemOf", "minutes_one", "minutes_other",
    "partlyCorrect", "passMark", "points_one", "points_other", "quizSummary",
    "quizSummaryNoPassMark", "quizSummaryNoPoints", "quizSummaryPercent",
    "trackingDropped_one", "trackingDropped_other", "trackingWaiting_one",
    "trackingWaiting_other", "unlimitedAttempts",
})


def placeholders(text: str) -> frozenset[str]:
    """The ``{name}`` placeholders of an interface string, braces included (the placeholder
    syntax of :data:`studio.translation.units.INLINE_CODE`)."""
    return frozenset(code for code in INLINE_CODE.findall(text) if code.startswith("{"))


def placeholder_mismatch(key: str, text: str) -> str | None:
    """Why ``text`` cannot replace the player's interface string ``key`` (one of
    :data:`PLAYER_STRING_KEYS`): it drops a placeholder the English text has or invents one
    it lacks, e.g. ``'drops {total} (English: "Item {current} of {total}")'``; None when its
    placeholders are the English ones. Raises KeyError for a key core.js does not declare,
    OSError/ValueError as :func:`studio.translation.strings.player_strings_source`."""
    english = player_strings_source()[key]
    expected, found = placeholders(english), placeholders(text)
    if expected - found:
        return f"drops {', '.join(sorted(expected - found))} (English: \"{english}\")"
    if found - expected:
        return f"invents {', '.join(sorted(found - expected))} (English: \"{english}\")"
    return None
