"""Files the XLIFF reader refuses, each in one line that says what is wrong and where."""

from __future__ import annotations

import copy

import pytest
from lxml import etree
from xliff_samples import COURSE, write

from studio.errors import ImportFileError, StudioError, TranslationFileError
from studio.translation.xliff import check_document, read_xliff

NS = {"1.2": "urn:oasis:names:tc:xliff:document:1.2",
      "2.0": "urn:oasis:names:tc:xliff:document:2.0"}
UNIT = "itm_intro.text.0"  # "Press <b>Start</b> to begin, {learner}." placeholders 1, 2, 3


def refusal(data: bytes, name: str = "course.fr.xlf") -> str:
    with pytest.raises(TranslationFileError) as caught:
        read_xliff(data, name)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{name}: ")
    return message


def edited_target(version: str, edit) -> bytes:
    """The sample file with ``edit(target element, ph tag)`` applied to UNIT's target."""
    root = etree.fromstring(write(version))
    ns = {"x": NS[version]}
    target = root.xpath(f"//x:*[@id='{UNIT}']//x:target", namespaces=ns)[0]
    edit(target, f"{{{NS[version]}}}ph")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _drop_first(target, ph):
    first = target.find(ph)
    previous = first.getprevious()
    if previous is None:
        target.text = (target.text or "") + (first.tail or "")
    else:
        previous.tail = (previous.tail or "") + (first.tail or "")
    target.remove(first)


def _invent(target, ph):
    extra = copy.deepcopy(target.find(ph))
    extra.set("id", "9")
    if extra.get("dataRef"):
        extra.set("dataRef", "d9")
    target.append(extra)


def _repeat(target, ph):
    target.append(copy.deepcopy(target.find(ph)))


def test_errors_are_studio_errors():
    assert issubclass(TranslationFileError, ImportFileError)
    assert issubclass(TranslationFileError, StudioError)


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_a_missing_placeholder_is_refused_naming_the_segment(version):
    message = refusal(edited_target(version, _drop_first))
    assert f"segment {UNIT}" in message and "placeholder 3 ({learner}) is missing" in message


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_an_invented_placeholder_is_refused(version):
    message = refusal(edited_target(version, _invent))
    assert f"segment {UNIT}" in message and "placeholder 9" in message


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_a_repeated_placeholder_is_refused(version):
    message = refusal(edited_target(version, _repeat))
    assert f"segment {UNIT}" in message and "placeholder 3 ({learner}) appears 2 times" in message


def test_a_code_typed_as_free_text_is_refused():
    data = write("1.2").replace(b"pour commencer.", "pour <i>commencer</i>.".replace(
        "<", "&lt;").replace(">", "&gt;").encode())
    message = refusal(data)
    assert f"segment {UNIT}" in message and "<i>" in message


def test_another_course_or_source_language_is_refused_in_one_line():
    document = read_xliff(write("1.2"), "course.fr.xlf")
    check_document(document, course_id=COURSE, source_language="en", name="course.fr.xlf")
    for course_id, language, expected in (
            ("crs_other", "en", f"the file is for course {COURSE} (Safety at work), not this "
                                "course (crs_other)"),
            (COURSE, "de", "the file translates from en, the course is written in de")):
        with pytest.raises(TranslationFileError) as caught:
            check_document(document, course_id=course_id, source_language=language,
                           name="course.fr.xlf")
        assert str(caught.value) == f"course.fr.xlf: {expected}"


@pytest.mark.parametrize("data, expected", [
    (b"", "not well-formed XML"),
    (b'{"not": "xml"}', "not well-formed XML"),
    (b"<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'><file",
     "not well-formed XML"),
    (b"<html><body>Hello</body></html>", "not an XLIFF file (its root element is <html>)"),
    (b"<tmx version='1.4'><header/><body/></tmx>", "not an XLIFF file (its root element is <tmx>)"),
    (b"<xliff version='1.1' xmlns='urn:oasis:names:tc:xliff:document:1.1'><file original='x' "
     b"source-language='en' target-language='fr' datatype='plaintext'><body/></file></xliff>",
     "XLIFF 1.1 is not supported; use XLIFF 1.2 or 2.0"),
    (b"<xliff version='2.1' xmlns='urn:oasis:names:tc:xliff:document:2.0' srcLang='en' "
     b"trgLang='fr'><file id='f'><unit id='u'><segment><source>a</source></segment></unit>"
     b"</file></xliff>", "XLIFF 2.1 is not supported; use XLIFF 1.2 or 2.0"),
    (b"<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:2.0'/>",
     "XLIFF 1.2 is not supported"),
    (b"<xliff xmlns='urn:oasis:names:tc:xliff:document:1.2'/>", "XLIFF 1.2 is not supported"),
])
def test_files_that_are_not_supported_xliff_are_refused(data, expected):
    assert expected in refusal(data)


def test_a_file_without_a_target_language_is_refused():
    data = write("1.2").replace(b' target-language="fr"', b"")
    assert refusal(data).endswith("the file names no target language (target-language)")
    data = write("2.0").replace(b' trgLang="fr"', b"")
    assert refusal(data).endswith("the file names no target language (trgLang)")


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_a_segment_twice_with_different_translations_is_refused(version):
    root = etree.fromstring(write(version))
    ns = {"x": NS[version]}
    unit = root.xpath(f"//x:*[@id='{UNIT}']", namespaces=ns)[0]
    twin = copy.deepcopy(unit)
    target = twin.xpath(".//x:target", namespaces=ns)[0]
    target.text = "Autre : " + (target.text or "")
    unit.addnext(twin)
    message = refusal(etree.tostring(root))
    assert message.endswith(f"segment {UNIT} appears twice with different translations")


def test_a_file_of_two_courses_is_refused():
    data = write("1.2")
    root = etree.fromstring(data)
    other = copy.deepcopy(root[0])
    other.set("original", "course-crs_other")
    root.append(other)
    assert "mixes several courses (crs_other, crs_safety)" in refusal(etree.tostring(root))


def test_external_entities_are_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    data = write("1.2").decode().replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE xliff [<!ENTITY s SYSTEM '
        f'"file://{secret}">]>').replace("Bienvenue<", "&s;<").encode()
    try:
        document = read_xliff(data, "course.fr.xlf")
    except TranslationFileError as error:
        assert "TOP SECRET" not in str(error)
    else:
        assert all("TOP SECRET" not in (unit.target or "") for unit in document.units)
