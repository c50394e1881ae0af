"""The translation use case: XLIFF out and back in as a variant, drift, pseudo-translations."""

from __future__ import annotations

import pytest
from lxml import etree

from studio import commands
from studio.errors import Cancelled, ImportFileError, InvalidEditError
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.jobs import CancelToken
from studio.media.clip_captions import import_captions
from studio.media.ffmpeg_args import ORIGINAL
from studio.media.translation_captions import clip_captions, package_captions
from studio.media.translation_io import (
    course_segments,
    export_xliff,
    import_xliff,
    pseudo_fill,
    translation_status,
)
from studio.translation.units import SegmentState
from studio.translation.variant import translated
from studio.translation.xliff import read_xliff, write_xliff

XLIFF12 = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
VTT = ("WEBVTT\n\n00:00:03.000 --> 00:00:05.500\n<i>When</i> the alarm rings\n\n"
       "00:00:06.000 --> 00:00:08.000\nleave the room.\n")


@pytest.fixture
def course(sample, tmp_path):
    """The fire course with English captions on its clip: (project, clip id)."""
    [clip_id] = [item.id for item in sample.course().items() if item.kind.value == "video"]
    english = tmp_path / "alarm.vtt"
    english.write_text(VTT, encoding="utf-8")
    import_captions(sample, clip_id, english, "en", "English")
    return sample, clip_id


def french(text: str) -> str:
    """A stand-in translation that keeps inline codes where they are."""
    return f"FR {text}"


def translated_file(project, targets=None, language="fr") -> bytes:
    """The XLIFF 1.2 file a translator sends back: every segment given ``targets`` (default
    :func:`french` of each source)."""
    course = project.course()
    found = course_segments(project)
    targets = targets if targets is not None else {s.id: french(s.text) for s in found}
    states = {s.id: (SegmentState.NEW, None) for s in found}
    return write_xliff(course_id=course.identifier, course_title=course.title,
                       source_language=course.language, target_language=language,
                       segments=found, states=states, targets=targets)


def package(project, path) -> bytes:
    export_course(project, ExportOptions("scorm12", preset=ORIGINAL), path)
    return path.read_bytes()


def test_an_untouched_file_changes_nothing_and_the_package_stays_byte_identical(course,
                                                                                tmp_path):
    project, _ = course
    before = package(project, tmp_path / "before.zip")
    steps = len(project.history.entries())
    data = export_xliff(project, "fr")
    report = import_xliff(project, data, "course.fr.xlf")
    assert report.stored == 0 and report.language == "fr"
    assert set(report.untranslated) == {s.id for s in course_segments(project)}
    assert package(project, tmp_path / "after.zip") == before
    assert len(project.history.entries()) == steps


def test_a_fully_translated_course_exports_the_same_bytes_twice(course):
    project, _ = course
    import_xliff(project, translated_file(project), "course.fr.xlf")
    first, second = export_xliff(project, "fr"), export_xliff(project, "fr")
    assert first == second
    assert export_xliff(project, "fr", version="2.0") == export_xliff(project, "fr",
                                                                        version="2.0")
    again = import_xliff(project, first, "course.fr.xlf")
    assert again.stored == 0 and not again.untranslated and not again.needs_review
    units = read_xliff(first, "course.fr.xlf").units
    assert all(unit.state is SegmentState.CURRENT for unit in units)


def test_import_fills_the_variant_and_captions_in_one_undo_step(course, dump):
    project, clip_id = course
    before = dump(project)
    report = import_xliff(project, translated_file(project), "course.fr.xlf")
    assert report.captions == (clip_id,) and not report.untranslated
    assert report.stored == len(course_segments(project))
    course_now = project.course()
    assert course_now.settings.languages == ("fr",)
    variant = translated(course_now, "fr")
    assert variant.title == french(course_now.title)
    slide = next(item for item in variant.items() if item.kind.value == "slide")
    assert slide.notes == french("Follow the green signs.")
    quiz = next(item for item in variant.items() if item.kind.value == "quiz")
    assert quiz.questions[0].prompt == french("Which extinguisher for oil?")
    assert quiz.questions[0].data["choices"][0]["text"] == french("Water")
    clip = course_now.find(clip_id)
    cues = clip_captions(course_now, clip, "fr", project.media_dir)
    assert [(c.start, c.end, c.text) for c in cues] == [
        (3.0, 5.5, "FR <i>When</i> the alarm rings"), (6.0, 8.0, "FR leave the room.")]
    [(_, label, _)] = [t for t in package_captions(course_now, clip, ("fr",), project.media_dir)
                       if t[0] == "fr"]
    assert label == "French"
    assert [t.language for t in clip.captions] == ["en"]  # derived, not attached
    assert project.undo() == "Import French translation"
    assert dump(project) == before


