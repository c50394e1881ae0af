"""The `studio` command line: every edit the window offers, scriptable from a shell.

Exit status: 0 success, 1 failure (one line on stderr), 2 usage error.
"""

from __future__ import annotations

import sys

from studio.cli.parser import build_parser
from studio.errors import Cancelled, StudioError


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.handler(args)
    except Cancelled:
        print("studio: cancelled; nothing was changed.", file=sys.stderr)
        return 1
    except StudioError as exc:
        print(f"studio: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("studio: interrupted.", file=sys.stderr)
        return 1
    return 0
