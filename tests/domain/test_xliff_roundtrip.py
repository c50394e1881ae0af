"""XLIFF 1.2 and 2.0 written from segments: valid against the official schemas, read back to
the same ids, sources, targets and states, inline codes as placeholders, same bytes twice."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest
from lxml import etree
from xliff_samples import COURSE, FRENCH, SEGMENTS, TITLE, assert_valid, by_id, mixed_states, write

from studio.errors import TranslationFileError
from studio.translation.units import SegmentState
from studio.translation.xliff import read_xliff, write_xliff

VERSIONS = ("1.2", "2.0")
NS = {"1.2": "urn:oasis:names:tc:xliff:document:1.2",
      "2.0": "urn:oasis:names:tc:xliff:document:2.0"}


@pytest.mark.parametrize("version", VERSIONS)
def test_every_file_written_validates(version):
    assert_valid(write(version), version)
    assert_valid(write(version, only={"itm_intro.text.1"}), version)
    assert_valid(write(version, states={}), version)
    assert_valid(write(version, targets={s.id: f"[{s.text}]" for s in SEGMENTS}), version)


@pytest.mark.parametrize("version", VERSIONS)
def test_round_trip_gives_back_ids_sources_targets_states(version):
    document = read_xliff(write(version), "safety.fr.xlf")
    assert (document.course_id, document.course_title) == (COURSE, TITLE)
    assert (document.source_language, document.target_language) == ("en", "fr")
    assert document.version == version
    states = mixed_states()
    assert [unit.id for unit in document.units] == [segment.id for segment in SEGMENTS]
    for unit in document.units:
        segment = by_id(unit.id)
        state, stored = states.get(unit.id, (SegmentState.NEW, None))
        assert unit.source == segment.text
        assert unit.target == (stored.text if stored else None)
        assert unit.state is state
        assert unit.note == segment.note


@pytest.mark.parametrize("version", VERSIONS)
def test_inline_codes_are_placeholders_not_text(version):
    data = write(version)
    root = etree.fromstring(data)
    ns = {"x": NS[version]}
    unit = root.xpath("//x:*[@id='itm_intro.text.0']", namespaces=ns)[0]
    source = unit.xpath(".//x:source", namespaces=ns)[0]
    target = unit.xpath(".//x:target", namespaces=ns)[0]
    free_text = (source.text or "") + "".join(child.tail or "" for child in source)
    assert free_text == "Press Start to begin, ."
    assert [ph.get("id") for ph in source.iterfind(f"{{{NS[version]}}}ph")] == ["1", "2", "3"]
    # the French sentence moves {learner} to the front: the placeholders follow it
    assert [ph.get("id") for ph in target.iterfind(f"{{{NS[version]}}}ph")] == ["3", "1", "2"]
    if version == "2.0":
        data_elements = unit.xpath("x:originalData/x:data", namespaces=ns)
        assert [(d.get("id"), d.text) for d in data_elements] == [
            ("d1", "<b>"), ("d2", "</b>"), ("d3", "{learner}")]


@pytest.mark.parametrize("version", VERSIONS)
def test_repeated_codes_come_back_reordered(version):
    segment = by_id("itm_intro.text.1")
    states = {segment.id: (SegmentState.CURRENT, None)}
    text = "<i>Agissez</i> après avoir lu <i>chaque</i> règle."
    data = write_xliff(course_id=COURSE, course_title=TITLE, source_language="en",
                       target_language="fr", segments=[segment], states=states,
                       version=version, targets={segment.id: text})
    assert read_xliff(data, "f.xlf").units[0].target == text


@pytest.mark.parametrize("version", VERSIONS)
def test_same_input_same_bytes(version):
    first = write(version)
    assert write(version) == first
    shuffled = dict(reversed(list(mixed_states().items())))
    assert write(version, states=shuffled) == first


@pytest.mark.parametrize("version", VERSIONS)
def test_changed_writes_only_listed_ids_with_previous_source(version):
    data = write(version, only={"itm_intro.text.1", "q_1.prompt"})
    document = read_xliff(data, "changed.xlf")
    assert [unit.id for unit in document.units] == ["itm_intro.text.1", "q_1.prompt"]
    review, new = document.units
    assert review.state is SegmentState.NEEDS_REVIEW
    assert review.target == "Lisez <i>chaque</i> règle, puis <i>agissez</i> vite."
    assert new.state is SegmentState.NEW and new.target is None
    text = data.decode()
    assert "Previous source: " + escape("Read <i>each</i> rule, then <i>act</i> fast.") in text
    if version == "1.2":
        assert 'state="needs-review-translation"' in text and 'state="new"' in text
    else:
        assert 'state="initial" subState="studio:needs-review"' in text


def test_length_limits_and_notes_for_translators():
    text = write("1.2").decode()
    assert ('id="itm_clip.caption.0" resname="itm_clip.caption.0" maxwidth="84" '
            'size-unit="char"') in text
    assert '<note from="developer">Caption cue 1, clip Gloves</note>' in text
    assert f'original="course-{COURSE}"' in text and f'product-name="{TITLE}"' in text
    text = write("2.0").decode()
    assert '<note category="length">At most 84 characters.</note>' in text
    assert f'<file id="f1" original="course-{COURSE}">' in text
    assert f'<note category="course-title">{TITLE}</note>' in text


@pytest.mark.parametrize("version", VERSIONS)
def test_targets_override_for_pseudo_locales(version):
    targets = {segment.id: "[" + segment.text + " ~~~]" for segment in SEGMENTS}
    document = read_xliff(write(version, targets=targets), "pseudo.xlf")
    assert {unit.id: unit.target for unit in document.units} == targets
    assert {unit.state for unit in document.units} == {SegmentState.CURRENT}


@pytest.mark.parametrize("version", VERSIONS)
def test_a_stored_translation_whose_codes_no_longer_match_goes_to_review(version):
    # the source lost its <b> after the translation was made: the old text cannot be
    # placeholders, so it travels in a note and the target is left to the translator
    states = mixed_states()
    states["itm_intro.text.0"] = (SegmentState.NEEDS_REVIEW, states["itm_intro.text.0"][1])
    segment = by_id("itm_intro.text.0")
    edited = type(segment)(segment.id, "Press Start to begin, {learner}.", segment.owner,
                           segment.item, segment.field, segment.note)
    data = write(version, segments=[edited], states=states)
    assert_valid(data, version)
    unit = read_xliff(data, "f.xlf").units[0]
    assert (unit.target, unit.state) == (None, SegmentState.NEEDS_REVIEW)
    assert "Previous translation: " + escape(FRENCH["itm_intro.text.0"]) in data.decode()


def test_unknown_version_is_a_programming_error():
    with pytest.raises(ValueError, match="2.1"):
        write("2.1")
    with pytest.raises(ValueError, match="at least one segment"):
        write("2.0", only=set())
    assert read_xliff(write("1.2", only=set()), "empty.xlf").units == ()


@pytest.mark.parametrize("version", VERSIONS)
def test_an_empty_or_blank_target_is_no_translation(version):
    root = etree.fromstring(write(version))
    ns = {"x": NS[version]}
    for target in root.xpath("//x:target", namespaces=ns):
        for child in list(target):
            target.remove(child)
        target.text = "  \n "
    document = read_xliff(etree.tostring(root), "blank.xlf")
    unit = document.unit("itm_intro.text.0")
    assert (unit.target, unit.state) == (None, SegmentState.NEW)
    assert document.unit("itm_intro.text.1").state is SegmentState.NEEDS_REVIEW
    assert document.unit("nowhere") is None


@pytest.mark.parametrize("version", VERSIONS)
def test_a_control_character_xml_cannot_hold_is_refused_naming_the_segment(version):
    segment = by_id("itm_intro.title")
    broken = type(segment)(segment.id, "Wel\x0bcome", segment.owner, segment.item,
                           segment.field)
    with pytest.raises(TranslationFileError) as caught:
        write(version, segments=[broken], states={})
    assert str(caught.value) == ("segment itm_intro.title: its source holds the control "
                                 "character U+000B, which XLIFF cannot carry; remove it first")
    with pytest.raises(TranslationFileError, match=r"its translation holds .* U\+0001,"):
        write(version, segments=[segment], states={}, targets={segment.id: "Bien\x01venue"})
    # tabs, line breaks and everything printable travel as they are
    text = "Tab\there, line\nbreak, émoji 🦺, right-to-left \u202eمرحبا\u202c"
    assert read_xliff(write(version, segments=[segment], states={},
                            targets={segment.id: text}), "f.xlf").units[0].target == text
