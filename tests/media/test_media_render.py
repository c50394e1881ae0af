"""Web renders with the real ffmpeg: each source oddity, stream copy, cache, cancel, loudness."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from studio import commands
from studio.errors import Cancelled
from studio.jobs import CancelToken
from studio.media import ffmpeg_args as fa
from studio.media.cache import RenderCache
from studio.media.ffmpeg import find_ffmpeg
from studio.media.importer import import_files
from studio.media.pipeline import render_all
from studio.media.probe import is_faststart, probe
from studio.media.render import clear_render_cache, render_clip


def clip(project, lesson_id, path: Path, in_point=None, out_point=None):
    item_id = import_files(project, [path], lesson_id=lesson_id)[0].item_id
    if in_point is not None or out_point is not None:
        commands.trim(project, item_id, in_point, out_point)
    return project.course().find(item_id)


def render(project, item, *args, **kwargs) -> Path:
    """render_clip with the project's course and folders."""
    return render_clip(project.course(), item, project.media_dir, project.cache_dir, *args,
                       **kwargs)


def record_of(project, output: Path) -> dict:
    return RenderCache(project.cache_dir).record(output.stem)


def assert_web_ready(output: Path, size: tuple[int, int], duration: float, rate: float = 25,
                     profile: str = "High"):
    found = probe(output)
    video, audio = found.video, found.audio
    assert (video["codec"], video["profile"], video["pixel_format"]) == (
        "h264", profile, "yuv420p")
    assert (found.width, found.height) == size and video["rotation"] == 0
    assert audio is not None and audio["codec"] == "aac"
    assert abs(found.duration - duration) <= 1 / rate + 1e-3
    assert is_faststart(output)


@pytest.mark.parametrize("name, size, cut", [
    ("odd.mp4", (320, 240), (0.2, 0.8)),  # 321x241 4:4:4 -> even sizes, 4:2:0
    ("rotated.mp4", (240, 320), (0.0, 1.0)),  # turned upright, no rotation flag left
    ("tenbit.mkv", (320, 240), (0.0, 1.0)),  # High 10 -> High 8-bit
    ("hevc.mov", (320, 240), (0.12, 0.92)),
    ("silent444.mp4", (320, 240), (0.0, 1.0)),  # re-encoded, and gets a silent sound track
    ("vfr.mp4", (320, 240), (0.0, 2.0)),  # constant frame rate out
    ("uhd.mp4", (854, 480), (0.0, 0.5)),  # 4K scaled into the 480p box
])
def test_each_source_oddity_renders_web_ready(lesson, media, name, size, cut):
    project, lesson_id = lesson
    item = clip(project, lesson_id, media[name], *cut)
    output = render(project, item, "480p")
    rate = fa.output_rate(probe(media[name]).video)
    assert_web_ready(output, size, cut[1] - cut[0], float(rate))
    record = record_of(project, output)
    assert record["mode"] == "encode" and record["ffmpeg_version"] == find_ffmpeg().version


def test_default_preset_scales_720p_and_keeps_smaller_sources(lesson, media):
    project, lesson_id = lesson
    assert_web_ready(render(project, clip(project, lesson_id, media["long.mp4"], 2, 3),
                                 "480p"), (854, 480), 1.0)
    # fits the box as it is: only the cut's edges are encoded, in the source's own profile
    assert_web_ready(render(project, clip(project, lesson_id, media["long.mp4"], 3, 4)),
                     (1280, 720), 1.0, profile="Constrained Baseline")
    assert_web_ready(render(project, clip(project, lesson_id, media["odd.mp4"]), "1080p"),
                     (320, 240), 1.0)


def test_audio_only_clip_renders_sound_only(lesson, media):
    project, lesson_id = lesson
    found = probe(render(project, clip(project, lesson_id, media["voice.wav"])))
    assert found.kind == "audio" and found.audio["codec"] == "aac"


def test_compliant_source_is_copied_not_encoded(lesson, media):
    project, lesson_id = lesson
    whole = render(project, clip(project, lesson_id, media["plain.mp4"]), "480p")
    assert record_of(project, whole)["mode"] == "file"
    assert whole.read_bytes() == media["plain.mp4"].read_bytes()
    at_keyframe = render(project, clip(project, lesson_id, media["plain.mp4"], 1.0, 2.5),
                              "480p")
    assert record_of(project, at_keyframe)["mode"] == "copy"
    found = probe(at_keyframe)
    assert found.duration == pytest.approx(1.5, abs=1 / 25 + 1e-3) and is_faststart(at_keyframe)
    between = render(project, clip(project, lesson_id, media["plain.mp4"], 1.3, 2.5),
                          "480p")
    assert record_of(project, between)["mode"] == "smart"  # edges encoded, the rest copied
    not_faststart = render(project, clip(project, lesson_id, media["slow.mp4"]), "480p")
    assert record_of(project, not_faststart)["mode"] == "copy" and is_faststart(not_faststart)


