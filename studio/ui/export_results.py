"""What the export dialog says of the packages it wrote, and its "All formats": one package
per format into a folder, as one job (:func:`studio.export.exporter.export_all`: each clip
rendered once), every package then validated, the result naming the folder and each file."""

from __future__ import annotations

from pathlib import Path

from studio.export.exporter import ExportResult, export_all
from studio.export.validate import Report, validate_package
from studio.jobs import SubProgress
from studio.publish import package_name
from studio.ui.workers import Job

EXPORT_SHARE = 0.9  # of the job's progress: writing; the rest validates the packages


def default_folder(title: str, beside: Path) -> Path:
    """Where all formats go by default: ``<title's words>-packages`` in ``beside``."""
    return beside / Path(package_name(title, "packages")).stem


def size_text(size: int) -> str:
    """Bytes as a person reads them (kB below 100 kB, else MB)."""
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.0f} kB"


def verdict(result: ExportResult, report: Report) -> str:
    """What the validation found, for a person who does not read schemas."""
    what = f"{result.target.name}: {result.files} files, {size_text(result.bytes)}"
    if report.ok:
        text = f"✔ The package is valid and ready to upload to your LMS ({what})."
        if report.warnings:
            text += "\nWorth a look:\n" + "\n".join(
                f"• {f.where}: {f.message}" for f in report.warnings[:5])
        return text
    lines = [f"✖ The package was written ({what}) but an LMS may refuse it:"]
    lines += [f"• {f.where}: {f.message}" for f in report.errors[:8]]
    if len(report.errors) > 8:
        lines.append(f"… and {len(report.errors) - 8} more.")
    return "\n".join(lines)


def all_verdict(folder: Path, outcomes: list[tuple[ExportResult, Report]]) -> str:
    """The folder, then one line per package: its file, size and whether it is valid."""
    refused = [result for result, report in outcomes if not report.ok]
    head = (f"✔ {len(outcomes)} packages, all valid, in {folder}:" if not refused else
            f"✖ {len(outcomes)} packages written in {folder}; an LMS may refuse "
            f"{len(refused)} of them:")
    lines = [head]
    for result, report in outcomes:
        mark = "valid" if report.ok else f"{len(report.errors)} problems, first: " \
            f"{report.errors[0].where}: {report.errors[0].message}"
        lines.append(f"• {result.target.name} ({result.files} files, "
                     f"{size_text(result.bytes)}): {mark}")
    return "\n".join(lines)


def start_all(dialog) -> Job:
    """Export every format into the folder the dialog's target names (a job on the
    dialog's session); the dialog shows progress, then :func:`all_verdict`."""
    options, folder = dialog.options(), Path(dialog.target.text()).expanduser()

    def work(project, progress, token):
        results = export_all(project, options, folder, SubProgress(progress, 0, EXPORT_SHARE),
                             token)
        share = (1 - EXPORT_SHARE) / max(1, len(results))
        return [(result, validate_package(
            result.target, SubProgress(progress, EXPORT_SHARE + k * share, share), token))
            for k, result in enumerate(results)]

    def done(outcomes: list[tuple[ExportResult, Report]]) -> None:
        dialog.outcome = outcomes[0] if outcomes else None  # Show in folder opens the folder
        dialog._ended(all_verdict(folder, outcomes))
        dialog.folder_button.setVisible(bool(outcomes))

    dialog.outcome, dialog._written = None, None
    job = dialog.session.start_job(f"Export all formats to {folder.name}", work)
    job.succeeded.connect(done)
    return job
