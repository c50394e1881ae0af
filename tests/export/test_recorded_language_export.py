"""A package in a target language carries that language's recorded narration: the French
voice-over is the slide's sound, its length the slide's, its captions French; the source
package keeps the source voice."""

from __future__ import annotations

import json
import zipfile

import pytest
from media_samples import MediaSamples, find_ffmpeg, run, tone
from narrated_export import build_narrated_course

from studio import commands
from studio.export.exporter import export_course
from studio.export.package import DATA_FILE, ExportOptions
from studio.export.player_data import PREFIX
from studio.export.validate import validate_package
from studio.media.recorded_narration import attach_recording
from studio.translation.segments import course_segments
from studio.translation.units import Translation

FRENCH_S = 3.0  # the French voice-over is longer than the English one (1 s)
FRENCH = ("Première phrase.", "Deuxième phrase.")


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> MediaSamples:
    return MediaSamples(tmp_path_factory.mktemp("samples"))


def slide_of(archive: zipfile.ZipFile, slide_id: str) -> dict:
    text = archive.read(DATA_FILE).decode("utf-8")
    data = json.loads(text[len(PREFIX):-2])
    return next(i for m in data["modules"] for les in m["lessons"] for i in les["items"]
                if i["id"] == slide_id)


def test_a_french_package_plays_the_french_recording(tmp_path, samples):
    recording = tmp_path / "voix.wav"
    run(find_ffmpeg().path, [*tone(FRENCH_S, 440), "-c:a", "pcm_s16le"], recording)
    project, ids = build_narrated_course(tmp_path, samples)
    with project:
        notes = [s for s in course_segments(project.course(), player=False)
                 if s.owner == ids["slide"] and s.field == "notes"]
        commands.store_translations(project, "fr", [
            Translation("fr", s.id, text, s.source_hash, s.text)
            for s, text in zip(notes, FRENCH, strict=True)])
        done = attach_recording(project, ids["slide"], recording, language="fr")
        french_sound = project.course().assets[done.asset_id].filename
        packages = {}
        for tag in ("en", "fr"):
            target = tmp_path / f"{tag}.zip"
            export_course(project, ExportOptions("scorm12", preset="original",
                                                 languages=(tag,)), target)
            assert validate_package(target).ok
            packages[tag] = target
    with zipfile.ZipFile(packages["fr"]) as archive:
        slide = slide_of(archive, ids["slide"])
        assert slide["duration"] == pytest.approx(FRENCH_S, abs=0.05)
        assert [c["lang"] for c in slide["captions"]] == ["fr"]
        assert [c[2] for c in slide["captions"][0]["cues"]] == list(FRENCH)
        assert slide["captions"][0]["cues"][-1][1] == pytest.approx(FRENCH_S, abs=0.05)
        assert slide["audio"] in archive.namelist()
        assert archive.read(slide["audio"]) == (project.media_dir / french_sound).read_bytes()
    with zipfile.ZipFile(packages["en"]) as archive:
        source = slide_of(archive, ids["slide"])
        assert source["audio"] != slide["audio"]
        assert source["duration"] == pytest.approx(1.0, abs=0.05)
