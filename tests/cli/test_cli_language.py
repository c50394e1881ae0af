"""Languages given on the command line are BCP 47 tags, or the command refuses in one line."""

from pathlib import Path

from cli_runner import outline, studio


def refused_in_one_line(*args) -> str:
    done = studio(*args, check=False)
    assert done.returncode == 1, done.stderr
    [line] = done.stderr.strip().splitlines()
    return line


def test_set_course_language_takes_only_a_tag(tmp_path):
    course = tmp_path / "Demo.course"
    studio("new", course, "--title", "Demo")
    line = refused_in_one_line("set", course, "course", "language=English (UK)!!")
    assert line == "studio: 'English (UK)!!' is not a language tag (BCP 47), e.g. en-GB"
    assert outline(course)["course"]["language"] == "en"
    studio("set", course, "course", "language=en_gb")
    assert outline(course)["course"]["language"] == "en-GB"


def test_a_new_course_takes_only_a_tag(tmp_path):
    line = refused_in_one_line("new", tmp_path / "Bad.course", "--title", "Bad",
                               "--language", "English")
    assert "is not a language tag (BCP 47)" in line
    assert not Path(tmp_path / "Bad.course").exists()
