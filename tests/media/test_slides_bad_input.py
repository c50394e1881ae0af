"""Decks that cannot be imported: a clear message, and the project exactly as it was."""

import zipfile

import pytest

from studio import commands
from studio.errors import Cancelled, ImportFileError
from studio.jobs import CancelToken
from studio.media.pptx_import import import_deck
from studio.media.pptx_package import OLE_MAGIC
from studio.store import Project
from tests.conftest import dump_project
from tests.slides_decks import build_deck, tone


@pytest.fixture(scope="module")
def good_deck(tmp_path_factory):
    folder = tmp_path_factory.mktemp("good")
    return build_deck(folder / "good.pptx", audio=tone(folder / "a.m4a", 1.0))


def _rewrite(source, target, change):
    """Copy a deck part by part; ``change(name, data)`` returns new data or None to drop it."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = change(info.filename, src.read(info))
            if data is not None:
                out.writestr(info.filename, data)
    return target


def _bad_files(folder, good):
    text = folder / "notes.pptx"
    text.write_text("these are my notes, not a deck")
    encrypted = folder / "locked.pptx"
    encrypted.write_bytes(OLE_MAGIC + bytes(4096))
    truncated = folder / "truncated.pptx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    not_a_deck = folder / "letter.pptx"
    with zipfile.ZipFile(not_a_deck, "w") as out:
        out.writestr("[Content_Types].xml", "<Types/>")
        out.writestr("word/document.xml", "<w:document/>")
    bomb = folder / "bomb.pptx"
    _rewrite(good, bomb, lambda name, data: data)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as out:
        out.writestr("ppt/media/huge.bin", bytes(64 << 20))
    missing = _rewrite(good, folder / "missing.pptx",
                       lambda name, data: None if name.endswith(".m4a") else data)
    broken_xml = _rewrite(good, folder / "broken.pptx", lambda name, data: (
        b"<p:sld oops" if name == "ppt/slides/slide1.xml" else data))
    return {
        text: "is not a PowerPoint .pptx file",
        encrypted: "password-protected",
        truncated: "not a PowerPoint .pptx file",
        not_a_deck: "not a PowerPoint presentation",
        bomb: "zip bomb",
        missing: "ppt/media/media1.m4a, which is missing",
        broken_xml: "is damaged",
        folder / "absent.pptx": "does not exist",
    }


def test_bad_decks_are_refused_and_nothing_is_written(tmp_path, good_deck):
    with Project.create(tmp_path / "B.course", "B") as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
        before = dump_project(project)
        for bad, message in _bad_files(tmp_path, good_deck).items():
            with pytest.raises(ImportFileError) as caught:
                import_deck(project, bad, lesson_id=lesson, renderer="builtin")
            assert message in str(caught.value), (bad.name, str(caught.value))
            assert bad.name in str(caught.value)
        assert dump_project(project) == before
        assert list(project.media_dir.iterdir()) == []
        assert project.history.undo_name() == "Add lesson “L”"


def test_a_damaged_embedded_media_part_is_refused(tmp_path, good_deck):
    damaged = _rewrite(good_deck, tmp_path / "damaged media.pptx", lambda name, data: (
        b"\x00" * 512 if name.endswith(".m4a") else data))
    with Project.create(tmp_path / "D.course", "D") as project:
        with pytest.raises(ImportFileError) as caught:
            import_deck(project, damaged, renderer="builtin")
        assert "embedded media /ppt/media/media1.m4a" in str(caught.value)
        assert project.course().modules == () and list(project.media_dir.iterdir()) == []


def test_a_narration_for_a_hidden_slide_is_refused_before_anything_is_written(tmp_path,
                                                                              good_deck):
    with Project.create(tmp_path / "H.course", "H") as project:
        with pytest.raises(ImportFileError, match="no visible slide 2"):
            import_deck(project, good_deck, renderer="builtin",
                        narration={2: tmp_path / "x.m4a"})
        assert list(project.media_dir.iterdir()) == []


def test_cancelling_half_way_through_storing_leaves_nothing(tmp_path, good_deck):
    token = CancelToken()

    def progress(fraction, message=""):
        if message == "Storing slide 3":  # slide 1 and its media are stored by now
            token.cancel()

    with Project.create(tmp_path / "C.course", "C") as project:
        before = dump_project(project)
        with pytest.raises(Cancelled):
            import_deck(project, good_deck, renderer="builtin", progress=progress,
                        token=token)
        assert dump_project(project) == before and project.history.entries() == []
        assert list(project.media_dir.iterdir()) == []
