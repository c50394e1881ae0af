"""Smart renders with the real ffmpeg, x264 and PyAV: cuts of web-ready H.264 sources between
keyframes encode only their edges, copy the rest, and hold exactly the cut's frames."""

from __future__ import annotations

import subprocess
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from studio.errors import Cancelled
from studio.jobs import CancelToken
from studio.media import ffmpeg_args as fa
from studio.media import h264_params as h264
from studio.media import smart_cut
from studio.media.ffmpeg import find_ffmpeg
from studio.media.probe import is_faststart, probe
from studio.media.render import clear_render_cache
from tests.media.test_media_render import clip, record_of, render

RATE = Fraction(24)
AAC_FRAME = 1024 / 48000  # seconds of one AAC frame at 48 kHz (ISO/IEC 14496-3)


def pictures(path: Path) -> list[tuple[float, np.ndarray]]:
    """Every decoded frame of ``path``: (seconds shown, luma plane as floats)."""
    with av.open(str(path)) as container:
        return [(float(f.pts * f.time_base), f.to_ndarray(format="gray").astype(float))
                for f in container.decode(video=0)]


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    error = float(((a - b) ** 2).mean())
    return 100.0 if error == 0 else 10 * np.log10(255 ** 2 / error)


def assert_exact_cut(source: Path, output: Path, in_point: float, out_point: float) -> None:
    """``output`` holds exactly the cut's frames: the source's frame at the in point first,
    the one before the out point last (PSNR >= 40 dB), and not the frame after it."""
    seen, shown = pictures(output), pictures(source)
    start = max(n for n, (t, _) in enumerate(shown) if t <= in_point + 0.5 / RATE)
    frames = fa.frame_count(out_point - in_point, RATE)
    assert len(seen) == frames
    assert [round(t * RATE) for t, _ in seen] == list(range(frames))  # on the frame grid
    assert psnr(seen[0][1], shown[start][1]) >= 40
    assert psnr(seen[-1][1], shown[start + frames - 1][1]) >= 40
    assert min(psnr(a, b[1]) for (_, a), b in zip(seen, shown[start:], strict=False)) >= 40
    if start + frames < len(shown):
        assert psnr(seen[-1][1], shown[start + frames][1]) < 30  # testsrc2 moves each frame


def decode_errors(path: Path) -> str:
    done = subprocess.run([find_ffmpeg().path, "-v", "error", "-xerror", "-i", str(path),
                           "-f", "null", "-"], capture_output=True, text=True)
    return done.stderr + ("" if done.returncode == 0 else f"exit {done.returncode}")


def sound(path: Path) -> tuple[float, np.ndarray]:
    """(where the decoded sound starts in seconds, its first channel's samples at 48 kHz)."""
    with av.open(str(path)) as container:
        frames = list(container.decode(audio=0))
    start = float(frames[0].pts * frames[0].time_base)
    return start, np.concatenate([f.to_ndarray()[0] for f in frames])


@pytest.mark.parametrize("name, in_point, out_point, encoded, copied", [
    ("moving.mp4", 0.5, 4.3, 1.5 + 0.3, 2.0),  # B-frames: head to 2 s, copy 2-4 s, tail
    ("moving_p.mp4", 0.37, 5.1, 0.875 + 0.125, 3.75),  # no B-frames, off the frame grid
    ("moving.mp4", 2.0, 5.5, 1.5, 2.0),  # in point on a keyframe: only the tail encoded
    ("moving.mp4", 0.5, 1.5, 1.0, 0.0),  # no keyframe inside: one encode of the span
])
def test_smart_render_is_exact_to_the_frame_and_copies_the_middle(
        lesson, media, name, in_point, out_point, encoded, copied):
    project, lesson_id = lesson
    source = media[name]
    output = render(project, clip(project, lesson_id, source, in_point, out_point))
    record = record_of(project, output)
    assert record["mode"] == "smart" and "smart_fallback" not in record
    frames = fa.frame_count(out_point - in_point, RATE)
    assert record["smart"]["frames"] == frames
    assert record["smart"]["copied_seconds"] == pytest.approx(copied, abs=1e-6)
    assert record["smart"]["encoded_seconds"] == pytest.approx(encoded, abs=0.5 / 24)
    assert decode_errors(output) == ""
    assert_exact_cut(source, output, in_point, out_point)
    start, heard = sound(output)
    assert abs(start) <= 1e-3  # the edit list hides the sound before the in point
    assert abs(len(heard) / 48000 - frames / RATE) <= AAC_FRAME + 1e-3
    shown_at = round(in_point * RATE) / RATE  # the in point's frame starts the sound too
    _, original = sound(source)
    offset = round(shown_at * 48000)
    # the same samples as the source's from the in point: in sync to the sample
    window = slice(12000, 36000)
    assert np.abs(heard[window] - original[offset:][window]).max() < 1e-3
    found = probe(output)
    assert is_faststart(output) and found.audio["codec"] == "aac"
    assert found.video["profile"] == "High" and found.video["frame_rate"] == 24


