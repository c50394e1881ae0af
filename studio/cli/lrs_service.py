"""`studio lrs start`: a Learning Record Store on this machine for a pilot or a classroom,
in the foreground until Ctrl+C, with what a package needs to report to it."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from studio.cli.output import say

SAMPLE_ACTOR = {"objectType": "Agent", "name": "Ada Learner", "mbox": "mailto:ada@example.org"}


def add_lrs_parser(add) -> None:
    """Register `studio lrs start` with the parser's ``add`` helper."""
    p = add("lrs", "A Learning Record Store on this machine (Ralph) that Tin Can packages "
            "can report to.", cmd_lrs_start, project=False)
    actions = p.add_subparsers(dest="lrs_command", required=True, metavar="ACTION")
    q = actions.add_parser("start", help="run the LRS until Ctrl+C and print how to point a "
                           "package at it")
    q.add_argument("--folder", metavar="DIR", type=Path,
                   help="where statements and documents are kept (default: lrs/ in your "
                   "user data folder)")
    q.add_argument("--host", default="127.0.0.1",
                   help="the address to listen on (default 127.0.0.1: this machine only)")
    q.add_argument("--port", type=int, default=8100, help="the port (default 8100; 0: any "
                   "free port)")
    q.add_argument("--user", default="studio", help="the Basic auth user (default studio)")
    q.add_argument("--password", help="the Basic auth password (default: the one kept in "
                   "the folder, or a new random one)")
    q.set_defaults(handler=cmd_lrs_start)


def cmd_lrs_start(args) -> None:
    from studio.xray.lrs_service import default_folder, start_lrs

    folder = args.folder or default_folder()
    lrs = start_lrs(folder, host=args.host, port=args.port, user=args.user,
                    password=args.password)
    try:
        say(f"LRS endpoint: {lrs.endpoint}")
        say(f"user: {lrs.user}")
        say(f"password: {lrs.password}")
        say(f"statements kept in: {lrs.folder}")
        say("Point a Tin Can (xAPI) package at it: open its index.html with")
        say(f"  index.html?{lrs.launch_query(SAMPLE_ACTOR, str(uuid.uuid4()))}")
        say("  (one actor per learner, a new registration per attempt)")
        say(f"Read what learners did: studio xray DIR --lrs {lrs.endpoint} "
            f"--auth {lrs.user}:{lrs.password}")
        say("Ctrl+C stops the LRS.")
        sys.stdout.flush()
        code = lrs.process.wait()
        if code:
            say(f"studio: the LRS stopped (exit {code}); see {lrs.folder / 'lrs.log'}",
                file=sys.stderr)
            sys.exit(1)
    except KeyboardInterrupt:
        say("LRS stopped.")
    finally:
        lrs.stop()
