"""The `studio` command as a shell user runs it: real processes, real project folders."""

from pathlib import Path

import pytest
from cli_runner import SAMPLE_VIDEO, outline, studio


@pytest.fixture
def course(tmp_path) -> Path:
    path = tmp_path / "Demo.course"
    studio("new", path, "--title", "Demo")
    return path


def test_every_subcommand_has_help():
    names = ["new", "sample", "import", "ls", "add-module", "add-lesson", "add-page",
             "add-quiz", "add-cue", "trim", "nudge", "split", "move", "rm", "rename", "set",
             "undo", "redo", "history", "export", "validate", "gui", "set-cue", "rm-cue",
             "copy-question"]
    for name in names:
        done = studio(name, "--help")
        assert "usage: studio " + name in done.stdout


def test_usage_errors_exit_2_and_user_errors_exit_1_with_one_line(course, tmp_path):
    assert studio("trim", check=False).returncode == 2
    done = studio("rm", course, "itm_missing", check=False)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == ["studio: No module, lesson or item with id "
                                               "itm_missing."]
    for args in (("ls", tmp_path), ("ls", tmp_path / "nothing.course"),
                 ("import", course, tmp_path / "missing.mp4"), ("new", course, "--title", "X")):
        done = studio(*args, check=False)
        assert done.returncode == 1, args
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_script_a_course_edit_it_and_undo_across_processes(course):
    module = studio("add-module", course, "Week 1").stdout.strip()
    lesson = studio("add-lesson", course, module, "Intro").stdout.strip()
    studio("add-page", course, lesson, "Read me", "--text", "# Hello\n\nWorld")
    studio("import", course, SAMPLE_VIDEO, "--lesson", lesson)
    data = outline(course)
    items = data["modules"][0]["lessons"][0]["items"]
    assert [i["kind"] for i in items] == ["page", "video"]
    video = items[1]["id"]
    assert items[1]["duration"] == pytest.approx(6.0, abs=0.05)

    studio("trim", course, video, "--in", "1", "--out", "5")
    second = studio("split", course, video, "--at", "3").stdout.strip()
    studio("move", course, second, "--index", "0")
    studio("rename", course, second, "Second half")
    items = outline(course)["modules"][0]["lessons"][0]["items"]
    assert [(i["id"], i["duration"]) for i in items] == [(second, 2.0), (items[1]["id"], 0.0),
                                                         (video, 2.0)]
    history = studio("history", course).stdout
    assert "Rename" in history and "Split clip" in history

    for _ in range(3):
        studio("undo", course)
    items = outline(course)["modules"][0]["lessons"][0]["items"]
    assert [i["id"] for i in items] == [items[0]["id"], video]
    assert items[1]["duration"] == 4.0
    studio("redo", course)
    assert len(outline(course)["modules"][0]["lessons"][0]["items"]) == 3


def test_failed_edit_changes_nothing(course):
    module = studio("add-module", course, "Week 1").stdout.strip()
    lesson = studio("add-lesson", course, module, "Intro").stdout.strip()
    studio("import", course, SAMPLE_VIDEO, "--lesson", lesson)
    before = outline(course)
    video = before["modules"][0]["lessons"][0]["items"][0]["id"]
    done = studio("trim", course, video, "--in", "4", "--out", "9", check=False)
    assert done.returncode == 1 and "past the end of the source" in done.stderr
    assert outline(course) == before
    assert studio("history", course).stdout.count("\n") == 3


def test_set_course_settings_and_quiz(course):
    studio("set", course, "course", "mastery_score=80", "author=Ada", "resolution=1920x1080")
    module = studio("add-module", course, "M").stdout.strip()
    lesson = studio("add-lesson", course, module, "L").stdout.strip()
    quiz = studio("add-quiz", course, lesson, "Check", "pass_mark=60").stdout.strip()
    studio("set", course, quiz, "attempts=2", "title=Final check")
    data = outline(course)
    assert data["course"]["mastery_score"] == 80 and data["course"]["author"] == "Ada"
    assert data["course"]["resolution"] == "1920x1080"
    item = data["modules"][0]["lessons"][0]["items"][0]
    assert item["title"] == "Final check" and item["questions"] == []
    bad = studio("set", course, "course", "mastery_score=120", check=False)
    assert bad.returncode == 1 and "between 0 and 100" in bad.stderr