def video_md5(path: Path) -> str:
    done = subprocess.run([find_ffmpeg().path, "-v", "error", "-i", str(path), "-map", "0:v",
                           "-c", "copy", "-f", "md5", "-"], capture_output=True, text=True,
                          check=True)
    return done.stdout.strip()


def test_compliant_source_without_sound_is_copied_with_a_silent_track(lesson, media):
    project, lesson_id = lesson
    output = render(project, clip(project, lesson_id, media["silent.mp4"]), "480p")
    record = record_of(project, output)
    assert record["mode"] == "copy" and record["copier"] == "ffmpeg"
    assert "libx264" not in record["args"]
    assert_web_ready(output, (320, 240), 1.0, profile="Constrained Baseline")
    assert video_md5(output) == video_md5(media["silent.mp4"])  # the picture's own bytes
    peaks = subprocess.run([find_ffmpeg().path, "-v", "info", "-i", str(output), "-map", "0:a",
                            "-af", "volumedetect", "-f", "null", "-"], capture_output=True,
                           text=True, check=True).stderr
    assert "max_volume: -91" in peaks  # digital silence


@pytest.mark.parametrize("name, profile", [("main.mp4", "Main"), ("plain.mp4",
                                                                   "Constrained Baseline")])
def test_main_and_baseline_sources_are_copied_as_they_are(lesson, media, name, profile):
    project, lesson_id = lesson
    output = render(project, clip(project, lesson_id, media[name], 1.0, 3.0), "480p")
    record = record_of(project, output)
    assert (record["mode"], record["copier"], record["args"]) == ("copy", "mp4cut", [])
    assert_web_ready(output, (320, 240), 2.0, profile=profile)


def test_b_frame_source_cut_before_its_end_is_copied_to_the_frame(lesson, media):
    project, lesson_id = lesson
    output = render(project, clip(project, lesson_id, media["main.mp4"], 1.0, 2.0), "480p")
    record = record_of(project, output)
    assert record["mode"] == "smart"  # keyframe to keyframe: every packet copied
    assert record["smart"] == {"encoded_seconds": 0.0, "copied_seconds": 1.0, "frames": 25}
    assert_web_ready(output, (320, 240), 1.0, profile="Main")


def test_second_render_is_served_from_the_cache(lesson, media):
    project, lesson_id = lesson
    item = clip(project, lesson_id, media["odd.mp4"], 0.0, 0.6)
    first = render(project, item, "480p")
    before = first.stat()
    again = render(project, project.course().find(item.id), "480p")
    assert again == first
    after = again.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    commands.trim(project, item.id, 0.0, 0.8)  # a new cut is a new render
    trimmed = render(project, project.course().find(item.id), "480p")
    assert trimmed != first and len(RenderCache(project.cache_dir).keys()) == 2
    assert clear_render_cache(project.cache_dir) == 2 and not first.exists()
    rebuilt = render(project, project.course().find(item.id), "480p")
    assert rebuilt == trimmed and rebuilt.is_file()


def test_render_all_shares_equal_cuts_and_runs_in_a_pool(lesson, media):
    project, lesson_id = lesson
    first = clip(project, lesson_id, media["odd.mp4"])
    twin = commands.add_video(project, lesson_id, first.asset_id, title="twin")
    other = clip(project, lesson_id, media["hevc.mov"])
    seen = []
    renders = render_all(project.course(), project.media_dir, project.cache_dir, "480p",
                         progress=lambda f, m="": seen.append(f))
    assert set(renders) == {first.id, twin, other.id}
    assert renders[first.id] == renders[twin] != renders[other.id]
    assert seen and seen[-1] == pytest.approx(1.0)


def test_cancel_stops_ffmpeg_and_leaves_no_partial_file(lesson, media):
    project, lesson_id = lesson
    item = clip(project, lesson_id, media["long.mp4"], 0.3, 12.0)  # between keyframes: encode
    token = CancelToken()
    reports = []

    def progress(fraction, message=""):
        reports.append(fraction)
        if fraction > 0:
            token.cancel()

    with pytest.raises(Cancelled):
        render(project, item, "quality", progress, token)
    assert reports and max(reports) < 1.0
    renders = project.cache_dir / "renders"
    assert list(renders.iterdir()) == []
    ours = subprocess.run(["pgrep", "-f", str(project.path)], capture_output=True, text=True)
    assert ours.stdout == ""  # no ffmpeg left writing into the project


def test_loudness_normalisation_reaches_minus_16_lufs(lesson, media):
    project, lesson_id = lesson
    source = media["plain.mp4"]
    measured_before = measure(source)
    output = render(project, clip(project, lesson_id, source), "480p", loudness=True)
    record = record_of(project, output)
    assert record["mode"] == "encode"
    assert record["loudness"]["input_i"] == pytest.approx(measured_before, abs=0.05)
    assert measure(output) == pytest.approx(-16.0, abs=1.0)
    assert abs(measured_before + 16) > 3  # the source really was off target


def measure(path: Path) -> float:
    done = subprocess.run(fa.loudness_scan_args(find_ffmpeg().path, path, 0, 60),
                          capture_output=True, text=True, check=True)
    return fa.parse_loudness(done.stderr)["input_i"]
