"""What the shell is sent: text a terminal cannot misread, and quiet ends on closed pipes."""

from __future__ import annotations

import json
import os
import re
import sys

from studio.text import printable

# json.dumps(ensure_ascii=False) escapes C0 controls but writes DEL, C1 and lone surrogates.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff]")


def prepare_streams() -> None:
    """Let stdout and stderr write any text: an undecodable byte of a file name (a lone
    surrogate, PEP 383) goes out as a backslash escape instead of raising
    UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def say(text: str = "", file=None) -> None:
    """Print one line of output with :func:`studio.text.printable`: no escape sequence from a
    title or a file name reaches the terminal."""
    print(printable(text), file=file or sys.stdout)


def print_json(data: object) -> None:
    """Print ``data`` as indented JSON (RFC 8259) holding no raw control character or lone
    surrogate: those are written as ``\\uXXXX`` escapes inside their strings."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    print(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def drop_stdout() -> None:
    """After the reader of stdout went away (``studio ls | head -1``): point stdout at the
    null device so that the flush at exit cannot raise BrokenPipeError again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (captured output)
        pass