def test_sample_course_has_what_the_tour_promises(tmp_path):
    path = tmp_path / "Sample.course"
    studio("sample", path)
    data = outline(path)
    lessons = [lesson for m in data["modules"] for lesson in m["lessons"]]
    kinds = [i["kind"] for lesson in lessons for i in lesson["items"]]
    assert len(lessons) >= 2
    assert {"video", "slide", "quiz", "page"} <= set(kinds)
    quiz = next(i for lesson in lessons for i in lesson["items"] if i["kind"] == "quiz")
    assert len(quiz["questions"]) >= 5
    video = next(i for lesson in lessons for i in lesson["items"] if i["kind"] == "video")
    assert video["cues"] and video["questions"][0]["cue"] == video["cues"][0]["id"]
    assert sorted(p.name for p in (path / "media").iterdir()) and (path / "cache").is_dir()


def test_gui_without_a_display_says_so(monkeypatch):
    env = {k: v for k, v in __import__("os").environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    done = studio("gui", check=False, env=env, timeout=60)
    assert done.returncode == 1 and "No display" in done.stderr


DATA = Path(__file__).parents[1] / "data"


def test_questions_from_the_shell_import_edit_and_export(course, tmp_path):
    module = studio("add-module", course, "M").stdout.strip()
    lesson = studio("add-lesson", course, module, "L").stdout.strip()
    done = studio("import", course, DATA / "gift" / "geography.gift", "--lesson", lesson)
    assert "question(s) into quiz" in done.stdout
    quiz = outline(course)["modules"][0]["lessons"][0]["items"][0]
    assert quiz["kind"] == "quiz" and quiz["title"] == "geography"
    count = len(quiz["questions"])
    assert count >= 3

    added = studio("add-question", course, quiz["id"], "--type", "truefalse", "--prompt",
                   "Is Lima in Peru?", "--data", '{"answer": true}').stdout.strip()
    studio("set-question", course, added, "points=2", "pool=bank", "correct=Yes, it is.")
    studio("move-question", course, added, "--index", "0")
    questions = outline(course)["modules"][0]["lessons"][0]["items"][0]["questions"]
    assert questions[0] == {"id": added, "type": "truefalse", "prompt": "Is Lima in Peru?",
                            "points": 2.0, "pool": "bank", "cue": None}
    gift = tmp_path / "out.gift"
    studio("export-gift", course, quiz["id"], "-o", gift)
    assert "Is Lima in Peru?" in gift.read_text(encoding="utf-8")
    studio("rm-question", course, added)
    assert len(outline(course)["modules"][0]["lessons"][0]["items"][0]["questions"]) == count

    bad = next((DATA / "gift" / "bad").iterdir())
    before = outline(course)
    done = studio("import", course, bad, "--quiz", quiz["id"], check=False)
    assert done.returncode == 1 and "line" in done.stderr and "Traceback" not in done.stderr
    assert outline(course) == before
    done = studio("import", course, DATA / "gift" / "geography.gift", check=False)
    assert done.returncode == 1 and "--quiz" in done.stderr


def test_a_deck_and_captions_from_the_shell(course, tmp_path):
    from slides_decks import build_deck

    deck = build_deck(tmp_path / "deck.pptx")
    done = studio("import", course, deck, "--new-lesson", "Slides", "--renderer", "builtin")
    assert "rendered with builtin" in done.stdout
    items = outline(course)["modules"][0]["lessons"][0]["items"]
    assert items and {i["kind"] for i in items} == {"slide"}

    lesson = outline(course)["modules"][0]["lessons"][0]["id"]
    studio("import", course, SAMPLE_VIDEO, "--lesson", lesson)
    clip = outline(course)["modules"][0]["lessons"][0]["items"][-1]["id"]
    srt = tmp_path / "talk.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,500\nHello there\n", encoding="utf-8")
    studio("captions", course, clip, srt, "--language", "fr", "--label", "Français")
    from studio.store import Project

    with Project.open(course) as project:
        tracks = project.course().find(clip).captions
    assert [(t.language, t.label) for t in tracks] == [("fr", "Français")]
    studio("undo", course)
    with Project.open(course) as project:
        assert project.course().find(clip).captions == ()


