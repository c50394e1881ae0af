"""`studio check-lms`: what an LMS will record for a package, from the LMS twin."""

from __future__ import annotations

from pathlib import Path

from studio.cli.output import print_json, say
from studio.cli.progress import run_job
from studio.errors import StudioError
from studio.files import write_text_atomically

ENGINES = ("qt", "chromium")


def engine_named(name: str | None):
    """The browser engine asked for; None lets the runner take the product's default."""
    if name is None:
        return None
    if name == "chromium":
        from studio.twin.engine import ChromiumEngine

        return ChromiumEngine()
    from studio.twin.qt_engine import QtEngine

    return QtEngine()


def cmd_check_lms(args) -> None:
    from studio.twin.check import check_lms

    engine = engine_named(args.engine)
    try:
        report = run_job(lambda bar, token: check_lms(
            Path(args.package), args.lms, paths=args.path or None, engine=engine,
            progress=bar, token=token))
    finally:
        if engine is not None:
            engine.close()
    if args.html:
        from studio.twin.report_html import report_html

        write_text_atomically(Path(args.html), report_html(report))
    if args.json:
        print_json(report.to_json())
    else:
        print_sheet(report)
        if args.html:
            say(f"Wrote {args.html}")
    if not report.ok:
        failing = [s.path for s in report.sheets if report.outcome(s.path) == "fail"]
        raise StudioError(f"{Path(args.package).name}: {report.profile.label} would not record "
                          f"what the course intends ({', '.join(failing) or 'the package'}).")


def _score(sheet) -> str:
    if sheet.score_raw is None:
        return "no score"
    text = f"score {sheet.score_raw:g}"
    text += f"/{sheet.score_max:g}" if sheet.score_max is not None else " (no max)"
    return text + (f" (scaled {sheet.score_scaled:g})" if sheet.score_scaled is not None else "")


def print_sheet(report) -> None:
    """The report as text: the package line, the warnings, then one block per path."""
    facts = report.facts
    made_for = (f"exported for {facts.profile.name} {facts.profile.version}" if facts.profile
                else "exported without an LMS profile")
    edition = f" {facts.edition} Edition" if facts.edition else ""
    say(f"{report.package.name}: {facts.standard}{edition}, {made_for}; "
        f"checked in the {report.profile.label} twin")
    for warning in report.warnings:
        say(warning.line)
    for sheet in report.sheets:
        say()
        resume = ("" if sheet.resume_delivered is None else
                  ", resume " + ("delivered" if sheet.resume_delivered else "NOT delivered")
                  + (f" at {sheet.resumed_at}" if sheet.resumed_at else ""))
        say(f"{sheet.path}: {report.outcome(sheet.path)}")
        say(f"  records: {sheet.completion}, {sheet.success}, {_score(sheet)}, "
            f"time {sheet.time_s:.1f} s, {len(sheet.interactions)} interaction(s){resume}")
        if sheet.suspend_limit:
            say(f"  suspend data: {sheet.suspend_size:,} of {sheet.suspend_limit:,} characters")
        for unit in sheet.units:
            say(f"  unit {unit.unit}: {unit.completion}, {unit.success}"
                + (f", score {unit.score_raw:g}" if unit.score_raw is not None else ""))
        for interaction in sheet.interactions[:20]:
            say(f"  interaction {interaction.id} ({interaction.type}): "
                f"{interaction.response[:40]!r} {interaction.result}")
        say(f"  intended: {'; '.join(sheet.intended) or 'nothing'}")
        for line in (*sheet.differences, *sheet.problems):
            say(f"  differs: {line}")
    say()
    say("ok: the LMS records what the course intends" if report.ok
        else "fail: the LMS would record something other than intended")
