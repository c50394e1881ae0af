"""`studio build` from a folder and from a spec, and `studio export --format all`."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from cli_runner import studio
from PIL import Image

from studio.export.formats import available_formats
from studio.store import Project
from tests.media.build_fixtures import GIFT, PAGE, SRT


def _folder(root: Path, media) -> Path:
    """Raw materials by convention: modules as folders, lessons as their subfolders."""
    watch = root / "Safety" / "01 Basics" / "01 Watch"
    practise = root / "Safety" / "01 Basics" / "02 Practise"
    for folder in (watch, practise):
        folder.mkdir(parents=True)
    shutil.copy(media["plain.mp4"], watch / "intro.mp4")
    (watch / "intro.srt").write_text(SRT, encoding="utf-8")
    (watch / "start.md").write_text(PAGE, encoding="utf-8")
    (practise / "check.gift").write_text(GIFT, encoding="utf-8")
    return root / "Safety"


def test_a_folder_builds_rebuilds_unchanged_and_exports_every_format(tmp_path, media):
    folder = _folder(tmp_path, media)
    done = studio("build", folder)
    target = tmp_path / "Safety.course"
    assert f"{target}: built (6 added, 0 updated, 0 removed, 0 kept)" in done.stdout
    with Project.open(target) as project:
        course = project.course()
        assert course.title == "Safety"
        assert [i.title for i in course.items()] == ["intro", "start", "check"]
        assert course.items()[0].captions[0].language == "en"
        entries = len(project.history.entries())

    assert "unchanged, nothing written" in studio("build", folder).stdout
    with Project.open(target) as project:
        assert len(project.history.entries()) == entries

    out = tmp_path / "packages"
    done = studio("export", target, "--format", "all", "-o", out, "--preset", "480p",
                  timeout=600)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"Safety-{fmt}.zip" for fmt in available_formats())
    for package in out.iterdir():
        studio("validate", package)
    assert done.stdout.count("Wrote ") == len(available_formats())


def test_write_spec_writes_what_was_inferred_and_builds_nothing(tmp_path, media):
    folder = _folder(tmp_path, media)
    done = studio("build", folder, "--write-spec")
    spec = folder / "course.toml"
    assert f"Wrote the spec to {spec}" in done.stdout
    assert tomllib.loads(spec.read_text(encoding="utf-8"))["title"] == "Safety"
    assert not (tmp_path / "Safety.course").exists()
    studio("build", folder)  # the folder's course.toml is read now
    assert (tmp_path / "Safety.course" / "course.db").is_file()


def test_a_spec_file_builds_to_the_path_given(tmp_path, media):
    folder = _folder(tmp_path, media)
    studio("build", folder, "--write-spec", tmp_path / "safety.toml")
    done = studio("build", tmp_path / "safety.toml", "-o", tmp_path / "Out.course")
    assert "built" in done.stdout and (tmp_path / "Out.course" / "course.db").is_file()


def test_a_bad_spec_is_one_line_and_exit_1(tmp_path):
    spec = tmp_path / "course.toml"
    spec.write_text('title = "T"\n[[modules]]\ntitle = 3\n', encoding="utf-8")
    done = studio("build", spec, check=False)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("studio: ")
    assert not list(tmp_path.parent.glob(f"{tmp_path.name}.course"))


def test_an_empty_folder_or_a_spec_with_no_items_is_refused(tmp_path):
    empty = tmp_path / "E"
    empty.mkdir()
    done = studio("build", empty, check=False)
    assert done.returncode == 1
    assert done.stderr == "studio: E: no course materials found; a module is a folder of " \
        "lesson folders holding the files.\n"
    spec = tmp_path / "bare.toml"
    spec.write_text('title = "T"\n', encoding="utf-8")
    done = studio("build", spec, check=False)
    assert done.returncode == 1
    assert done.stderr == "studio: bare.toml: no items to build; a lesson lists its items.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["E", "bare.toml"]


def test_the_folders_own_spec_builds_the_folders_course(tmp_path, media):
    folder = _folder(tmp_path, media)
    studio("build", folder, "--write-spec")
    done = studio("build", folder / "course.toml")
    assert f"{tmp_path / 'Safety.course'}: built" in done.stdout
    assert not (folder / "course.course").exists()
    assert "unchanged, nothing written" in studio("build", folder).stdout


def test_format_all_refuses_an_lms(tmp_path, media):
    folder = _folder(tmp_path, media)
    studio("build", folder)
    done = studio("export", tmp_path / "Safety.course", "--format", "all", "--lms",
                  "moodle", "-o", tmp_path / "out", check=False)
    assert done.returncode == 1 and "one format at a time" in done.stderr


def test_narration_scripts_are_voiced_unless_no_narrate(tmp_path, media):
    folder = _folder(tmp_path, media)
    watch = folder / "01 Basics" / "01 Watch"
    Image.new("RGB", (320, 180), (40, 90, 160)).save(watch / "diagram.png")
    (watch / "diagram.txt").write_text("Here is the flow. It runs left to right.",
                                       encoding="utf-8")
    target = tmp_path / "Safety.course"

    done = studio("build", folder, "--no-narrate")
    assert f"note: 1 item has a narration script not voiced; run: studio narrate {target}" \
        in done.stdout and "Narration:" not in done.stdout

    done = studio("build", folder)
    assert f"{target}: updated (0 added, 0 updated, 0 removed, 0 kept)" in done.stdout
    assert "Narration: 1 item voiced, 2 new sentences" in done.stdout
    with Project.open(target) as project:
        diagram = next(i for i in project.course().items() if i.title == "diagram")
        assert len(diagram.narration.track("en").sentences) == 2
    assert "unchanged, nothing written" in studio("build", folder).stdout


def test_write_spec_refuses_to_replace_a_spec_unless_forced(tmp_path, media):
    folder = tmp_path / "Safety Basics"
    _folder(tmp_path, media).rename(folder)
    done = studio("build", folder, "--write-spec")
    assert f"edit it, then: studio build '{folder}'" in done.stdout  # quoted for the shell
    spec = folder / "course.toml"
    edited = spec.read_text(encoding="utf-8") + "# Reviewed by legal\n"
    spec.write_text(edited, encoding="utf-8")

    done = studio("build", folder, "--write-spec", check=False)
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert f"{spec} exists; use --force" in done.stderr
    assert spec.read_text(encoding="utf-8") == edited

    studio("build", folder, "--write-spec", "--force")
    assert "# Reviewed by legal" not in spec.read_text(encoding="utf-8")


def test_write_spec_refuses_a_second_spec_beside_a_yaml_one(tmp_path, media):
    folder = _folder(tmp_path, media)
    studio("build", folder, "--write-spec", tmp_path / "safety.toml")
    yaml_spec = folder / "course.yaml"
    yaml_spec.write_text("title: Safety\nmodules: []\n", encoding="utf-8")
    for force in ((), ("--force",)):
        done = studio("build", folder, "--write-spec", *force, check=False)
        assert done.returncode == 1 and done.stderr.count("\n") == 1
        assert f"{yaml_spec} is the folder's spec already" in done.stderr
        assert not (folder / "course.toml").exists()


def test_a_missing_source_is_named_as_missing(tmp_path):
    done = studio("build", tmp_path / "nope", check=False)
    assert done.returncode == 1
    assert done.stderr == f"studio: {tmp_path / 'nope'}: no such file or folder.\n"


def test_format_all_refuses_a_package_name_for_its_folder(tmp_path, media):
    studio("build", _folder(tmp_path, media))
    done = studio("export", tmp_path / "Safety.course", "--format", "all", "-o",
                  tmp_path / "foo.zip", check=False)
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert "With --format all, -o names a folder" in done.stderr
    assert not (tmp_path / "foo.zip").exists()


def test_a_trim_that_does_not_fit_its_source_names_the_file_and_place(tmp_path, media):
    shutil.copy(media["plain.mp4"], tmp_path / "talk.mp4")
    head = 'title = "T"\n[[modules]]\ntitle = "M"\n[[modules.lessons]]\ntitle = "L"\n' \
        '[[modules.lessons.items]]\nvideo = "talk.mp4"\n'
    for name, trim, message in (
            ("far.toml", "out = 99", "far.toml: modules[0].lessons[0].items[0].out: the out "
             "point (99 s) is past the end of talk.mp4"),
            ("late.toml", "in = 62", "late.toml: modules[0].lessons[0].items[0].in: the in "
             "point (62 s) is not before the end of talk.mp4")):
        (tmp_path / name).write_text(f"{head}{trim}\n", encoding="utf-8")
        done = studio("build", tmp_path / name, check=False)
        assert done.returncode == 1 and done.stderr.count("\n") == 1
        assert done.stderr.startswith(f"studio: {message} (")
        assert not list(tmp_path.glob("*.course")) and not list(tmp_path.glob(".*.part-*"))


def test_a_bad_question_file_in_a_folder_is_named_by_its_path_in_the_folder(tmp_path, media):
    folder = _folder(tmp_path, media)
    bad = folder / "01 Basics" / "02 Practise" / "check.gift"
    bad.write_text("::Q:: What? {=Yes ~No\n", encoding="utf-8")
    done = studio("build", folder, check=False)
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert done.stderr.startswith("studio: 01 Basics/02 Practise/check.gift, line ")
    assert not (tmp_path / "Safety.course").exists()


RUSSIAN_SRT = ("1\n00:00:01,000 --> 00:00:02,000\nДобро пожаловать на курс.\n\n"
               "2\n00:00:02,100 --> 00:00:03,500\nСначала о безопасности.\n")


def test_a_legacy_code_page_caption_is_refused_with_the_spec_keys_then_built(tmp_path, media):
    """A Windows-1251 caption file in an English course: the build says which spec key
    settles it (the command line's --encoding is not the build's), and the key works."""
    lesson = tmp_path / "Course" / "Week" / "Lesson"
    lesson.mkdir(parents=True)
    shutil.copy(media["plain.mp4"], lesson / "talk.mp4")
    (lesson / "talk.srt").write_bytes(RUSSIAN_SRT.encode("cp1251"))
    done = studio("build", tmp_path / "Course", check=False)
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert '{ file = "Week/Lesson/talk.srt", encoding = "cp1251" }' in done.stderr
    assert "--encoding" not in done.stderr
    assert not list(tmp_path.glob("*.course"))

    studio("build", tmp_path / "Course", "--write-spec")
    spec = tmp_path / "Course" / "course.toml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace('"Week/Lesson/talk.srt"',
                                 '{ file = "Week/Lesson/talk.srt", encoding = "cp1251" }'),
                    encoding="utf-8")
    studio("build", tmp_path / "Course")
    with Project.open(tmp_path / "Course.course") as project:
        track = project.course().items()[0].captions[0]
        vtt = (project.media_dir / project.course().assets[track.asset_id].filename)
        assert "Сначала о безопасности." in vtt.read_text(encoding="utf-8")
    assert tomllib.loads(spec.read_text(encoding="utf-8"))  # still a valid spec

    spec.write_text(text.replace('"Week/Lesson/talk.srt"',
                                 '{ file = "Week/Lesson/talk.srt", encoding = "klingon" }'),
                    encoding="utf-8")
    done = studio("build", tmp_path / "Course", check=False)
    assert done.returncode == 1
    assert "captions[0].encoding: 'klingon' is not a text encoding" in done.stderr
