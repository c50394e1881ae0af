"""Reading a 5,000-question Moodle XML bank, against a bare lxml parse of the same bytes.

The bank is generated the way Moodle's export writes one: category questions every 250
questions, then a mix of multichoice (single and multiple answer), truefalse, shortanswer,
numerical, matching, ordering, essay and description questions with HTML text, per-answer
and combined feedback, and one question in 25 showing an embedded picture (base64). Import
here is :func:`studio.quiz.moodle_xml.parse_moodle_xml`: parsing, reading every question and
checking it through ``normalise_question``. Target: <= 5 s (median of the runs); the CPU
seconds beside the wall-clock ones show how much of a miss is other work on the machine.

    python bench/bench_moodle_import.py [--questions 5000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import base64
import statistics
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studio.quiz.moodle_xml import parse_moodle_xml  # noqa: E402

TARGET_S = 5.0
# A 32x32 PNG of noise-free colour: small, like the icons and diagrams of a real bank
PICTURE = base64.b64encode(b"\x89PNG\r\n\x1a\n" + zlib.compress(bytes(range(256)) * 8)).decode()


def _text(tag: str, markup: str, extra: str = "") -> str:
    return (f'    <{tag} format="html">\n      <text><![CDATA[{markup}]]></text>\n{extra}'
            f"    </{tag}>\n")


def _head(n: int, qtype: str, picture: bool) -> str:
    shown = (f'<p><img src="@@PLUGINFILE@@/diagram{n}.png" alt="Diagram {n}"></p>'
             if picture else "")
    files = (f'      <file name="diagram{n}.png" path="/" encoding="base64">{PICTURE}</file>\n'
             if picture else "")
    return (f"<!-- question: {n}  -->\n  <question type=\"{qtype}\">\n"
            f"    <name>\n      <text>Question {n}</text>\n    </name>\n"
            + _text("questiontext", f"<p>What is the answer to question <b>{n}</b>? "
                                    f"Read the text carefully.</p>{shown}", files)
            + _text("generalfeedback", f"<p>General feedback of question {n}.</p>")
            + "    <defaultgrade>1.0000000</defaultgrade>\n    <penalty>0.3333333</penalty>\n"
              "    <hidden>0</hidden>\n    <idnumber></idnumber>\n")


def _combined() -> str:
    return (_text("correctfeedback", "<p>Your answer is correct.</p>")
            + _text("partiallycorrectfeedback", "")
            + _text("incorrectfeedback", "<p>Your answer is incorrect.</p>"))


def _answer(fraction: str, markup: str, feedback: str = "", extra: str = "") -> str:
    said = _text("feedback", feedback) if feedback else ""
    return (f'    <answer fraction="{fraction}" format="html">\n'
            f"      <text><![CDATA[{markup}]]></text>\n{said}{extra}    </answer>\n")


def _body(n: int, kind: int) -> tuple[str, str]:
    if kind == 0:
        return "multichoice", ("    <single>true</single>\n"
                               "    <shuffleanswers>true</shuffleanswers>\n"
                               + _combined() + _answer("100", f"<p>Right {n}</p>", "<p>Yes.</p>")
                               + "".join(_answer("0", f"<p>Wrong {n}.{k}</p>", "<p>No.</p>")
                                         for k in range(3)))
    if kind == 1:
        return "multichoice", ("    <single>false</single>\n" + _combined()
                               + _answer("50", "<p>First right</p>")
                               + _answer("50", "<p>Second right</p>")
                               + _answer("-100", "<p>Wrong</p>", "<p>Not this one.</p>"))
    if kind == 2:
        return "truefalse", (_answer("100", "true", "<p>Right.</p>")
                             + _answer("0", "false", "<p>Wrong.</p>"))
    if kind == 3:
        return "shortanswer", ("    <usecase>0</usecase>\n"
                               + _answer("100", f"answer {n}", "<p>Right.</p>")
                               + _answer("50", f"answr {n}")
                               + _answer("0", "*", "<p>Try again.</p>"))
    if kind == 4:
        return "numerical", (_answer("100", str(n), "<p>Right.</p>",
                                     "      <tolerance>0.5</tolerance>\n")
                             + _answer("0", "*", "<p>No.</p>", "      <tolerance>0</tolerance>\n"))
    if kind == 5:
        return "matching", ("    <shuffleanswers>true</shuffleanswers>\n" + _combined()
                            + "".join(f'    <subquestion format="html">\n'
                                      f"      <text><![CDATA[<p>Left {k}</p>]]></text>\n"
                                      f"      <answer>\n        <text>Right {k}</text>\n"
                                      "      </answer>\n    </subquestion>\n" for k in range(4)))
    if kind == 6:
        return "ordering", ("    <layouttype>VERTICAL</layouttype>\n"
                            "    <selecttype>ALL</selecttype>\n"
                            "    <selectcount>0</selectcount>\n"
                            "    <gradingtype>ABSOLUTE_POSITION</gradingtype>\n" + _combined()
                            + "".join(_answer(f"{k}.0000000", f"<p>Step {k}</p>")
                                      for k in range(1, 5)))
    if kind == 7:
        return "essay", ("    <responseformat>editor</responseformat>\n"
                         "    <attachments>0</attachments>\n"
                         + _text("graderinfo", "") + _text("responsetemplate", ""))
    return "description", ""


def bank(questions: int) -> bytes:
    """A Moodle XML bank of ``questions`` questions (UTF-8 bytes)."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n']
    for n in range(1, questions + 1):
        if n % 250 == 1:
            parts.append(f'  <question type="category">\n    <category>\n      <text>$course$/top/'
                         f"Bank/Part {n // 250 + 1}</text>\n    </category>\n  </question>\n")
        qtype, body = _body(n, n % 9)
        parts.append(_head(n, qtype, n % 25 == 0) + body + "  </question>\n")
    parts.append("</quiz>\n")
    return "".join(parts).encode("utf-8")


def median_s(action: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median wall-clock and median CPU seconds of ``rounds`` runs of ``action``."""
    wall, cpu = [], []
    for _ in range(rounds):
        began, began_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    data = bank(args.questions)
    parsed = parse_moodle_xml(data, "bank.xml")
    kept = len(parsed.questions)
    print(f"bank: {args.questions} questions, {len(data) / 1e6:.1f} MB; {kept} read, "
          f"{len(parsed.files)} embedded pictures, {len(parsed.notices)} notices")
    bare, bare_cpu = median_s(lambda: etree.fromstring(data), args.rounds)
    read, read_cpu = median_s(lambda: parse_moodle_xml(data, "bank.xml"), args.rounds)
    print("measure                                   median s     CPU s   target s   ratio")
    print(f"import (parse_moodle_xml, checked)        {read:9.3f} {read_cpu:9.3f}  "
          f"{TARGET_S:9.1f}  {read / TARGET_S:6.2f}  {'ok' if read <= TARGET_S else 'MISSED'}")
    print(f"bare lxml.etree.fromstring, same bytes    {bare:9.3f} {bare_cpu:9.3f}             "
          f"(import is {read / bare:.1f}x the bare parse)")
    return 0 if read <= TARGET_S and kept == args.questions else 1


if __name__ == "__main__":
    sys.exit(main())
