"""Captions across languages: a clip's source cues as texts, and a translated track built from
the source timings."""

from __future__ import annotations

import pytest

from studio.media.captions import parse_captions
from studio.media.clip_captions import import_captions, stored_cues
from studio.media.translation_captions import (
    attach_translated,
    caption_cues,
    source_track,
    translated_cues,
)

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


def test_attached_translation_is_a_french_track_on_the_source_timeline(clip, dump):
    project, clip_id = clip
    before = dump(project)
    with project.group("Import French translation"):
        done = attach_translated(project, project.course(), "fr",
                                 {clip_id: ["<v Anna>Quand l'alarme sonne</v>",
                                            "Quittez la pièce & fermez la porte."]})
    assert done == [clip_id]
    [(track, cues)] = stored_cues(project, clip_id, "fr")
    assert track.label == "French"
    assert [(c.start, c.end, c.text, c.settings, c.identifier) for c in cues] == [
        (3.0, 5.5, "<v Anna>Quand l'alarme sonne</v>", "align:start", "intro"),
        (6.0, 8.0, "Quittez la pièce &amp; fermez la porte.", "", "")]
    project.undo()
    assert dump(project) == before


def test_a_subtitlers_track_in_the_language_is_kept(clip, tmp_path):
    project, clip_id = clip
    french = tmp_path / "alarm.fr.srt"
    french.write_text("1\n00:00:03,000 --> 00:00:05,000\nPar un pro\n", encoding="utf-8")
    import_captions(project, clip_id, french, "fr")
    assert attach_translated(project, project.course(), "fr", {clip_id: ["a", "b"]}) == []
    [(_, cues)] = stored_cues(project, clip_id, "fr")
    assert [c.text for c in cues] == ["Par un pro"]


def test_a_clip_without_source_captions_gets_none(sample):
    course = sample.course()
    [clip_id] = [item.id for item in course.items() if item.kind.value == "video"]
    assert caption_cues(sample) == {}
    assert attach_translated(sample, course, "fr", {clip_id: []}) == []
