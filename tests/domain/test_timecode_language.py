"""Typed times read the same way in every face, and languages are stored only as BCP 47 tags."""

from __future__ import annotations

import pytest

from studio import commands
from studio.errors import InvalidEditError
from studio.language import COMMON_TAGS, language_name, language_tag
from studio.store import Project
from studio.timecode import format_time, parse_time


@pytest.mark.parametrize(("typed", "seconds"), [
    ("25", 25.0),
    ("0:25", 25.0),
    ("1:02.5", 62.5),
    ("00:00:25.5", 25.5),
    ("25s", 25.0),
    ("25 sec", 25.0),
    ("2.5 seconds", 2.5),
    (" 7,5 ", 7.5),
    (".5", 0.5),
    ("0", 0.0),
    ("90:00", 5400.0),
    ("1:00:00", 3600.0),
    ("1:5", 65.0),
])
def test_times_people_type_are_read_as_seconds(typed, seconds):
    assert parse_time(typed) == pytest.approx(seconds)


@pytest.mark.parametrize(("typed", "reason"), [
    ("", "Type a time"),
    ("   ", "Type a time"),
    ("abc", "is not a time"),
    ("2 5", "is not a time"),
    ("-3", "before the start"),
    ("1:75", "under 60"),
    ("1:60:00", "under 60"),
    ("1:2:3:4", "is not a time"),
    ("1.5:00", "only the seconds"),
    ("2::3", "is not a time"),
    ("1e3", "is not a time"),
    ("inf", "is not a time"),
    ("nan", "is not a time"),
])
def test_anything_else_is_refused_with_a_reason(typed, reason):
    with pytest.raises(InvalidEditError) as caught:
        parse_time(typed)
    assert reason in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "0:00.00"), (25, "0:25.00"), (62.5, "1:02.50"), (7.968, "0:07.97"),
    (59.999, "1:00.00"), (3600, "1:00:00.00"), (-1, "0:00.00"),
])
def test_times_are_written_as_they_are_read(seconds, text):
    assert format_time(seconds) == text
    assert parse_time(text) == pytest.approx(max(0, round(seconds, 2)))


def test_whole_seconds_can_be_written_without_a_fraction():
    assert format_time(65.4, 0) == "1:05"


@pytest.mark.parametrize(("typed", "stored"), [
    ("en", "en"), ("en_gb", "en-GB"), ("EN-gb", "en-GB"), (" fr-ca ", "fr-CA"),
    ("zh-hant-tw", "zh-Hant-TW"), ("iw", "he"), ("es-419", "es-419"),
])
def test_language_tags_are_stored_normalised(typed, stored):
    assert language_tag(typed) == stored


@pytest.mark.parametrize("typed", ["English (UK)!!", "", "xx", "en-", "english", "fr_FR_"])
def test_what_is_not_a_tag_is_refused_in_one_line(typed):
    with pytest.raises(InvalidEditError) as caught:
        language_tag(typed)
    assert "BCP 47" in str(caught.value) and "\n" not in str(caught.value)


def test_the_message_names_what_was_typed_and_an_example():
    with pytest.raises(InvalidEditError) as caught:
        language_tag("English (UK)!!")
    assert str(caught.value) == "'English (UK)!!' is not a language tag (BCP 47), e.g. en-GB"


def test_common_tags_are_canonical_distinct_and_named():
    assert len(set(COMMON_TAGS)) == len(COMMON_TAGS)
    assert all(language_tag(tag) == tag for tag in COMMON_TAGS)
    assert language_name("en-GB") == "English (United Kingdom)"
    assert language_name("fr-FR") == "French (France)"
    assert language_name("qaa") == "qaa"  # private use: the registry has no name for it


def refused(project, dump, action) -> None:
    """The action is refused in one line and leaves the project and its history as they were."""
    before, steps = dump(project), project.history.entries()
    with pytest.raises(InvalidEditError) as caught:
        action()
    assert "\n" not in str(caught.value)
    assert (dump(project), project.history.entries()) == (before, steps)


def test_the_course_language_is_checked_and_normalised(project, dump):
    commands.set_course(project, language="en_gb")
    assert project.course().language == "en-GB"
    project.undo()
    assert project.course().language == "en"
    project.redo()
    refused(project, dump, lambda: commands.set_course(project, language="English (UK)!!"))
    refused(project, dump, lambda: commands.set_course(project, language=""))
    assert project.course().language == "en-GB"


def test_caption_tracks_take_only_tags(project, video_asset, tmp_path, dump):
    lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    clip = commands.add_video(project, lesson, video_asset)
    vtt = tmp_path / "a.vtt"
    vtt.write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n", encoding="utf-8")
    sha, filename = project.store_media(vtt)
    captions = commands.add_asset(project, sha, filename, "a.vtt", "captions", 30)
    commands.attach_captions(project, clip, captions, "fr_ca", "Français")
    [track] = project.course().find(clip).captions
    assert (track.language, track.label) == ("fr-CA", "Français")
    refused(project, dump, lambda: commands.attach_captions(project, clip, captions, "French!"))
    refused(project, dump, lambda: commands.attach_captions(project, clip, captions, " "))


def test_a_new_project_takes_only_a_tag(tmp_path):
    with pytest.raises(InvalidEditError):
        Project.create(tmp_path / "Bad.course", "Bad", language="English (UK)!!")
    assert not (tmp_path / "Bad.course").exists()
    with Project.create(tmp_path / "Good.course", "Good", language="pt_br") as project:
        assert project.course().language == "pt-BR"
