"""Frame-accurate cuts with the real ffmpeg: every way the studio makes a clip (ffmpeg's
stream copy, the in-process MP4 cut, the smart cut, the encode) keeps exactly
round((out - in) x fps) frames, and its sound lasts as long as they show, within one AAC
frame."""

from __future__ import annotations

import subprocess
from fractions import Fraction
from pathlib import Path

import av
import pytest

from studio.media import ffmpeg_args as fa
from studio.media import mp4cut
from studio.media.ffmpeg import find_ffmpeg
from studio.media.probe import keyframe_at_or_before, probe
from tests.media.test_media_render import clip, record_of, render

AAC_FRAME = 1024  # samples per AAC frame (ISO/IEC 14496-3)

# (source, in, out, the mode the studio picks): plain.mp4 is 25 fps with a keyframe each
# second, ntsc.mp4 30000/1001 fps with one each 1.001 s
CUTS = [
    ("plain.mp4", 0.5, 2.5, "encode"),  # the field case: it came out 51 frames
    ("plain.mp4", 0.33, 1.71, "encode"),  # neither point on a frame
    ("plain.mp4", 0.97, 2.03, "encode"),  # over half a frame before a keyframe
    ("plain.mp4", 0.99, 2.03, "copy"),  # a hair before a keyframe: from the keyframe
    ("plain.mp4", 1.0, 2.5, "copy"),  # from a keyframe, out between frames
    ("plain.mp4", 1.01, 2.49, "copy"),  # a hair after a keyframe
    ("plain.mp4", 0.0, 1.3, "copy"),  # half a frame over: rounds to even
    ("plain.mp4", 2.0, 3.0, "copy"),  # to the end
    ("ntsc.mp4", 0.5, 2.5, "encode"),
    ("ntsc.mp4", 0.33, 1.71, "encode"),
    ("ntsc.mp4", 0.98, 2.5, "encode"),
    ("ntsc.mp4", 1.0, 2.5, "copy"),  # a millisecond before the keyframe at 1.001
    ("ntsc.mp4", 1.001, 2.0, "copy"),
    ("ntsc.mp4", 1.01, 2.49, "copy"),
    ("ntsc.mp4", 2.002, 3.5, "copy"),  # 2.002 s is a hair before the keyframe's 60060/30000
]


def counted(path: Path) -> tuple[int, float]:
    """(video frames decoded, seconds of the sound track as the file presents it)."""
    with av.open(str(path)) as container:
        frames = sum(1 for _ in container.decode(video=0))
    with av.open(str(path)) as container:
        sound = container.streams.audio[0]
        return frames, float(sound.duration * sound.time_base)


def assert_exact(path: Path, in_point: float, out_point: float, rate: Fraction) -> None:
    frames, sound = counted(path)
    assert frames == round((out_point - in_point) * rate)
    assert abs(sound - frames / rate) <= AAC_FRAME / 48000


def planned(media, name: str, in_point: float, out_point: float, output: Path):
    source = media[name]
    found = probe(source)
    keyframe = keyframe_at_or_before(source, in_point + fa.half_frame(found))
    plan = fa.plan_render(find_ffmpeg().path, source, found, in_point, out_point,
                          fa.PRESETS["480p"], output, keyframe=keyframe, faststart=True)
    return source, found, plan


def test_ntsc_rates_are_kept_exact_and_counts_round():
    assert fa.output_rate({"frame_rate": 29.97, "vfr": False}) == Fraction(30000, 1001)
    assert fa.output_rate({"frame_rate": 23.976, "vfr": False}) == Fraction(24000, 1001)
    assert fa.output_rate({"frame_rate": 25.0, "vfr": False}) == 25
    assert fa.output_rate({"frame_rate": 12.5, "vfr": False}) == Fraction(25, 2)
    assert fa.frame_count(2.0, Fraction(25)) == 50
    assert fa.frame_count(1.48, Fraction(25)) == 37
    assert fa.frame_count(0.001, Fraction(25)) == 1  # a cut is never empty


@pytest.mark.parametrize("name, in_point, out_point, mode", CUTS)
def test_the_encode_keeps_exactly_the_cuts_frames(media, tmp_path, name, in_point, out_point,
                                                   mode):
    output = tmp_path / "encoded.mp4"
    source, found, plan = planned(media, name, in_point, out_point, output)
    assert plan.mode == mode
    args = fa.encode_args(find_ffmpeg().path, source, found, in_point, out_point - in_point,
                          fa.PRESETS["480p"], output)
    subprocess.run(args, check=True, capture_output=True, timeout=120)
    rate = fa.output_rate(found.video)
    assert_exact(output, in_point, out_point, rate)
    assert probe(output).video["frame_rate"] == pytest.approx(float(rate), abs=1e-3)


@pytest.mark.parametrize("name, in_point, out_point, mode",
                         [cut for cut in CUTS if cut[3] == "copy"])
def test_both_copies_keep_exactly_the_cuts_frames(media, tmp_path, name, in_point, out_point,
                                                  mode):
    output = tmp_path / "copied.mp4"
    source, found, plan = planned(media, name, in_point, out_point, output)
    assert plan.mode == "copy"
    rate = fa.output_rate(found.video)
    subprocess.run(list(plan.args), check=True, capture_output=True, timeout=120)
    assert_exact(output, in_point, out_point, rate)
    cut = tmp_path / "cut.mp4"
    facts = mp4cut.cut(source, cut, in_point, out_point, fa.half_frame(found),
                       frames=plan.frames)
    assert facts["duration"] == pytest.approx(plan.duration, abs=1e-6)
    assert_exact(cut, in_point, out_point, rate)


@pytest.mark.parametrize("name, in_point, out_point, mode, copier", [
    ("plain.mp4", 0.5, 2.5, "smart", None),  # edges encoded, keyframe to keyframe copied
    ("ntsc.mp4", 0.33, 1.71, "smart", None),  # one keyframe inside: one encode of the span
    ("plain.mp4", 1.01, 2.49, "copy", "mp4cut"),
    ("ntsc.mp4", 2.002, 3.5, "copy", "mp4cut"),
    ("silent.mp4", 0.0, 0.7, "copy", "ffmpeg"),  # no sound: ffmpeg copies and adds silence
])
def test_rendered_clips_hold_the_cuts_frames(lesson, media, name, in_point, out_point, mode,
                                            copier):
    project, lesson_id = lesson
    output = render(project, clip(project, lesson_id, media[name], in_point, out_point),
                    "480p")
    record = record_of(project, output)
    assert (record["mode"], record["copier"]) == (mode, copier)
    assert_exact(output, in_point, out_point, fa.output_rate(probe(media[name]).video))
