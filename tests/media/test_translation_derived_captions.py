"""A clip's captions in a target language are derived when a package is made: from its
source track as it is now and the translations as they are now, only in the package's
languages."""

from __future__ import annotations

import json
import zipfile

import pytest

from studio import commands
from studio.export.exporter import export_course
from studio.export.package import DATA_FILE, ExportOptions
from studio.export.player_data import PREFIX
from studio.media.captions import parse_captions
from studio.media.clip_captions import import_captions
from studio.media.ffmpeg_args import ORIGINAL
from studio.media.translation_io import course_segments, pseudo_fill, translation_status
from studio.translation.units import Translation

VTT = ("WEBVTT\n\n00:00:03.000 --> 00:00:05.500\n<i>When</i> the alarm rings\n\n"
       "00:00:06.000 --> 00:00:08.000\nleave the room.\n")
RETIMED = ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<i>When</i> the alarm rings\n\n"
           "00:00:02.500 --> 00:00:04.000\nleave the building.\n\n"
           "00:00:04.500 --> 00:00:06.000\nGo to the meeting point.\n")


@pytest.fixture
def french(sample, tmp_path):
    """The fire course with English captions on its clip, every segment translated into
    French ("FR " + source): (project, clip id)."""
    [clip_id] = [item.id for item in sample.course().items() if item.kind.value == "video"]
    english = tmp_path / "alarm.vtt"
    english.write_text(VTT, encoding="utf-8")
    import_captions(sample, clip_id, english, "en", "English")
    commands.store_translations(sample, "fr", [
        Translation("fr", s.id, f"FR {s.text}", s.source_hash, s.text)
        for s in course_segments(sample)])
    return sample, clip_id


def package(project, path, languages=()) -> zipfile.ZipFile:
    export_course(project, ExportOptions("scorm12", preset=ORIGINAL, languages=languages),
                  path)
    return zipfile.ZipFile(path)


def vtt_names(archive: zipfile.ZipFile, clip_id: str) -> list[str]:
    return sorted(n for n in archive.namelist() if n.endswith(".vtt") and clip_id in n)


def cues_in(archive: zipfile.ZipFile, clip_id: str, language: str) -> list[tuple]:
    [name] = [n for n in vtt_names(archive, clip_id) if n.endswith(f".{language}.vtt")]
    return [(c.start, c.end, c.text)
            for c in parse_captions(archive.read(name).decode("utf-8"))]


def clip_tracks(archive: zipfile.ZipFile, clip_id: str, name: str = DATA_FILE) -> list[str]:
    text = archive.read(name).decode("utf-8")
    data = json.loads(text[len(PREFIX):-2])
    [clip] = [item for module in data["modules"] for lesson in module["lessons"]
              for item in lesson["items"] if item["id"] == clip_id]
    return [track["lang"] for track in clip["captions"]]


def test_an_edited_caption_translation_is_in_the_next_french_package(french, tmp_path):
    project, clip_id = french
    first = package(project, tmp_path / "first.zip", ("fr",))
    assert cues_in(first, clip_id, "fr") == [(3.0, 5.5, "FR <i>When</i> the alarm rings"),
                                             (6.0, 8.0, "FR leave the room.")]
    [segment] = [s for s in course_segments(project) if s.id == f"{clip_id}.caption.1"]
    commands.set_translation(project, "fr", segment, "Quittez la pièce.")
    again = package(project, tmp_path / "again.zip", ("fr",))
    assert cues_in(again, clip_id, "fr")[1] == (6.0, 8.0, "Quittez la pièce.")
    same = package(project, tmp_path / "same.zip", ("fr",))
    assert (tmp_path / "same.zip").read_bytes() == (tmp_path / "again.zip").read_bytes()
    assert vtt_names(same, clip_id) == [f"media/{clip_id}.en.vtt", f"media/{clip_id}.fr.vtt"]


def test_retimed_source_captions_give_the_french_package_their_timings(french, tmp_path):
    project, clip_id = french
    retimed = tmp_path / "alarm-v2.vtt"
    retimed.write_text(RETIMED, encoding="utf-8")
    import_captions(project, clip_id, retimed, "en", "English")
    archive = package(project, tmp_path / "fr.zip", ("fr",))
    assert cues_in(archive, clip_id, "fr") == [
        (1.0, 2.0, "FR <i>When</i> the alarm rings"),  # unchanged: its translation
        (2.5, 4.0, "FR leave the room."),  # changed: the old translation, needing review
        (4.5, 6.0, "Go to the meeting point.")]  # new: the source until translated
    [state] = translation_status(project, "fr")
    assert f"{clip_id}.caption.1" in state.needs_review
    assert f"{clip_id}.caption.2" in state.new
    assert f"{clip_id}.caption.0" not in (*state.needs_review, *state.new)


def test_pseudo_tracks_ship_only_in_packages_of_their_locale(french, tmp_path):
    project, clip_id = french
    pseudo_fill(project, "qps-ploc")
    english = package(project, tmp_path / "en.zip")
    assert vtt_names(english, clip_id) == [f"media/{clip_id}.en.vtt"]
    assert clip_tracks(english, clip_id) == ["en"]
    both = package(project, tmp_path / "fr-en.zip", ("fr", "en"))
    assert vtt_names(both, clip_id) == [f"media/{clip_id}.en.vtt", f"media/{clip_id}.fr.vtt"]
    assert clip_tracks(both, clip_id) == ["en", "fr"]
    assert clip_tracks(both, clip_id, "course-data.en.js") == ["en", "fr"]
    pseudo = package(project, tmp_path / "ploc.zip", ("qps-ploc",))
    assert cues_in(pseudo, clip_id, "qps-ploc")[0][2].startswith("[")
    commands.remove_language(project, "qps-ploc")
    after = package(project, tmp_path / "after.zip", ("fr",))
    assert vtt_names(after, clip_id) == [f"media/{clip_id}.en.vtt", f"media/{clip_id}.fr.vtt"]
