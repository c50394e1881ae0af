"""Question files from the shell: the spreadsheet template, `studio import` of every kind of
question file into a real project, and `studio export-quiz` in every format and back."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from cli_runner import outline, studio

from studio import commands
from studio.quiz.sheet_layout import NOT_EXPRESSIBLE
from studio.quiz.types import QUESTION_TYPES
from studio.store import Project

EXPRESSIBLE = [name for name in QUESTION_TYPES if name not in NOT_EXPRESSIBLE]
WRITER_MODULES = {"gift": "studio.quiz.gift_writer", "moodle": "studio.quiz.moodle_writer",
                  "qti21": "studio.quiz.qti_package", "qti30": "studio.quiz.qti_package"}
DATA = Path(__file__).resolve().parents[1] / "data"
SUFFIX = {"gift": ".gift", "moodle": ".xml", "qti21": ".zip", "qti30": ".zip"}


@pytest.fixture
def quiz(tmp_path) -> tuple[Path, str]:
    """(course folder, quiz id): a new course with one lesson holding an empty quiz."""
    course = tmp_path / "Bank.course"
    with Project.create(course, "Bank") as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
        return course, commands.add_quiz(project, lesson, "Quiz")


def questions_of(course: Path, quiz_id: str) -> list[dict]:
    for module in outline(course)["modules"]:
        for lesson in module["lessons"]:
            for item in lesson["items"]:
                if item["id"] == quiz_id:
                    return item["questions"]
    raise AssertionError(f"no quiz {quiz_id}")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_template_from_the_shell_imports_into_a_quiz(quiz, tmp_path, suffix):
    course, quiz_id = quiz
    template = tmp_path / f"questions{suffix}"
    done = studio("quiz", "template", "-o", template)
    assert done.stdout.startswith(f"Wrote {template}")
    done = studio("import", course, template, "--quiz", quiz_id)
    assert f"questions{suffix}: {len(EXPRESSIBLE)} question(s) into quiz {quiz_id}" in \
        done.stdout
    assert [q["type"] for q in questions_of(course, quiz_id)] == EXPRESSIBLE


def test_a_sheet_with_errors_imports_nothing_and_lists_them(quiz, tmp_path):
    course, quiz_id = quiz
    bad = tmp_path / "bad.csv"
    bad.write_text("type;prompt;option 1;option 2;correct\n"
                   "choice;Fine?;a;b;1\n"
                   "choice;Which?;a;b;E\n"
                   "riddle;What?;;;\n", encoding="utf-8")
    done = studio("import", course, bad, "--quiz", quiz_id, check=False)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "studio: bad.csv has 2 error(s); nothing was imported:",
        "  row 3, column 'correct': 'E' is not one of the options 1-2",
        "  row 4, column 'type': 'riddle' is not a question type; use one of "
        + ", ".join(EXPRESSIBLE)]
    assert questions_of(course, quiz_id) == []


@pytest.mark.parametrize(("made_by_others", "count"), [
    ("moodle/docs_examples.xml", None), ("qti/qpm_qti21.zip", 6), ("qti/qpm_qti30.zip", 6)])
def test_banks_made_by_other_tools_import_from_the_shell(quiz, made_by_others, count):
    course, quiz_id = quiz
    bank = DATA / made_by_others
    done = studio("import", course, bank, "--quiz", quiz_id)
    imported = questions_of(course, quiz_id)
    assert f"{bank.name}: {len(imported)} question(s) into quiz {quiz_id}" in done.stdout
    assert imported and (count is None or len(imported) == count)


@pytest.mark.parametrize("fmt", list(WRITER_MODULES))
def test_export_quiz_in_each_format_and_import_it_back(quiz, tmp_path, fmt):
    if importlib.util.find_spec(WRITER_MODULES[fmt]) is None:
        pytest.skip(f"the {fmt} writer is not in this tree")
    course, quiz_id = quiz
    template = tmp_path / "questions.xlsx"
    studio("quiz", "template", "-o", template)
    studio("import", course, template, "--quiz", quiz_id)
    target = tmp_path / f"bank{SUFFIX[fmt]}"
    done = studio("export-quiz", course, quiz_id, "--format", fmt, "-o", target)
    assert done.stdout.splitlines()[0].startswith(f"Wrote {target} (")
    assert target.is_file() and not list(tmp_path.glob("*.part"))

    again = tmp_path / "Again.course"
    Project.create(again, "Again").close()
    studio("import", again, target, "--new-lesson", "Imported")
    [new_quiz] = [i for m in outline(again)["modules"] for ls in m["lessons"]
                  for i in ls["items"]]
    # GIFT reads "_____." back as "_____ .": compare the words, not the spaces around them
    kept = [re.sub(r" (?=[.,;:?!])", "", q["prompt"]) for q in new_quiz["questions"]]
    written = [q["prompt"] for q in questions_of(course, quiz_id)]
    assert kept and set(kept) <= set(written)
    if fmt == "gift":  # GIFT holds no sequencing, likert or drag-and-drop question
        assert "  notice: question 7 'Put the planets in order from the Sun.': sequencing " \
               "questions are not expressible in GIFT; written as a comment" in \
               done.stdout.splitlines()


def test_export_quiz_refusals_are_one_line(quiz, tmp_path):
    course, quiz_id = quiz
    for args, message in (
            ((quiz_id, "-o", tmp_path / "q.gift"), "studio: Quiz has no questions to export."),
            (("itm_nope", "-o", tmp_path / "q.gift"), "studio: No quiz with id itm_nope."),
            ((quiz_id, "-o", tmp_path / "q.zip"),
             "studio: Say which format q.zip is in: --format qti21 or qti30."),
            ((quiz_id, "-o", tmp_path / "q.xml", "--format", "qti21"),
             "studio: q.xml: a QTI 2.1 package file ends in .zip."),
            ((quiz_id, "-o", tmp_path / "q.zip", "--format", "moodle"),
             "studio: q.zip: a Moodle XML file ends in .xml."),
            ((quiz_id, "-o", tmp_path / "q.xml", "--format", "gift"),
             "studio: q.xml: a GIFT file ends in .gift or .txt."),
            ((quiz_id, "-o", ".", "--format", "gift"),
             "studio: -o . is a folder; name the file to write, e.g. -o bank.zip."),
            ((quiz_id, "-o", tmp_path), f"studio: -o {tmp_path} is a folder; name the file to "
                                        "write, e.g. -o bank.zip."),
            ((quiz_id, "-o", tmp_path / "no" / "such" / "q.gift", "--format", "gift"), None)):
        done = studio("export-quiz", course, *args, check=False)
        assert done.returncode == 1, args
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1
        if message:
            assert lines == [message]
    studio("add-question", course, quiz_id, "--type", "truefalse", "--prompt", "Yes?",
           "--data", '{"answer": true}')
    done = studio("export-quiz", course, quiz_id, "-o", tmp_path / "no" / "q.gift",
                  check=False)
    assert done.returncode == 1 and done.stderr.startswith("studio: Cannot write ")
    assert studio("export-quiz", course, quiz_id, "--format", "pdf", "-o", "x",
                  check=False).returncode == 2
    assert studio("quiz", "template", "-o", tmp_path / "t.ods", check=False).returncode == 1


def test_the_new_commands_have_help():
    assert "gift, moodle, qti21, qti30" in studio("export-quiz", "--help").stdout
    assert "usage: studio quiz template" in studio("quiz", "template", "--help").stdout
