"""Importing media: probe first, then one all-or-nothing command."""

import subprocess
import sys
import textwrap

import imageio_ffmpeg
import pytest

from studio import commands
from studio.errors import ImportFileError, ProjectWriteError
from studio.media.importer import import_files
from studio.resources import resources_dir
from studio.store import Project

SAMPLE = resources_dir() / "sample"


@pytest.fixture(scope="module")
def tone(tmp_path_factory):
    path = tmp_path_factory.mktemp("media") / "tone.m4a"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i",
                    "sine=frequency=500:duration=2", "-c:a", "aac", str(path)], check=True)
    return path


@pytest.fixture
def lesson_project(tmp_path):
    project = Project.create(tmp_path / "T.course", "T")
    lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    yield project, lesson
    project.close()


def tables(project):
    return {t: project.conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("assets", "items", "lessons", "modules")}


def test_video_image_and_audio_become_assets_and_items(lesson_project, tone):
    project, lesson = lesson_project
    done = import_files(project, [SAMPLE / "welcome.mp4", SAMPLE / "slide1.png", tone],
                        lesson_id=lesson)
    course = project.course()
    items = course.lessons()[0].items
    assert [i.kind.value for i in items] == ["video", "slide", "video"]
    video = course.assets[done[0].asset_id]
    assert (video.kind, video.width, video.height) == ("video", 640, 360)
    assert video.duration == pytest.approx(6.0, abs=0.05)
    assert video.info["video"]["codec"] == "h264" and video.info["audio"]["codec"] == "aac"
    image = course.assets[done[1].asset_id]
    assert (image.kind, image.width, image.duration) == ("image", 1280, None)
    audio = course.assets[done[2].asset_id]
    assert audio.kind == "audio" and audio.duration == pytest.approx(2.0, abs=0.1)
    assert project.history.undo_name().startswith("Import welcome.mp4")
    project.undo()
    assert project.course().lessons()[0].items == () and project.course().assets == {}


def test_same_file_twice_is_stored_once(lesson_project, tmp_path):
    project, lesson = lesson_project
    copy = tmp_path / "renamed copy.MP4"
    copy.write_bytes((SAMPLE / "welcome.mp4").read_bytes())
    first = import_files(project, [SAMPLE / "welcome.mp4"], lesson_id=lesson)[0]
    second = import_files(project, [copy], lesson_id=lesson)[0]
    assert first.asset_id == second.asset_id
    assert len(list(project.media_dir.iterdir())) == 1
    assert len(project.course().lessons()[0].items) == 2


def test_a_bad_file_in_a_batch_imports_nothing(lesson_project, tmp_path):
    project, lesson = lesson_project
    damaged = tmp_path / "damaged.mp4"
    damaged.write_bytes((SAMPLE / "welcome.mp4").read_bytes()[:2000])
    text = tmp_path / "notes.mp4"
    text.write_text("not a video at all")
    before = tables(project)
    for bad in (damaged, text, tmp_path / "missing.mov"):
        with pytest.raises(ImportFileError) as caught:
            import_files(project, [SAMPLE / "slide2.png", bad], lesson_id=lesson)
        assert bad.name in str(caught.value)
    assert tables(project) == before
    assert list(project.media_dir.iterdir()) == []


def test_new_lesson_goes_to_the_last_module(lesson_project):
    project, _ = lesson_project
    done = import_files(project, [SAMPLE / "slide3.png"], new_lesson="Slides")
    lessons = project.course().lessons()
    assert [lesson.title for lesson in lessons] == ["L", "Slides"]
    assert lessons[1].items[0].id == done[0].item_id
    project.undo()
    assert [lesson.title for lesson in project.course().lessons()] == ["L"]


def test_disk_full_while_importing_leaves_the_project_intact(tmp_path):
    """A child process whose file-size limit stops the copy half way, as a full disk would."""
    path = tmp_path / "Full.course"
    Project.create(path, "Full").close()
    script = textwrap.dedent(f"""
        import resource, signal, sys
        from pathlib import Path
        from studio.errors import StudioError
        from studio.media.importer import import_files
        from studio.store import Project
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        project = Project.open({str(path)!r})
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
        try:
            import_files(project, [Path({str(SAMPLE / "welcome.mp4")!r})], new_lesson="L")
        except StudioError as exc:
            print(type(exc).__name__, exc.message)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.startswith(ProjectWriteError.__name__), done.stderr
    assert list((path / "media").iterdir()) == []
    with Project.open(path) as project:
        assert project.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert project.course().modules == () and project.history.entries() == []
