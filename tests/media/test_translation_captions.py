"""Captions across languages: a clip's source cues as texts, and its captions in a language
derived from the source timings and the cues' translations."""

from __future__ import annotations

import pytest

from studio import commands
from studio.media.captions import Cue, parse_captions
from studio.media.clip_captions import import_captions, stored_cues
from studio.media.slide_narration import store_vtt
from studio.media.translation_captions import (
    ROLE,
    author_tracks,
    caption_cues,
    clip_captions,
    package_captions,
    source_track,
    translated_cues,
)
from studio.translation.segments import caption_segments
from studio.translation.units import Translation

VTT = ("WEBVTT\n\nintro\n00:00:03.000 --> 00:00:05.500 align:start\n<v Anna>When the alarm "
       "rings</v>\n\n00:00:06.000 --> 00:00:08.000\nleave the room & close the door.\n")


@pytest.fixture
def clip(sample, tmp_path):
    course = sample.course()
    [clip_id] = [item.id for item in course.items() if item.kind.value == "video"]
    english = tmp_path / "alarm.en.vtt"
    english.write_text(VTT, encoding="utf-8")
    import_captions(sample, clip_id, english, "en", "English")
    return sample, clip_id


def test_caption_cues_are_the_source_tracks_texts_in_order(clip, tmp_path):
    project, clip_id = clip
    german = tmp_path / "alarm.de.srt"
    german.write_text("1\n00:00:03,000 --> 00:00:05,000\nWenn der Alarm\n", encoding="utf-8")
    import_captions(project, clip_id, german, "de")
    assert caption_cues(project) == {clip_id: ["<v Anna>When the alarm rings</v>",
                                               "leave the room & close the door."]}
    course = project.course()
    assert source_track(course, course.find(clip_id)).language == "en"


def test_a_regional_course_language_finds_the_primary_languages_track(clip):
    from dataclasses import replace

    project, clip_id = clip
    course = replace(project.course(), language="en-GB")
    assert source_track(course, course.find(clip_id)).language == "en"
    assert list(caption_cues(project, course)) == [clip_id]
    assert caption_cues(project, replace(course, language="fr")) == {}


def test_translated_cues_keep_timings_settings_and_identifiers():
    cues = parse_captions(VTT)
    done = translated_cues(cues, ["<v Anna>Quand l'alarme sonne</v>", "Sortez & fermez."])
    assert [(c.start, c.end, c.settings, c.identifier) for c in done] == [
        (c.start, c.end, c.settings, c.identifier) for c in cues]
    assert [c.text for c in done][1] == "Sortez & fermez."
    with pytest.raises(ValueError):
        translated_cues(cues, ["one"])


def translate_cues(project, clip_id, texts, language="fr"):
    """Store ``texts`` as the translations of the clip's caption cues, in order."""
    found = caption_segments(project.course().find(clip_id), caption_cues(project)[clip_id])
    commands.store_translations(project, language, [
        Translation(language, s.id, text, s.source_hash, s.text)
        for s, text in zip(found, texts, strict=True)])


def test_french_captions_are_the_source_track_with_translated_cue_texts(clip, dump):
    project, clip_id = clip
    translate_cues(project, clip_id, ["<v Anna>Quand l'alarme sonne</v>",
                                      "Quittez la pièce & fermez la porte."])
    course = project.course()
    item = course.find(clip_id)
    cues = clip_captions(course, item, "fr", project.media_dir)
    assert [(c.start, c.end, c.text, c.settings, c.identifier) for c in cues] == [
        (3.0, 5.5, "<v Anna>Quand l'alarme sonne</v>", "align:start", "intro"),
        (6.0, 8.0, "Quittez la pièce &amp; fermez la porte.", "", "")]
    before = dump(project)
    [(english, _)] = stored_cues(project, clip_id)  # nothing attached: derived when asked
    assert english.language == "en" and dump(project) == before
    [(_, source)] = stored_cues(project, clip_id, "en")
    assert clip_captions(course, item, "en", project.media_dir) == source
    assert [c.text for c in clip_captions(course, item, "de", project.media_dir)] == [
        c.text for c in source]  # untranslated cues keep the source text
    tracks = package_captions(course, item, ("fr", "en"), project.media_dir)
    assert [(language, label) for language, label, _ in tracks] == [("en", "English"),
                                                                    ("fr", "French")]
    assert tracks[1][2] == cues
    assert package_captions(course, item, ("en",), project.media_dir) == tracks[:1]


def test_a_subtitlers_track_in_the_language_is_kept(clip, tmp_path):
    project, clip_id = clip
    french = tmp_path / "alarm.fr.srt"
    french.write_text("1\n00:00:03,000 --> 00:00:05,000\nPar un pro\n", encoding="utf-8")
    import_captions(project, clip_id, french, "fr")
    translate_cues(project, clip_id, ["<v Anna>a</v>", "b"])
    course = project.course()
    item = course.find(clip_id)
    assert [c.text for c in clip_captions(course, item, "fr", project.media_dir)] == [
        "Par un pro"]
    tracks = package_captions(course, item, ("fr", "en"), project.media_dir)
    assert [(language, [c.text for c in cues]) for language, _, cues in tracks] == [
        ("en", ["<v Anna>When the alarm rings</v>", "leave the room &amp; close the door."]),
        ("fr", ["Par un pro"])]


def test_tracks_an_earlier_import_attached_are_not_the_authors(clip):
    project, clip_id = clip
    asset_id = store_vtt(project, [Cue(3.0, 5.0, "[Ŵĥéñ]")], "alarm qps-ploc", ROLE)
    commands.attach_captions(project, clip_id, asset_id, "qps-ploc", "Pseudo")
    course = project.course()
    item = course.find(clip_id)
    assert [t.language for t in author_tracks(course, item)] == ["en"]
    assert [t[0] for t in package_captions(course, item, ("en",), project.media_dir)] == ["en"]


def test_a_clip_without_source_captions_gets_none(sample):
    course = sample.course()
    [clip_id] = [item.id for item in course.items() if item.kind.value == "video"]
    assert caption_cues(sample) == {}
    item = course.find(clip_id)
    assert clip_captions(course, item, "fr", sample.media_dir) == []
    assert package_captions(course, item, ("fr",), sample.media_dir) == []
