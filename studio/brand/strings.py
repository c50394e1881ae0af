"""The player's interface strings a brand kit may replace, per language.

These are the plain-text entries of ``CP.strings`` in ``resources/player/player/core.js``;
its function-valued entries (texts built from numbers, such as "Item 3 of 12") are not
offered. A browser test reads ``CP.strings`` in Chromium and holds this set equal to it.
"""

from __future__ import annotations

PLAYER_STRING_KEYS: frozenset[str] = frozenset({
    "answered", "attempts", "bestScore", "choose", "completeCourse", "completed", "continue",
    "correct", "correctAnswer", "courseScore", "courseStatus", "current", "dragCategoryFor",
    "dragChoices", "dragHint", "dragItems", "failed", "falseLabel", "finished", "hotspotAreas",
    "hotspotMiss", "incompleteCourse", "incorrect", "itemNavigation", "menu", "modelAnswer",
    "next", "noAttemptsLeft", "notAttempted", "notStarted", "numberExpected", "outline",
    "passed", "pause", "play", "position", "previous", "questionTime", "quiz", "result",
    "results", "retry", "score", "skip", "skipToContent", "slideText", "submit", "survey",
    "transcript", "trueLabel", "unanswered", "videoComplete", "yourAnswer", "yourAnswers",
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
})
