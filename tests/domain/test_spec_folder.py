"""A folder of raw materials read as a build spec by convention: modules, lessons and items
in natural name order, captions and narration scripts paired by stem, Aiken sniffed, the
rest skipped with notes; a spec file at the top wins."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from slides_decks import build_deck

from studio.errors import SpecError
from studio.spec.folder import infer, infer_spec, natural_key, title_of
from studio.spec.keys import slug
from studio.spec.reader import read_spec

DATA = Path(__file__).resolve().parents[1] / "data"
SRT = "1\n00:00:00,000 --> 00:00:01,000\nHello.\n"
VTT = "WEBVTT\n\n00:00.000 --> 00:01.000\nBonjour.\n"


@pytest.fixture
def course(tmp_path: Path, media) -> Path:
    """A designer's folder: two modules (one only with an empty lesson), real media, a deck
    with its narration, GIFT and Aiken quizzes, captions, a page and the usual clutter."""
    root = tmp_path / "Safety at work"
    intro = root / "01 Basics" / "2 Intro"
    wrap = root / "01 Basics" / "10 Wrap-up"
    empty = root / "02_Later" / "1 Soon"
    for folder in (intro, wrap, empty):
        folder.mkdir(parents=True)
    shutil.copy(media["plain.mp4"], intro / "01 Welcome.mp4")
    (intro / "01 Welcome.srt").write_text(SRT, encoding="utf-8")
    (intro / "01 Welcome.fr.vtt").write_text(VTT, encoding="utf-8")
    build_deck(intro / "02 Slides.pptx")
    (intro / "02 Slides.txt").write_text("Welcome.\n---\nA table.\n", encoding="utf-8")
    shutil.copy(media["still.png"], intro / "03 Poster.png")
    shutil.copy(media["voice.m4a"], intro / "04 Voice.m4a")
    (intro / "~$02 Slides.pptx").write_bytes(b"lock")
    (intro / ".hidden.mp4").write_bytes(b"")
    (intro / "Thumbs.db").write_bytes(b"")
    (intro / "brief.docx").write_bytes(b"PK")
    (intro / "old").mkdir()
    shutil.copy(DATA / "gift" / "geography.gift", wrap / "1 Check.gift")
    shutil.copy(DATA / "aiken" / "science.txt", wrap / "2 Science.txt")
    (wrap / "3 Reading.md").write_text("# Read this\n\nThen rest.\n", encoding="utf-8")
    (wrap / "todo.txt").write_text("Remember the bars.\n", encoding="utf-8")
    (wrap / "orphan.srt").write_text(SRT, encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"")
    (root / "readme.txt").write_text("hi", encoding="utf-8")
    return root


def test_folders_become_modules_and_lessons_in_natural_order(course):
    result = infer(course)
    spec = result.spec
    assert (spec.title, spec.source, spec.root) == ("Safety at work", course, course)
    assert [(m.title, m.key) for m in spec.modules] == [("Basics", "basics")]
    assert [(lesson.title, lesson.key) for lesson in spec.modules[0].lessons] == [
        ("Intro", "intro"), ("Wrap-up", "wrap-up")]
    intro, wrap = spec.modules[0].lessons
    assert [(i.kind, i.path.name, i.title) for i in intro.items] == [
        ("video", "01 Welcome.mp4", "Welcome"), ("deck", "02 Slides.pptx", "Slides"),
        ("image", "03 Poster.png", "Poster"), ("audio", "04 Voice.m4a", "Voice")]
    assert [(i.kind, i.path.name) for i in wrap.items] == [
        ("quiz", "1 Check.gift"), ("quiz", "2 Science.txt"), ("page", "3 Reading.md")]
    assert intro.items[0].key == "video:01 Basics/2 Intro/01 Welcome.mp4"


def test_captions_and_narration_are_paired_by_stem(course):
    video, deck, image, audio = infer_spec(course).modules[0].lessons[0].items
    assert [(c.path.name, c.language) for c in video.captions] == [
        ("01 Welcome.fr.vtt", "fr"), ("01 Welcome.srt", None)]
    assert deck.narration == course / "01 Basics" / "2 Intro" / "02 Slides.txt"
    assert (image.narration, audio.captions, image.captions) == (None, (), ())


def test_what_is_skipped_is_noted(course):
    assert infer(course).notes == (
        "01 Basics/2 Intro/brief.docx: not a kind of file the folder convention takes; "
        "skipped.",
        "01 Basics/2 Intro/old: a folder inside a lesson; skipped.",
        "01 Basics/10 Wrap-up/orphan.srt: captions without a video or sound of the same name; "
        "skipped.",
        "01 Basics/10 Wrap-up/todo.txt: neither a narration script (no deck, picture or page "
        "of the same name) nor Aiken questions; skipped.",
        "02_Later/1 Soon: no course materials; lesson skipped.",
        "02_Later: no lessons; module skipped.",
        "readme.txt: a file beside the modules is not part of the course; skipped.",
    )


def test_a_spec_file_at_the_top_wins(course):
    (course / "course.toml").write_text(
        'title = "Kept"\n[[modules]]\ntitle = "Only"\n', encoding="utf-8")
    spec = infer_spec(course)
    assert spec == read_spec(course / "course.toml")
    assert (spec.title, [m.title for m in spec.modules]) == ("Kept", ["Only"])
    (course / "course.yaml").write_text("title: Other\n", encoding="utf-8")
    with pytest.raises(SpecError, match="holds course.toml and course.yaml; keep one"):
        infer(course)


def test_not_a_folder_is_refused(tmp_path):
    with pytest.raises(SpecError, match="not a folder"):
        infer(tmp_path / "missing")


@pytest.mark.parametrize(("name", "title"), [
    ("01 Intro", "Intro"), ("01-Intro", "Intro"), ("01_Intro", "Intro"), ("1. Intro", "Intro"),
    ("2) Setup", "Setup"), ("01 - Intro", "Intro"), ("Intro 2", "Intro 2"), ("2024", "2024"),
    ("3D printing", "3D printing"),
])
def test_a_leading_order_number_is_not_part_of_the_title(name, title):
    assert title_of(name) == title


def test_natural_order_compares_numbers_as_numbers():
    names = ["10 Wrap-up", "2 Intro", "b", "A", "1 Start"]
    assert sorted(names, key=natural_key) == ["1 Start", "2 Intro", "10 Wrap-up", "A", "b"]


def test_a_txt_beside_a_deck_is_its_narration_even_when_it_reads_as_aiken(tmp_path):
    lesson = tmp_path / "C" / "M" / "L"
    lesson.mkdir(parents=True)
    build_deck(lesson / "talk.pptx")
    shutil.copy(DATA / "aiken" / "science.txt", lesson / "talk.txt")
    shutil.copy(DATA / "aiken" / "science.txt", lesson / "quiz.txt")
    items = infer_spec(tmp_path / "C").modules[0].lessons[0].items
    assert [(i.kind, i.path.name, i.narration and i.narration.name) for i in items] == [
        ("quiz", "quiz.txt", None), ("deck", "talk.pptx", "talk.txt")]


@pytest.mark.parametrize(("title", "key"), [
    ("Café Tour 🚀", "cafe-tour"), ("Week 1: Basics", "week-1-basics"),
    ("Über_Straße", "uber-strasse"), ("Основы", "основы"), ("🚀", "untitled")])
def test_a_derived_key_keeps_letters_with_their_accents_taken_off(title, key):
    assert slug(title) == key
