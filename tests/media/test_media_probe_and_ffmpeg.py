"""Finding ffmpeg and probing every common container, on real files made by ffmpeg."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import imageio_ffmpeg
import pytest

from studio.errors import ImportFileError, MediaError
from studio.media.ffmpeg import (
    OLDEST_SUPPORTED,
    find_ffmpeg,
    is_supported,
    parse_version,
    release,
)
from studio.media.probe import is_faststart, keyframe_at_or_before, probe


# ---- finding ffmpeg -------------------------------------------------------------------------
@pytest.fixture
def default_choice(monkeypatch):
    """Tests of the search itself run without the STUDIO_FFMPEG choice the suite may be run
    with; every other test keeps it (it selects the binary they test)."""
    monkeypatch.delenv("STUDIO_FFMPEG", raising=False)


def fake_ffmpeg(folder: Path, banner: str) -> Path:
    folder.mkdir(exist_ok=True)
    script = folder / "ffmpeg"
    script.write_text(f"#!/bin/sh\necho '{banner}'\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


search = pytest.mark.usefixtures("default_choice")


@search
def test_without_ffmpeg_on_path_the_pip_binary_is_used(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    found = find_ffmpeg(str(empty))
    assert found.origin == "bundled"
    assert Path(found.path).samefile(imageio_ffmpeg.get_ffmpeg_exe())
    assert found.version and found.version[0].isalnum()


@search
def test_a_working_system_ffmpeg_on_path_wins(tmp_path):
    system = tmp_path / "bin"
    system.mkdir()
    (system / "ffmpeg").symlink_to(imageio_ffmpeg.get_ffmpeg_exe())
    found = find_ffmpeg(str(system))
    assert (found.origin, found.path) == ("system", str(system / "ffmpeg"))


@search
def test_a_broken_system_ffmpeg_falls_back_to_the_pip_binary(tmp_path):
    system = tmp_path / "bin"
    system.mkdir()
    broken = system / "ffmpeg"
    broken.write_text("#!/bin/sh\nexit 127\n")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    assert find_ffmpeg(str(system)).origin == "bundled"


@search
def test_no_working_ffmpeg_is_a_clear_error(tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("IMAGEIO_FFMPEG_EXE", str(tmp_path / "no-such-ffmpeg"))
    with pytest.raises(MediaError) as caught:
        find_ffmpeg(str(empty))
    assert "none works" in caught.value.message and "no-such-ffmpeg" in caught.value.message


@search
def test_a_system_ffmpeg_older_than_supported_gives_way_to_the_bundled_one(tmp_path, caplog):
    old = fake_ffmpeg(tmp_path / "bin", "ffmpeg version 4.4.2-0ubuntu0.22.04.1 Copyright (c)")
    with caplog.at_level("WARNING", logger="studio.media.ffmpeg"):
        found = find_ffmpeg(str(old.parent))
    assert found.origin == "bundled"
    assert Path(found.path).samefile(imageio_ffmpeg.get_ffmpeg_exe())
    [record] = caplog.records
    line = record.getMessage()
    assert "\n" not in line and line == f"studio: {found.notice}"
    assert line == (f"studio: ffmpeg 4.4.2-0ubuntu0.22.04.1 at {old} is older than 5.1, the "
                    "oldest Course Studio supports; using the bundled ffmpeg (imageio-ffmpeg) "
                    "instead.")


@search
def test_an_old_system_ffmpeg_without_a_bundled_one_is_named_in_the_error(tmp_path, monkeypatch):
    old = fake_ffmpeg(tmp_path / "bin", "ffmpeg version 4.3.6 Copyright (c)")
    monkeypatch.setenv("IMAGEIO_FFMPEG_EXE", str(tmp_path / "no-such-ffmpeg"))
    with pytest.raises(MediaError) as caught:
        find_ffmpeg(str(old.parent))
    assert f"{old} (version 4.3.6, older than 5.1)" in caught.value.message
    assert "ffmpeg 5.1 or newer" in caught.value.message


@search
def test_studio_ffmpeg_chooses_the_binary(tmp_path, monkeypatch):
    system = tmp_path / "bin"
    system.mkdir()
    (system / "ffmpeg").symlink_to(imageio_ffmpeg.get_ffmpeg_exe())
    monkeypatch.setenv("STUDIO_FFMPEG", "bundled")
    assert Path(find_ffmpeg(str(system)).path).samefile(imageio_ffmpeg.get_ffmpeg_exe())
    monkeypatch.setenv("STUDIO_FFMPEG", "system")
    assert find_ffmpeg(str(system)).path == str(system / "ffmpeg")
    old = fake_ffmpeg(tmp_path / "old", "ffmpeg version 5.0.3 Copyright (c)")
    monkeypatch.setenv("STUDIO_FFMPEG", str(old))
    with pytest.raises(MediaError, match="5.0.3 .* older than 5.1"):
        find_ffmpeg(str(system))
    monkeypatch.setenv("STUDIO_FFMPEG", str(tmp_path / "missing"))
    with pytest.raises(MediaError, match="names no ffmpeg that runs"):
        find_ffmpeg(str(system))


def test_release_numbers_are_compared_as_numbers():
    assert OLDEST_SUPPORTED == (5, 1)
    assert release("5.1.9-0+deb12u1") == (5, 1) and release("n9.0.2-17-g2a571b6068") == (9, 0)
    assert release("N-112345-gabcdef") is None and release("git-2024-01-01") is None
    assert [is_supported(v) for v in ("5.0.3", "5.1", "5.10", "10.0", "N-1-gabc", "4.4")] == [
        False, True, True, True, True, False]


def test_the_readme_states_the_oldest_supported_ffmpeg():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"ffmpeg {'.'.join(map(str, OLDEST_SUPPORTED))} or newer" in readme


def test_version_banner_parsing():
    banner = "ffmpeg version 6.1.1-3ubuntu5 Copyright (c) 2000-2023"
    assert parse_version(banner) == "6.1.1-3ubuntu5"
    assert parse_version("something else") is None and parse_version("") is None


# ---- probing --------------------------------------------------------------------------------
@pytest.mark.parametrize("name, kind, video_codec, audio_codec", [
    ("plain.mp4", "video", "h264", "aac"),
    ("hevc.mov", "video", "hevc", "aac"),
    ("tenbit.mkv", "video", "h264", "opus"),
    ("clip.webm", "video", "vp8", "opus"),
    ("clip.avi", "video", "mpeg4", "mp3float"),
    ("voice.m4a", "audio", None, "aac"),
    ("voice.mp3", "audio", None, "mp3float"),
    ("voice.wav", "audio", None, "pcm_s16le"),
    ("still.png", "image", "png", None),
    ("still.jpg", "image", "mjpeg", None),
])
def test_every_common_container(media, name, kind, video_codec, audio_codec):
    found = probe(media[name])
    assert found.kind == kind
    assert (found.video or {}).get("codec") == video_codec
    assert (found.audio or {}).get("codec") == audio_codec
    if kind == "image":
        assert found.duration is None and (found.width, found.height) == (320, 240)
    else:
        assert found.duration == pytest.approx(1.0 if name != "plain.mp4" else 3.0, abs=0.06)
    if audio_codec:
        assert (found.audio["channels"], found.audio["sample_rate"]) == (1, 48000)
    assert [s["type"] for s in found.info["streams"]] == (
        ["video"] * bool(video_codec) + ["audio"] * bool(audio_codec))


def test_source_oddities_are_seen(media):
    plain = probe(media["plain.mp4"]).video
    assert (plain["frame_rate"], plain["vfr"], plain["rotation"], plain["bit_depth"]) == (
        25.0, False, 0, 8)
    rotated = probe(media["rotated.mp4"])
    assert rotated.video["rotation"] == 90 and (rotated.width, rotated.height) == (240, 320)
    assert (rotated.video["width"], rotated.video["height"]) == (320, 240)
    assert probe(media["vfr.mp4"]).video["vfr"] is True
    tenbit = probe(media["tenbit.mkv"]).video
    assert (tenbit["bit_depth"], tenbit["pixel_format"], tenbit["profile"]) == (
        10, "yuv420p10le", "High 10")
    assert probe(media["hevc.mov"]).video["bit_depth"] == 10
    assert probe(media["silent.mp4"]).audio is None
    odd = probe(media["odd.mp4"])
    assert (odd.width, odd.height) == (321, 241)
    uhd = probe(media["uhd.mp4"])
    assert (uhd.width, uhd.height) == (3840, 2160)


def test_index_position_and_keyframes(media):
    assert is_faststart(media["plain.mp4"]) and not is_faststart(media["slow.mp4"])
    assert not is_faststart(media["clip.webm"])
    # plain.mp4 has a keyframe every second (-g 25 at 25 fps)
    assert keyframe_at_or_before(media["plain.mp4"], 1.0) == pytest.approx(1.0)
    assert keyframe_at_or_before(media["plain.mp4"], 1.5) == pytest.approx(1.0)


def test_damaged_and_non_media_files_are_refused_by_name(media, tmp_path):
    truncated = tmp_path / "cut short.mp4"
    truncated.write_bytes(media["slow.mp4"].read_bytes()[: os.path.getsize(media["slow.mp4"]) // 2])
    text = tmp_path / "notes.mov"
    text.write_text("meeting notes, not a film")
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    for bad in (truncated, text, empty, tmp_path / "missing.mkv"):
        with pytest.raises(ImportFileError) as caught:
            probe(bad)
        assert bad.name in caught.value.message
