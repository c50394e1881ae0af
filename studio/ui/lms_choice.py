"""The export dialog's first choice: which LMS the package is for.

"Any LMS" exports as today; a named LMS (a profile of :mod:`studio.export.lms_profiles`)
picks the format it handles best, disables the formats it does not take (saying why in
their tooltips) and is summed up in a line: its format and what it switches away from the
generic behaviour.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QWidget

from studio.errors import ExportError
from studio.export.formats import get_format
from studio.export.lms_profiles import LmsProfile, PlayerSwitches, all_profiles, choose_format

ANY_LMS = "Any LMS"
REFERENCE = "scormcloud"  # what Any LMS is checked against when no generic profile fits
SUMMARY_PHRASES = 5  # the line stays short; the tooltip has every switch


def _minutes(seconds: int) -> str:
    return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds} s"


def commit_phrase(player: PlayerSwitches) -> str:
    """When the player commits, in a few words."""
    if player.commit_min_interval_seconds:
        return f"commits at most every {_minutes(player.commit_min_interval_seconds)}"
    if player.commit_on_every_change:
        return "commits on every change"
    if player.commit_every_seconds:
        return f"commits every {_minutes(player.commit_every_seconds)}"
    return "commits on status change" if player.commit_on_status_change else "commits at exit"


def exit_phrase(player: PlayerSwitches) -> str:
    """The exit value the player leaves while the course is incomplete."""
    if player.exit_incomplete:
        return f"exit '{player.exit_incomplete}' while incomplete"
    return "no exit value while incomplete"


# How the summary words a switch that differs from the generic default (None: not said);
# the commit policy and the exit value are always said (commit_phrase, exit_phrase)
ONLY_FOR = {  # switches that act on one standard only (see their sources in lms_switches)
    "player.status_pair": "scorm12", "lms.failed_is_final": "scorm12",
    "lms.first_score_only": "scorm2004", "player.completed_when_failed": "scorm2004",
    "package.sequencing": "scorm2004",
}
PHRASES = {
    "player.status_pair": lambda v: f"reports {v}",
    "player.completed_when_failed": lambda v: "completed even when failed" if v else None,
    "player.interactions": lambda v: None if v else "no interactions",
    "player.unique_interaction_ids": lambda v: "a new interaction id per attempt" if v else None,
    "player.objectives": lambda v: "one objective per quiz" if v else None,
    "player.compress_suspend_data": lambda v: "compressed suspend data" if v else None,
    "package.sequencing": lambda v: None if v else "no sequencing",
    "package.manifest_identifier":
        lambda v: "identifier readable in its first 15 characters"
        if v == "meaningful15" else None,
    "package.mastery_score": lambda v: "pass mark kept in the content" if v == "content" else None,
    "package.launch": lambda v: "opens in a new window" if v == "new_window" else None,
    "lms.complete_on_launch": lambda v: "marks a one-unit course complete at launch" if v else None,
    "lms.failed_is_final": lambda v: "a failed status is final" if v else None,
    "lms.first_score_only": lambda v: "keeps only the first score" if v else None,
    "lms.needs_score_max": lambda v: "keeps a score only with score.max" if v else None,
    "lms.needs_finish": lambda v: "keeps the grade only after LMSFinish" if v else None,
    "lms.lesson_mode": lambda v: None if v else "sends no lesson mode",
    "lms.unload_commit": lambda v: "keeps what is sent while the page closes"
        if v == "kept" else None,
}


def format_label(profile: LmsProfile, fmt: str) -> str:
    """The format as the LMS gets it, with the SCORM 2004 edition the profile chooses."""
    if fmt == "scorm2004":
        return f"SCORM 2004 {profile.package.scorm2004_edition} Edition"
    return get_format(fmt).label


def summary(profile: LmsProfile | None, fmt: str) -> tuple[str, str]:
    """(the one-line summary, the tooltip with every changed switch) of what choosing
    ``profile`` does to a ``fmt`` package; None is "Any LMS"."""
    if profile is None:
        return ("The package follows the standard; no LMS's own habits are applied.", "")
    changed = [PHRASES[key](value) for key, value in profile.changed().items()
               if key in PHRASES and ONLY_FOR.get(key, fmt) == fmt]
    said = [commit_phrase(profile.player), exit_phrase(profile.player),
            *(phrase for phrase in changed if phrase)]
    line = " · ".join([format_label(profile, fmt), *said[:SUMMARY_PHRASES]])
    tip = "\n".join(f"{key} = {value!r}" for key, value in profile.changed().items())
    return line, f"{profile.label} ({profile.name} {profile.version})\n{tip}".strip()


def lms_combo(stored: str, parent: QWidget | None = None) -> tuple[QComboBox, dict]:
    """The LMS list ("Any LMS", then every profile by label) set to ``stored`` (a profile
    name; "" or an unknown name: Any LMS), and the profiles by name."""
    combo = QComboBox(parent)
    combo.setAccessibleName("Learning management system")
    combo.addItem(ANY_LMS, "")
    profiles = {p.name: p for p in sorted(all_profiles(), key=lambda p: p.label.casefold())}
    for profile in profiles.values():
        combo.addItem(profile.label, profile.name)
    combo.setCurrentIndex(max(0, combo.findData(stored)))
    return combo, profiles


def limit_formats(formats: QComboBox, profile: LmsProfile | None) -> None:
    """Enable only the formats ``profile`` takes (every one for None); a disabled one's
    tooltip says what the LMS takes instead."""
    model = formats.model()
    assert isinstance(model, QStandardItemModel)
    taken = " or ".join(get_format(name).label for name in profile.formats) if profile else ""
    for row in range(formats.count()):
        item = model.item(row)
        name = formats.itemData(row)
        allowed = profile is None or name in profile.formats
        item.setEnabled(allowed)
        item.setData(None if allowed else
                     f"{profile.label} does not take {get_format(name).label}; "
                     f"it takes {taken}.", Qt.ItemDataRole.ToolTipRole)


def format_for(profile: LmsProfile | None, wanted: str) -> str:
    """The format to select: ``wanted`` when the LMS takes it, else the one it handles best."""
    if profile is None:
        return wanted
    try:
        return choose_format(profile, wanted)
    except ExportError:
        return choose_format(profile, None)


def twin_profile(chosen: str, fmt: str, profiles: dict) -> str | None:
    """The profile the twin checks a ``fmt`` package against: the chosen LMS, or for Any LMS
    the generic profile of that standard (the reference LMS for the others); None for a
    format no LMS takes (an HTML5 site)."""
    if not any(fmt in profile.formats for profile in profiles.values()):
        return None
    if chosen:
        return chosen
    return fmt if fmt in profiles else REFERENCE
