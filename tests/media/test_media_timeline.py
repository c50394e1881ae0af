"""What the timeline shows and keeps: filmstrips, waveforms, caption tracks across trims."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from studio import commands
from studio.errors import Cancelled, ImportFileError, InvalidEditError
from studio.jobs import CancelToken
from studio.media.captions import parse_captions
from studio.media.clip_captions import caption_tracks_vtt, captions_vtt, import_captions
from studio.media.ffmpeg import find_ffmpeg
from studio.media.importer import import_files
from studio.media.probe import probe
from studio.media.thumbnails import filmstrip, filmstrip_times
from studio.media.waveform import waveform


def test_filmstrip_times():
    assert filmstrip_times(300.0, 10.0) == [float(t) for t in range(0, 300, 10)]
    assert filmstrip_times(12.0, 5.0) == [0.0, 5.0, 10.0]
    assert filmstrip_times(0.5, 10.0) == [0.0]


def test_filmstrip_is_made_once_per_content(media, tmp_path):
    source = media["long.mp4"]
    strip = filmstrip(source, "sha-long", tmp_path, interval=4.0)
    assert strip.times == (0.0, 4.0, 8.0)
    for frame in strip.frames:
        picture = probe(frame)
        assert picture.kind == "image" and (picture.width, picture.height) == (160, 90)
    stamps = [f.stat().st_mtime_ns for f in strip.frames]
    again = filmstrip(source, "sha-long", tmp_path, interval=4.0)
    assert again == strip and [f.stat().st_mtime_ns for f in again.frames] == stamps
    assert not list((tmp_path / "thumbs").glob("*.part"))


def grey_pixels(path: Path, size: tuple[int, int]) -> list[int]:
    import av

    with av.open(str(path)) as container:
        frame = next(container.decode(video=0)).reformat(*size, "gray", interpolation="AREA")
    plane = frame.planes[0]
    rows = bytes(plane)
    return [b for y in range(size[1]) for b in rows[y * plane.line_size:][:size[0]]]


def test_phone_video_thumbnails_stand_upright_as_players_show_them(media, tmp_path):
    source = media["rotated.mp4"]  # 320x240 stored, shown 240x320
    thumb = filmstrip(source, "sha-rotated", tmp_path, interval=10.0, height=80).frames[0]
    upright = tmp_path / "upright.png"
    subprocess.run([find_ffmpeg().path, "-v", "error", "-i", str(source), "-frames:v", "1",
                    str(upright)], check=True)  # ffmpeg turns it as players do
    mirrored = tmp_path / "mirrored.png"
    subprocess.run([find_ffmpeg().path, "-v", "error", "-noautorotate", "-i", str(source),
                    "-vf", "transpose=clock", "-frames:v", "1", str(mirrored)], check=True)
    ours = grey_pixels(thumb, (60, 80))
    assert probe(thumb).width == 60 and probe(thumb).height == 80

    def distance(other: Path) -> float:
        theirs = grey_pixels(other, (60, 80))
        return sum(abs(a - b) for a, b in zip(ours, theirs, strict=True)) / len(ours)

    assert distance(upright) < 6 < 40 < distance(mirrored)


def test_cancelled_filmstrip_leaves_nothing(media, tmp_path):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        filmstrip(media["long.mp4"], "sha-x", tmp_path, interval=1.0, token=token)
    assert list((tmp_path / "thumbs").iterdir()) == []


def test_waveform_peaks_follow_the_sound(media, tmp_path):
    wave = waveform(media["plain.mp4"], "sha-plain", tmp_path, duration=3.0)
    assert wave.peaks_per_second == 50
    assert len(wave.peaks) == pytest.approx(150, abs=2)
    # ffmpeg's sine source plays at 1/8 of full scale (AAC overshoots it a little)
    assert all(0.11 < peak < 0.15 for peak in wave.peaks[5:-5])
    cached = next((tmp_path / "waveforms").glob("*.json"))
    stamp = cached.stat().st_mtime_ns
    assert waveform(media["plain.mp4"], "sha-plain", tmp_path) == wave
    assert cached.stat().st_mtime_ns == stamp
    assert waveform(media["silent.mp4"], "sha-silent", tmp_path).peaks == ()


SRT = "1\n00:00:00,500 --> 00:00:01,500\nFirst\n\n2\n00:00:02,000 --> 00:00:02,900\nSecond\n"


def test_captions_follow_trims_and_splits(lesson, media, tmp_path):
    project, lesson_id = lesson
    item_id = import_files(project, [media["plain.mp4"]], lesson_id=lesson_id)[0].item_id
    subs = tmp_path / "lesson.srt"
    subs.write_bytes(SRT.encode("cp1252"))
    asset_id = import_captions(project, item_id, subs, "en", "English")
    clip = project.course().find(item_id)
    assert [(t.asset_id, t.language, t.label) for t in clip.captions] == [
        (asset_id, "en", "English")]
    whole = captions_vtt(project.course(), clip, project.media_dir)
    assert parse_captions(whole) == parse_captions(SRT)
    commands.trim(project, item_id, 1.0, 3.0)
    trimmed = parse_captions(captions_vtt(
        project.course(), project.course().find(item_id), project.media_dir))
    assert [(c.start, c.end, c.text) for c in trimmed] == [(0.0, 0.5, "First"),
                                                           (1.0, 1.9, "Second")]
    second = commands.split(project, item_id, 1.8)
    head = parse_captions(captions_vtt(
        project.course(), project.course().find(item_id), project.media_dir))
    tail = parse_captions(captions_vtt(
        project.course(), project.course().find(second), project.media_dir))
    assert [(c.start, c.end) for c in head] == [(0.0, 0.5)]
    assert [(c.start, c.end, c.text) for c in tail] == [(0.2, 1.1, "Second")]
    assert captions_vtt(project.course(), project.course().find(item_id), project.media_dir,
                        "fr") is None


def test_caption_commands_do_undo_redo(lesson, media, tmp_path, dump):
    project, lesson_id = lesson
    item_id = import_files(project, [media["plain.mp4"]], lesson_id=lesson_id)[0].item_id
    english, french = tmp_path / "en.vtt", tmp_path / "fr.srt"
    english.write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n", encoding="utf-8")
    french.write_text(SRT.replace("First", "Premier"), encoding="utf-8")
    import_captions(project, item_id, english, "en")
    before = dump(project)
    import_captions(project, item_id, french, "fr", "Français")
    after = dump(project)
    clip = project.course().find(item_id)
    assert [t.language for t in clip.captions] == ["en", "fr"]
    assert [track.label for track, _ in caption_tracks_vtt(
        project.course(), clip, project.media_dir)] == ["en", "Français"]
    project.undo()
    assert dump(project) == before
    project.redo()
    assert dump(project) == after
    commands.detach_captions(project, item_id, "en")
    assert [t.language for t in project.course().find(item_id).captions] == ["fr"]
    with pytest.raises(InvalidEditError):
        commands.detach_captions(project, item_id, "de")
    video_asset = project.course().find(item_id).asset_id
    with pytest.raises(InvalidEditError):
        commands.attach_captions(project, item_id, video_asset, "de")


def test_a_bad_caption_file_changes_nothing(lesson, media, tmp_path, dump):
    project, lesson_id = lesson
    item_id = import_files(project, [media["plain.mp4"]], lesson_id=lesson_id)[0].item_id
    bad = tmp_path / "broken.srt"
    bad.write_text("1\n00:00:01,000 --> 00:00:00,500\nBackwards\n")
    before = dump(project)
    media_files = sorted(p.name for p in project.media_dir.iterdir())
    with pytest.raises(ImportFileError) as caught:
        import_captions(project, item_id, bad)
    assert "broken.srt" in caught.value.message and "line 2" in caught.value.message
    assert dump(project) == before
    assert sorted(p.name for p in project.media_dir.iterdir()) == media_files
    with pytest.raises(ImportFileError):
        import_captions(project, item_id, Path(media["plain.mp4"]))
