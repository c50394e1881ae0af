"""`studio captions` with caption files from the field: code pages, loose layouts, --show."""

import zipfile

import pytest
from cli_runner import SAMPLE_VIDEO, outline, studio

RUSSIAN_SRT = ("1\r\n00:00:01,000 --> 00:00:02,000\r\nДобро пожаловать на курс.\r\n\r\n"
               "2\r\n00:00:02,100 --> 00:00:03,500\r\nСначала о безопасности.\r\n")
NO_BLANK_LINES = ("1\n00:00:00,500 --> 00:00:01,500\nWelcome back.\n2\n00:00:01,600 --> "
                  "00:00:02,500\nNow open the settings.\n3\n00:00:02,600 --> 00:00:03,500\n"
                  "Pick the Display tab.")


@pytest.fixture
def course(tmp_path):
    path = tmp_path / "Captions.course"
    studio("new", path, "--title", "Captions")
    return path


@pytest.fixture
def clip(course):
    module = studio("add-module", course, "M").stdout.strip()
    lesson = studio("add-lesson", course, module, "L").stdout.strip()
    studio("import", course, SAMPLE_VIDEO, "--lesson", lesson)
    return outline(course)["modules"][0]["lessons"][0]["items"][-1]["id"]


def run(*args):
    done = studio(*args, check=False)
    assert "Traceback" not in done.stdout + done.stderr
    return done


def test_cp1251_captions_read_right_with_their_language(course, clip, tmp_path):  # case 08
    srt = tmp_path / "captions.srt"
    srt.write_bytes(RUSSIAN_SRT.encode("cp1251"))
    assert run("captions", course, clip, srt, "--language", "ru").returncode == 0
    shown = run("captions", course, "--show", clip)
    assert shown.returncode == 0
    assert ("00:00:01.000 --> 00:00:02.000\nДобро пожаловать на курс.\n\n"
            "00:00:02.100 --> 00:00:03.500\nСначала о безопасности.\n") in shown.stdout
    target = tmp_path / "out.zip"
    assert run("export", course, "--format", "html", "--preset", "original", "-o",
               target).returncode == 0
    with zipfile.ZipFile(target) as archive:
        [vtt] = [n for n in archive.namelist() if n.endswith(".vtt")]
        text = archive.read(vtt).decode("utf-8")
    assert "\nДобро пожаловать на курс.\n" in text and "\nСначала о безопасности.\n" in text


def test_an_unclear_code_page_is_refused_in_one_line_and_encoding_settles_it(course, clip,
                                                                            tmp_path):
    srt = tmp_path / "captions.srt"
    srt.write_bytes(RUSSIAN_SRT.encode("cp1251"))
    done = run("captions", course, clip, srt, "--language", "en")
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()
    assert "cp1251" in line and "--encoding" in line
    assert run("captions", course, "--show", clip).returncode == 1  # nothing was attached
    done = run("captions", course, clip, srt, "--language", "en", "--encoding", "cp1251")
    assert done.returncode == 0
    assert "Сначала о безопасности." in run("captions", course, "--show", clip).stdout


def test_cues_without_blank_lines_and_empty_cues(course, clip, tmp_path):  # case 18
    srt = tmp_path / "captions.srt"
    srt.write_text(NO_BLANK_LINES + "\n\n4\n00:00:04,000 --> 00:00:05,000\n\n", encoding="utf-8")
    done = run("captions", course, clip, srt)
    assert done.returncode == 0
    assert "skipped: line 12: an empty cue was skipped" in done.stdout
    shown = run("captions", course, "--show", clip, "--language", "en").stdout
    assert shown.endswith("00:00:00.500 --> 00:00:01.500\nWelcome back.\n\n"
                          "00:00:01.600 --> 00:00:02.500\nNow open the settings.\n\n"
                          "00:00:02.600 --> 00:00:03.500\nPick the Display tab.\n")


def test_show_and_usage_mistakes_say_so_in_one_line(course, clip, tmp_path):
    for args in (("--show", clip), ("--show", "itm_missing"), (clip,),
                 (clip, "--show", clip)):
        done = run("captions", course, *args)
        assert done.returncode == 1, args
        assert len(done.stderr.strip().splitlines()) == 1, args
    bad = tmp_path / "bad.ass"
    bad.write_text("[Script Info]\n[Events]\nDialogue: nonsense\n", encoding="utf-8")
    done = run("captions", course, clip, bad)
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1
