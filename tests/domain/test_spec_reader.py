"""The build spec reader: TOML and YAML read to the same course; every problem is one line
naming the file and the place; keys stay put when items are reordered or inserted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from studio.errors import SpecError
from studio.model import CompletionRule, TrackingPolicy
from studio.spec.reader import read_spec

DATA = Path(__file__).resolve().parents[1] / "data"

TOML = """\
title = "Python basics"
language = "en_gb"
description = "Five weeks from zero."
resolution = [1920, 1080]

[tracking]
completion = "quizzes_passed"
mastery_score = 80

[[modules]]
title = "Week 1: Basics"

[[modules.lessons]]
title = "Welcome"
id = "welcome"

[[modules.lessons.items]]
video = "week1/intro.mp4"
title = "Hello"
in = "0:01.5"
out = 2.5
captions = ["week1/intro.srt", {file = "week1/intro.fr.vtt", language = "fr", label = "Français"}]
description = "Bars and a tone."

[[modules.lessons.items]]
deck = "week1/slides.pptx"
narration = "week1/slides.txt"
duration = 4

[[modules.lessons.items]]
quiz = "week1/check.gift"
pass_mark = 80
attempts = 2
shuffle = false
show_answers = "never"

[[modules.lessons.items]]
page = "week1/reading.md"

[[modules.lessons.items]]
image = "week1/still.png"
notes = "Say what the bars are."
"""

YAML = """\
title: Python basics
language: en_gb
description: Five weeks from zero.
resolution: [1920, 1080]
tracking:
  completion: quizzes_passed
  mastery_score: 80
modules:
  - title: "Week 1: Basics"
    lessons:
      - title: Welcome
        id: welcome
        items:
          - video: week1/intro.mp4
            title: Hello
            in: "0:01.5"
            out: 2.5
            captions:
              - week1/intro.srt
              - {file: week1/intro.fr.vtt, language: fr, label: Français}
            description: Bars and a tone.
          - deck: week1/slides.pptx
            narration: week1/slides.txt
            duration: 4
          - quiz: week1/check.gift
            pass_mark: 80
            attempts: 2
            shuffle: false
            show_answers: never
          - page: week1/reading.md
          - image: week1/still.png
            notes: Say what the bars are.
"""

FILES = ("intro.mp4", "intro.srt", "intro.fr.vtt", "slides.pptx", "slides.txt", "check.gift",
         "reading.md", "still.png", "other.mp4")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A spec folder whose ``week1`` holds every file the specs above name (the reader only
    checks that they exist; the folder tests use real media)."""
    (tmp_path / "week1").mkdir()
    for name in FILES:
        (tmp_path / "week1" / name).write_bytes(b"x")
    shutil.copy(DATA / "gift" / "geography.gift", tmp_path / "week1" / "check.gift")
    return tmp_path


