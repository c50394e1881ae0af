"""`check-lms`: run a package's learner paths in the LMS twin and say what the LMS will record.

:func:`check_lms` is a job (progress + cancel token): it reads the package's facts, runs the
paths in a browser engine against a local LMS that behaves as the profile says
(:func:`studio.twin.runner.run_paths`), then turns each journal into a record sheet and the
warnings a tester would raise. :func:`twin_report` is the analysis alone, for journals at hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from studio.export.lms_profiles import load_profile
from studio.jobs import CancelToken, Progress, SubProgress, no_progress
from studio.twin.package_facts import PackageFacts, read_facts
from studio.twin.paths import PATHS, check_paths
from studio.twin.sheet import Sheet, record_sheet
from studio.twin.warnings import Warning, package_warnings, warnings

REPORT_SCHEMA = 1


@dataclass(frozen=True)
class TwinReport:
    """What one LMS will record for a package: a :class:`Sheet` per path, the package's and
    the paths' warnings (failures first), the profile and the package facts they came from."""

    package: Path
    profile: object  # studio.export.lms_profiles.LmsProfile
    facts: PackageFacts
    sheets: tuple[Sheet, ...]
    warnings: tuple[Warning, ...]

    @property
    def ok(self) -> bool:
        """True when every path records what the course's tracking policy intends and no
        warning is a failure: exit status 0 of ``studio check-lms``."""
        return all(s.ok for s in self.sheets) and not any(w.failure for w in self.warnings)

    def outcome(self, path: str) -> str:
        """``ok`` | ``warning`` | ``fail`` for one path (package warnings count for every
        path), the cell of the profiles x paths matrix."""
        sheet = next((s for s in self.sheets if s.path == path), None)
        mine = [w for w in self.warnings if w.path in ("", path)]
        if sheet is None or not sheet.ok or any(w.failure for w in mine):
            return "fail"
        return "warning" if mine else "ok"

    def to_json(self) -> dict:
        """The report as plain JSON data: ``{"schema", "package", "lms": {name, label,
        version}, "ok", "package_facts", "paths": [sheet...], "warnings": [...],
        "switches": {"<section>.<switch>": value}, "sources": {...}}``."""
        profile = self.profile
        changed = profile.changed()
        facts = self.facts
        return {
            "schema": REPORT_SCHEMA,
            "package": str(self.package),
            "lms": {"name": profile.name, "label": profile.label, "version": profile.version},
            "ok": self.ok,
            "package_facts": {
                "standard": facts.standard, "edition": facts.edition,
                "identifier": facts.identifier,
                "units": [{"id": u.id, "title": u.title, "mastery_score": u.mastery_score,
                           "min_measure": u.min_measure} for u in facts.units],
                "sequencing": facts.sequencing,
                "profile": ({"name": facts.profile.name, "version": facts.profile.version}
                            if facts.profile else None),
                "tracking": {"completion": facts.tracking.completion,
                             "mastery_score": facts.tracking.mastery_score,
                             "scored_quizzes": len(facts.tracking.scored_quizzes)},
            },
            "paths": [s.to_json() | {"outcome": self.outcome(s.path)} for s in self.sheets],
            "warnings": [w.to_json() for w in self.warnings],
            "switches": {k: list(v) if isinstance(v, tuple) else v for k, v in changed.items()},
            "sources": {k: profile.sources.get(k, "") for k in changed},
        }


def twin_report(package: Path, profile, facts: PackageFacts, runs: Sequence) -> TwinReport:
    """The report of journalled ``runs`` (:class:`studio.twin.journal.PathRun`) of a package
    under ``profile``; pure: nothing is run."""
    sheets = tuple(record_sheet(run, profile, facts) for run in runs)
    found = package_warnings(profile, facts)
    for run in runs:
        found += warnings(run, profile, facts)
    ordered = sorted(found, key=lambda w: not w.failure)
    return TwinReport(Path(package), profile, facts, sheets, tuple(ordered))


def check_lms(package: Path, lms: str, paths: Sequence[str] | None = None, engine=None,
              progress: Progress = no_progress, token: CancelToken | None = None) -> TwinReport:
    """Run ``paths`` (default: every path of :data:`studio.twin.paths.PATHS`) of the package
    in the twin of LMS ``lms`` with ``engine`` (default: the runner's) and report.

    Raises ``NotFoundError`` (no such file), ``PackageInvalidError`` (not a SCORM, xAPI or
    cmi5 package), ``ExportError`` (unknown LMS, naming the known ones), ``TwinError`` (no
    browser engine or scorm-again) and ``Cancelled`` via ``token``."""
    token = token or CancelToken()
    chosen = check_paths(tuple(paths or PATHS))
    profile = load_profile(lms)
    facts = read_facts(Path(package))
    from studio.twin.runner import run_paths  # the engines load only when a run starts

    progress(0.0, f"Checking {Path(package).name} in the {profile.label} twin")
    runs = run_paths(Path(package), profile, chosen, engine=engine,
                     progress=SubProgress(progress, 0.0, 0.95), token=token)
    token.check()
    report = twin_report(Path(package), profile, facts, runs)
    progress(1.0, "Checked")
    return report
