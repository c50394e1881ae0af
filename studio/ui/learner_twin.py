"""The learner preview's LMS: the course's package served with the LMS twin's page in its
interactive mode, configured by the course's chosen LMS profile.

The preview exports the course as the SCORM package that LMS gets (the generic SCORM 2004
profile when the course names none, or an LMS that takes no SCORM), unpacks it, and serves
it with the twin's page and scorm-again on 127.0.0.1 (:class:`~studio.twin.server.TwinServer`).
Each launch is one run of the page with no scripted learner: the designer is the learner.
Qt-free; the window owns the web view.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from studio.errors import ExportError
from studio.export.exporter import export_course
from studio.export.lms_profiles import LmsProfile, load_profile
from studio.export.package import ExportOptions
from studio.twin.journal import PathRun
from studio.twin.package import TwinPackage, open_package
from studio.twin.package_facts import PackageFacts, read_facts
from studio.twin.plans import PLAIN, PathPlan
from studio.twin.runner import behaviour, config_url, run_config, serve
from studio.twin.runtime import scorm_again_dir
from studio.twin.server import TwinServer
from studio.twin.warnings import Warning, package_warnings, warnings

GENERIC = "scorm2004"  # the profile of a course that names no LMS
SCORM_FORMATS = ("scorm2004", "scorm12")  # what the twin's interactive page runs
PREVIEW_PATH = "preview"  # the journal's path name for a designer's own session
LAUNCH_TIMEOUT_S = 3600  # the designer, not a script, decides when a launch ends
# what the preview's "Simulate tracking" menu says for each of the twin's FAULTS (None: none)
FAULT_LABELS = {None: "LMS works", "no-api": "No LMS found",
                "initialize-false": "LMS refuses to start", "commit-false": "LMS stops saving"}


def preview_profile(name: str) -> LmsProfile:
    """The profile the preview's LMS follows: ``name`` (the course's publish LMS) when it
    takes a SCORM package, else the generic SCORM 2004 one."""
    if name:
        try:
            profile = load_profile(name)
        except ExportError:
            profile = None
        if profile is not None and any(f in SCORM_FORMATS for f in profile.formats):
            return profile
    return load_profile(GENERIC)


def preview_format(profile: LmsProfile) -> str:
    """The SCORM format the profile's LMS takes best."""
    return next(f for f in profile.formats if f in SCORM_FORMATS)


@dataclass(frozen=True)
class PreviewPackage:
    """What the preview runs: the unpacked package, the zip it came from, the profile the
    twin follows and the package's facts (for the twin's warnings)."""

    twin: TwinPackage
    archive: Path
    profile: LmsProfile
    facts: PackageFacts

    @property
    def launch_file(self) -> Path:
        """The package's own start page (for the system browser)."""
        return self.twin.root / self.twin.units[0].href.partition("?")[0]


def build_preview(project, profile: LmsProfile, recorded: bool, video_format: str,
                  folder: Path, progress, token, language: str = "") -> PreviewPackage:
    """Export the course for ``profile``'s LMS into ``folder`` (the package records the
    profile when ``recorded``: the course chose that LMS), in the target ``language`` (''
    the course language), and unpack it. Raises what the export raises, and TwinError for
    a package the twin cannot open."""
    archive = folder / "package.zip"
    options = ExportOptions(format=preview_format(profile), sco_per_lesson=False,
                            include_schemas=False, video_format=video_format,
                            lms=profile.name if recorded else None,
                            languages=(language,) if language else ())
    export_course(project, options, archive, progress, token)
    twin = open_package(archive, folder)
    return PreviewPackage(twin, archive, profile, read_facts(archive))


class PreviewLms:
    """The LMS a preview window talks to: a local server with the twin's page and the
    package; :meth:`launch_url` makes a fresh learner's run. Close it with :meth:`close`."""

    def __init__(self, package: PreviewPackage):
        self.package = package
        self.server = TwinServer()
        self.launches = 0
        serve(self.server, package.twin, scorm_again_dir(), {PLAIN: package.twin.course_data})

    @property
    def suspend_limit(self) -> int:
        """Characters of ``cmi.suspend_data`` this LMS stores."""
        return int(behaviour(self.package.profile, self.package.twin)["suspend_data_limit"])

    def launch_url(self, lesson_id: str, channel: str, fault: str | None = None) -> str:
        """The twin page's URL for a new learner on lesson ``lesson_id`` ('' the whole
        course), its calls reported on console ``channel``, the LMS failing as ``fault`` (one
        of the twin's :data:`~studio.twin.runner.FAULTS`, None: working) says."""
        unit = self.package.twin.units[0]
        href = unit.href
        if lesson_id:
            href += ("&" if "?" in href else "?") + f"unit={lesson_id}"
        step = {"unit": unit.id, "title": unit.title, "href": href, "mastery": unit.mastery,
                "variant": PLAIN, "learner": None}
        config = run_config(self.package.twin, self.package.profile,
                            PathPlan(PREVIEW_PATH, (step,)), LAUNCH_TIMEOUT_S,
                            interactive=True, channel=channel, fault=fault)
        self.launches += 1
        return config_url(self.server, config, f"preview-{self.launches}")

    def warnings(self, journal: dict) -> list[Warning]:
        """What a tester would raise on the session so far (``journal``: the page's
        ``twinJournal()``), the package's own warnings first."""
        run = PathRun.from_json(journal)
        facts, profile = self.package.facts, self.package.profile
        return [*package_warnings(profile, facts), *warnings(run, profile, facts)]

    def close(self) -> None:
        self.server.close()

