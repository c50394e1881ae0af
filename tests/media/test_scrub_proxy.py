"""Scrubbing proxies with the real ffmpeg: the proxy's frame at a time is the original's frame at
that time (by pixels, after scaling), for the first and last frames, a source that starts late,
a variable frame rate and a phone clip; a cancelled build leaves nothing; a broken source is
refused in one line."""

from __future__ import annotations

import subprocess
from fractions import Fraction
from pathlib import Path

import av
import pytest

from studio.errors import Cancelled, MediaError
from studio.jobs import CancelToken
from studio.media.ffmpeg import find_ffmpeg
from studio.media.frame_at import Frame, FrameReader
from studio.media.scrub_proxy import (
    PROXY_BOX,
    build_proxy,
    find_proxy,
    proxy_path,
    worth_a_proxy,
)
from tests.media_samples import QUARTER_TURN, set_display_matrix

FPS = 25
SECONDS = 4
BOX = (480, 270)


def moving(path: Path, *extra: str, size: str = "320x180") -> Path:
    """A clip whose every frame differs (testsrc2 moves), with B-frames and a keyframe each 2 s."""
    subprocess.run([find_ffmpeg().path, "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=size={size}:rate={FPS}:duration={SECONDS}", "-c:v", "libx264",
                    "-preset", "veryfast", "-g", str(2 * FPS), "-pix_fmt", "yuv420p", *extra,
                    str(path)], check=True, timeout=120)
    return path


def pixels(frame: Frame) -> bytes:
    """The frame's RGB rows without padding."""
    return b"".join(frame.rgb[row * frame.stride:row * frame.stride + frame.width * 3]
                    for row in range(frame.height))


def upright(frame: Frame) -> tuple[bytes, int, int]:
    """The frame's RGB as shown: turned ``rotation`` degrees counterclockwise (0 or 90 here)."""
    data = pixels(frame)
    if frame.rotation == 0:
        return data, frame.width, frame.height
    assert frame.rotation == 90
    width, height = frame.width, frame.height
    # counterclockwise: the shown row r is the stored column (width - 1 - r)
    rows = [b"".join(data[(y * width + (width - 1 - r)) * 3:(y * width + (width - 1 - r)) * 3 + 3]
                     for y in range(height)) for r in range(width)]
    return b"".join(rows), height, width


def mean_difference(a: bytes, b: bytes) -> float:
    assert len(a) == len(b)
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