def write(folder: Path, text: str, name: str = "course.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_toml_spec_reads_every_field(folder):
    spec = read_spec(write(folder, TOML))
    assert (spec.title, spec.language, spec.description) == (
        "Python basics", "en-GB", "Five weeks from zero.")
    assert spec.resolution == (1920, 1080)
    assert spec.tracking == TrackingPolicy(CompletionRule.QUIZZES_PASSED, 1.0, 80.0)
    assert spec.source == folder / "course.toml" and spec.root == folder
    [module] = spec.modules
    assert (module.title, module.key) == ("Week 1: Basics", "week-1-basics")
    [lesson] = module.lessons
    assert lesson.key == "welcome"
    video, deck, quiz, page, image = lesson.items
    assert (video.kind, video.path, video.key) == (
        "video", folder / "week1" / "intro.mp4", "video:week1/intro.mp4")
    assert (video.title, video.in_point, video.out_point) == ("Hello", 1.5, 2.5)
    assert [(c.path.name, c.language, c.label) for c in video.captions] == [
        ("intro.srt", None, None), ("intro.fr.vtt", "fr", "Français")]
    assert video.settings == {"description": "Bars and a tone."}
    assert deck.narration == folder / "week1" / "slides.txt"
    assert deck.settings == {"duration": 4.0}
    assert quiz.settings == {"pass_mark": 80.0, "attempts": 2, "shuffle": False,
                             "show_answers": "never"}
    assert (page.kind, page.settings, image.kind) == ("page", {}, "image")
    assert image.settings == {"notes": "Say what the bars are."}
    assert spec.files()[:3] == [folder / "week1" / n for n in ("intro.mp4", "intro.srt",
                                                                "intro.fr.vtt")]


def test_yaml_spec_reads_to_the_same_course(folder):
    from_toml = read_spec(write(folder, TOML))
    from_yaml = read_spec(write(folder, YAML, "course.yaml"))
    assert from_yaml.modules == from_toml.modules
    assert [i.settings for *_, i in from_yaml.items()] == [
        i.settings for *_, i in from_toml.items()]
    for field in ("title", "language", "description", "resolution", "tracking", "root"):
        assert getattr(from_yaml, field) == getattr(from_toml, field)
    assert read_spec(write(folder, YAML, "course.yml")).modules == from_toml.modules


def test_a_toml_local_time_is_a_time_of_the_source(folder):
    spec = read_spec(write(folder, BASE + 'video = "week1/intro.mp4"\nin = 00:01:02.5\n'
                                          'out = 01:00:00\n'))
    item = spec.modules[0].lessons[0].items[0]
    assert (item.in_point, item.out_point) == (62.5, 3600.0)


def test_a_minimal_spec_takes_the_defaults(folder):
    spec = read_spec(write(folder, 'title = "Bare"\n'))
    assert (spec.modules, spec.language, spec.tracking, spec.resolution) == ((), "en", None,
                                                                             None)


BASE = """\
title = "T"
[[modules]]
title = "M"
[[modules.lessons]]
title = "L"
[[modules.lessons.items]]
"""
AT = "course.toml: modules[0].lessons[0].items[0]"


@pytest.mark.parametrize(("item", "message"), [
    ('vidoe = "week1/intro.mp4"',
     f"{AT}.vidoe: unknown key 'vidoe' (did you mean 'video'?)."),
    ('video = "intro.mp4"', f"{AT}.video: video file intro.mp4 does not exist."),
    ('video = "week1"', f"{AT}.video: video file week1 is a folder, not a file."),
    ('video = "week1/intro.mp4"\nin = "1:75"',
     f"{AT}.in: '1:75': seconds after a colon must be under 60."),
    ('video = "week1/intro.mp4"\nout = "soon"',
     f"{AT}.out: 'soon' is not a time; type e.g. 25, 0:25 or 1:02.5."),
    ('video = "week1/intro.mp4"\nin = -1', f"{AT}.in: must be at least 0, not -1."),
    ('video = "week1/intro.mp4"\nin = 5\nout = "0:04"',
     f"{AT}.out: the out point (4 s) must be after the in point (5 s)."),
    ('video = "week1/intro.mp4"\ndeck = "week1/slides.pptx"',
     f"{AT}: two kinds in one item (video and deck); give each its own item."),
    ('title = "Nothing"',
     f"{AT}: no material: give one of video, audio, deck, quiz, page, image."),
    ('quiz = "week1/check.gift"\npass_mark = 120',
     f"{AT}.pass_mark: Pass mark must be between 0 and 100."),
    ('quiz = "week1/check.gift"\nshow_answers = "sometimes"',
     f"{AT}.show_answers: Show answers must be always, after_pass or never."),
    ('quiz = "week1/check.gift"\nattempts = 2.5',
     f"{AT}.attempts: must be a whole number, not a number."),
    ('quiz = "week1/reading.md"',
     f"{AT}.quiz: week1/reading.md is not a question file (.csv, .gift, .txt, .xlsx, .xml, "
     ".zip)."),
    ('video = "week1/intro.mp4"\nduration = 3',
     f"{AT}.duration: a video item has no key 'duration' (its keys: video, title, id, in, "
     "out, captions, description)."),
    ('page = "week1/reading.md"\ntext = "x"',
     f"{AT}.text: a page item has no key 'text' (its keys: page, title, id, narration)."),
    ('deck = "week1/slides.pptx"\nduration = 0',
     f"{AT}.duration: Slide duration must be between 0.1 and 86400."),
    ('video = "week1/intro.mp4"\ncaptions = [{file = "week1/intro.srt", language = "xx!"}]',
     f"{AT}.captions[0].language: 'xx!' is not a language tag (BCP 47), e.g. en-GB."),
    ('video = "week1/intro.mp4"\ncaptions = [{language = "fr"}]',
     f"{AT}.captions[0]: missing key 'file'."),
    ('video = "week1/intro.mp4"\ncaptions = [3]',
     f"{AT}.captions[0]: must be a caption file name or a table "
     "{file, language, label, encoding}, not a number 3."),
    ('video = "week1/intro.mp4"\nnarration = "week1/slides.txt"',
     f"{AT}.narration: a video item has no key 'narration' (its keys: video, title, id, in, "
     "out, captions, description)."),
    ('video = "week1/intro.mp4"\nid = "a"\n[[modules.lessons.items]]\n'
     'video = "week1/other.mp4"\nid = "a"',
     "course.toml: modules[0].lessons[0].items[1].id: duplicate id 'a' (also "
     "modules[0].lessons[0].items[0])."),
    ('video = 3', f"{AT}.video: must be text, not a number."),
])
def test_item_problems_are_one_line_naming_file_and_place(folder, item, message):
    with pytest.raises(SpecError) as caught:
        read_spec(write(folder, BASE + item + "\n"))
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("text", "message"), [
    ('titel = "T"', "course.toml: titel: unknown key 'titel' (did you mean 'title'?)."),
    ('language = "en"', "course.toml: missing key 'title'."),
    ('title = "  "', "course.toml: title: must not be empty or blank."),
    ('title = "T"\nresolution = "big"',
     "course.toml: resolution: must be written WIDTHxHEIGHT (1920x1080), not 'big'."),
    ('title = "T"\nlanguage = "English!!"',
     "course.toml: language: 'English!!' is not a language tag (BCP 47), e.g. en-GB."),
    ('title = "T"\nresolution = [1920]',
     "course.toml: resolution: must hold 2 values, not 1."),
    ('title = "T"\nresolution = true',
     "course.toml: resolution: must be [width, height] in pixels or \"WIDTHxHEIGHT\", not "
     "true or false True."),
    ('title = "T"\nresolution = [8, 8]',
     "course.toml: resolution: each side of a resolution must be 16 to 8192 pixels, not 8x8."),
    ('title = "T"\n[tracking]\ncompletion = "most"',
     "course.toml: tracking.completion: must be one of all_items, quizzes_passed, "
     "percent_viewed, not 'most'."),
    ('title = "T"\n[tracking]\nmastery = 80',
     "course.toml: tracking.mastery: unknown key 'mastery' (did you mean 'mastery_score'?)."),
    ('title = "T"\n[[modules]]\ntitle = "M"\nid = "m"\n[[modules]]\ntitle = "N"\nid = "m"',
     "course.toml: modules[1].id: duplicate id 'm' (also modules[0])."),
    ('title = "T"\n[[modules]]\nname = "M"',
     "course.toml: modules[0].name: unknown key 'name'."),
    ('title = "T"\n[[modules]]\nlessons = []', "course.toml: modules[0]: missing key 'title'."),
    ('title = "T"\ntitle = "U"',
     "course.toml: not valid TOML: Cannot overwrite a value (at line 2, column 12)."),
])
def test_course_problems_are_one_line(folder, text, message):
    with pytest.raises(SpecError) as caught:
        read_spec(write(folder, text + "\n"))
    assert str(caught.value) == message


