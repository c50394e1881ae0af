"""WebM renders (VP9 + Opus) for web engines without H.264: always encoded, never copied,
with as many frames as the MP4 render of the same cut and Opus at 48 kHz."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av

from studio.jobs import CancelToken
from studio.media import ffmpeg_args as fa
from studio.media.ffmpeg import find_ffmpeg
from studio.media.probe import probe
from studio.media.process import run_ffmpeg


def test_a_web_ready_source_is_encoded_to_webm_not_copied(media, tmp_path: Path):
    source = media["plain.mp4"]
    found = probe(source)
    preset = fa.PRESETS["480p"]
    as_mp4 = fa.plan_render(find_ffmpeg().path, source, found, 0.0, found.duration, preset,
                            tmp_path / "a.mp4", keyframe=None, faststart=True)
    assert as_mp4.mode == "file"
    output = tmp_path / "a.webm"
    plan = fa.plan_render(find_ffmpeg().path, source, found, 0.5, 2.5, preset, output,
                          keyframe=None, faststart=True, video_format=fa.WEBM)
    assert plan.mode == "encode"
    args = list(plan.args)
    assert args[args.index("-f") + 1] == "webm" and "-movflags" not in args
    assert args[args.index("-c:v") + 1] == "libvpx-vp9"
    assert args[args.index("-c:a") + 1] == "libopus" and args[args.index("-ar") + 1] == "48000"
    run_ffmpeg(args, plan.duration, lambda *_: None, CancelToken(), "render")
    with av.open(str(output)) as container:
        video, sound = container.streams.video[0], container.streams.audio[0]
        assert (video.codec_context.name, sound.codec_context.name) == ("vp9", "opus")
        assert (video.codec_context.width, video.codec_context.height) == (320, 240)
        assert sound.codec_context.sample_rate == 48000
        frames = sum(1 for _ in container.decode(video=0))
    assert frames == plan.frames == fa.frame_count(2.0, Fraction(25))
