"""A real course's segments (every kind of translatable text) through XLIFF: valid files in
both versions, every segment back, drift marked, pseudo-locale targets intact, the player's
templates with their placeholders protected."""

from __future__ import annotations

import pytest
from lxml import etree
from translation_course import SLIDE_NOTES, build
from xliff_samples import assert_valid

from studio import commands
from studio.translation.drift import states
from studio.translation.pseudo import PSEUDO_LOCALES, pseudo_text
from studio.translation.segments import course_segments
from studio.translation.units import SegmentState, Translation
from studio.translation.xliff import check_document, read_xliff, write_xliff

CAPTIONS = ["Put your <i>helmet</i> on.", "<v Anna>Check the exits.", "Then start."]
VERSIONS = ("1.2", "2.0")


@pytest.fixture
def built(project, video_asset):
    return build(project, video_asset)


def _segments(project, built):
    return course_segments(project.course(), {built.video: CAPTIONS})


def _export(project, built, version, **options) -> bytes:
    course = project.course()
    segments = _segments(project, built)
    return write_xliff(course_id=course.identifier, course_title=course.title,
                       source_language=course.language, target_language="fr",
                       segments=segments, states=states(segments, course.translations.get(
                           "fr", {})), version=version, **options)


@pytest.mark.parametrize("version", VERSIONS)
def test_every_segment_of_a_course_round_trips(project, built, version):
    data = _export(project, built, version)
    assert_valid(data, version)
    segments = _segments(project, built)
    assert any("<" in s.text for s in segments)  # inline codes are part of the test
    document = read_xliff(data, "course.fr.xlf")
    course = project.course()
    check_document(document, course_id=course.identifier, source_language=course.language,
                   name="course.fr.xlf")
    assert [(u.id, u.source, u.target, u.state) for u in document.units] == [
        (s.id, s.text, None, SegmentState.NEW) for s in segments]
    assert _export(project, built, version) == data


@pytest.mark.parametrize("version", VERSIONS)
def test_after_a_source_edit_the_file_marks_review_and_changed_writes_only_those(
        project, built, version):
    segments = _segments(project, built)
    commands.store_translations(project, "fr", [
        Translation("fr", s.id, f"fr {s.text}", s.source_hash, s.text) for s in segments])
    commands.set_item(project, built.slide, notes=SLIDE_NOTES.replace("three questions",
                                                                      "four questions"))
    edited = next(s for s in _segments(project, built) if "four questions" in s.text)
    document = read_xliff(_export(project, built, version), "course.fr.xlf")
    reviews = [u for u in document.units if u.state is SegmentState.NEEDS_REVIEW]
    assert [u.id for u in reviews] == [edited.id]
    assert reviews[0].target == "fr " + edited.text.replace("four", "three")
    assert {u.state for u in document.units} == {SegmentState.CURRENT,
                                                 SegmentState.NEEDS_REVIEW}
    changed = _export(project, built, version, only={edited.id})
    assert_valid(changed, version)
    assert [u.id for u in read_xliff(changed, "c.xlf").units] == [edited.id]
    previous = "Previous source: " + edited.text.replace("four", "three")
    assert previous.encode() in changed


@pytest.mark.parametrize("locale", PSEUDO_LOCALES)
@pytest.mark.parametrize("version", VERSIONS)
def test_pseudo_locale_targets_travel_intact(project, built, version, locale):
    segments = _segments(project, built)
    targets = {s.id: pseudo_text(s.text, locale) for s in segments}
    data = _export(project, built, version, targets=targets)
    assert_valid(data, version)
    document = read_xliff(data, f"course.{locale}.xlf")
    assert {u.id: u.target for u in document.units} == targets


@pytest.mark.parametrize("version", VERSIONS)
def test_the_player_templates_are_listed_with_their_placeholders_protected(
        project, built, version):
    data = _export(project, built, version)
    assert_valid(data, version)
    units = {u.id: u for u in read_xliff(data, "course.fr.xlf").units}
    assert units["player.itemOf"].source == "Item {current} of {total}"
    assert units["player.trackingWaiting_one"].source == "{count} record waiting to be sent"
    assert units["player.trackingWaiting_other"].source == "{count} records waiting to be sent"
    assert "plural category 'one'" in units["player.trackingWaiting_one"].note
    ph = "{*}ph"
    for unit in etree.fromstring(data).iter("{*}trans-unit", "{*}unit"):
        if unit.get("id") in ("player.itemOf", "player.charactersLeft_other"):
            source = next(unit.iter("{*}source"))
            free_text = (source.text or "") + "".join(p.tail or "" for p in source.iter(ph))
            assert "{" not in free_text and len(list(source.iter(ph))) >= 1