def test_joined_track_carries_both_sets_of_parameter_sets(lesson, media):
    project, lesson_id = lesson
    output = render(project, clip(project, lesson_id, media["moving.mp4"], 0.5, 4.3))
    with av.open(str(output)) as container:
        config = h264.read_config(bytes(container.streams.video[0].codec_context.extradata))
    # the source's, the head's two parts', the tail's
    assert len(config.sps) == len(config.pps) == 2 + smart_cut.HEAD_PARTS
    source, *edges = (h264.sequence_fields(s) for s in config.sps)
    assert [source["sps_id"], *(e["sps_id"] for e in edges)] == [0, 1, 2, 3]
    assert [h264.picture_ids(p) for p in config.pps] == [(0, 0), (1, 1), (2, 2), (3, 3)]
    assert all(smart_cut.mismatch(source, edge) is None for edge in edges)


@pytest.mark.parametrize("name, reason", [
    ("interlaced.mp4", "interlaced"),
    ("open_gop.mp4", "IDR"),  # x264's open GOPs start on recovery points, not IDR pictures
])
def test_sources_that_cannot_be_joined_are_encoded_and_say_why(lesson, media, name, reason):
    project, lesson_id = lesson
    output = render(project, clip(project, lesson_id, media[name], 0.5, 3.3))
    record = record_of(project, output)
    assert record["mode"] == "encode" and reason in record["smart_fallback"]
    assert "libx264" in record["args"]
    assert len(pictures(output)) == fa.frame_count(2.8, RATE)


def test_smart_render_is_the_same_bytes_every_time(lesson, media):
    project, lesson_id = lesson
    item = clip(project, lesson_id, media["moving.mp4"], 0.5, 4.3)
    first = render(project, item).read_bytes()
    assert clear_render_cache(project.cache_dir) == 1
    again = render(project, item)
    assert record_of(project, again)["mode"] == "smart" and again.read_bytes() == first


@pytest.mark.parametrize("stage", [0.1, 0.5])  # while encoding the edges, while copying
def test_cancel_leaves_no_partial_file(lesson, media, stage):
    project, lesson_id = lesson
    item = clip(project, lesson_id, media["moving_p.mp4"], 0.37, 5.1)
    token = CancelToken()
    reports = []

    def progress(fraction, message=""):
        reports.append(fraction)
        if fraction >= stage:
            token.cancel()

    with pytest.raises(Cancelled):
        render(project, item, "720p", progress, token)
    assert reports and max(reports) < 1.0
    assert list((project.cache_dir / "renders").iterdir()) == []


def test_plan_copies_from_the_first_keyframe_inside_to_the_last():
    display = [0, 2, 1, 3, 4, 6, 5, 7, 8, 10, 9, 11]  # decode order, B-frames, GOPs of 4
    plan = smart_cut.plan_cut(display, [0, 4, 8], 1, 9)
    assert (plan.head, plan.copy, plan.tail, plan.decode_from) == ((1, 4), (4, 8), (8, 10),
                                                                   (0, 8))
    assert plan.encoded_frames == 5
    whole = smart_cut.plan_cut(display, [0, 4, 8], 5, 2)  # no keyframe inside: encode it all
    assert (whole.head, whole.copy, whole.decode_from[0]) == ((5, 7), (0, 0), 4)
    to_end = smart_cut.plan_cut(display, [0, 4, 8], 2, 10)  # the source's end closes a GOP
    assert (to_end.head, to_end.copy, to_end.tail) == ((2, 4), (4, 12), (12, 12))


def test_plan_refuses_open_groups_and_cuts_past_the_end():
    leading = [0, 3, 1, 2, 7, 5, 4, 6, 8]  # pictures 5 and 6 shown before keyframe 7
    with pytest.raises(smart_cut.Unsafe, match="open group"):
        smart_cut.plan_cut(leading, [0, 4, 8], 1, 8)
    with pytest.raises(smart_cut.Unsafe, match="past"):
        smart_cut.plan_cut(list(range(8)), [0, 4], 6, 3)


def test_edges_split_into_parts_of_a_useful_length():
    assert smart_cut.split_edge((10, 46), 2) == [(10, 28), (28, 46)]
    assert smart_cut.split_edge((10, 30), 2) == [(10, 30)]  # two parts would be too short
    assert smart_cut.split_edge((5, 5), 2) == []


def test_edge_mismatches_are_named():
    source = {"chroma_format_idc": 1, "bit_depth": (8, 8), "size_in_mbs": (20, 12),
              "frame_mbs_only": 1, "cropping": (0, 0, 0, 6), "sar": None, "full_range": 0,
              "colour": None, "profile_idc": 100, "level_idc": 30}
    assert smart_cut.mismatch(source, dict(source, level_idc=21)) is None
    assert "sar" in smart_cut.mismatch(source, dict(source, sar=(4, 3)))
    assert "level" in smart_cut.mismatch(source, dict(source, level_idc=31))
    assert "profile" in smart_cut.mismatch(dict(source, profile_idc=77), source)


def test_variable_rate_source_is_encoded_and_says_why(lesson, media):
    project, lesson_id = lesson
    output = render(project, clip(project, lesson_id, media["vfr.mp4"], 0.2, 1.5))
    record = record_of(project, output)
    assert (record["mode"], record["smart_fallback"]) == ("encode", "a non-constant frame rate")
