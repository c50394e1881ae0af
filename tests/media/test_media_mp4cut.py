"""The in-process MP4 cutter on real files made by ffmpeg: box parsing, the cut's tables
checked by probing and decoding, its sync against ffmpeg's own stream copy, and the sources
it leaves to ffmpeg."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import av
import pytest
from media_samples import AAC, H264, bars, tone

from studio import commands
from studio.media import mp4boxes, mp4cut
from studio.media.cache import RenderCache
from studio.media.ffmpeg import find_ffmpeg
from studio.media.importer import import_files
from studio.media.probe import is_faststart, probe
from studio.media.render import render_clip
from studio.store import Project

FRAME = 1 / 25


def ffmpeg(*args: str) -> None:
    subprocess.run([find_ffmpeg().path, "-hide_banner", "-v", "error", "-y", *args], check=True)


def ffmpeg_copy(source: Path, start: float, seconds: float, output: Path) -> Path:
    ffmpeg("-ss", str(start), "-t", str(seconds), "-i", str(source), "-map", "0:v:0", "-map",
           "0:a:0", "-c", "copy", str(output))
    return output


def decoded(path: Path) -> dict:
    """Every frame of every stream decoded (errors raise): counts, first times, first key."""
    facts: dict = {}
    with av.open(str(path)) as container:
        for stream in container.streams:
            stream.codec_context.options = {"err_detect": "explode"}
        for frame in container.decode(*container.streams):
            kind = "video" if isinstance(frame, av.VideoFrame) else "audio"
            if kind not in facts:
                facts[kind] = {"first": float(frame.time), "frames": 0,
                               "key": getattr(frame, "key_frame", None)}
            facts[kind]["frames"] += 1
    return facts


def video_packets_md5(path: Path) -> str:
    done = subprocess.run([find_ffmpeg().path, "-v", "error", "-i", str(path), "-map", "0:v",
                           "-c", "copy", "-f", "md5", "-"], capture_output=True, text=True,
                          check=True)
    return done.stdout.strip()


def test_boxes_are_read_one_after_another_and_damage_is_refused():
    inner = mp4boxes.plain_box(b"stbl", mp4boxes.full_box(b"stss", 0,
                                                          mp4boxes.packed(">I", [(1,)])))
    data = mp4boxes.plain_box(b"free", b"xy") + mp4boxes.plain_box(b"trak", inner)
    found = mp4boxes.boxes(data)
    assert [(b.kind, b.start, b.end) for b in found] == [(b"free", 0, 10),
                                                          (b"trak", 10, len(data))]
    stbl = mp4boxes.path_to(data, found[1], b"stbl")
    assert mp4boxes.table(data, mp4boxes.child(data, stbl, b"stss"), 1) == [[1]]
    with pytest.raises(mp4boxes.BoxError):
        mp4boxes.boxes(struct.pack(">I4s", 99, b"moov") + b"short")
    assert mp4cut.runs([5, 5, 7, 5]) == [(2, 5), (1, 7), (1, 5)]
    assert mp4cut.expand([2, 1], [5, 7]) == [5, 5, 7]


@pytest.mark.parametrize("name, start, end", [
    ("plain.mp4", 1.0, 2.5),  # no B-frames: the cut may end anywhere
    ("plain.mp4", 0.0, 1.0),
    ("slow.mp4", 2.0, 3.0),  # index after the media data in the source
    ("main.mp4", 1.0, 3.0),  # B-frames and an edit list for them: to the end only
])
def test_a_cut_probes_decodes_and_lines_up_like_ffmpegs_copy(media, tmp_path, name, start, end):
    source = media[name]
    ours = tmp_path / "ours.mp4"
    facts = mp4cut.cut(source, ours, start, end, tolerance=FRAME / 2)
    theirs = ffmpeg_copy(source, start, end - start, tmp_path / "theirs.mp4")
    found = probe(ours)
    assert (found.video["codec"], found.audio["codec"]) == ("h264", "aac")
    assert found.duration == pytest.approx(end - start, abs=FRAME + 1e-3)
    assert facts["start"] == pytest.approx(start) and is_faststart(ours)
    assert [b.kind for b in mp4boxes.top_level(ours)] == [b"ftyp", b"moov", b"mdat"]
    mine, reference = decoded(ours), decoded(theirs)
    assert mine["video"]["key"] and mine["video"]["frames"] == reference["video"]["frames"]
    assert mine["video"]["first"] == pytest.approx(reference["video"]["first"], abs=1e-6)
    assert mine["audio"]["first"] == pytest.approx(reference["audio"]["first"], abs=1e-3)
    assert abs(mine["audio"]["frames"] - reference["audio"]["frames"]) <= 1
    assert video_packets_md5(ours) == video_packets_md5(theirs)


def test_the_copy_reports_progress_and_can_be_stopped(media, tmp_path):
    heard: list[float] = []
    mp4cut.cut(media["plain.mp4"], tmp_path / "a.mp4", 1.0, 2.0, copied=heard.append)
    assert heard and heard[-1] == 1.0

    def stop(fraction: float) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        mp4cut.cut(media["plain.mp4"], tmp_path / "b.mp4", 1.0, 2.0, copied=stop)


def delayed_sound(folder: Path) -> Path:
    """Sound starting half a second in: ffmpeg writes an edit list with an empty edit."""
    path = folder / "delayed.mp4"
    ffmpeg(*bars(320, 240, 3), "-itsoffset", "0.5", *tone(2), *H264, "-pix_fmt", "yuv420p",
           "-g", "25", *AAC, "-movflags", "+faststart", str(path))
    return path


def fragmented(folder: Path) -> Path:
    path = folder / "fragmented.mp4"
    ffmpeg(*bars(320, 240, 2), *tone(2), *H264, "-pix_fmt", "yuv420p", "-g", "25", *AAC,
           "-movflags", "frag_keyframe+empty_moov", str(path))
    return path


def test_sources_outside_the_common_case_are_left_to_ffmpeg(media, tmp_path):
    for source in (media["tenbit.mkv"], delayed_sound(tmp_path), fragmented(tmp_path),
                   media["voice.m4a"]):
        with pytest.raises(mp4cut.NotCommonCase):
            mp4cut.cut(source, tmp_path / "out.mp4", 1.0, 2.0)


def test_renders_record_which_copier_made_them(media, tmp_path):
    with Project.create(tmp_path / "C.course", "C") as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
        copiers = []
        for source in (media["plain.mp4"], delayed_sound(tmp_path)):
            item = import_files(project, [source], lesson_id=lesson)[0].item_id
            commands.trim(project, item, 1.0, 2.0)
            course = project.course()
            output = render_clip(course, course.find(item), project.media_dir,
                                 project.cache_dir, "480p")
            record = RenderCache(project.cache_dir).record(output.stem)
            copiers.append((record["mode"], record["copier"]))
            assert probe(output).duration == pytest.approx(1.0, abs=FRAME + 1e-3)
            assert decoded(output)["video"]["key"]
        assert copiers == [("copy", "mp4cut"), ("copy", "ffmpeg")]