@pytest.mark.parametrize("fmt,manifest", [("scorm12", "imsmanifest.xml"),
                                          ("scorm2004", "imsmanifest.xml"),
                                          ("xapi", "tincan.xml"), ("cmi5", "cmi5.xml"),
                                          ("html", "index.html")])
def test_export_every_format_and_validate(tmp_path, fmt, manifest):
    import zipfile

    course = tmp_path / "Sample.course"
    studio("sample", course)
    package = tmp_path / f"{fmt}.zip"
    done = studio("export", course, "--format", fmt, "-o", package)
    assert done.stdout.startswith(f"Wrote {package}")
    assert manifest in zipfile.ZipFile(package).namelist()
    if fmt != "html":
        assert "valid" in studio("validate", package).stdout


def test_validate_rejects_a_broken_package_with_exit_1(tmp_path):
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    done = studio("validate", broken, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "error:" in done.stdout


def test_cue_points_from_the_shell(course):
    module = studio("add-module", course, "M").stdout.strip()
    lesson = studio("add-lesson", course, module, "L").stdout.strip()
    studio("import", course, SAMPLE_VIDEO, "--lesson", lesson)
    video = outline(course)["modules"][0]["lessons"][0]["items"][0]["id"]
    cue = studio("add-cue", course, video, "--at", "2", "--title", "Check").stdout.strip()
    quiz = studio("add-quiz", course, lesson, "Quiz").stdout.strip()
    banked = studio("add-question", course, quiz, "--type", "truefalse", "--prompt", "Sure?",
                    "--data", '{"answer": true}', "--pool", "bank").stdout.strip()
    copy = studio("copy-question", course, banked, "--to", video, "--cue", cue).stdout.strip()
    studio("set-cue", course, video, cue, "title=Quick check", "time=4.5", "must_answer=true")
    clip = outline(course)["modules"][0]["lessons"][0]["items"][0]
    assert clip["cues"] == [{"id": cue, "time": 4.5, "title": "Quick check",
                             "must_answer": True}]
    assert [(q["id"], q["cue"]) for q in clip["questions"]] == [(copy, cue)]
    assert "Change cue point" in studio("history", course).stdout

    done = studio("set-cue", course, video, cue, "time=60", check=False)
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1
    assert "outside the clip" in done.stderr
    done = studio("set-cue", course, video, cue, "colour=red", check=False)
    assert done.returncode == 1 and "no setting colour" in done.stderr

    assert "1 question(s)" in studio("rm-cue", course, video, cue).stdout
    clip = outline(course)["modules"][0]["lessons"][0]["items"][0]
    assert clip["cues"] == [] and clip["questions"] == []
    studio("undo", course)
    assert len(outline(course)["modules"][0]["lessons"][0]["items"][0]["questions"]) == 1


def test_the_player_settings_are_documented_and_listed(course):
    listed = outline(course)["course"]
    assert {key: listed[key] for key in ("resume", "unrecorded", "cover", "certificate",
                                         "objectives", "end_message")} == {
        "resume": "always", "unrecorded": "continue", "cover": False, "certificate": False,
        "objectives": [], "end_message": ""}
    studio("set", course, "course", "resume=ask", "unrecorded=block", "cover=true",
           "certificate=true", "objectives=Spot a hazard|Report it", "end_message=Well done.")
    listed = outline(course)["course"]
    assert (listed["resume"], listed["unrecorded"], listed["cover"], listed["certificate"],
            listed["objectives"], listed["end_message"]) == (
        "ask", "block", True, True, ["Spot a hazard", "Report it"], "Well done.")
    helped = " ".join(studio("set", "--help").stdout.split())
    for text in ("resume (always|never|ask", "unrecorded (continue|block", "cover (true|false",
                 "certificate (true|false", "objectives (", "separated by |", "end_message ("):
        assert text in helped
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for key in ("resume=", "unrecorded=", "cover=", "certificate=", "objectives=",
                "end_message="):
        assert key in readme
