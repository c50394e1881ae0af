"""QTI 2.1 and 3.0 packages as written: valid against the shipped IMS schemas, complete,
deterministic, and read back as the same questions."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from qti_bank import MAP, every_type, question, with_assets

from studio.errors import ExportError
from studio.quiz.qti_package import write_qti_package
from studio.quiz.qti_read import parse_qti_package
from studio.quiz.qti_schema import document_problems, package_problems
from studio.quiz.qti_xml import ITEM_RESOURCE, NS_CP, NS_QTI

VERSIONS = ("2.1", "3.0")


@pytest.fixture(scope="module")
def bank():
    return every_type()


@pytest.fixture(scope="module", params=VERSIONS)
def written(request, bank):
    return request.param, write_qti_package(bank, "Every type", request.param)


def _member(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def test_every_document_is_valid_against_the_ims_schemas(written):
    _version, data = written
    assert package_problems(data) == []


def test_the_manifest_lists_every_item_with_its_media(written, bank):
    version, data = written
    manifest = _member(data, "imsmanifest.xml")
    assert etree.QName(manifest).namespace == NS_CP[version]
    resources = manifest.findall(f".//{{{NS_CP[version]}}}resource")
    items = [r for r in resources if r.get("type") == ITEM_RESOURCE[version]]
    assert [r.get("href") for r in items] == [f"items/{q.id}.xml" for q in bank]
    files = {f.get("href") for r in items for f in r}
    assert {"items/media/map.png", "items/media/flag.png"} <= files
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("items/media/map.png") == MAP
        assert all(name in archive.namelist() for name in files)


def test_items_use_the_version_namespace_and_names(written):
    version, data = written
    item = _member(data, "items/q1.xml")
    assert etree.QName(item).namespace == NS_QTI[version]
    expected = "assessmentItem" if version == "2.1" else "qti-assessment-item"
    assert etree.QName(item).localname == expected
    maximum = item.find(f".//{{{NS_QTI[version]}}}"
                        f"{'defaultValue' if version == '2.1' else 'qti-default-value'}")
    assert maximum is not None


def test_points_are_the_maxscore_outcome(written):
    version, data = written
    item = _member(data, "items/q13.xml")
    ns = NS_QTI[version]
    tag = "outcomeDeclaration" if version == "2.1" else "qti-outcome-declaration"
    values = {o.get("identifier"): "".join(o.itertext()).strip()
              for o in item.iter(f"{{{ns}}}{tag}")}
    assert values["MAXSCORE"] == "2"


def test_hotspot_regions_are_in_pixels_of_the_picture(written):
    version, data = written
    item = _member(data, "items/q13.xml")
    tag = "hotspotChoice" if version == "2.1" else "qti-hotspot-choice"
    coords = [c.get("coords") for c in item.iter(f"{{{NS_QTI[version]}}}{tag}")]
    assert coords == ["20,10,120,30", "100,50,20", "0,0,50,0,50,50"]


def test_the_same_questions_give_the_same_bytes(bank):
    assert write_qti_package(bank, "Bank", "3.0") == write_qti_package(bank, "Bank", "3.0")


def test_reading_the_package_back_gives_the_same_questions(written, bank):
    _version, data = written
    parsed = parse_qti_package(data, "bank.zip")
    assert parsed.notices == []
    read = with_assets(parsed, bank)
    assert [(q.type, q.prompt, q.points, q.data) for q in read] == [
        (q.type, q.prompt, q.points, q.data) for q in bank]
    assert read[0].media == {"prompt": "items/media/map.png",
                             "choice:a": "items/media/flag.png"}
    assert read[12].media == {"hotspot": "items/media/map.png"}
    assert read[13].media == {"item:d1": "items/media/flag.png"}


def test_a_schema_breach_is_reported_with_its_line():
    bank = [question("q1", "choice", "Pick", {"choices": [{"text": "A", "correct": True},
                                                           {"text": "B"}]})]
    item = _member(write_qti_package(bank, "B", "2.1"), "items/q1.xml")
    item.find(f".//{{{NS_QTI['2.1']}}}choiceInteraction").set("maxChoices", "many")
    problems = document_problems(etree.fromstring(etree.tostring(item)), "items/q1.xml")
    assert problems and "maxChoices" in problems[0] and "line" in problems[0]


def test_a_hotspot_without_a_picture_cannot_be_written():
    bank = [question("q1", "hotspot", "Click", {"regions": [
        {"label": "A", "shape": "rect", "coords": [0, 0, 1, 1], "correct": True}]})]
    with pytest.raises(ExportError, match="no picture"):
        write_qti_package(bank, "B", "3.0")


def test_an_unknown_version_is_refused(bank):
    with pytest.raises(ValueError, match="2.2"):
        write_qti_package(bank, "B", "2.2")
