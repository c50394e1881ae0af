"""`studio xray`: read what learners did (an xAPI LRS, statements files, SCORM interactions
reports) into the project's cache and measure it on the current timeline."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path

from studio.cli.output import print_json, say
from studio.cli.progress import run_job
from studio.errors import LearnerDataError
from studio.files import write_text_atomically
from studio.store import Project
from studio.timecode import format_time


def add_xray_parser(add) -> None:
    """The `xray` subcommand's grammar, on the parser's ``add`` helper."""
    p = add("xray", "Read what learners did (an xAPI LRS, statements files, SCORM "
            "interactions reports) into the project's cache, then measure it on the current "
            "timeline: viewers and drop-off per video second, question facility and "
            "discrimination, lesson funnels. With no source, measures what is cached.",
            cmd_xray)
    p.add_argument("--lrs", metavar="URL", help="an xAPI LRS endpoint (…/xAPI/); read "
                   "incrementally, from the newest statement kept")
    p.add_argument("--auth", metavar="USER:PASS", help="the LRS's Basic credentials")
    p.add_argument("--since", metavar="ISO", help="read LRS statements stored after this "
                   "time (ISO 8601, e.g. 2026-11-30T00:00:00Z)")
    p.add_argument("--registration", metavar="UUID", help="read one LRS registration "
                   "(attempt) only")
    p.add_argument("--statements", action="append", default=[], metavar="FILE",
                   help="a statements file: JSON array, JSON Lines or an LRS answer "
                   "(repeatable)")
    p.add_argument("--scorm-report", action="append", default=[], metavar="FILE.csv",
                   help="an LMS's SCORM interactions report (repeatable)")
    p.add_argument("--forget", action="store_true", help="empty the cache first")
    p.add_argument("--json", action="store_true", help="print the measures as JSON")
    p.add_argument("--html", metavar="REPORT.html", help="also write the measures as a "
                   "self-contained page with plots")


def _auth(text: str | None) -> tuple[str, str] | None:
    if text is None:
        return None
    user, sep, password = text.partition(":")
    if not sep or not user:
        raise LearnerDataError("--auth: USER:PASS expected")
    return user, password


def _since(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise LearnerDataError(f"--since: {text!r} is not an ISO 8601 time "
                               f"(e.g. 2026-11-30T00:00:00Z)") from None
    return text


def _registration(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise LearnerDataError(f"--registration: {text!r} is not a UUID "
                               f"(e.g. 8f2b7c1e-0d4a-4c5e-9b1a-2f3e4d5c6b7a)") from None


def cmd_xray(args) -> None:
    """Read the sources given, measure, print a summary or JSON, write the page if asked."""
    from studio.xray.compute import measure
    from studio.xray.ingest import learner_store, read_learner_data

    auth, since = _auth(args.auth), _since(args.since)
    registration = _registration(args.registration)
    if (auth or since or registration) and not args.lrs:
        raise LearnerDataError("--auth, --since and --registration need --lrs")
    with Project.open(args.dir) as project:
        course = project.course()
        store = learner_store(project.path)
        if args.forget:
            store.forget()
        report = run_job(lambda progress, token: read_learner_data(
            project.path, course, lrs=args.lrs, auth=auth, since=since,
            registration=registration, statements=[Path(p) for p in args.statements],
            scorm_reports=[Path(p) for p in args.scorm_report], progress=progress,
            token=token))
        xray = run_job(lambda progress, token: measure(course, store, progress, token))
        if args.html:
            from studio.xray.report_html import report_html

            write_text_atomically(Path(args.html), report_html(xray, course))
    if args.json:
        print_json(xray.as_json() | {"ingest": report.as_json()})
        return
    _summary(xray, report, args)


def _summary(xray, report, args) -> None:
    from studio.text import plural
    from studio.xray.result import decimals

    sourced = args.lrs or args.statements or args.scorm_report
    if sourced:
        say(f"Read {plural(report.read, 'statement')}: {report.added:,} new, "
            f"{report.duplicates:,} kept already, {report.foreign:,} not about this course.")
    for note in report.notes:
        say(f"Note: {note}.")
    latest = f", latest {xray.latest}" if xray.latest else ""
    say(f"{plural(xray.learners, 'learner')}, {plural(xray.statements, 'statement')}{latest}.")
    for video in xray.videos:
        drop = (f"drop-off at {format_time(video.drop_off_s)}" if video.drop_off_s is not None
                else "no drop-off")
        older = f", {plural(video.older_version, 'statement')} of an older version" \
            if video.older_version else ""
        say(f"Video {video.item} \"{video.title}\": {plural(video.viewers, 'viewer')}, "
            f"{drop}{older}.")
    flagged = [q for q in xray.questions if q.flags]
    for q in flagged:
        facility = "-" if q.facility is None else f"{q.facility:.2f}"
        discrimination = "-" if q.discrimination is None else decimals(q.discrimination)
        say(f"Question {q.id} in {q.item}: facility {facility}, discrimination "
            f"{discrimination}, {plural(q.answers, 'answer')}: {', '.join(q.flags)}.")
    if xray.questions and not flagged:
        say(f"{plural(len(xray.questions), 'question')}, none flagged.")
    if args.html:
        say(f"Wrote {args.html}")