def test_another_courses_file_is_refused_in_one_line(course, tmp_path):
    project, _ = course
    data = translated_file(project)
    from studio.store import Project

    with Project.create(tmp_path / "Other.course", "Other course") as other:
        with pytest.raises(ImportFileError) as refused:
            import_xliff(other, data, "course.fr.xlf")
    message = refused.value.message
    assert "not this course" in message and "\n" not in message


def test_a_broken_placeholder_is_refused_naming_the_segment(course):
    project, clip_id = course
    found = course_segments(project)
    coded = next(s for s in found if "<i>" in s.text)
    tree = etree.fromstring(translated_file(project))
    [unit] = tree.xpath("//x:trans-unit[@id=$id]", namespaces=XLIFF12, id=coded.id)
    target = unit.find("x:target", XLIFF12)
    target.remove(target.find("x:ph", XLIFF12))  # the translator's tool dropped the <i>
    with pytest.raises(ImportFileError) as refused:
        import_xliff(project, etree.tostring(tree), "course.fr.xlf")
    assert coded.id in refused.value.message and "\n" not in refused.value.message
    assert project.course().translations.get("fr", {}) == {}


def test_untranslated_and_left_in_english_segments_are_reported(course):
    project, _ = course
    found = course_segments(project)
    slide_notes = next(s for s in found if s.field == "notes")
    page = next(s for s in found if s.text.startswith("Once a year"))
    targets = {s.id: french(s.text) for s in found if s.id != page.id}
    targets[slide_notes.id] = slide_notes.text
    report = import_xliff(project, translated_file(project, targets), "course.fr.xlf")
    assert report.untranslated == (page.id,)
    assert slide_notes.id in report.left_in_source


def test_source_edits_show_as_drift_and_changed_exports_only_those(course):
    project, _ = course
    import_xliff(project, translated_file(project), "course.fr.xlf")
    page = next(item for item in project.course().items() if item.title == "Plan")
    commands.set_item(project, page.id, text="Twice a year, everyone walks out.")
    lesson = project.course().lessons()[0]
    commands.add_page(project, lesson.id, "New page", "Brand new text.")
    [state] = translation_status(project)
    assert state.summary() == "fr: 1 segment needs review, 2 new"
    changed = read_xliff(export_xliff(project, "fr", changed_only=True), "x.xlf").units
    assert {unit.id for unit in changed} == {*state.needs_review, *state.new}
    review = next(unit for unit in changed if unit.id in state.needs_review)
    assert review.state is SegmentState.NEEDS_REVIEW


def test_an_unreviewed_segment_stays_needing_review(course):
    project, _ = course
    import_xliff(project, translated_file(project), "course.fr.xlf")
    page = next(item for item in project.course().items() if item.title == "Plan")
    commands.set_item(project, page.id, text="Twice a year, everyone walks out.")
    data = export_xliff(project, "fr")
    report = import_xliff(project, data, "course.fr.xlf")
    assert report.stored == 0 and len(report.needs_review) == 1


def test_pseudo_fill_translates_everything_in_one_step(course, dump):
    project, clip_id = course
    before = dump(project)
    report = pseudo_fill(project, "qps-ploc")
    found = course_segments(project)
    assert report.stored == len(found) and report.captions == (clip_id,)
    stored = project.course().translations["qps-ploc"]
    assert all(stored[s.id].text.startswith("[") for s in found)
    cues = clip_captions(project.course(), project.course().find(clip_id), "qps-ploc",
                         project.media_dir)
    assert "<i>" in cues[0].text and cues[0].text.startswith("[")
    assert [t.language for t in project.course().find(clip_id).captions] == ["en"]
    [state] = translation_status(project, "qps-ploc")
    assert not state.new and not state.needs_review
    project.undo()
    assert dump(project) == before
    with pytest.raises(InvalidEditError):
        pseudo_fill(project, "fr")


