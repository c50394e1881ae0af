"""Writing questions as Moodle XML (https://docs.moodle.org/en/Moodle_XML_format), so that
Moodle imports them and :func:`studio.quiz.moodle_xml.parse_moodle_xml` reads them back.

A ``<question type="category">`` (``$course$/top/`` + the question's category, else the
quiz title) comes before the questions wherever the category changes. Text is written as
HTML; the media of the prompt and of each choice are carried in the question as base64
``<file>`` elements that the HTML shows as ``@@PLUGINFILE@@/name``. Weights become
``fraction`` grades from the set Moodle offers (the nearest one, with a notice when it is
not the same). Each type has the Moodle type that holds it (:data:`_TYPES`); a
drag-and-drop question is written as a Moodle matching question (each item matched to its
category, graded per item as Moodle does); a hotspot or Likert question has no Moodle
standard type and is left out. Every change or omission is named in a returned notice.
"""

from __future__ import annotations

import base64
import html
import mimetypes
import re
from collections.abc import Sequence
from urllib.parse import quote

from studio.quiz.moodle_format import (
    GRADE_SLACK,
    ORDERING_GRADING,
    PLUGINFILE,
    category_path,
    default_name,
    grades_summing_to_100,
    nearest_grade,
    number_text,
    percent_text,
)
from studio.quiz.source import QuestionOut

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LEFT_OUT = {
    "hotspot": "Moodle's standard question types have no hotspot (its drag-and-drop markers "
               "ask another question)",
    "likert": "Moodle has no Likert scale question (surveys are a separate Moodle activity)",
}


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _cdata(markup: str) -> str:
    """Text content: a CDATA section when it holds markup, as Moodle writes it."""
    if not any(c in markup for c in "<>&"):
        return markup
    return "<![CDATA[" + markup.replace("]]>", "]]]]><![CDATA[>") + "]]>"


