"""Imports as the window runs them: the media room's one import use case on the writer lane,
and its report told in a sentence or three for the status bar."""

from __future__ import annotations

from pathlib import Path

from studio.media import importer
from studio.media.import_report import Added, FileKind, ImportReport, ImportTarget, NoticeKind
from studio.ui.session import ProjectSession
from studio.ui.workers import Job

RENDERERS = {"libreoffice": "LibreOffice", "builtin": "the built-in renderer (LibreOffice was "
             "not found or failed; text and pictures only)"}


def start_import(session: ProjectSession, paths: list[Path], target: ImportTarget,
                 then: str = "") -> Job:
    """Import files in the background as one writing job (one undo step); when it succeeds,
    its summary (followed by ``then``, a hint of what to do next) is the job's "summary"
    property and goes to the status bar."""

    def work(project, progress, token) -> ImportReport:
        return importer.import_paths(project, paths, target, progress=progress, token=token)

    job = session.start_job(importer.import_name(paths), work, writes=True)

    def succeeded(report: ImportReport) -> None:
        text = " ".join(part for part in (summary(report), then) if part)
        job.setProperty("summary", text)
        session.notice.emit(text)

    job.succeeded.connect(succeeded)
    return job


def summary(report: ImportReport) -> str:
    """What an import did: media files counted, then each deck and question file."""
    parts = []
    media = report.of_kind(FileKind.MEDIA)
    if media:
        parts.append(f"Imported {len(media)} file(s).")
    for entry in report.added:
        if entry.kind is FileKind.DECK:
            parts.append(_deck(report, entry))
        elif entry.kind is FileKind.QUESTIONS:
            parts.append(_questions(report, entry))
        elif entry.kind is FileKind.CAPTIONS:
            parts.append(f"Attached {entry.path.name}.")
    return " ".join(parts)


def _deck(report: ImportReport, entry: Added) -> str:
    counts = [f"{len(entry.item_ids)} slide(s) added"]
    if entry.updated_ids:
        counts.append(f"{len(entry.updated_ids)} updated")
    if entry.removed_titles:
        counts.append(f"{len(entry.removed_titles)} removed")
    renderer = entry.renderer or ""
    text = (f"Imported {entry.path.name}: {', '.join(counts)}; drawn by "
            f"{RENDERERS.get(renderer, renderer)}.")
    notices = report.notices_for(entry.path)
    hidden = [n.message for n in notices if n.kind is NoticeKind.HIDDEN_SLIDES]
    warnings = [n.message for n in notices if n.kind is NoticeKind.WARNING]
    return " ".join([text, *hidden, *warnings])


def _questions(report: ImportReport, entry: Added) -> str:
    text = f"Imported {len(entry.question_ids)} question(s) from {entry.path.name}."
    skipped = report.skipped_in(entry.path)
    if skipped:
        text += " Skipped: " + "; ".join(str(s) for s in skipped)
    notes = report.notices_for(entry.path)
    if notes:
        text += " Note: " + "; ".join(str(n) for n in notes)
    return text