def test_a_cancelled_import_changes_nothing(course, dump):
    project, _ = course
    before = dump(project)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        import_xliff(project, translated_file(project), "course.fr.xlf", token=token)
    assert dump(project) == before


def test_the_course_language_and_bad_tags_are_refused(course):
    project, _ = course
    with pytest.raises(InvalidEditError):
        export_xliff(project, "en")
    with pytest.raises(InvalidEditError):
        export_xliff(project, "not a tag!")
    with pytest.raises(InvalidEditError):
        export_xliff(project, "fr", version="3.0")


def test_a_file_made_through_po_by_translate_toolkit_imports(course):
    from io import BytesIO

    from translate.convert.po2xliff import po2xliff
    from translate.convert.xliff2po import xliff2po
    from translate.storage import po

    project, clip_id = course
    ours = export_xliff(project, "fr")
    catalogue = po.pofile(BytesIO(bytes(xliff2po().convertstore(ours))))
    for unit in catalogue.units:
        if not unit.isheader():
            unit.target = french(unit.source)
    back = po2xliff().convertstore(po.pofile(BytesIO(bytes(catalogue))), BytesIO(ours))
    report = import_xliff(project, bytes(back), "course.fr.xlf")
    assert report.stored == len(course_segments(project)) and not report.untranslated
    assert report.captions == (clip_id,)
    assert translated(project.course(), "fr").title == french(project.course().title)


def test_a_file_translated_before_a_source_edit_comes_in_needing_review(course):
    project, _ = course
    data = translated_file(project)  # sent to the translator, then the author edits
    page = next(item for item in project.course().items() if item.title == "Plan")
    commands.set_item(project, page.id, text="Twice a year, everyone walks out.")
    report = import_xliff(project, data, "course.fr.xlf")
    assert report.needs_review == (f"{page.id}.text.0",)
    [state] = translation_status(project)
    assert state.needs_review == report.needs_review and not state.new


def test_an_older_file_keeps_the_newer_current_translations(course):
    project, _ = course
    old = translated_file(project)  # made before the source edit below
    import_xliff(project, old, "course.fr.xlf")
    page = next(item for item in project.course().items() if item.title == "Plan")
    commands.set_item(project, page.id, text="Twice a year, everyone walks out.")
    segment = next(s for s in course_segments(project) if s.id == f"{page.id}.text.0")
    commands.set_translation(project, "fr", segment, "Deux fois par an, tout le monde sort.")
    report = import_xliff(project, old, "course.fr.xlf")
    assert report.kept_newer == (segment.id,) and not report.needs_review
    kept = project.course().translations["fr"][segment.id]
    assert kept.text == "Deux fois par an, tout le monde sort."
    [state] = translation_status(project)
    assert not state.needs_review and not state.new


def test_a_target_emptied_in_the_file_is_kept_from_earlier(course):
    project, _ = course
    import_xliff(project, translated_file(project), "course.fr.xlf")
    module = project.course().modules[0]
    report = import_xliff(project, translated_file(project, {f"{module.id}.title": "Titre"}),
                          "course.fr.xlf")
    assert not report.untranslated and report.stored == 1
    assert set(report.kept_earlier) == {s.id for s in course_segments(project)} - {
        f"{module.id}.title"}
    variant = translated(project.course(), "fr")
    assert variant.modules[0].title == "Titre"
    assert variant.modules[0].lessons[0].title == french(module.lessons[0].title)


def test_translations_over_the_length_limit_are_stored_and_reported(course):
    project, _ = course
    found = course_segments(project)
    limited = next(s for s in found if s.max_length and "<" not in s.text)
    targets = {s.id: french(s.text) for s in found}
    targets[limited.id] = "T" * (limited.max_length + 30)
    report = import_xliff(project, translated_file(project, targets), "course.fr.xlf")
    over = (limited.id, limited.max_length + 30, limited.max_length)
    assert report.over_length == (over,)
    assert project.course().translations["fr"][limited.id].text == targets[limited.id]
    [state] = translation_status(project)
    assert state.over_length == (over,)