class _Question:
    """Writes one question: XML lines, with notices naming it."""

    def __init__(self, question: QuestionOut, number: int, notices: list[str]):
        self.q, self.data, self.notices = question, question.data, notices
        self.name = _NOT_XML.sub("", question.data.get("title") or default_name(question.prompt))
        self.number = number
        self.dropped = False

    def note(self, what: str) -> None:
        self.notices.append(f"question {self.number} '{self.name}': {what}")

    # ---- text ------------------------------------------------------------------------
    def clean(self, text: str) -> str:
        cleaned = _NOT_XML.sub("", text or "")
        if cleaned != (text or "") and not self.dropped:
            self.dropped = True
            self.note("control characters XML cannot hold were removed from its text")
        return cleaned

    def html(self, text: str, media: str | None = None, alt: str = "") -> tuple[str, str]:
        """(HTML of plain text with its medium shown, the ``<file>`` element or "")."""
        lines = self.clean(text).split("\n")
        markup = "<p>" + "<br>".join(_escape(line) for line in lines) + "</p>" if text else ""
        if not media:
            return markup, ""
        found = self.q.files.get(media)
        if found is None:
            self.note(f"its medium {media} was not given to the writer; left out")
            return markup, ""
        name, data = found
        name = name.replace("/", "_") or "file"
        src = PLUGINFILE + quote(name)
        kind = (mimetypes.guess_type(name)[0] or "image/").split("/")[0]
        label = html.escape(self.clean(alt))
        if kind in ("audio", "video"):
            aria = f' aria-label="{label}"' if label else ""
            shown = f'<{kind} controls src="{src}"{aria}></{kind}>'
        else:
            shown = f'<img src="{src}" alt="{label}">'
        encoded = base64.b64encode(data).decode("ascii")
        return (f"{markup}<p>{shown}</p>",
                f'<file name="{html.escape(name)}" path="/" encoding="base64">{encoded}</file>')

    def rich(self, tag: str, text: str, indent: int = 2, media: str | None = None,
             alt: str = "", attrs: str = "") -> list[str]:
        """``<tag format="html"><text>…</text>[<file>]</tag>`` as lines."""
        pad = "  " * indent
        markup, file = self.html(text, media, alt)
        lines = [f'{pad}<{tag}{attrs} format="html">', f"{pad}  <text>{_cdata(markup)}</text>"]
        if file:
            lines.append(f"{pad}  {file}")
        return lines + [f"{pad}</{tag}>"]

    def plain(self, tag: str, text: str, indent: int = 2) -> str:
        pad = "  " * indent
        return f"{pad}<{tag}><text>{_escape(self.clean(text))}</text></{tag}>"

    def grade(self, percent: float, what: str, grade: float | None = None) -> str:
        """The ``fraction`` of a weight: ``grade`` when given, else the nearest Moodle grade;
        a notice when it differs from the weight."""
        if grade is None:
            grade, exact = nearest_grade(percent)
        else:
            exact = abs(grade - percent) <= GRADE_SLACK
        if not exact:
            self.note(f"the weight {percent:g} % of {what} is written as {percent_text(grade)} "
                      "%, the nearest grade Moodle offers")
        return percent_text(grade)

    # ---- the question ----------------------------------------------------------------
    def write(self) -> list[str] | None:
        qtype = self.q.type
        if qtype not in _TYPES:
            why = _LEFT_OUT.get(qtype, f"Moodle XML has no {qtype} question")
            self.note(f"{why}; left out")
            return None
        moodle, body = _TYPES[qtype]
        feedback = self.data.get("feedback") or {}
        lines = [f"<!-- question: {_escape(self.q.id).replace('--', '- -')}  -->",
                 f'  <question type="{moodle}">',
                 "    <name>", f"      <text>{_escape(self.clean(self.name))}</text>",
                 "    </name>",
                 *self.rich("questiontext", self.q.prompt, media=self.data.get("media"),
                            alt=self.data.get("mediaAlt", "")),
                 *self.rich("generalfeedback", feedback.get("general", "")),
                 # a description is no question: Moodle gives it no mark
                 f"    <defaultgrade>{number_text(0 if qtype == 'description' else self.q.points)}"
                 "</defaultgrade>",
                 f"    <penalty>{'0' if qtype == 'description' else '0.3333333'}</penalty>",
                 "    <hidden>0</hidden>"]
        lines += body(self, feedback)
        return [*lines, "  </question>"]

    def _combined(self, feedback: dict) -> list[str]:
        return [*self.rich("correctfeedback", feedback.get("correct", "")),
                *self.rich("partiallycorrectfeedback", ""),
                *self.rich("incorrectfeedback", feedback.get("incorrect", ""))]

    def _no_right_or_wrong(self, feedback: dict) -> None:
        if feedback.get("correct") or feedback.get("incorrect"):
            self.note("its right and wrong feedback is left out: Moodle gives this question "
                      "no such feedback (the general feedback is kept)")

    def _answer(self, grade: str, text: str, said: str = "", extra: Sequence[str] = (),
                media: str | None = None, alt: str = "", html_text: bool = True) -> list[str]:
        if html_text:
            lines = self.rich("answer", text, media=media, alt=alt,
                              attrs=f' fraction="{grade}"')[:-1]
        else:
            lines = [f'    <answer fraction="{grade}" format="moodle_auto_format">',
                     f"      <text>{_escape(self.clean(text))}</text>"]
        if said:
            lines += self.rich("feedback", said, indent=3)
        return [*lines, *extra, "    </answer>"]

    def _choices(self, grades: list[str]) -> list[str]:
        lines = []
        for choice, grade in zip(self.data["choices"], grades, strict=True):
            lines += self._answer(grade, choice["text"], choice.get("feedback", ""),
                                  media=choice.get("media"), alt=choice.get("mediaAlt", ""))
        return lines

    def _multichoice(self, single: bool, feedback: dict, grades: list[str]) -> list[str]:
        return [f"    <single>{'true' if single else 'false'}</single>",
                "    <shuffleanswers>true</shuffleanswers>",
                "    <answernumbering>abc</answernumbering>",
                "    <showstandardinstruction>0</showstandardinstruction>",
                *self._combined(feedback), *self._choices(grades)]

    def _choice(self, feedback: dict) -> list[str]:
        grades = [self.grade(c.get("weight", 100 if c["correct"] else 0), f"choice {c['id']}")
                  for c in self.data["choices"]]
        return self._multichoice(True, feedback, grades)

    def _multiple(self, feedback: dict) -> list[str]:
        choices, scoring = self.data["choices"], self.data.get("scoring", "all-or-nothing")
        if scoring == "weighted":
            weights = [c.get("weight", 0) for c in choices]
        else:
            share = 100 / sum(1 for c in choices if c["correct"])
            wrong = -share if scoring == "partial" else -100
            weights = [share if c["correct"] else wrong for c in choices]
            if scoring != "partial":
                self.note("Moodle has no all-or-nothing multiple response: written so that any "
                          "wrong pick scores 0, but some of the right picks earn part of the "
                          "points")
        # Moodle refuses a multiple answer whose positive grades do not make 100 %
        positive = grades_summing_to_100([w for w in weights if w > 0]) or []
        if not positive:
            self.note("the right choices' weights cannot be written as Moodle grades that sum "
                      "to 100 %, as Moodle wants for a multiple-answer question")
        fitted = iter(positive)
        grades = [self.grade(w, f"choice {c['id']}", next(fitted, None) if w > 0 else None)
                  for c, w in zip(choices, weights, strict=True)]
        return self._multichoice(False, feedback, grades)

    def _truefalse(self, feedback: dict) -> list[str]:
        right = self.data["answer"]
        return [*self._answer("100" if right else "0", "true",
                              feedback.get("correct" if right else "incorrect", ""),
                              html_text=False),
                *self._answer("0" if right else "100", "false",
                              feedback.get("incorrect" if right else "correct", ""),
                              html_text=False)]

    def _wrong_answer(self, feedback: dict, extra: Sequence[str] = ()) -> list[str]:
        """Moodle's feedback for any other response: a ``*`` answer worth nothing."""
        said = feedback.get("incorrect", "")
        return self._answer("0", "*", said, extra, html_text=False) if said else []

    def _fill(self, feedback: dict) -> list[str]:
        if not self.data.get("normaliseSpace", True):
            self.note("Moodle has no setting to compare the spaces inside an answer exactly")
        lines = [f"    <usecase>{1 if self.data.get('caseSensitive') else 0}</usecase>"]
        for answer in self.data["answers"]:
            lines += self._answer("100", answer.replace("*", "\\*"),
                                  feedback.get("correct", ""), html_text=False)
        for n, part in enumerate(self.data.get("partial", []), start=1):
            lines += self._answer(self.grade(part["weight"], f"partly right answer {n}"),
                                  part["text"].replace("*", "\\*"), html_text=False)
        return lines + self._wrong_answer(feedback)

    def _numeric(self, feedback: dict) -> list[str]:
        data = self.data
        if data.get("value") is not None:
            value, tolerance = data["value"], data.get("tolerance") or 0
        else:
            value, tolerance = (data["min"] + data["max"]) / 2, (data["max"] - data["min"]) / 2
        lines = self._answer("100", number_text(value), feedback.get("correct", ""),
                             [f"      <tolerance>{number_text(tolerance)}</tolerance>"],
                             html_text=False)
        for n, part in enumerate(data.get("partial", []), start=1):
            lines += self._answer(
                self.grade(part["weight"], f"partly right answer {n}"),
                number_text(part["value"]),
                extra=[f"      <tolerance>{number_text(part.get('tolerance', 0))}</tolerance>"],
                html_text=False)
        lines += self._wrong_answer(feedback, ["      <tolerance>0</tolerance>"])
        return lines + ["    <unitgradingtype>0</unitgradingtype>",
                        "    <unitpenalty>0.1000000</unitpenalty>",
                        "    <showunits>3</showunits>", "    <unitsleft>0</unitsleft>"]

    def _pairs(self, feedback: dict, pairs: list[tuple[str, str]]) -> list[str]:
        if self.data.get("scoring", "all-or-nothing") == "all-or-nothing":
            self.note("Moodle grades matching per pair: written with credit for each pair "
                      "matched right")
        lines = ["    <shuffleanswers>true</shuffleanswers>", *self._combined(feedback)]
        for left, right in pairs:
            lines += [*self.rich("subquestion", left)[:-1],
                      "      " + self.plain("answer", right, 0), "    </subquestion>"]
        return lines

    def _matching(self, feedback: dict) -> list[str]:
        return self._pairs(feedback, [(p["left"], p["right"]) for p in self.data["pairs"]])

    def _dragdrop(self, feedback: dict) -> list[str]:
        self.note("drag and drop into categories is written as a Moodle matching question: "
                  "each item is matched to its category from a list")
        named = {c["id"]: c["text"] for c in self.data["categories"]}
        items = self.data["items"]
        if any(item.get("media") for item in items):
            self.note("the media of its items are left out: a Moodle matching item shows text")
        used = {item["category"] for item in items}
        return self._pairs(feedback, [(i["text"], named[i["category"]]) for i in items] +
                           [("", c["text"]) for c in self.data["categories"]
                            if c["id"] not in used])

    def _sequencing(self, feedback: dict) -> list[str]:
        items = self.data["items"]
        grading = ORDERING_GRADING[self.data.get("scoring", "all-or-nothing")]
        lines = ["    <layouttype>VERTICAL</layouttype>", "    <selecttype>ALL</selecttype>",
                 f"    <selectcount>{len(items)}</selectcount>",
                 f"    <gradingtype>{grading}</gradingtype>",
                 "    <showgrading>SHOW</showgrading>",
                 "    <numberingstyle>none</numberingstyle>", *self._combined(feedback)]
        for n, item in enumerate(items, start=1):
            lines += self._answer(str(n), item["text"])
        return lines

    def _essay(self, feedback: dict) -> list[str]:
        self._no_right_or_wrong(feedback)
        limit = self.data.get("maxLength")
        if limit is not None and limit != 4000:
            self.note(f"the limit of {limit} characters is left out: Moodle limits words")
        return ["    <responseformat>plain</responseformat>",
                "    <responserequired>1</responserequired>",
                "    <responsefieldlines>10</responsefieldlines>",
                "    <attachments>0</attachments>",
                "    <attachmentsrequired>0</attachmentsrequired>",
                *self.rich("graderinfo", self.data.get("modelAnswer", "")),
                *self.rich("responsetemplate", "")]

    def _description(self, feedback: dict) -> list[str]:
        self._no_right_or_wrong(feedback)
        return []