def frame_times(path: Path) -> list[Fraction]:
    """Every frame's start in seconds after the video stream's start, in presentation order."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        start = stream.start_time or 0
        return sorted((frame.pts - start) * Fraction(stream.time_base)
                      for frame in container.decode(stream))


def assert_same_frames(source: Path, proxy: Path, times: list[float],
                       box: tuple[int, int] = BOX) -> None:
    """At each time the proxy shows the original's frame: the same start time, and pixels
    closer to it than to the frames either side of it."""
    original, small = FrameReader(source), FrameReader(proxy, intra_only=True)
    try:
        for seconds in times:
            shown = small.frame_at(seconds, *box)
            wanted = original.frame_at(seconds, *box)
            assert shown.time == pytest.approx(wanted.time, abs=1e-4), seconds
            assert shown.rotation == 0  # stored upright
            got, width, height = upright(shown)
            expected, *size = upright(wanted)
            assert (width, height) == tuple(size)
            match = mean_difference(got, expected)
            assert match < 2.0, (seconds, match)
            for step in (-1, 1):
                other = wanted.time + step / FPS
                if 0 <= other < SECONDS - 0.5 / FPS:
                    near = upright(FrameReader(source).frame_at(other, *box))[0]
                    assert mean_difference(got, near) > 2 * match, (seconds, step)
    finally:
        original.close()
        small.close()


TIMES = [0.0, 0.52, 1.99, 2.0, 3.17, SECONDS - 1 / FPS, SECONDS + 5]  # first .. last, past


def test_the_proxy_shows_the_originals_frame_at_every_time(tmp_path):
    source = moving(tmp_path / "moving.mp4")
    proxy = build_proxy(source, "sha-moving", tmp_path / "cache", SECONDS)
    assert proxy == proxy_path(tmp_path / "cache", "sha-moving") == \
        find_proxy(tmp_path / "cache", "sha-moving")
    assert proxy.parent.name == "proxies" and proxy.suffix == ".mp4"
    assert frame_times(proxy) == frame_times(source)
    with av.open(str(proxy)) as container:
        assert not container.streams.audio
        packets = [p for p in container.demux(video=0) if p.size]
        assert all(p.is_keyframe for p in packets)  # any frame is one seek and one decode
    assert_same_frames(source, proxy, TIMES)
    assert not list(proxy.parent.glob("*.part"))


def test_a_large_source_is_made_small_and_a_second_ask_is_free(tmp_path):
    assert worth_a_proxy(1280, 720) and worth_a_proxy(720, 1280)  # a phone's stored picture
    assert not worth_a_proxy(*PROXY_BOX) and not worth_a_proxy(640, 360)
    assert not worth_a_proxy(None, None) and not worth_a_proxy(0, 0)
    source = moving(tmp_path / "big.mp4", size="1280x720")
    proxy = build_proxy(source, "sha-big", tmp_path / "cache", SECONDS)
    with av.open(str(proxy)) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == PROXY_BOX
    made = proxy.stat().st_mtime_ns
    assert build_proxy(source, "sha-big", tmp_path / "cache", SECONDS) == proxy
    assert proxy.stat().st_mtime_ns == made


def test_a_source_that_starts_late_keeps_its_times(tmp_path):
    source = moving(tmp_path / "late.ts", "-f", "mpegts")  # MPEG-TS starts at 1.4 s
    with av.open(str(source)) as container:
        stream = container.streams.video[0]
        assert stream.start_time * stream.time_base > 1
    proxy = build_proxy(source, "sha-late", tmp_path / "cache", SECONDS)
    assert frame_times(proxy) == frame_times(source)
    assert_same_frames(source, proxy, TIMES)


def test_a_variable_frame_rate_keeps_every_frame_where_it_was(media, tmp_path):
    source = media["vfr.mp4"]  # frames missing here and there
    proxy = build_proxy(source, "sha-vfr", tmp_path / "cache", 2.0)
    assert frame_times(proxy) == frame_times(source)
    # frames off any regular grid, as a screen recorder writes them
    jitter = tmp_path / "jitter.mp4"
    subprocess.run([find_ffmpeg().path, "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=size=320x180:rate=30:duration={SECONDS}",
                    "-vf", "setpts='(N/30+0.003*mod(N,3))/TB'", "-fps_mode", "passthrough",
                    "-video_track_timescale", "90000", "-c:v", "libx264", "-preset",
                    "ultrafast", "-pix_fmt", "yuv420p", str(jitter)], check=True, timeout=120)
    proxy = build_proxy(jitter, "sha-jitter", tmp_path / "cache", SECONDS)
    assert frame_times(proxy) == frame_times(jitter)


def test_a_phone_clip_is_stored_upright_and_matches(tmp_path):
    source = moving(tmp_path / "phone.mp4")
    set_display_matrix(source, QUARTER_TURN)
    with av.open(str(source)) as container:  # the original asks to be turned
        assert FrameReader(source).frame_at(0, *BOX).rotation == 90
    proxy = build_proxy(source, "sha-phone", tmp_path / "cache", SECONDS)
    with av.open(str(proxy)) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == (180, 320)
    # a box the size of the upright picture: both sides unscaled
    assert_same_frames(source, proxy, [0.0, 1.23, SECONDS - 1 / FPS], box=(180, 320))


def test_a_cancelled_build_leaves_no_file(media, tmp_path):
    token = CancelToken()
    seen: list[float] = []

    def progress(fraction: float, message: str = "") -> None:
        seen.append(fraction)
        token.cancel()  # as soon as ffmpeg has started

    with pytest.raises(Cancelled):
        build_proxy(media["long.mp4"], "sha-long", tmp_path / "cache", 12.0, progress, token)
    assert seen
    assert find_proxy(tmp_path / "cache", "sha-long") is None
    assert list((tmp_path / "cache" / "proxies").iterdir()) == []


def test_a_broken_source_is_refused_in_one_line(tmp_path):
    broken = tmp_path / "notes.mp4"
    broken.write_text("meeting notes, not a film")
    for source in (broken, tmp_path / "gone.mp4"):
        with pytest.raises(MediaError) as caught:
            build_proxy(source, "sha-broken", tmp_path / "cache", 1.0)
        message = caught.value.message
        assert source.name in message and "\n" not in message and len(message) < 200
        assert message.startswith("Cannot make a scrubbing proxy of")
    assert find_proxy(tmp_path / "cache", "sha-broken") is None
    assert not list((tmp_path / "cache").rglob("*.part"))
