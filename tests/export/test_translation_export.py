"""Packages in other languages: ``ExportOptions.languages`` () is today's package, (L,) the
variant in L, (A, B) one package with both languages' course data, every language's media
and the player's language picker; tracking facts (units, ids) are the same in every language.
"""

from __future__ import annotations

import json
import zipfile

import pytest
from lxml import etree
from media_samples import MediaSamples
from narrated_export import build_narrated_course

from studio import commands
from studio.errors import ExportError
from studio.export.exporter import export_course, package_members
from studio.export.languages import (
    check_languages,
    language_plan,
    package_file_name,
    page_language,
    variants,
)
from studio.export.package import DATA_FILE, ExportOptions
from studio.export.plan import build_plan
from studio.export.player_data import PREFIX
from studio.export.validate import validate_package
from studio.media.captions import Cue
from studio.media.importer import import_files
from studio.media.slide_narration import store_vtt
from studio.model import NarrationTrack
from studio.translation.pseudo import pseudo_text
from studio.translation.segments import course_segments
from studio.translation.units import Translation

ORIGINAL = "original"  # copy the media as imported: the sample's media are fake files
STRINGS = {"fr": {"next": "Suivant", "language": "Langue"}, "he": {"next": "הבא"}}
MARK = {"fr": " [fr]", "he": " [עב]"}


def translate(project, tag: str) -> None:
    """Every segment of the project's course translated into ``tag`` (its text marked with
    the language), the player's strings of ``STRINGS``."""
    segments = course_segments(project.course())
    words = STRINGS.get(tag, {})
    commands.store_translations(project, tag, [
        Translation(tag, s.id, words.get(s.field, s.text) if s.owner == "player"
                    else s.text + MARK[tag], s.source_hash, s.text)
        for s in segments if s.owner != "player" or s.field in words])


@pytest.fixture
def trio(sample):
    """The sample course translated into French and Hebrew."""
    for tag in ("fr", "he"):
        translate(sample, tag)
    return sample


def data_of(archive: zipfile.ZipFile, name: str = DATA_FILE) -> dict:
    text = archive.read(name).decode("utf-8")
    assert text.startswith(PREFIX) and text.endswith(";\n")
    return json.loads(text[len(PREFIX):-2])


def ids_of(data: dict) -> list[tuple]:
    """Every id a learner's record can carry: items, their questions and cue points."""
    out = []
    for module in data["modules"]:
        for lesson in module["lessons"]:
            for item in lesson["items"]:
                out.append((lesson["id"], item["id"], item["kind"]))
                out += [(item["id"], q["id"], q["type"]) for q in item.get("questions", [])]
                out += [(item["id"], c["id"], tuple(q["id"] for q in c["questions"]))
                        for c in item.get("cues", [])]
    return out


def listed_files(archive: zipfile.ZipFile) -> set[str]:
    root = etree.fromstring(archive.read("imsmanifest.xml"))
    return {f.get("href") for f in root.iter() if etree.QName(f).localname == "file"}


def export(project, tmp_path, name, **options):
    target = tmp_path / f"{name}.zip"
    export_course(project, ExportOptions("scorm12", preset=ORIGINAL, **options), target)
    report = validate_package(target)
    assert report.ok and not report.warnings, report.findings
    return zipfile.ZipFile(target)


def test_no_languages_is_the_package_as_it_was(sample, tmp_path):
    assert ExportOptions().languages == ()
    with export(sample, tmp_path, "plain") as archive:
        data = data_of(archive)
        assert "dir" not in data["course"] and "languages" not in data
        assert [n for n in archive.namelist() if n.startswith("course-data")] == [DATA_FILE]
    plan = build_plan(sample.course(), sample.media_dir, ExportOptions("scorm12"), "scorm12")
    assert plan.languages is None and plan.data_files == (DATA_FILE,)


def test_a_course_written_right_to_left_says_so_without_languages(sample, tmp_path):
    commands.set_course(sample, language="ar")
    with export(sample, tmp_path, "arabic") as archive:
        assert data_of(archive)["course"]["dir"] == "rtl"


def test_stored_translations_leave_the_package_of_no_language_as_it_was(sample, tmp_path):
    options = ExportOptions("scorm2004", preset=ORIGINAL)
    export_course(sample, options, tmp_path / "before.zip")
    translate(sample, "fr")
    export_course(sample, options, tmp_path / "after.zip")
    assert (tmp_path / "before.zip").read_bytes() == (tmp_path / "after.zip").read_bytes()


def test_a_language_the_course_is_not_translated_into_is_refused(sample, tmp_path):
    with pytest.raises(ExportError, match=r"no de translation") as caught:
        export_course(sample, ExportOptions("scorm12", preset=ORIGINAL, languages=("de",)),
                      tmp_path / "de.zip")
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "de.zip").exists()


def test_a_one_language_package_s_default_name_carries_its_tag():
    assert package_file_name("Fire Safety-scorm12.zip", ("fr",)) == "Fire Safety-scorm12.fr.zip"
    assert package_file_name("v1.2 course.zip", ("de",)) == "v1.2 course.de.zip"
    assert package_file_name("course", ("fr",)) == "course.fr"
    assert package_file_name("course.zip", ()) == "course.zip"
    assert package_file_name("course.zip", ("en", "fr")) == "course.zip"


def test_one_language_is_that_language_s_package(trio, tmp_path):
    with export(trio, tmp_path, "fr", languages=("fr",)) as archive:
        data = data_of(archive)
        names = archive.namelist()
        manifest = archive.read("imsmanifest.xml")
    course = data["course"]
    assert course["language"] == "fr" and course["dir"] == "ltr"
    assert course["title"].endswith("[fr]") and "languages" not in data
    assert data["theme"]["strings"]["next"] == "Suivant"
    assert not [n for n in names if n.startswith("course-data.") and n != DATA_FILE]
    assert b"[fr]" in manifest  # the manifest's titles are the variant's
    with export(trio, tmp_path, "plain") as archive:
        assert ids_of(data_of(archive)) == ids_of(data)


