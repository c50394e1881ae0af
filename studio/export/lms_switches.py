"""The switches of an LMS profile, the vocabulary: what a package, its player and an LMS do.

Each switch is a field of one of three frozen dataclasses, declared once here with its
default (what the standards say, or what every LMS tolerates) and, in the field's metadata,
the standard section the default comes from (``source``) and, for a closed vocabulary, the
values it may take (``choices``). A profile file (``resources/lms/<name>.toml``, read by
:mod:`studio.export.lms_profiles`) lists only the switches that differ, each with its own
public source. This module imports nothing of the export room, so the plan's types can
hold a profile.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

# Limits the editions put on what a SCO may store, in characters. SCORM 1.2 RTE §3.4:
# cmi.suspend_data is a CMIString4096, cmi.interactions.n.student_response a CMIFeedback
# (255); SCORM 2004 RTE §4.2: cmi.suspend_data's smallest permitted maximum is 4,000 in the
# 2nd and 3rd editions and 64,000 in the 4th, a long-fill-in learner_response's 4,000.
SUSPEND_DATA_LIMITS = {"scorm12": 4096, "scorm2004-3rd": 4000, "scorm2004-4th": 64000}
RESPONSE_LIMITS = {"scorm12": 255, "scorm2004-3rd": 4000, "scorm2004-4th": 4000}

STATUS_PAIRS = ("passed/incomplete", "passed/failed", "completed/incomplete", "completed/failed")
EDITIONS = ("4th", "3rd")
UUID, MEANINGFUL15 = "uuid", "meaningful15"  # manifest identifier rules
MEANINGFUL_CHARS = 15  # characters of a "meaningful15" identifier taken from the title
MANIFEST, CONTENT = "manifest", "content"  # where the mastery score is judged
LAUNCHES = ("frameset", "iframe", "new_window")


def _switch(default, source: str, choices: tuple[str, ...] | None = None):
    return field(default=default, metadata={"source": source, "choices": choices})


SCORM12_RTE = "SCORM 1.2 RTE §3.4"
SCORM2004_RTE = "SCORM 2004 4th Edition RTE §4.2"
SCORM12_API = "SCORM 1.2 RTE §3.3"
SCORM2004_API = "SCORM 2004 4th Edition RTE §3.1"


@dataclass(frozen=True)
class PackageSwitches:
    """What the export writes for an LMS: ``formats`` it takes (format names, best first),
    the SCORM 2004 edition, the manifest identifier rule (``uuid`` | ``meaningful15``),
    where the mastery score is judged (``manifest`` | ``content``: no adlcp:masteryscore,
    no minNormalizedMeasure), whether 2004 sequencing rules are written and how the LMS
    launches the package (recorded for the player, not in the manifest)."""

    formats: tuple[str, ...] = _switch(
        ("scorm2004", "scorm12", "cmi5", "xapi"),
        "SCORM 1.2; SCORM 2004 4th Edition; cmi5 Quartz; xAPI 1.0.3 (Tin Can packaging)")
    scorm2004_edition: str = _switch(
        "4th", "SCORM 2004 4th Edition CAM (the current ADL edition)", EDITIONS)
    manifest_identifier: str = _switch(
        UUID, "IMS CP 1.1.4 <manifest identifier>, an xs:ID unique to the package "
        "(SCORM 2004 4th Edition CAM §3.4.1.1)", (UUID, MEANINGFUL15))
    mastery_score: str = _switch(
        MANIFEST, "SCORM 1.2 CAM adlcp:masteryscore; SCORM 2004 4th Edition SN "
        "imsss:primaryObjective satisfiedByMeasure / minNormalizedMeasure",
        (MANIFEST, CONTENT))
    sequencing: bool = _switch(
        True, "SCORM 2004 4th Edition SN (IMS Simple Sequencing rules in the manifest)")
    launch: str = _switch(
        "frameset", "SCORM 2004 4th Edition RTE, content launch (the LMS opens a SCO in a window "
        "or frame whose ancestors or opener hold the API)", LAUNCHES)


    @property
    def mastery_in_manifest(self) -> bool:
        """Whether the manifest carries the mastery score (adlcp:masteryscore in 1.2,
        measure-based satisfaction in 2004), or the content judges it."""
        return self.mastery_score == MANIFEST

    @property
    def identifier_title_chars(self) -> int:
        """Characters of the course title the manifest identifier starts with (0: none)."""
        return MEANINGFUL_CHARS if self.manifest_identifier == MEANINGFUL15 else 0

@dataclass(frozen=True)
class PlayerSwitches:
    """What the player does with the LMS's API (``COURSE_DATA.lms.player``, keys verbatim).

    Times in seconds (0: none), limits in characters. ``exit_complete`` "" writes the
    edition's plain exit ("" in 1.2, "normal" in 2004). ``status_pair`` is the SCORM 1.2
    ``lesson_status`` reported on success / otherwise (2004 reports both statuses).
    ``finish_when_complete`` ends the session (last values, commit, LMSFinish/Terminate)
    as soon as a complete course or unit shows its results screen; later navigation
    writes nothing."""

    status_pair: str = _switch(
        "passed/failed", f"{SCORM12_RTE} cmi.core.lesson_status (passed, failed, completed, "
        "incomplete)", STATUS_PAIRS)
    score_before_status: bool = _switch(
        True, f"{SCORM12_RTE} cmi.core.score.raw: an LMS with a mastery score judges the "
        "status from the score, so the score is written first")
    commit_on_status_change: bool = _switch(
        True, f"{SCORM12_API} LMSCommit; {SCORM2004_API} Commit: only committed data is sure to "
        "persist")
    commit_on_every_change: bool = _switch(
        False, f"{SCORM2004_API} Commit (content decides when)")
    commit_every_seconds: int = _switch(
        0, f"{SCORM2004_API} Commit (no timer is required)")
    commit_on_hide: bool = _switch(
        True, "W3C Page Visibility Level 2 (visibilitychange 'hidden' is the last event "
        "a page can rely on); exelearning/exelearning#1831")
    commit_min_interval_seconds: int = _switch(
        0, f"{SCORM2004_API} Commit (no minimum interval)")
    exit_incomplete: str = _switch(
        "suspend", f"{SCORM12_RTE} cmi.core.exit; {SCORM2004_RTE} cmi.exit: 'suspend' keeps "
        "the attempt for resuming", ("suspend", ""))
    exit_complete: str = _switch(
        "", f"{SCORM12_RTE} cmi.core.exit ''; {SCORM2004_RTE} cmi.exit 'normal'",
        ("", "normal", "suspend"))
    completed_when_failed: bool = _switch(
        False, f"{SCORM2004_RTE} cmi.completion_status is independent of cmi.success_status")
    interactions: bool = _switch(
        True, f"{SCORM12_RTE} cmi.interactions; {SCORM2004_RTE} cmi.interactions")
    unique_interaction_ids: bool = _switch(
        False, f"{SCORM2004_RTE} cmi.interactions.n.id (a new record may repeat an id)")
    response_limit: int = _switch(
        4000, f"{SCORM2004_RTE} cmi.interactions.n.learner_response (long-fill-in, 4,000); "
        "cut to 255 for SCORM 1.2 (CMIFeedback)")
    objectives: bool = _switch(
        False, f"{SCORM2004_RTE} cmi.objectives (optional for content)")
    suspend_data_limit: int = _switch(
        64000, f"{SCORM2004_RTE} cmi.suspend_data (64,000; 4,000 in the 3rd edition; "
        "4,096 in SCORM 1.2)")
    compress_suspend_data: bool = _switch(
        False, f"{SCORM2004_RTE} cmi.suspend_data (any characterstring)")
    lesson_mode_missing_is_normal: bool = _switch(
        True, f"{SCORM2004_RTE} cmi.mode (default 'normal'); {SCORM12_RTE} "
        "cmi.core.lesson_mode")
    always_score_max: bool = _switch(
        True, f"{SCORM12_RTE} cmi.core.score.max; {SCORM2004_RTE} cmi.score.max "
        "(a raw score is read between min and max)")
    finish_on_exit: bool = _switch(
        True, f"{SCORM12_API} LMSFinish; {SCORM2004_API} Terminate")
    finish_when_complete: bool = _switch(
        False, f"{SCORM12_API} LMSFinish; {SCORM2004_API} Terminate (the content ends the "
        "session when it chooses; by default when the learner leaves)")


@dataclass(frozen=True)
class LmsBehaviour:
    """How the LMS behaves, what the twin simulates. Times in seconds, sizes in
    characters; 0 means "no such rule". ``first_score_only`` holds back every score after
    the first kept one in SCORM 2004 launches only (a SCORM 1.2 score is kept as usual)."""

    unload_commit: str = _switch(
        "lost", "Chrome 80+ disallows synchronous XHR during page dismissal, so a commit made "
        "at unload is dropped; exelearning/exelearning#1831, #2334", ("lost", "kept"))
    lesson_mode: str = _switch(
        "normal", f"{SCORM2004_RTE} cmi.mode; {SCORM12_RTE} cmi.core.lesson_mode",
        ("normal", ""))
    supports_interactions: bool = _switch(True, f"{SCORM2004_RTE} cmi.interactions")
    supports_objectives: bool = _switch(True, f"{SCORM2004_RTE} cmi.objectives")
    suspend_data_limit: int = _switch(64000, f"{SCORM2004_RTE} cmi.suspend_data")
    honours_sequencing: bool = _switch(
        True, "SCORM 2004 4th Edition SN (the LMS sequences the activity tree)")
    scorm2004_editions: tuple[str, ...] = _switch(
        ("4th", "3rd"), "ADL SCORM 2004 3rd Edition (2006) and 4th Edition (2009)", EDITIONS)
    failed_is_final: bool = _switch(
        False, f"{SCORM12_RTE} cmi.core.lesson_status (any status may follow another)")
    complete_on_launch: bool = _switch(
        False, f"{SCORM2004_RTE} cmi.completion_status (set by the SCO)")
    needs_score_max: bool = _switch(False, f"{SCORM12_RTE} cmi.core.score.max (optional)")
    needs_finish: bool = _switch(
        False, f"{SCORM2004_API} Commit (committed data persists)")
    min_commit_interval_seconds: int = _switch(
        0, f"{SCORM2004_API} Commit")
    identifier_visible_chars: int = _switch(
        0, "IMS CP 1.1.4 <manifest identifier> (the whole identifier)")
    first_score_only: bool = _switch(
        False, f"{SCORM2004_RTE} cmi.score (a later score replaces the first; the switch "
        "concerns SCORM 2004 launches only)")
    refused_files: tuple[str, ...] = _switch(
        (), "IMS CP 1.1.4 (a package may hold any file)")


SECTIONS = {"package": PackageSwitches, "player": PlayerSwitches, "lms": LmsBehaviour}


@dataclass(frozen=True)
class LmsProfile:
    """One LMS: its command-line ``name``, a ``label`` for people, the profile's own
    ``version`` (recorded in packages), its three switch groups, and ``sources``: the public
    source of every switch, keyed ``"<section>.<switch>"`` (defaults cite their standard)."""

    name: str
    label: str
    version: str
    package: PackageSwitches
    player: PlayerSwitches
    lms: LmsBehaviour
    sources: dict[str, str] = field(compare=False)

    @property
    def formats(self) -> tuple[str, ...]:
        """The format names the LMS takes, best first (``package.formats``)."""
        return self.package.formats

    def changed(self) -> dict[str, object]:
        """The switches that differ from the defaults, ``"<section>.<switch>"`` -> value
        (``package.formats`` always included), in declaration order."""
        out: dict[str, object] = {}
        for section, kind in SECTIONS.items():
            group, default = getattr(self, section), kind()
            for f in fields(kind):
                value = getattr(group, f.name)
                if value != getattr(default, f.name) or f.name == "formats":
                    out[f"{section}.{f.name}"] = value
        return out


def default_sources() -> dict[str, str]:
    """The standard source of every switch's default, keyed ``"<section>.<switch>"``."""
    return {f"{section}.{f.name}": f.metadata["source"]
            for section, kind in SECTIONS.items() for f in fields(kind)}
