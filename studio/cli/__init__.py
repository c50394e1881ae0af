"""The `studio` command line: every edit the window offers, scriptable from a shell.

Exit status: 0 success, 1 failure (one line on stderr, followed by one line per problem when
a file has several, as a spreadsheet of questions may), 2 usage error, 141 when the reader of
the output went away (as for a program ended by SIGPIPE). No traceback is ever printed: an
unexpected exception is written to a log file (see :mod:`studio.crash`) and named in one line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studio.cli.output import drop_stdout, prepare_streams, say
from studio.cli.parser import build_parser
from studio.crash import report_crash
from studio.errors import Cancelled, StudioError

CLOSED_PIPE = 141


def activity(args: argparse.Namespace | None) -> str:
    """What a command line was doing, for the last-resort message ("importing deck.pptx")."""
    if args is None:
        return "reading the command line"
    command = args.command
    if command == "import":
        return f"importing {', '.join(Path(f).name for f in args.files)}"
    if command == "captions":
        return f"attaching captions {Path(args.file).name}"
    if command == "export":
        return f"exporting {Path(args.dir).name} to {args.format or 'its publish format'}"
    if command == "export-quiz":
        return f"exporting quiz {args.quiz} to {Path(args.output).name}"
    if command == "translate":
        return f"running 'studio translate {args.translate_command}' on {Path(args.dir).name}"
    if command == "validate":
        return f"validating {Path(args.package).name}"
    return f"running 'studio {command}'"


def _not_utf8(exc: UnicodeEncodeError) -> str:
    text = exc.object if isinstance(exc.object, str) else repr(exc.object)
    return f"{text} is not valid UTF-8 text; use a name made of valid UTF-8 characters."


def main(argv: list[str] | None = None) -> int:
    prepare_streams()
    args = None
    try:
        args = build_parser().parse_args(argv)
        args.handler(args)
        sys.stdout.flush()  # a closed pipe shows here, where it can be handled
    except Cancelled as exc:  # a job that kept part of its work says which part
        say(f"studio: {str(exc) or 'cancelled; nothing was changed.'}", file=sys.stderr)
        return 1
    except StudioError as exc:
        for line in f"studio: {exc.message}".split("\n"):  # a list of problems: one a line
            say(line, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        say("studio: interrupted.", file=sys.stderr)
        return 1
    except BrokenPipeError:
        drop_stdout()
        return CLOSED_PIPE
    except UnicodeEncodeError as exc:
        if "surrogates" not in exc.reason:  # not an undecodable name from the command line
            return _internal_error(exc, args)
        say(f"studio: {_not_utf8(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # the last resort: a bug, told in one line, logged in full
        return _internal_error(exc, args)
    return 0


def _internal_error(exc: Exception, args: argparse.Namespace | None) -> int:
    say(report_crash(exc, activity(args)).message, file=sys.stderr)
    return 1