def test_yaml_syntax_error_names_its_line(folder):
    with pytest.raises(SpecError) as caught:
        read_spec(write(folder, "title: T\nlanguage: en\n  bad: 1\n", "course.yaml"))
    assert str(caught.value) == ("course.yaml: not valid YAML: mapping values are not allowed "
                                 "here (at line 3, column 6).")


def test_a_yaml_list_or_a_missing_file_or_suffix_is_refused(folder):
    with pytest.raises(SpecError, match="a build spec is a table of keys"):
        read_spec(write(folder, "- a\n- b\n", "course.yaml"))
    with pytest.raises(SpecError, match="the build spec does not exist"):
        read_spec(folder / "none.toml")
    with pytest.raises(SpecError, match="a build spec is a .toml or .yaml file"):
        read_spec(write(folder, "{}", "course.json"))


def item_keys(spec) -> dict[str, str]:
    return {item.path.name: item.key for *_, item in spec.items()}


def test_keys_stay_put_when_items_are_reordered_or_inserted(folder):
    two = BASE + ('video = "week1/intro.mp4"\n[[modules.lessons.items]]\n'
                  'video = "week1/other.mp4"\n')
    before = read_spec(write(folder, two))
    swapped = BASE + ('video = "week1/other.mp4"\n[[modules.lessons.items]]\n'
                      'video = "week1/intro.mp4"\n')
    inserted = BASE + ('page = "week1/reading.md"\n[[modules.lessons.items]]\n' +
                       two.removeprefix(BASE) + '[[modules.lessons]]\ntitle = "New"\n')
    assert item_keys(read_spec(write(folder, swapped))) == item_keys(before)
    after = read_spec(write(folder, inserted))
    assert {k: v for k, v in item_keys(after).items() if k != "reading.md"} == item_keys(before)
    assert [lesson.key for lesson in after.modules[0].lessons] == ["l", "new"]


def test_a_repeated_file_or_title_gets_a_numbered_key(folder):
    spec = read_spec(write(folder, BASE + (
        'video = "week1/intro.mp4"\n[[modules.lessons.items]]\nvideo = "week1/intro.mp4"\n'
        'in = 1\n[[modules.lessons]]\ntitle = "L"\n')))
    assert [i.key for i in spec.modules[0].lessons[0].items] == [
        "video:week1/intro.mp4", "video:week1/intro.mp4#2"]
    assert [lesson.key for lesson in spec.modules[0].lessons] == ["l", "l#2"]
