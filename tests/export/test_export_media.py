"""Exports whose media studio.media prepares: web renders, posters, captions, narration.

Real ffmpeg on a few seconds of generated colour bars and tone (see media_samples.py).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from media_samples import MediaSamples

from studio import commands
from studio.errors import Cancelled, ExportError
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.export.player_data import PREFIX
from studio.export.validate import validate_package
from studio.jobs import CancelToken
from studio.media.clip_captions import import_captions
from studio.media.importer import import_files
from studio.media.probe import probe
from studio.media.slide_narration import attach_narration
from studio.store import Project

IN_POINT, OUT_POINT, CUE = 0.6, 2.6, 1.6  # plain.mp4 has keyframes each second: an encode
FRAME = 1 / 25
SRT = """1
00:00:00,000 --> 00:00:01,000
Before the cut ends here

2
00:00:01,000 --> 00:00:02,000
Inside the clip

3
00:00:02,800 --> 00:00:03,000
After the clip
"""


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> MediaSamples:
    return MediaSamples(tmp_path_factory.mktemp("samples"))


def build_course(root: Path, samples: MediaSamples) -> tuple[Project, dict[str, str]]:
    """A lesson with a trimmed, captioned clip with a cue, a sound clip and a narrated slide."""
    project = Project.create(root / "Media.course", "Media course")
    module = commands.add_module(project, "Module")
    lesson = commands.add_lesson(project, module, "Lesson one")
    clip = import_files(project, [samples["plain.mp4"]], lesson_id=lesson)[0].item_id
    commands.rename(project, clip, "Bars")
    commands.trim(project, clip, IN_POINT, OUT_POINT)
    cue = commands.add_cue(project, clip, CUE, "Check", must_answer=True)
    commands.add_question(project, clip, "truefalse", "Bars?", cue_id=cue, data={"answer": True})
    srt = root / "bars.srt"
    srt.write_text(SRT, encoding="utf-8")
    import_captions(project, clip, srt, "en", "English")
    sound = import_files(project, [samples["voice.m4a"]], lesson_id=lesson)[0].item_id
    image = import_files(project, [samples["still.png"]])[0].asset_id
    slide = commands.add_slide(project, lesson, "Narrated", asset_id=image, text="Text",
                               notes="First sentence. Second sentence.")
    attach_narration(project, slide, samples["voice.mp3"])
    return project, {"clip": clip, "sound": sound, "slide": slide, "cue": cue}


@pytest.fixture
def course(tmp_path, samples):
    project, ids = build_course(tmp_path, samples)
    with project:
        yield project, ids


def read_data(archive: zipfile.ZipFile) -> dict:
    text = archive.read("course-data.js").decode("utf-8")
    return json.loads(text[len(PREFIX):-2])


def items_by_id(data: dict) -> dict[str, dict]:
    return {i["id"]: i for m in data["modules"] for les in m["lessons"] for i in les["items"]}


def test_rendered_clip_plays_from_zero_with_shifted_cues_captions_and_poster(course, tmp_path):
    project, ids = course
    target = tmp_path / "course.zip"
    reports: list[float] = []
    export_course(project, ExportOptions("scorm2004"), target,
                  lambda fraction, message="": reports.append(fraction))
    assert reports == sorted(reports) and reports[-1] == 1.0
    report = validate_package(target)
    assert report.ok and not report.warnings, report.findings
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(target) as archive:
        archive.extractall(unpacked)
        items = items_by_id(read_data(archive))
        names = set(archive.namelist())
        listed = {f.get("href") for f in etree.fromstring(archive.read("imsmanifest.xml")).iter()
                  if etree.QName(f).localname == "file"}
        assert archive.getinfo(f"media/{ids['clip']}.en.vtt").compress_type == zipfile.ZIP_DEFLATED
    assert {n for n in names if n.startswith("media/")} <= listed

    clip = items[ids["clip"]]
    duration = OUT_POINT - IN_POINT
    assert (clip["start"], clip["end"], clip["duration"]) == (0.0, pytest.approx(duration),
                                                              pytest.approx(duration))
    assert clip["cues"][0]["id"] == ids["cue"]
    assert clip["cues"][0]["time"] == pytest.approx(CUE - IN_POINT)
    key = Path(clip["src"]).stem
    assert clip["src"] == f"media/{key}.mp4" and (project.cache_dir / "renders" / f"{key}.mp4"
                                                   ).is_file()
    found = probe(unpacked / clip["src"])
    assert found.video["codec"] == "h264" and found.audio["codec"] == "aac"
    assert abs(found.duration - duration) <= FRAME + 1e-3

    assert clip["poster"] == f"media/{ids['clip']}.poster.jpg"
    poster = probe(unpacked / clip["poster"])
    assert poster.kind == "image"
    assert (poster.width, poster.height) == (found.video["width"], found.video["height"])

    assert clip["captions"] == [{"src": f"media/{ids['clip']}.en.vtt", "lang": "en",
                                 "label": "English"}]
    vtt = (unpacked / clip["captions"][0]["src"]).read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT")
    assert "00:00:00.000 --> 00:00:00.400\nBefore the cut ends here" in vtt
    assert "00:00:00.400 --> 00:00:01.400\nInside the clip" in vtt
    assert "After the clip" not in vtt

    sound = items[ids["sound"]]
    assert sound["start"] == 0.0 and sound["poster"] is None
    heard = probe(unpacked / sound["src"])
    assert heard.video is None and heard.audio["codec"] == "aac"

    slide = items[ids["slide"]]
    assert slide["audio"].endswith(".mp3") and slide["audio"] in names
    assert slide["captions"][0]["src"] == f"media/{ids['slide']}.en.vtt"
    slide_vtt = (unpacked / slide["captions"][0]["src"]).read_text(encoding="utf-8")
    assert "First sentence." in slide_vtt and "Second sentence." in slide_vtt


def test_reexport_reuses_the_renders_and_gives_the_same_bytes(course, tmp_path):
    project, _ = course
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"
    export_course(project, ExportOptions("scorm12"), first)
    cached = sorted((project.cache_dir / "renders").glob("*.mp4"))
    cached += sorted((project.cache_dir / "posters").glob("*.jpg"))
    assert len(cached) == 3  # two renders and a poster
    before = [(p.stat().st_ino, p.stat().st_mtime_ns) for p in cached]
    messages: list[str] = []
    export_course(project, ExportOptions("scorm12"), second,
                  lambda fraction, message="": messages.append(message))
    assert [(p.stat().st_ino, p.stat().st_mtime_ns) for p in cached] == before
    assert any("already rendered" in m for m in messages)
    assert first.read_bytes() == second.read_bytes()


def test_an_export_does_not_probe_sources_imported_with_their_info(course, tmp_path,
                                                                   monkeypatch):
    from studio.media import render

    project, ids = course

    def refuse(*args, **kwargs):
        raise AssertionError("a source was probed again at export")

    for name in ("probe", "reorders_frames", "layout"):
        monkeypatch.setattr(render, name, refuse)
    export_course(project, ExportOptions("scorm12"), tmp_path / "course.zip")
    with zipfile.ZipFile(tmp_path / "course.zip") as archive:
        clip = items_by_id(read_data(archive))[ids["clip"]]
        assert clip["src"] in archive.namelist()


def test_an_export_renders_on_the_executor_it_is_given(course, tmp_path):
    from studio.media.pipeline import render_one

    project, ids = course
    calls = []

    class Serial:
        def map(self, fn, jobs, progress, token):
            calls.append((fn, len(jobs)))
            return [fn(job, progress, token) for job in jobs]

    target = tmp_path / "course.zip"
    export_course(project, ExportOptions("scorm12", preset="480p"), target, executor=Serial())
    assert calls == [(render_one, 2)]  # the clip and the sound clip
    with zipfile.ZipFile(target) as archive:
        clips = items_by_id(read_data(archive))
        assert clips[ids["clip"]]["src"] in archive.namelist()
        assert clips[ids["sound"]]["src"] in archive.namelist()


def test_original_preset_copies_the_sources_and_plays_the_clip_range(course, tmp_path):
    project, ids = course
    target = tmp_path / "original.zip"
    export_course(project, ExportOptions("scorm12", preset="original"), target)
    assert not (project.cache_dir / "renders").exists()
    with zipfile.ZipFile(target) as archive:
        clip = items_by_id(read_data(archive))[ids["clip"]]
        asset = project.course().assets[project.course().find(ids["clip"]).asset_id]
        assert clip["src"] == f"media/{asset.filename}"
        assert archive.read(clip["src"]) == (project.media_dir / asset.filename).read_bytes()
        assert (clip["start"], clip["end"], clip["poster"]) == (IN_POINT, OUT_POINT, None)
        assert clip["cues"][0]["time"] == CUE
        vtt = archive.read(clip["captions"][0]["src"]).decode("utf-8")
    assert "00:00:01.000 --> 00:00:02.000\nInside the clip" in vtt  # the source's timeline
    assert "After the clip" in vtt


def test_cancel_while_rendering_keeps_the_old_package_and_leaves_no_part(tmp_path, samples):
    with Project.create(tmp_path / "Long.course", "Long") as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
        import_files(project, [samples["long.mp4"]], lesson_id=lesson)
        target = tmp_path / "course.zip"
        target.write_bytes(b"the earlier package")
        token = CancelToken()

        def progress(fraction: float, message: str = "") -> None:
            if message.startswith("render") and fraction > 0:
                token.cancel()

        with pytest.raises(Cancelled):
            export_course(project, ExportOptions("scorm2004", preset="1080p"), target, progress,
                          token)
        assert target.read_bytes() == b"the earlier package"
        leftovers = [p for p in tmp_path.rglob("*") if ".part" in p.name]
        assert leftovers == []
        assert not list((project.cache_dir / "renders").glob("*.mp4"))


def test_a_failed_render_names_the_clip_its_lesson_and_ffmpegs_last_line(tmp_path, samples):
    with Project.create(tmp_path / "Broken.course", "Broken") as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "M"), "Damaged lesson")
        # 4:4:4 chroma is never stream-copied, so the render goes straight to ffmpeg
        clip = import_files(project, [samples["odd.mp4"]], lesson_id=lesson)[0].item_id
        commands.rename(project, clip, "Broken bars")
        stored = project.media_dir / project.course().assets[
            project.course().find(clip).asset_id].filename
        stored.write_bytes(b"\x00not a video any more" * 500)  # damaged after import
        target = tmp_path / "course.zip"
        with pytest.raises(ExportError) as caught:
            export_course(project, ExportOptions("scorm12"), target)
        message = str(caught.value)
        assert "“Broken bars” in lesson “Damaged lesson”" in message
        assert "Invalid data found when processing input" in message
        assert " / " not in message  # the last line of ffmpeg's log, not the whole log
        assert not target.exists()


def test_an_unknown_preset_is_refused_before_any_work(course, tmp_path):
    project, _ = course
    with pytest.raises(ExportError, match="Unknown video preset '4k'"):
        export_course(project, ExportOptions("scorm12", preset="4k"), tmp_path / "x.zip")
    assert not (project.cache_dir / "renders").exists()


def test_loudness_option_gives_normalised_renders_of_their_own(course, tmp_path):
    project, ids = course
    plain, loud = tmp_path / "plain.zip", tmp_path / "loud.zip"
    export_course(project, ExportOptions("html", preset="480p"), plain)
    export_course(project, ExportOptions("html", preset="480p", loudness=True), loud)
    with zipfile.ZipFile(plain) as a, zipfile.ZipFile(loud) as b:
        before = items_by_id(read_data(a))[ids["clip"]]
        after = items_by_id(read_data(b))[ids["clip"]]
    assert before["src"] != after["src"]
    record = json.loads((project.cache_dir / "renders" / (Path(after["src"]).stem + ".json"))
                        .read_text(encoding="utf-8"))
    assert record["loudness"] is not None and record["loudness"]["input_i"] < 0


def test_a_source_damaged_after_import_is_a_clear_error(tmp_path):
    from studio import commands
    from studio.errors import StudioError
    from studio.export.exporter import export_course
    from studio.export.package import ExportOptions
    from studio.media.importer import import_files
    from studio.resources import resources_dir
    from studio.store import Project

    project = Project.create(tmp_path / "D.course", "D")
    lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    clip = import_files(project, [resources_dir() / "sample" / "welcome.mp4"],
                        lesson_id=lesson)[0]
    commands.trim(project, clip.item_id, 0.0, 3.0)
    stored = next(project.media_dir.iterdir())
    data = bytearray(stored.read_bytes())
    data[2000:] = bytes(len(data) - 2000)
    stored.write_bytes(bytes(data))
    target = tmp_path / "d.zip"
    with pytest.raises(StudioError) as caught:
        export_course(project, ExportOptions("scorm12"), target)
    assert "welcome" in str(caught.value)
    assert not target.exists() and not list(tmp_path.glob("*.part"))
    project.close()
