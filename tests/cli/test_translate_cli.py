"""`studio translate` from a shell: export, import, status, pseudo, add and remove."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from cli_runner import run_main, studio

from studio import commands
from studio.cli.progress import ProgressBar
from studio.media.translation_io import course_segments
from studio.store import Project
from studio.translation.units import SegmentState
from studio.translation.xliff import read_xliff, write_xliff
from tests.conftest import build_fire_course


@pytest.fixture
def course(tmp_path):
    with build_fire_course(tmp_path / "work") as project:
        path = project.path
    return path


def translate(path: Path, name: str, targets=None) -> Path:
    """A translated XLIFF 1.2 file of the course at ``path`` (every segment "FR <source>",
    or ``targets``) written beside it."""
    with Project.open(path) as project:
        course = project.course()
        found = course_segments(project)
    data = write_xliff(course_id=course.identifier, course_title=course.title,
                       source_language=course.language, target_language="fr",
                       segments=found, states={s.id: (SegmentState.NEW, None) for s in found},
                       targets=targets if targets is not None
                       else {s.id: f"FR {s.text}" for s in found})
    out = path.parent / name
    out.write_bytes(data)
    return out


def test_export_writes_the_default_name_in_the_current_folder(course, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    done = run_main("translate", "export", course, "--to", "fr")
    assert done.returncode == 0, done.stderr
    written = tmp_path / "Fire Safety.fr.xlf"
    document = read_xliff(written.read_bytes(), written.name)
    assert document.target_language == "fr" and document.version == "1.2"
    assert f"Wrote {written.name}: XLIFF 1.2" in done.stdout and "new" in done.stdout
    other = run_main("translate", "export", course, "--to", "de", "--xliff", "2.0", "-o",
                     tmp_path / "x.xlf")
    assert other.returncode == 0, other.stderr
    assert read_xliff((tmp_path / "x.xlf").read_bytes(), "x.xlf").version == "2.0"
    assert not list(tmp_path.glob("*.part"))


def test_import_reports_in_text_and_json(course):
    with Project.open(course) as project:
        found = course_segments(project)
    page = next(s for s in found if s.text.startswith("Once a year"))
    targets = {s.id: f"FR {s.text}" for s in found if s.id != page.id}
    done = run_main("translate", "import", course, translate(course, "fr.xlf", targets))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Imported the French translation: {len(targets)} segments "
                                  "stored")
    assert f"1 untranslated: {page.id}" in done.stdout
    again = run_main("translate", "import", course, translate(course, "fr.xlf"), "--json")
    report = json.loads(again.stdout)
    assert set(report) == {"language", "stored", "untranslated", "left_in_source",
                           "needs_review", "unknown", "captions", "kept_newer",
                           "kept_earlier", "over_length"}
    assert (report["language"], report["stored"], report["untranslated"]) == ("fr", 1, [])
    assert run_main("undo", course).returncode == 0


def test_status_after_source_edits_and_changed_export(course, tmp_path):
    assert run_main("translate", "import", course,
                    translate(course, "fr.xlf")).returncode == 0
    assert run_main("translate", "status", course).stdout.startswith("fr: up to date, ")
    with Project.open(course) as project:
        page = next(i for i in project.course().items() if i.title == "Plan")
        commands.set_item(project, page.id, text="Twice a year, everyone walks out.")
        lesson = project.course().lessons()[0]
        commands.add_page(project, lesson.id, "New page", "Brand new text.")
    done = run_main("translate", "status", course)
    assert done.stdout == "fr: 1 segment needs review, 2 new\n"
    shaped = json.loads(run_main("translate", "status", course, "--json").stdout)
    assert [(s["language"], len(s["needs_review"]), len(s["new"])) for s in shaped] == [
        ("fr", 1, 2)]
    assert set(shaped[0]) == {"language", "total", "current", "needs_review", "new",
                              "obsolete", "over_length"}
    out = tmp_path / "changed.xlf"
    assert run_main("translate", "export", course, "--to", "fr", "--changed", "-o",
                    out).returncode == 0
    units = read_xliff(out.read_bytes(), out.name).units
    assert {u.id for u in units} == {*shaped[0]["needs_review"], *shaped[0]["new"]}


def test_refusals_are_one_line(course, tmp_path):
    other = tmp_path / "Other.course"
    Project.create(other, "Other").close()
    file = translate(course, "fr.xlf")
    for args in (("import", other, file), ("export", course, "--to", "en"),
                 ("export", course, "--to", "fr", "--xliff", "3"),
                 ("import", course, tmp_path / "missing.xlf"),
                 ("status", course, "--language", "not a tag!"),
                 ("add", course, "en")):
        done = run_main("translate", *args)
        assert done.returncode == 1, args
        assert done.stderr.startswith("studio: ") and done.stderr.count("\n") == 1, args
    assert "not this course" in run_main("translate", "import", other, file).stderr


def test_pseudo_add_and_remove(course):
    done = run_main("translate", "pseudo", course, "--rtl")
    assert done.returncode == 0, done.stderr
    assert "into qps-plocm" in done.stdout
    assert run_main("translate", "status", course).stdout.startswith("qps-plocm: up to date")
    assert run_main("translate", "add", course, "de").stdout == (
        "Target languages: de, qps-plocm.\n")
    assert run_main("translate", "remove", course, "qps-plocm").stdout == (
        "Target languages: de.\n")


def test_ctrl_c_cancels_an_import(course, monkeypatch):
    file = translate(course, "fr.xlf")
    before = studio("ls", course, "--json").stdout

    def interrupted(bar, fraction, message=""):
        if fraction > 0.3:
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(ProgressBar, "__call__", interrupted)
    done = run_main("translate", "import", course, file)
    assert done.returncode == 1
    assert done.stderr == "studio: cancelled; nothing was changed.\n"
    assert studio("ls", course, "--json").stdout == before
    with Project.open(course) as project:
        assert project.course().translations == {}


def test_the_readme_shows_every_translate_command():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for action in ("export", "import", "status", "pseudo", "add", "remove"):
        assert f"\nstudio translate {action} " in readme, action
    assert "\nstudio narrate Intro.course --language fr" in readme
    assert "\nstudio export Intro.course --language fr" in readme and "--languages en," in readme


def test_narrate_in_french_after_an_import(course):
    from studio.media.voices import engine

    if engine("espeak-ng").available() is not None:
        pytest.skip("espeak-ng cannot be used here")
    with Project.open(course) as project:
        found = course_segments(project)
    notes = next(s for s in found if s.field == "notes")
    targets = {notes.id: "Suivez les panneaux verts."}
    assert run_main("translate", "import", course,
                    translate(course, "fr.xlf", targets)).returncode == 0
    done = run_main("narrate", course, "--language", "fr", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["language"] == "fr" and [row["id"] for row in report["items"]] == [
        notes.owner]
    with Project.open(course) as project:
        slide = project.course().find(notes.owner)
        track = slide.narration.track("fr")
        assert [s.text for s in track.sentences] == ["Suivez les panneaux verts."]
        assert ("fr", track.captions_asset_id) in [(c.language, c.asset_id)
                                                    for c in slide.captions]
        assert slide.slide_duration == 6.0


def test_export_one_language_or_several_with_a_picker(course, tmp_path):
    import zipfile

    assert run_main("translate", "import", course,
                    translate(course, "fr.xlf")).returncode == 0
    one = run_main("export", course, "--format", "html", "--preset", "original",
                   "--language", "FR", "-o", tmp_path / "fr.zip")
    assert one.returncode == 0, one.stderr
    both = run_main("export", course, "--format", "html", "--preset", "original",
                    "--languages", "fr, en", "-o", tmp_path / "both.zip")
    assert both.returncode == 0, both.stderr
    with zipfile.ZipFile(tmp_path / "both.zip") as archive:
        assert "course-data.en.js" in archive.namelist()
    refused = run_main("export", course, "--format", "html", "--language", "de", "-o",
                       tmp_path / "de.zip")
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    clash = studio("export", course, "--language", "fr", "--languages", "fr,en", check=False)
    assert clash.returncode == 2 and "not allowed with" in clash.stderr


def test_export_of_a_partly_translated_language_warns_in_one_line_and_exports(course,
                                                                             tmp_path):
    with Project.open(course) as project:
        found = course_segments(project)
    done = run_main("translate", "import", course,
                    translate(course, "fr.xlf", {s.id: f"FR {s.text}" for s in found[:2]}))
    assert done.returncode == 0, done.stderr
    one = run_main("export", course, "--format", "html", "--preset", "original",
                   "--language", "fr", "-o", tmp_path / "fr.zip")
    assert one.returncode == 0, one.stderr
    line = f"fr: {len(found) - 2} of {len(found)} segments are not translated; " \
           "they stay in English"
    assert one.stdout.splitlines().count(line) == 1 and (tmp_path / "fr.zip").exists()
    whole = run_main("translate", "import", course, translate(course, "all.xlf"))
    assert whole.returncode == 0, whole.stderr
    again = run_main("export", course, "--format", "html", "--preset", "original",
                     "--language", "fr", "-o", tmp_path / "fr2.zip")
    assert "not translated" not in again.stdout


def test_pseudo_export_and_an_empty_changed_export_say_what_they_do(course, tmp_path):
    pseudo = run_main("translate", "export", course, "--to", "qps-plocm", "-o",
                      tmp_path / "p.xlf")
    assert pseudo.returncode == 0, pseudo.stderr
    total = len(read_xliff((tmp_path / "p.xlf").read_bytes(), "p.xlf").units)
    assert f"({total} pseudo-translated)" in pseudo.stdout and "new" not in pseudo.stdout
    assert run_main("translate", "import", course, translate(course, "fr.xlf")).returncode == 0
    out = tmp_path / "changed.xlf"
    done = run_main("translate", "export", course, "--to", "fr", "--changed", "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Nothing to write: no fr segment is new or needs review")
    assert done.stdout.count("\n") == 1 and not out.exists()


def test_import_reports_newer_translations_kept_and_length_limits(course):
    with Project.open(course) as project:
        found = course_segments(project)
    limited = next(s for s in found if s.max_length and "<" not in s.text)
    targets = {s.id: f"FR {s.text}" for s in found}
    targets[limited.id] = "L" * (limited.max_length + 5)
    old = translate(course, "fr.xlf", targets)  # sent out before the edit below
    with Project.open(course) as project:
        page = next(i for i in project.course().items() if i.title == "Plan")
        commands.set_item(project, page.id, text="Twice a year, everyone walks out.")
        segment = next(s for s in course_segments(project) if s.id == f"{page.id}.text.0")
        commands.set_translation(project, "fr", segment, "Deux fois par an, on sort.")
    done = run_main("translate", "import", course, old)
    assert done.returncode == 0, done.stderr
    over = f"{limited.id} ({limited.max_length + 5}/{limited.max_length})"
    assert f"  kept 1 newer translation (the file was made before a source edit): " \
           f"{segment.id}\n" in done.stdout
    assert f"  1 over the length limit: {over}\n" in done.stdout
    status = run_main("translate", "status", course)
    assert status.stdout == f"fr: up to date, {len(found)} segments\n" \
                            f"  1 over the length limit: {over}\n"
    shaped = json.loads(run_main("translate", "status", course, "--json").stdout)
    assert shaped[0]["over_length"] == [{"segment": limited.id, "length":
                                         limited.max_length + 5, "limit": limited.max_length}]
