"""Reading ffmpeg's ``-progress pipe:1`` output: pure functions, no process in sight.

ffmpeg writes ``key=value`` lines and closes each report with ``progress=continue`` (or
``progress=end`` for the last). Values may be ``N/A`` early on. ``out_time_ms`` is, despite
its name, in microseconds like ``out_time_us``; older builds only write ``out_time``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProgressReport:
    """One block of ffmpeg's progress output; None where ffmpeg wrote ``N/A`` or nothing.
    ``frame`` counts frames written, ``total_size`` bytes; ``done`` on the last block."""

    out_time: float | None  # seconds of output written so far
    frame: int | None
    speed: float | None  # multiple of real time
    total_size: int | None
    done: bool


def _number(text: str | None, kind=float):
    if text is None:
        return None
    text = text.strip().rstrip("x")
    if not text or text == "N/A":
        return None
    try:
        value = kind(text)
    except ValueError:
        return None
    return value


def _clock(text: str | None) -> float | None:
    """``HH:MM:SS.micro`` (possibly negative or N/A) as seconds."""
    if not text or text.strip() == "N/A":
        return None
    sign = -1 if text.startswith("-") else 1
    parts = text.lstrip("-").split(":")
    try:
        seconds = sum(float(p) * 60 ** i for i, p in enumerate(reversed(parts)))
    except ValueError:
        return None
    return sign * seconds


def report_from_fields(fields: dict[str, str]) -> ProgressReport:
    """The report of one block's ``key -> value`` fields; the output time is taken from
    ``out_time_us``, else ``out_time_ms``, else ``out_time``, and never below 0 s."""
    micro = _number(fields.get("out_time_us"), int)
    if micro is None:
        micro = _number(fields.get("out_time_ms"), int)
    out_time = micro / 1_000_000 if micro is not None else _clock(fields.get("out_time"))
    if out_time is not None:
        out_time = max(0.0, out_time)
    return ProgressReport(
        out_time=out_time,
        frame=_number(fields.get("frame"), int),
        speed=_number(fields.get("speed")),
        total_size=_number(fields.get("total_size"), int),
        done=fields.get("progress") == "end",
    )


class ProgressParser:
    """Feed lines as they arrive; a report comes out at the end of each block."""

    def __init__(self) -> None:
        self._fields: dict[str, str] = {}

    def feed(self, line: str) -> ProgressReport | None:
        """Take one line; returns the block's report on its ``progress=`` line, else None
        (lines without ``=`` are ignored)."""
        key, sep, value = line.strip().partition("=")
        if not sep:
            return None
        self._fields[key.strip()] = value.strip()
        if key.strip() != "progress":
            return None
        report = report_from_fields(self._fields)
        self._fields = {}
        return report


def parse_progress(lines: Iterable[str]) -> list[ProgressReport]:
    """Every complete block's report, in order; a trailing unfinished block is dropped."""
    parser = ProgressParser()
    return [report for line in lines if (report := parser.feed(line)) is not None]


def fraction_done(report: ProgressReport, duration: float) -> float:
    """Share of a render of ``duration`` seconds done, 0..1 (1 once ffmpeg says it ended)."""
    if report.done:
        return 1.0
    if report.out_time is None or duration <= 0:
        return 0.0
    return min(1.0, report.out_time / duration)


def eta_seconds(elapsed: float, fraction: float) -> float | None:
    """Seconds left at the pace so far; None until there is a pace to go by."""
    if fraction <= 0.0 or elapsed <= 0.0:
        return None
    if fraction >= 1.0:
        return 0.0
    return elapsed * (1.0 - fraction) / fraction


def describe(fraction: float, eta: float | None) -> str:
    """Progress for a person: ``fraction`` (0..1) as a percentage, then the ``eta`` in
    seconds when known (``"40 %, 1:05 left"``, ``"40 %, 8 s left"``)."""
    percent = f"{fraction * 100:.0f} %"
    if eta is None:
        return percent
    minutes, seconds = divmod(round(eta), 60)
    return f"{percent}, {minutes}:{seconds:02d} left" if minutes else f"{percent}, {seconds} s left"
