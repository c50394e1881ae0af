"""Files other tools make from ours read back: translate-toolkit's converters through PO (our
file as po2xliff's template, as its documentation does it), and a 1.2 file shaped as CAT tools
such as OmegaT and Okapi write them (segmented source, alternative translations, phases)."""

from __future__ import annotations

from io import BytesIO

import pytest
from translate.convert.po2xliff import po2xliff
from translate.convert.xliff2po import xliff2po
from translate.storage import po
from xliff_samples import COURSE, FRENCH, SCHEMAS, SEGMENTS, TITLE, assert_valid, write

from studio.errors import TranslationFileError
from studio.translation.units import SegmentState
from studio.translation.xliff import check_document, read_xliff


def test_po_round_trip_through_translate_toolkit_converters():
    ours = write("1.2", states={})  # nothing translated yet: a file for a translation agency
    catalogue = po.pofile(BytesIO(bytes(xliff2po().convertstore(ours))))
    units = [unit for unit in catalogue.units if not unit.isheader()]
    assert [unit.getlocations() for unit in units] == [[segment.id] for segment in SEGMENTS]
    by_location = {unit.getlocations()[0]: unit for unit in units}
    for segment_id, text in FRENCH.items():
        by_location[segment_id].target = text
    filled = bytes(catalogue)

    back = po2xliff().convertstore(po.pofile(BytesIO(filled)), BytesIO(ours))
    document = read_xliff(back, "course.fr.xlf")
    check_document(document, course_id=COURSE, source_language="en", name="course.fr.xlf")
    assert (document.course_title, document.target_language) == (TITLE, "fr")
    assert [unit.id for unit in document.units] == [segment.id for segment in SEGMENTS]
    assert {unit.id: unit.target for unit in document.units} == FRENCH
    assert {unit.id: unit.source for unit in document.units} == {s.id: s.text for s in SEGMENTS}
    assert {unit.state for unit in document.units} == {SegmentState.CURRENT}


def test_po_round_trip_keeps_a_broken_code_out():
    ours = write("1.2", states={})
    catalogue = po.pofile(BytesIO(bytes(xliff2po().convertstore(ours))))
    for unit in catalogue.units:
        if unit.getlocations() == ["itm_intro.text.0"]:
            unit.target = "{learner}, appuyez sur <b>Démarrer."  # </b> lost
    back = po2xliff().convertstore(po.pofile(BytesIO(bytes(catalogue))), BytesIO(ours))
    with pytest.raises(TranslationFileError) as caught:
        read_xliff(back, "course.fr.xlf")
    assert str(caught.value) == ("course.fr.xlf: segment itm_intro.text.0: the code </b> of the "
                                 "source is missing from the target")


# What a CAT tool hands back (tests/data/xliff/cat-tool.fr-FR.xlf, written by hand): the
# tool's own header (phases, tool), segmented sources in <seg-source> with <mrk mtype="seg">,
# targets wrapped in <mrk>, translation-memory matches in <alt-trans>, its own context groups,
# counts and notes, units inside a <group>.
CAT_FILE = SCHEMAS / "cat-tool.fr-FR.xlf"


def test_a_cat_tool_file_with_extra_elements_reads_fine():
    data = CAT_FILE.read_bytes()
    assert_valid(data, "1.2")
    document = read_xliff(data, "safety.fr-FR.xlf")
    check_document(document, course_id=COURSE, source_language="en", name="safety.fr-FR.xlf")
    assert document.target_language == "fr-FR"
    assert [(unit.id, unit.target, unit.state) for unit in document.units] == [
        ("itm_intro.text.0", FRENCH["itm_intro.text.0"], SegmentState.CURRENT),
        ("q_1.choices.0.text", "Des gants", SegmentState.NEEDS_REVIEW),
        ("q_1.prompt", None, SegmentState.NEW)]
    assert document.units[0].note == "Checked against the style guide."


def test_current_units_are_approved_so_po_tools_do_not_read_them_as_fuzzy():
    ours = write("1.2")  # current units, two needing review, new ones
    catalogue = po.pofile(BytesIO(bytes(xliff2po().convertstore(ours))))
    fuzzy = {unit.getlocations()[0] for unit in catalogue.units
             if not unit.isheader() and unit.isfuzzy()}
    assert fuzzy == {"itm_intro.text.1", "q_1.choices.0.feedback"}
    translated = {unit.getlocations()[0] for unit in catalogue.units
                  if not unit.isheader() and unit.istranslated()}
    assert translated == set(FRENCH) - {"itm_intro.text.1", "q_1.choices.0.feedback",
                                        "q_1.prompt", "player.next"}
    assert_valid(ours, "1.2")
