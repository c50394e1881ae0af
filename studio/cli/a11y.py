"""`studio a11y` (the conformance report), `studio attest` (the author's statements) and the
accessibility gate of `studio export --a11y`."""

from __future__ import annotations

import sys
from pathlib import Path

from studio.cli.check_lms import ENGINES
from studio.cli.output import print_json, say
from studio.cli.progress import run_job
from studio.errors import InvalidEditError
from studio.files import write_text_atomically

NO_CHECK = "none"  # `export --a11y none`: no check, whatever the publish settings say
SHOWN_FAILURES = 40  # failing findings printed under the summary; the report has them all


def add_a11y_parsers(add) -> None:
    """`a11y` and `attest`, added with the parser's ``add`` helper."""
    from studio.a11y.statements import STATED_VERDICTS

    p = add("a11y", "Write an accessibility conformance report (WCAG 2.2 A/AA with EN 301 549, "
            "in the VPAT 2.5 INT layout) of a course project or a package: what the checks "
            "found for each criterion, and the author's statements.", cmd_a11y, project=False)
    p.add_argument("source", metavar="DIR|PKG",
                   help="a course project folder, a package .zip or an unpacked package")
    p.add_argument("--html", metavar="REPORT.html", help="write the report as a page")
    p.add_argument("--pdf", metavar="REPORT.pdf", nargs="?", const="",
                   help="write the report as a tagged PDF (PDF/UA-1; default name: the "
                   "page's, or SOURCE.a11y.pdf)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--engine", choices=ENGINES,
                   help="the browser engine the player runs in (default: qt, else chromium)")
    p.add_argument("--no-player", action="store_true",
                   help="leave the player out (its criteria then need statements)")
    p.add_argument("--project", metavar="DIR",
                   help="for a package: the project it was exported from (same course); "
                   "the report then adds the project's own checks and statements")
    p = add("attest", "State a verdict on a success criterion no tool decides; the statement "
            "is kept in the course and carried into every later report.", cmd_attest)
    p.add_argument("criterion", metavar="CRITERION", nargs="?", help="a WCAG id, e.g. 1.3.3")
    p.add_argument("--verdict", choices=STATED_VERDICTS)
    p.add_argument("--remarks", help="what was checked, and how")
    p.add_argument("--date", help="YYYY-MM-DD (default: today)")
    p.add_argument("--by", default="", metavar="NAME", help="who checked")
    p.add_argument("--remove", action="store_true", help="remove the statement")
    p.add_argument("--list", action="store_true", help="list the stored statements")


def add_export_gate(p) -> None:
    """`export --a11y strict|report [--engine qt|chromium]`."""
    from studio.a11y.report import EXPORT_MODES

    p.add_argument("--a11y", choices=(*EXPORT_MODES, NO_CHECK),
                   help="check the package's accessibility: strict refuses to write it when "
                   "a criterion does not support; report writes OUT.a11y.html beside it; "
                   "none skips the check the publish settings ask for (default: the "
                   "publish setting a11y)")
    p.add_argument("--engine", choices=ENGINES,
                   help="with --a11y: the browser engine the player runs in (default: qt, "
                   "else chromium)")


def _engine(args):
    if args.no_player:
        return None
    from studio.twin.a11y_report import player_engine

    return player_engine(args.engine)


def summary_line(report) -> str:
    """"Supports 30 · Partially Supports 2 · ..." for the counted criteria."""
    from studio.a11y.verdicts import summary_line as line

    return line(report.results)


def print_failures(report, file=None) -> None:
    """One line per failing finding of each criterion that does not support."""
    lines = [f"  {r.criterion.id} {r.criterion.title}: {f.text}"
             + (f" [{f.item}]" if f.item else "") + (f" ({f.state})" if f.state else "")
             for r in report.failures() for f in r.findings if f.outcome == "fail"]
    for line in lines[:SHOWN_FAILURES]:
        say(line, file=file)
    if len(lines) > SHOWN_FAILURES:
        say(f"  ... and {len(lines) - SHOWN_FAILURES} more (see the report)", file=file)


def cmd_a11y(args) -> None:
    from studio.a11y.report_html import report_html
    from studio.twin.a11y_report import check_accessibility

    source = Path(args.source)
    pdf = None
    if args.pdf is not None:
        pdf = Path(args.pdf) if args.pdf else (
            Path(args.html).with_suffix(".pdf") if args.html
            else Path(f"{source.resolve().stem}.a11y.pdf"))
        if args.html and pdf.resolve() == Path(args.html).resolve():
            raise InvalidEditError(f"--html and --pdf both name {pdf}: give them two files.")
    engine = _engine(args)
    try:
        report = run_job(lambda bar, token: check_accessibility(
            source, engine=engine, player=not args.no_player,
            statements_from=Path(args.project) if args.project else None,
            progress=bar, token=token))
    finally:
        if engine is not None:
            engine.close()
    notes = sys.stderr if args.json else sys.stdout
    written = []
    if args.html:
        write_text_atomically(Path(args.html), report_html(report))
        written.append(args.html)
    if pdf is not None:
        from studio.a11y.report_pdf import report_pdf

        report_pdf(report, pdf)
        written.append(str(pdf))
    if args.json:
        print_json(report.to_json())
    else:
        say(f"{report.facts.name}: {summary_line(report)}")
        print_failures(report)
    for name in written:
        say(f"Wrote {name}", file=notes)


def cmd_attest(args) -> None:
    from studio.a11y.criteria import BY_ID
    from studio.a11y.verdicts import LABELS
    from studio.commands.accessibility import remove_statement, set_statement
    from studio.store import Project

    if args.list:
        with Project.open(args.dir) as project:
            statements = project.course().settings.a11y_statements
        if not statements:
            say("No statements yet.")
        for s in statements:
            title = BY_ID[s.criterion].title if s.criterion in BY_ID else ""
            say(f"{s.criterion} {title}: {LABELS[s.verdict]} ({s.date}"
                + (f", {s.by}" if s.by else "") + f") {s.remarks}")
        return
    if not args.criterion:
        raise InvalidEditError("Name the criterion (e.g. studio attest DIR 1.3.3 --verdict "
                               "supports --remarks ...), or --list the statements.")
    with Project.open(args.dir) as project:
        if args.remove:
            remove_statement(project, args.criterion)
            say(f"Removed the statement on {args.criterion}")
            return
        if not args.verdict or args.remarks is None:
            raise InvalidEditError("A statement needs --verdict and --remarks.")
        stated = set_statement(project, args.criterion, args.verdict, args.remarks,
                               date=args.date, by=args.by)
    say(f"{stated.criterion} {BY_ID[stated.criterion].title}: {LABELS[stated.verdict]} "
        f"({stated.date})")


def a11y_export(args, project, options, target: Path, executor=None,
                shared_cache: str | None = None):
    """`export --a11y MODE`: :func:`studio.twin.a11y_report.export_checked` as a job (renders
    on ``executor``, kept in ``shared_cache`` when given), then the summary line (and the
    page written, in report mode). Returns the export's result."""
    from studio.a11y.report import REPORT
    from studio.twin.a11y_report import export_checked, player_engine, report_page

    engine = player_engine(args.engine)
    try:
        result, report = run_job(lambda bar, token: export_checked(
            project, options, target, args.a11y, engine=engine, progress=bar, token=token,
            executor=executor, shared_cache=shared_cache))
    finally:
        engine.close()
    say(f"Accessibility: {summary_line(report)}")
    if args.a11y == REPORT:
        say(f"Wrote {report_page(target)}")
    return result
