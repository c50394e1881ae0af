"""Deck import end to end: LibreOffice converts once for this module; the built-in renderer
is forced where LibreOffice is installed, to prove the import works without it."""

import json
import re

import pytest
from PIL import Image, ImageStat
from pptx.util import Inches

from studio import commands
from studio.media.captions import read_captions
from studio.media.pptx_import import import_deck
from studio.media.render_libreoffice import find_soffice
from studio.media.slide_narration import attach_narration
from studio.store import Project
from tests.slides_decks import TITLE_BOX, build_deck, emu_box_to_pixels, tone

WIDE = Inches(13.333)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deck")
    audio = tone(folder / "hello.m4a", 2.0)
    return {"deck": build_deck(folder / "Course deck.pptx", audio=audio),
            "narration": tone(folder / "narration.m4a", 3.0), "folder": folder}


@pytest.fixture(scope="module")
def office_import(files, tmp_path_factory):
    assert find_soffice(), "LibreOffice must be installed for the slide tests"
    project = Project.create(tmp_path_factory.mktemp("p") / "Office.course", "Office")
    report = import_deck(project, files["deck"], new_lesson="Deck", renderer="auto")
    yield project, report
    project.close()


def ink(image: Image.Image, box) -> float:
    """Share of clearly dark pixels in a region."""
    region = image.convert("L").crop(box)
    dark = sum(count for value, count in enumerate(region.histogram()) if value < 128)
    return dark / (region.width * region.height)


def test_one_slide_item_per_visible_slide_in_order(office_import):
    project, report = office_import
    course = project.course()
    items = course.lessons()[0].items
    assert report.renderer == "libreoffice"
    assert report.hidden == (2,)
    assert [i.title for i in items] == ["Welcome to the course", "Results", "A picture",
                                        "Größe, café, naïve — ünïcödé"]
    assert [i.kind.value for i in items] == ["slide"] * 4
    assert list(report.added) == [i.id for i in items]
    assert items[0].text.splitlines() == ["Welcome to the course", "Why this matters",
                                          "Fewer errors", "Faster reviews", "How we get there"]
    assert "Team | Score" in items[1].text and "South | 9" in items[1].text
    assert "Grouped caption" in items[2].text
    assert items[0].notes.startswith("Welcome everyone.")


def test_deck_data_is_kept_in_the_slide(office_import):
    project, report = office_import
    rows = {r[0]: json.loads(r[1]) for r in project.conn.execute(
        "SELECT title, props FROM items")}
    picture = rows["A picture"]
    assert picture["alt_texts"] == ["A red square"]
    source = picture["source"]
    assert (source["kind"], source["slide_number"], source["renderer"]) == ("pptx", 4,
                                                                           "libreoffice")
    assert (source["width"], source["height"], source["aspect"]) == (1280, 720, "16:9")
    assert len(report.media_asset_ids) == 1


def test_libreoffice_images_have_the_course_size_and_text_where_text_is(office_import):
    project, _ = office_import
    course = project.course()
    for item in course.lessons()[0].items:
        asset = course.assets[item.asset_id]
        image = Image.open(project.media_dir / asset.filename)
        assert image.size == (1280, 720) == (asset.width, asset.height)
        assert max(ImageStat.Stat(image.convert("L")).stddev) > 5  # not blank
    accents = course.lessons()[0].items[3]
    image = Image.open(project.media_dir / course.assets[accents.asset_id].filename)
    title = emu_box_to_pixels(TITLE_BOX, WIDE, 1280)
    assert ink(image, title) > 0.02
    assert ink(image, (0, title[3] + 20, 1280, 720)) == 0  # nothing under the title


def test_embedded_audio_narrates_and_notes_become_captions(office_import):
    project, _ = office_import
    course = project.course()
    welcome = course.lessons()[0].items[0]
    narration = course.assets[welcome.narration_asset_id]
    assert narration.kind == "audio"
    assert welcome.duration == pytest.approx(narration.duration) == pytest.approx(2.0, abs=0.1)
    props = json.loads(project.conn.execute("SELECT props FROM items WHERE id = ?",
                                            (welcome.id,)).fetchone()[0])
    captions = read_captions(project.media_dir / course.assets[
        props["captions"][0]["asset_id"]].filename)
    assert [c.text for c in captions] == ["Welcome everyone.", "Today we look at why reviews "
                                          "matter!", "Then we practise."]
    assert captions[0].start == 0 and captions[-1].end == pytest.approx(welcome.duration)
    assert all(a.end == pytest.approx(b.start)
               for a, b in zip(captions, captions[1:], strict=False))
    transcript = read_captions(project.media_dir / course.assets[
        props["transcript_asset_id"]].filename)
    assert transcript[0].text == welcome.notes
    assert course.lessons()[0].items[1].narration_asset_id is None


def test_an_attached_narration_sets_duration_and_captions(files, tmp_path):
    with Project.create(tmp_path / "N.course", "N") as project:
        report = import_deck(project, files["deck"], renderer="builtin")
        results = report.added[1]
        attach_narration(project, results, files["narration"])
        item = project.course().find(results)
        assert item.duration == pytest.approx(3.0, abs=0.1)
        assert item.narration_asset_id is not None
        project.undo()
        assert project.course().find(results).narration_asset_id is None


def test_forced_builtin_renderer_imports_and_one_undo_removes_everything(files, tmp_path):
    with Project.create(tmp_path / "B.course", "B") as project:
        module = commands.add_module(project, "M")
        lesson = commands.add_lesson(project, module, "L")
        before = project.conn.execute("SELECT COUNT(*) FROM assets").fetchone()[0]
        report = import_deck(project, files["deck"], lesson_id=lesson, renderer="builtin")
        assert report.renderer == "builtin" and len(report.added) == 4
        image = project.course().assets[project.course().find(report.added[0]).asset_id]
        assert (image.width, image.height, image.info["renderer"]) == (1280, 720, "builtin")
        assert project.history.undo_name() == "Import Course deck.pptx"
        project.undo()
        assert project.course().lessons()[0].items == ()
        assert project.conn.execute("SELECT COUNT(*) FROM assets").fetchone()[0] == before


def test_a_4_3_deck_fits_the_frame_without_stretching(files, tmp_path):
    deck = build_deck(files["folder"] / "square.pptx", wide=False)
    with Project.create(tmp_path / "S.course", "S") as project:
        report = import_deck(project, deck, renderer="builtin")
        asset = project.course().assets[project.course().find(report.added[0]).asset_id]
        assert (asset.width, asset.height) == (960, 720)


def test_the_course_resolution_is_the_frame_slides_fit(files, tmp_path):
    with Project.create(tmp_path / "R.course", "R") as project:
        commands.set_course(project, resolution="640x480")
        report = import_deck(project, files["deck"], renderer="builtin")
        asset = project.course().assets[project.course().find(report.added[0]).asset_id]
        assert (asset.width, asset.height) == (640, 360)


def test_progress_is_reported_up_to_done(files, tmp_path):
    seen = []
    with Project.create(tmp_path / "G.course", "G") as project:
        import_deck(project, files["deck"], renderer="builtin",
                    progress=lambda f, m="": seen.append((f, m)))
    assert seen[-1][0] == 1.0 and re.match(r"Imported 4 slides", seen[-1][1])
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)