def test_several_languages_make_one_package_with_a_picker(trio, tmp_path):
    with export(trio, tmp_path, "en-fr-he", languages=("en", "fr", "he")) as archive:
        english = data_of(archive)
        french = data_of(archive, "course-data.fr.js")
        hebrew = data_of(archive, "course-data.he.js")
        listed = listed_files(archive)
    picker = [{"tag": "en", "name": "English", "dir": "ltr", "src": "course-data.js"},
              {"tag": "fr", "name": "français", "dir": "ltr", "src": "course-data.fr.js"},
              {"tag": "he", "name": "עברית", "dir": "rtl", "src": "course-data.he.js"}]
    for data in (english, french, hebrew):
        assert data["languages"] == picker
        assert ids_of(data) == ids_of(english)
    assert english["course"]["dir"] == "ltr" and hebrew["course"]["dir"] == "rtl"
    assert hebrew["course"]["language"] == "he" and french["course"]["title"].endswith("[fr]")
    assert {"course-data.fr.js", "course-data.he.js", DATA_FILE} <= listed
    assert hebrew["theme"]["strings"]["next"] == "הבא"
    assert "next" not in english["theme"].get("strings", {})


def test_the_first_language_is_the_one_the_package_opens_in(trio, tmp_path):
    with export(trio, tmp_path, "fr-en", languages=("fr", "en")) as archive:
        first = data_of(archive)
        other = data_of(archive, "course-data.en.js")
    assert first["course"]["language"] == "fr" and other["course"]["language"] == "en"
    assert [entry["src"] for entry in first["languages"]] == ["course-data.js",
                                                              "course-data.en.js"]


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> MediaSamples:
    return MediaSamples(tmp_path_factory.mktemp("samples"))


def test_each_language_brings_its_own_narration_and_captions(tmp_path, samples):
    project, ids = build_narrated_course(tmp_path, samples)
    with project:
        commands.add_language(project, "fr")
        voice = import_files(project, [samples["voice.mp3"]])[0].asset_id
        french = store_vtt(project, [Cue(0.0, 1.0, "Résumé.")], "Summary fr", "captions")
        commands.apply_track(project, ids["slide"],
                             NarrationTrack("fr", "synthesised", voice, french, 1.0))
        with export(project, tmp_path, "voices", languages=("en", "fr")) as archive:
            english, french = data_of(archive), data_of(archive, "course-data.fr.js")
            listed, names = listed_files(archive), set(archive.namelist())

    def item(data, item_id):
        return next(i for m in data["modules"] for les in m["lessons"] for i in les["items"]
                    if i["id"] == item_id)
    slide_en, slide_fr = item(english, ids["slide"]), item(french, ids["slide"])
    assert slide_en["audio"] != slide_fr["audio"]
    assert [c["lang"] for c in slide_fr["captions"]] == ["fr"]
    assert slide_fr["captions"][0]["cues"][0][2] == "Résumé."
    assert {slide_en["audio"], slide_fr["audio"]} <= listed & names
    assert {c["src"] for c in slide_fr["captions"] + slide_en["captions"]} <= listed & names
    page_en, page_fr = item(english, ids["page"]), item(french, ids["page"])
    assert page_fr["audio"] == page_en["audio"]  # no French track: the source's voice


def test_language_packages_are_deterministic(trio, tmp_path):
    first = tmp_path / "a.zip"
    second = tmp_path / "b.zip"
    options = ExportOptions("scorm2004", preset=ORIGINAL, languages=("en", "fr"))
    export_course(trio, options, first)
    export_course(trio, options, second)
    assert first.read_bytes() == second.read_bytes()


def test_the_plan_of_several_languages_lists_every_data_file(trio):
    course = trio.course()
    plans = [(v, build_plan(v.course, trio.media_dir, ExportOptions("scorm12"), "scorm12"))
             for v in variants(course, ("en", "he"))]
    plan = language_plan(plans)
    assert plan.data_files == (DATA_FILE, "course-data.he.js")
    assert {"course-data.he.js", DATA_FILE} <= set(plan.shared_names)
    names = [m.name for m in package_members(plan)]
    assert names.count("course-data.he.js") == 1 and names.count(DATA_FILE) == 1


def test_the_same_language_twice_is_one_language(sample):
    commands.set_course(sample, language="en")
    assert check_languages(sample.course(), ("en", "en")) == ("en",)


def test_a_pseudo_locale_declares_its_source_language_to_the_page(sample, tmp_path):
    commands.store_translations(sample, "qps-plocm", [
        Translation("qps-plocm", s.id, pseudo_text(s.text, "qps-plocm"), s.source_hash, s.text)
        for s in course_segments(sample.course())])
    with export(sample, tmp_path, "plocm", languages=("qps-plocm",)) as archive:
        course = data_of(archive)["course"]
    assert (course["language"], course["lang"], course["dir"]) == ("qps-plocm", "en-x-plocm",
                                                                  "rtl")
    assert page_language("fr", "en") is None
    with export(sample, tmp_path, "two", languages=("en", "qps-plocm")) as archive:
        picker = data_of(archive)["languages"]
    assert picker[1] == {"tag": "qps-plocm", "name": "Pseudo-locale (mirrored, right to left)",
                         "dir": "rtl", "src": "course-data.qps-plocm.js", "lang": "en-x-plocm"}
    assert "lang" not in picker[0]
