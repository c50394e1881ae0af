"""QTI files made by other tools import exactly; what cannot be kept is named in a notice."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from qti_bank import png

from studio.errors import ImportFileError
from studio.quiz.qti_read import parse_qti_package

DATA = Path(__file__).parents[1] / "data" / "qti"
QTI21 = 'xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1"'
QTI30 = 'xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"'
RULES_NOT_READ = ("its own response processing rules are not read; it is scored from its "
                  "correct response and mapping")
NO_FEEDBACK = {"correct": "", "incorrect": ""}


def _made_by_qti_package_maker() -> list[tuple]:
    """The bank of tests/data/qti/make_samples.py as Course Studio questions."""
    common = {"feedback": NO_FEEDBACK, "media": None, "category": "Question Pool"}
    return [
        ("choice", "Which planet is known as the red planet?", 1.0, {
            "choices": [{"id": "answer_1", "text": "Venus", "correct": False, "feedback": ""},
                        {"id": "answer_2", "text": "Mars", "correct": True, "feedback": ""},
                        {"id": "answer_3", "text": "Jupiter", "correct": False,
                         "feedback": ""}],
            "title": "QUE_b1c6_b2b2_3fbd", **common}),
        ("multiple", "Which of these are prime numbers?", 1.0, {
            "choices": [{"id": "answer_1", "text": "2", "correct": True, "feedback": ""},
                        {"id": "answer_2", "text": "3", "correct": True, "feedback": ""},
                        {"id": "answer_3", "text": "4", "correct": False, "feedback": ""},
                        {"id": "answer_4", "text": "9", "correct": False, "feedback": ""}],
            "scoring": "all-or-nothing", "title": "QUE_2fea_6b41_284c", **common}),
        ("matching", "Match each country to its capital.", 1.0, {
            "pairs": [{"id": "prompt_001", "left": "France", "right": "Paris"},
                      {"id": "prompt_002", "left": "Spain", "right": "Madrid"},
                      {"id": "prompt_003", "left": "Italy", "right": "Rome"}],
            "scoring": "per-item", "title": "QUE_6837_7f50_3d33", **common}),
        ("numeric", "How many degrees are in a right angle?", 1.0, {
            "value": 90, "tolerance": 0.5, "title": "QUE_7222_37ef_e3d0", **common}),
        ("fill", "The chemical symbol for gold is ___.", 1.0, {
            "answers": ["Au", "au"], "caseSensitive": False, "normaliseSpace": True,
            "title": "QUE_0039_fe49_50a3", **common}),
        ("sequencing", "Put these numbers in increasing order.", 1.0, {
            "items": [{"id": "choice_001", "text": "one"}, {"id": "choice_002", "text": "two"},
                      {"id": "choice_003", "text": "three"}],
            "scoring": "all-or-nothing", "title": "QUE_d652_4b4b_7f68", **common}),
    ]


@pytest.mark.parametrize("name", ["qpm_qti21.zip", "qpm_qti30.zip"])
def test_a_package_written_by_qti_package_maker_imports_exactly(name):
    parsed = parse_qti_package((DATA / name).read_bytes(), name)
    assert [(q.type, q.prompt, q.points, q.data) for q in parsed.questions] == \
        _made_by_qti_package_maker()
    assert [(n.line, n.message.split(": ", 1)[1]) for n in parsed.notices] == [
        (1, RULES_NOT_READ), (2, RULES_NOT_READ), (5, RULES_NOT_READ)]
    assert "item 'QUE_b1c6_b2b2_3fbd'" in parsed.notices[0].message


def _item(body: str, declarations: str = "", rules: str = "", ns: str = QTI21,
          identifier: str = "ext-1", extra: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><assessmentItem {ns} '
            f'identifier="{identifier}" title="External" adaptive="false" '
            f'timeDependent="false">{declarations}'
            '<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>'
            f'<itemBody>{body}</itemBody>{rules}{extra}</assessmentItem>').encode()


MATCH_CORRECT = ('<responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/'
                 'rptemplates/match_correct"/>')


def test_a_lone_choice_item_with_match_correct_imports():
    item = _item('<p>Pick the <b>second</b>\n   letter.</p><choiceInteraction '
                 'responseIdentifier="RESPONSE" maxChoices="1"><simpleChoice identifier="A">'
                 'Alpha</simpleChoice><simpleChoice identifier="B">Beta</simpleChoice>'
                 '</choiceInteraction>',
                 '<responseDeclaration identifier="RESPONSE" cardinality="single" '
                 'baseType="identifier"><correctResponse><value>B</value></correctResponse>'
                 '</responseDeclaration>', MATCH_CORRECT,
                 extra='<modalFeedback outcomeIdentifier="FEEDBACK" identifier="CORRECT" '
                       'showHide="show">Good</modalFeedback>')
    parsed = parse_qti_package(item, "item.xml")
    assert parsed.notices == []
    [q] = parsed.questions
    assert (q.type, q.prompt, q.points) == ("choice", "Pick the second letter.", 1.0)
    assert [(c["id"], c["text"], c["correct"]) for c in q.data["choices"]] == [
        ("A", "Alpha", False), ("B", "Beta", True)]
    assert q.data["feedback"] == {"correct": "Good", "incorrect": ""}
    assert q.data["title"] == "External"


def test_a_qti3_fill_item_with_map_response_imports():
    item = (b'<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" '
            b'identifier="t3" title="Capital" adaptive="false" time-dependent="false">'
            b'<qti-response-declaration identifier="RESPONSE" cardinality="single" '
            b'base-type="string"><qti-correct-response><qti-value>Paris</qti-value>'
            b'</qti-correct-response><qti-mapping default-value="0">'
            b'<qti-map-entry map-key="Paris" mapped-value="2" case-sensitive="true"/>'
            b'<qti-map-entry map-key="Lutetia" mapped-value="1" case-sensitive="true"/>'
            b'</qti-mapping></qti-response-declaration>'
            b'<qti-outcome-declaration identifier="SCORE" cardinality="single" '
            b'base-type="float" normal-maximum="2"/>'
            b'<qti-item-body><p>The capital of France is '
            b'<qti-text-entry-interaction response-identifier="RESPONSE"/>.</p>'
            b'</qti-item-body><qti-response-processing template="https://purl.imsglobal.org/'
            b'spec/qti/v3p0/rptemplates/map_response.xml"/></qti-assessment-item>')
    parsed = parse_qti_package(item, "t3.xml")
    assert parsed.notices == []
    [q] = parsed.questions
    assert (q.type, q.prompt, q.points) == ("fill", "The capital of France is _____.", 2.0)
    assert q.data["answers"] == ["Paris"]
    assert q.data["partial"] == [{"text": "Lutetia", "weight": 50}]
    assert q.data["caseSensitive"] is True


def test_a_select_point_item_with_map_response_point_becomes_a_hotspot():
    package = _package({"items/point.xml": _item(
        '<selectPointInteraction responseIdentifier="RESPONSE" maxChoices="1"><prompt>Click '
        'the door.</prompt><object data="house.png" type="image/png" width="200" height="100">'
        'A house</object></selectPointInteraction>',
        '<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="point">'
        '<areaMapping defaultValue="0"><areaMapEntry shape="rect" coords="20,10,60,90" '
        'mappedValue="1"/><areaMapEntry shape="circle" coords="150,50,20" mappedValue="0"/>'
        '</areaMapping></responseDeclaration>',
        '<responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/'
        'rptemplates/map_response_point"/>'), "items/house.png": png()})
    parsed = parse_qti_package(package, "points.zip")
    [q] = parsed.questions
    assert (q.type, q.prompt) == ("hotspot", "Click the door.")
    assert q.data["image"] == "items/house.png" and q.data["imageAlt"] == "A house"
    assert [(r["label"], r["shape"], r["coords"], r["correct"]) for r in q.data["regions"]] == [
        ("Area 1", "rect", [0.1, 0.1, 0.2, 0.8], True),
        ("Area 2", "circle", [0.75, 0.5, 0.1], False)]
    assert q.media == {"hotspot": "items/house.png"}
    assert parsed.files == {"items/house.png": png()}
    assert [n.message for n in parsed.notices] == [
        "item 'ext-1' (items/point.xml): its points are read as picks of the mapped areas"]


def test_an_interaction_without_an_equivalent_is_skipped_with_a_notice():
    item = _item('<p>Fill <gapMatchInteraction responseIdentifier="RESPONSE"/></p>',
                 identifier="gap-7")
    parsed = parse_qti_package(item, "gap.xml")
    assert parsed.questions == []
    [notice] = parsed.notices
    assert notice.skipped
    assert notice.message == "item 'gap-7': its gapMatchInteraction has no equivalent " \
                             "question type"


def test_an_unknown_template_is_named():
    item = _item('<choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">'
                 '<prompt>Which?</prompt><simpleChoice identifier="A">A</simpleChoice>'
                 '<simpleChoice identifier="B">B</simpleChoice></choiceInteraction>',
                 '<responseDeclaration identifier="RESPONSE" cardinality="single" '
                 'baseType="identifier"><correctResponse><value>A</value></correctResponse>'
                 '</responseDeclaration>',
                 '<responseProcessing template="https://example.org/rptemplates/CC2_match"/>')
    parsed = parse_qti_package(item, "cc.xml")
    assert [n.message for n in parsed.notices] == [
        "item 'ext-1': its response processing template CC2_match is not read; it is "
        "scored from its correct response"]
    assert parsed.questions[0].type == "choice"


def _package(files: dict[str, bytes], manifest: bool = True) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        if manifest:
            resources = "".join(
                f'<resource identifier="r{n}" type="imsqti_item_xmlv2p1" href="{name}">'
                f'<file href="{name}"/></resource>'
                for n, name in enumerate(files) if name.endswith(".xml"))
            archive.writestr("imsmanifest.xml", (
                '<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="m">'
                f'<organizations/><resources>{resources}</resources></manifest>'))
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_package_picture_is_carried_and_a_missing_one_named():
    item = _item('<p>Look: <img src="../img/pic.png" alt="A chart"/></p>'
                 '<extendedTextInteraction responseIdentifier="RESPONSE"/>',
                 '<responseDeclaration identifier="RESPONSE" cardinality="single" '
                 'baseType="string"/>')
    missing = _item('<p>Where? <img src="gone.png" alt=""/></p>', identifier="d2")
    parsed = parse_qti_package(_package({"items/essay.xml": item, "items/d2.xml": missing,
                                         "img/pic.png": png()}), "essay.zip")
    essay, description = parsed.questions
    assert (essay.type, essay.prompt, essay.points) == ("essay", "Look:", 0.0)
    assert essay.data["media"] == "img/pic.png" and essay.data["mediaAlt"] == "A chart"
    assert essay.media == {"prompt": "img/pic.png"}
    assert description.type == "description" and description.data["media"] is None
    assert parsed.files == {"img/pic.png": png()}
    assert [n.message for n in parsed.notices] == [
        "item 'd2' (items/d2.xml): the text: the file gone.png is not in the package; left out"]


def test_a_lone_item_keeps_its_prompt_picture_for_the_importer_to_find():
    parsed = parse_qti_package(_item('<p>See <img src="pics/a.png" alt="A"/></p>'), "d.xml")
    assert parsed.questions[0].images == ("pics/a.png",)


def test_a_manifest_item_the_zip_lacks_refuses_the_package():
    data = _package({"items/q0.xml": _item("<p>Here.</p>"), "items/q1.xml": b""})
    with zipfile.ZipFile(io.BytesIO(data)) as full:  # the same package without q1.xml
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for info in full.infolist():
                if info.filename != "items/q1.xml":
                    archive.writestr(info, full.read(info))
    with pytest.raises(ImportFileError) as refused:
        parse_qti_package(out.getvalue(), "bank.zip")
    assert refused.value.message == ("bank.zip: the manifest lists items/q1.xml, which the "
                                     "package does not hold; nothing was imported.")


def test_a_zip_without_a_manifest_is_read_from_its_items():
    item = _item('<p>Only text.</p>')
    parsed = parse_qti_package(_package({"x/one.xml": item}, manifest=False), "bare.zip")
    assert [q.prompt for q in parsed.questions] == ["Only text."]


def test_the_check_runs_between_items():
    calls = []
    parse_qti_package(_package({"a.xml": _item("<p>A</p>"), "b.xml": _item("<p>B</p>")}),
                      "two.zip", check=lambda: calls.append(1))
    assert len(calls) == 2


@pytest.mark.parametrize(("data", "message"), [
    (b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY x 'boom'>]><assessmentItem "
     + QTI21.encode() + b">&x;</assessmentItem>", "declares XML entities"),
    (b"<assessmentItem " + QTI21.encode() + b"><itemBody>", "not well-formed"),
    (b"<quiz/>", "not a QTI 2.1 or 3.0 item"),
    (b"PK\x03\x04broken", "not a readable zip"),
])
def test_bad_files_are_refused_with_a_reason(data, message):
    with pytest.raises(ImportFileError, match=message):
        parse_qti_package(data, "bad.xml")


def test_an_external_entity_is_never_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    item = (f'<?xml version="1.0"?><!DOCTYPE assessmentItem [<!ENTITY s SYSTEM '
            f'"{secret.as_uri()}">]>'.encode() + _item("<p>&s;</p>").split(b"?>", 1)[1])
    with pytest.raises(ImportFileError, match="entities"):
        parse_qti_package(item, "xxe.xml")


def test_a_zip_without_items_is_refused():
    with pytest.raises(ImportFileError, match="holds no QTI items"):
        parse_qti_package(_package({"readme.txt": b"hello"}), "empty.zip")


def test_a_choice_without_a_correct_response_becomes_a_likert_question():
    item = _item('<choiceInteraction responseIdentifier="RESPONSE" maxChoices="1"><prompt>How '
                 'was it?</prompt><simpleChoice identifier="lo">Poor</simpleChoice>'
                 '<simpleChoice identifier="hi">Good</simpleChoice></choiceInteraction>',
                 '<responseDeclaration identifier="RESPONSE" cardinality="single" '
                 'baseType="identifier"/>', identifier="survey")
    parsed = parse_qti_package(item, "survey.xml")
    [q] = parsed.questions
    assert (q.type, q.points) == ("likert", 0.0)
    assert q.data["scale"] == [{"id": "lo", "text": "Poor"}, {"id": "hi", "text": "Good"}]
    assert [n.message for n in parsed.notices] == [
        "item 'survey': it has no correct response, so it is read as a survey (Likert) "
        "question"]


def test_a_qti3_sound_in_the_prompt_is_carried():
    item = (b'<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" '
            b'identifier="s" title="Listen" adaptive="false" time-dependent="false">'
            b'<qti-item-body><p>Listen.</p><audio controls="controls" aria-label="A bell">'
            b'<source src="bell.mp3" type="audio/mpeg"/></audio></qti-item-body>'
            b'</qti-assessment-item>')
    resource = ('<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" '
                'identifier="m"><resources><resource identifier="i" '
                'type="imsqti_item_xmlv3p0" href="s.xml"/></resources></manifest>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("imsmanifest.xml", resource)
        archive.writestr("s.xml", item)
        archive.writestr("bell.mp3", b"ring")
    parsed = parse_qti_package(out.getvalue(), "bell.zip")
    [q] = parsed.questions
    assert (q.type, q.prompt, q.data["media"], q.data["mediaAlt"]) == (
        "description", "Listen.", "bell.mp3", "A bell")
    assert parsed.files == {"bell.mp3": b"ring"}


def test_an_inline_choice_becomes_a_choice_with_the_blank_in_its_prompt():
    item = _item('<p>Water boils at <inlineChoiceInteraction responseIdentifier="RESPONSE">'
                 '<inlineChoice identifier="c90">90</inlineChoice><inlineChoice '
                 'identifier="c100">100</inlineChoice></inlineChoiceInteraction> degrees.</p>',
                 '<responseDeclaration identifier="RESPONSE" cardinality="single" '
                 'baseType="identifier"><correctResponse><value>c100</value>'
                 '</correctResponse></responseDeclaration>', MATCH_CORRECT)
    parsed = parse_qti_package(item, "inline.xml")
    [q] = parsed.questions
    assert (q.type, q.prompt) == ("choice", "Water boils at _____ degrees.")
    assert [(c["text"], c["correct"]) for c in q.data["choices"]] == [
        ("90", False), ("100", True)]
    assert parsed.notices == []
