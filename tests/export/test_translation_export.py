"""Packages in other languages: ``ExportOptions.languages`` () is today's package, (L,) the
variant in L, (A, B) one package with both languages' course data, every language's media
and the player's language picker; tracking facts (units, ids) are the same in every language.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace

import pytest
from lxml import etree

from studio import commands
from studio.errors import ExportError
from studio.export import exporter, languages
from studio.export.exporter import export_course, package_members
from studio.export.languages import LanguageVariant, check_languages, language_plan
from studio.export.package import DATA_FILE, ExportOptions
from studio.export.plan import build_plan
from studio.export.player_data import PREFIX
from studio.export.validate import validate_package
from studio.model import Course, Slide

ORIGINAL = "original"  # copy the media as imported: the sample's media are fake files
TARGETS = ("fr", "he")
STRINGS = {"fr": {"next": "Suivant", "language": "Langue"}, "he": {"next": "הבא"}}


def hand_variant(course: Course, tag: str, narration: str | None = None) -> Course:
    """The course in ``tag`` built by hand: every title marked with the tag, a slide's
    narration swapped for ``narration`` (an asset id) when given."""
    def item(it):
        it = replace(it, title=f"{it.title} [{tag}]")
        if narration and isinstance(it, Slide) and it.narration_asset_id:
            it = replace(it, narration_asset_id=narration)
        return it
    modules = tuple(replace(m, title=f"{m.title} [{tag}]", lessons=tuple(
        replace(les, title=f"{les.title} [{tag}]", items=tuple(item(i) for i in les.items))
        for les in m.lessons)) for m in course.modules)
    return replace(course, language=tag, title=f"{course.title} [{tag}]", modules=modules)


@pytest.fixture
def hand_variants(monkeypatch):
    """The exporter's variants built by hand (narration per language when ``swap`` names an
    asset to use for the French slide's narration)."""
    swap: dict[str, str] = {}

    def variants(course, tags):
        course = replace(course, settings=replace(course.settings, languages=TARGETS))
        return tuple(LanguageVariant(t, course if t == course.language
                                     else hand_variant(course, t, swap.get(t)),
                                     STRINGS.get(t, {}))
                     for t in check_languages(course, tags))
    monkeypatch.setattr(exporter, "variants", variants)
    monkeypatch.setattr(languages, "direction",
                        lambda tag: "rtl" if tag.split("-")[0] in ("he", "ar") else "ltr")
    return swap


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


def test_a_language_the_course_is_not_translated_into_is_refused(sample, tmp_path):
    with pytest.raises(ExportError, match=r"no de translation") as caught:
        export_course(sample, ExportOptions("scorm12", preset=ORIGINAL, languages=("de",)),
                      tmp_path / "de.zip")
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "de.zip").exists()


def test_one_language_is_that_language_s_package(sample, tmp_path, hand_variants):
    with export(sample, tmp_path, "fr", languages=("fr",)) as archive:
        data = data_of(archive)
        names = archive.namelist()
        manifest = archive.read("imsmanifest.xml")
    course = data["course"]
    assert course["language"] == "fr" and course["dir"] == "ltr"
    assert course["title"].endswith("[fr]") and "languages" not in data
    assert data["theme"]["strings"]["next"] == "Suivant"
    assert not [n for n in names if n.startswith("course-data.") and n != DATA_FILE]
    assert b"[fr]" in manifest  # the manifest's titles are the variant's
    with export(sample, tmp_path, "plain") as archive:
        assert ids_of(data_of(archive)) == ids_of(data)


def test_several_languages_make_one_package_with_a_picker(sample, tmp_path, hand_variants):
    with export(sample, tmp_path, "en-fr-he", languages=("en", "fr", "he")) as archive:
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


def test_the_first_language_is_the_one_the_package_opens_in(sample, tmp_path, hand_variants):
    with export(sample, tmp_path, "fr-en", languages=("fr", "en")) as archive:
        first = data_of(archive)
        other = data_of(archive, "course-data.en.js")
    assert first["course"]["language"] == "fr" and other["course"]["language"] == "en"
    assert [entry["src"] for entry in first["languages"]] == ["course-data.js",
                                                              "course-data.en.js"]


def test_each_language_brings_its_own_narration(sample, tmp_path, hand_variants):
    course = sample.course()
    slide = next(i for i in course.items() if isinstance(i, Slide) and i.narration_asset_id)
    french_sound = next(a for a in course.assets.values()
                        if a.kind == "video")  # any other file stands for the French voice
    hand_variants["fr"] = french_sound.id
    with export(sample, tmp_path, "voices", languages=("en", "fr")) as archive:
        english, french = data_of(archive), data_of(archive, "course-data.fr.js")
        listed, names = listed_files(archive), set(archive.namelist())

    def audio(data):
        return next(i["audio"] for m in data["modules"] for les in m["lessons"]
                    for i in les["items"] if i["id"] == slide.id)
    assert audio(english) != audio(french)
    assert {audio(english), audio(french)} <= listed & names


def test_language_packages_are_deterministic(sample, tmp_path, hand_variants):
    first = tmp_path / "a.zip"
    second = tmp_path / "b.zip"
    options = ExportOptions("scorm2004", preset=ORIGINAL, languages=("en", "fr"))
    export_course(sample, options, first)
    export_course(sample, options, second)
    assert first.read_bytes() == second.read_bytes()


def test_the_plan_of_several_languages_lists_every_data_file(sample, hand_variants):
    course = sample.course()
    plans = [(v, build_plan(v.course, sample.media_dir, ExportOptions("scorm12"), "scorm12"))
             for v in exporter.variants(course, ("en", "he"))]
    plan = language_plan(plans)
    assert plan.data_files == (DATA_FILE, "course-data.he.js")
    assert {"course-data.he.js", DATA_FILE} <= set(plan.shared_names)
    names = [m.name for m in package_members(plan)]
    assert names.count("course-data.he.js") == 1 and names.count(DATA_FILE) == 1


def test_the_same_language_twice_is_one_language(sample):
    commands.set_course(sample, language="en")
    assert check_languages(sample.course(), ("en", "en")) == ("en",)
