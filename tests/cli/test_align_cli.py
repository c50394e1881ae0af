"""`studio align` and `studio import --script`: aligned captions, review marks, placeholders
and one-line refusals, through the command line."""

from __future__ import annotations

import json

import pytest
from cli_runner import outline, run_main, studio

from tests.speech_fixtures import SCRIPT, WRONG_SCRIPT, build_speech, voice_available

SPOKEN = SCRIPT[:2]


@pytest.fixture(scope="module")
def talk(tmp_path_factory):
    voice = "festival" if voice_available("festival") else "espeak"
    if not voice_available(voice):
        pytest.skip("no speech synthesiser installed")
    folder = tmp_path_factory.mktemp("talk")
    build_speech(SPOKEN, folder / "talk.wav", voice)
    (folder / "talk.txt").write_text("\n".join(SPOKEN), encoding="utf-8")
    (folder / "wrong.txt").write_text("\n".join(WRONG_SCRIPT[:2]), encoding="utf-8")
    return folder


@pytest.fixture
def course(tmp_path):
    path = tmp_path / "Talk.course"
    studio("new", path, "--title", "Talk")
    module = studio("add-module", path, "M").stdout.strip()
    return path, studio("add-lesson", path, module, "L").stdout.strip()


def test_import_with_a_script_prints_the_aligned_sentences(course, talk):
    path, lesson = course
    done = run_main("import", path, talk / "talk.wav", "--lesson", lesson,
                    "--script", talk / "talk.txt")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert SPOKEN[0] in lines[1] and SPOKEN[1] in lines[2]
    assert "2 caption(s) aligned" in lines[3]
    clip = outline(path)["modules"][0]["lessons"][0]["items"][0]["id"]
    shown = run_main("captions", path, "--show", clip)
    assert SPOKEN[0] in shown.stdout and SPOKEN[1] in shown.stdout


def test_align_marks_a_wrong_script_for_review_and_json_gives_confidences(course, talk):
    path, lesson = course
    run_main("import", path, talk / "talk.wav", "--lesson", lesson)
    clip = outline(path)["modules"][0]["lessons"][0]["items"][0]["id"]
    done = run_main("align", path, clip, "--script", talk / "wrong.txt")
    assert done.returncode == 0, done.stderr
    assert all("REVIEW" in line for line in done.stdout.splitlines()[:2])
    done = run_main("align", path, clip, "--script", talk / "talk.txt", "--json")
    found = json.loads(done.stdout)
    assert found["origin"] == "aligned" and found["item"] == clip
    assert [s["text"] for s in found["sentences"]] == list(SPOKEN)
    assert all(0 <= s["confidence"] <= 1 for s in found["sentences"])


def test_placeholders_and_refusals(course, talk):
    path, lesson = course
    run_main("import", path, talk / "talk.wav", "--lesson", lesson)
    clip = outline(path)["modules"][0]["lessons"][0]["items"][0]["id"]
    done = run_main("align", path, clip, "--placeholders")
    assert done.returncode == 0 and "2 caption(s) placed by silence, 2 to review" in done.stdout
    done = run_main("align", path, clip, "--script", talk / "talk.txt", "--language", "de")
    assert done.returncode != 0
    assert "no offline aligner for German (de)" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    done = run_main("align", path, clip, "--recogniser", "nope")
    assert done.returncode != 0 and "No recogniser called nope" in done.stderr
    done = run_main("import", path, talk / "talk.wav", talk / "talk.wav", "--lesson", lesson,
                    "--script", talk / "talk.txt")
    assert done.returncode != 0 and "exactly one video or sound" in done.stderr


def test_an_empty_script_keeps_aligned_captions_and_says_so(course, talk):
    path, lesson = course
    run_main("import", path, talk / "talk.wav", "--lesson", lesson,
             "--script", talk / "talk.txt")
    clip = outline(path)["modules"][0]["lessons"][0]["items"][0]["id"]
    before = run_main("captions", path, "--show", clip).stdout
    empty = talk.parent / "empty.txt"
    empty.write_text(" \n", encoding="utf-8")
    done = run_main("align", path, clip, "--script", empty)
    assert done.returncode != 0
    assert done.stderr.strip() == ("studio: empty.txt holds no text to align; use "
                                   "--placeholders for empty caption cues.")
    assert run_main("captions", path, "--show", clip).stdout == before
    done = run_main("align", path, clip, "--placeholders")
    assert done.returncode == 0 and "placed by silence" in done.stdout


def test_a_script_that_is_not_utf8_is_refused_in_one_line(course, talk):
    path, lesson = course
    run_main("import", path, talk / "talk.wav", "--lesson", lesson)
    clip = outline(path)["modules"][0]["lessons"][0]["items"][0]["id"]
    binary = talk.parent / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81 not text \xc3\x28")
    done = run_main("align", path, clip, "--script", binary)
    assert done.returncode != 0
    assert done.stderr.strip() == "studio: bin.txt is not UTF-8 text."


def test_import_with_a_script_keeps_it_as_the_clips_script_in_the_alignments_undo_step(
        course, talk):
    from studio.store import Project

    path, lesson = course
    done = run_main("import", path, talk / "talk.wav", "--lesson", lesson,
                    "--script", talk / "talk.txt")
    assert done.returncode == 0, done.stderr
    clip = outline(path)["modules"][0]["lessons"][0]["items"][0]["id"]
    with Project.open(path) as project:
        item = project.course().find(clip)
        assert item.narration.script("en") == "\n".join(SPOKEN)
        assert item.narration.track("en").origin == "aligned"
        assert project.undo().startswith("Align captions")
        item = project.course().find(clip)
        assert item.narration.script("en") is None and item.narration.track("en") is None