# Our type -> (the Moodle type that holds it, as Moodle's export names it; what the question
# holds after the common elements). Ordering is standard since Moodle 4.4, a plugin before.
_TYPES = {
    "choice": ("multichoice", _Question._choice),
    "multiple": ("multichoice", _Question._multiple),
    "truefalse": ("truefalse", _Question._truefalse),
    "fill": ("shortanswer", _Question._fill), "numeric": ("numerical", _Question._numeric),
    "matching": ("matching", _Question._matching), "dragdrop": ("matching", _Question._dragdrop),
    "sequencing": ("ordering", _Question._sequencing), "essay": ("essay", _Question._essay),
    "description": ("description", _Question._description)}


def _category(path: str) -> list[str]:
    return ["<!-- question: 0  -->", '  <question type="category">', "    <category>",
            f"      <text>{_escape(_NOT_XML.sub('', category_path(path)))}</text>",
            "    </category>", '    <info format="html">', "      <text></text>",
            "    </info>", "  </question>"]


def write_moodle_xml(questions: Sequence[QuestionOut], name: str) -> tuple[bytes, list[str]]:
    """Questions as a Moodle XML file (UTF-8 bytes), and the notices about what Moodle
    could not hold as it is (each naming the question by number and name).

    ``name`` is the quiz title, the category of questions without one. A question's
    ``files`` must hold the assets its data names (else a notice). Raises nothing for any
    question in the stored shape (:func:`studio.quiz.questions.normalise_question`)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    notices: list[str] = []
    category = None
    for number, question in enumerate(questions, start=1):
        lines = _Question(question, number, notices).write()
        if lines is None:
            continue
        wanted = question.data.get("category") or name
        if wanted != category:
            out += _category(wanted)
            category = wanted
        out += lines
    out.append("</quiz>")
    return ("\n".join(out) + "\n").encode("utf-8"), notices
