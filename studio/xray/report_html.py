"""The X-ray report: what learners did in a course, as one self-contained HTML page.

It shows what the window shows: per video the viewers per second of the current item with
the drop-off and the rewind clusters, per question facility against discrimination (flags
in words) and the share of every response, per quiz its reliability, per lesson the
completion funnel and the time spent against the time planned, and the "cold segment +
weak item" pairs. Items are named by their titles, questions by their prompts.

The page is accessible (WCAG 2.2 AA): a language, one ``h1`` and ordered headings, every
plot a labelled figure with a data table beside it (1.1.1, 1.3.1), flags and funnel steps
in words, never colour alone (1.4.1). It needs no network: plotly.js is inlined once
(:mod:`studio.xray.report_plots`). The same measures and course give the same bytes.
"""

from __future__ import annotations

from html import escape

from studio.model import Course, Question
from studio.quiz.interactions import xapi_definition
from studio.quiz.types import contract_fields
from studio.xray.report_plots import (
    FUNNEL_WORDS,
    Plots,
    choices_figure,
    funnel_figure,
    questions_figure,
    time_figure,
    video_figure,
)
from studio.xray.result import FUNNEL_STEPS, VideoMeasures, XRay, decimals

FLAG_WORDS = {"too_easy": "too easy", "too_hard": "too hard",
              "negative_discrimination": "negative discrimination",
              "low_discrimination": "low discrimination", "few_answers": "few answers",
              "older_version": "every answer to an older version"}

STYLE = """
body{font:16px/1.5 system-ui,"DejaVu Sans",sans-serif;margin:2rem auto;max-width:64rem;
padding:0 1rem;color:#1b1b1b;background:#fff}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}
th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:left;vertical-align:top;
overflow-wrap:anywhere}
thead th{background:#f0f0f0}
@media (min-width:48rem){thead th{overflow-wrap:normal}}
td.n{text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.3rem 0}
figure{margin:1rem 0}figcaption{font-size:.95em}
.flag{color:#a00000;font-weight:700}
details{margin:.5rem 0 1.5rem}summary{cursor:pointer}
@media (max-width:30rem){body{margin:1rem auto;padding:0 .5rem}th,td{padding:.2rem}}
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def _secs(value: float | None) -> str:
    if value is None:
        return "—"
    value = round(value)
    return f"{value} s" if value < 60 else f"{value // 60} min {value % 60:02d} s"


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _dec(value: float | None) -> str:
    return "—" if value is None else decimals(value)


def _table(caption: str, head: tuple[str, ...], rows: list[list[str]]) -> str:
    """A table: the first cell of each row is its header; cells are HTML already."""
    cols = "".join(f'<th scope="col">{_e(h)}</th>' for h in head)
    body = "".join(f'<tr><th scope="row">{r[0]}</th>'
                   + "".join(f'<td class="n">{c}</td>' if _numeric(c) else f"<td>{c}</td>"
                             for c in r[1:]) + "</tr>" for r in rows)
    return (f"<table><caption>{_e(caption)}</caption><thead><tr>{cols}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def _numeric(cell: str) -> bool:
    return bool(cell) and (cell[0].isdigit() or cell[0] == "-" and cell[1:2].isdigit())


def _figure(plots: Plots, figure, caption: str) -> str:
    number = plots.count + 1
    return (f'<figure><div role="img" aria-labelledby="xray-caption-{number}">'
            f"{plots.html(figure)}</div><figcaption id=\"xray-caption-{number}\">"
            f"{_e(caption)}</figcaption></figure>")


class _Course:
    """Titles of the course's items and lessons, and its questions by id."""

    def __init__(self, course: Course) -> None:
        self.titles: dict[str, str] = {}
        self.questions: dict[str, Question] = {}
        for lesson in course.lessons():
            self.titles[lesson.id] = lesson.title
            for item in lesson.items:
                self.titles[item.id] = item.title
                for question in getattr(item, "questions", ()):
                    self.questions[question.id] = question
        self.language = course.language or "en"
        # course text in another language than the page's is marked (WCAG 2.2 3.1.2)
        self.other = "" if self.language.lower().split("-")[0] == "en" else self.language

    def html(self, text: str) -> str:
        """Course text, escaped, in a ``span`` naming its language when not the page's."""
        if not self.other:
            return _e(text)
        return f'<span lang="{_e(self.other)}">{_e(text)}</span>'

    def title(self, ident: str | None) -> str:
        return self.titles.get(ident or "", ident or "—")

    def responses(self, qid: str, choices: dict[str, float]) -> list[tuple[str, float, bool]]:
        """(label, share, right) per response, most chosen first (ties by response), options
        named by their texts where the question is known."""
        question = self.questions.get(qid)
        names: dict[str, str] = {}
        targets: dict[str, str] = {}
        right: set[str] = set()
        if question is not None:
            try:
                definition = xapi_definition({"type": question.type, "prompt": question.prompt,
                                              **contract_fields(question.type, question.data)},
                                             self.language)
            except (KeyError, ValueError):
                definition = {}
            for key, into in (("choices", names), ("scale", names), ("source", names),
                              ("target", targets)):
                for part in definition.get(key, ()):
                    into[part["id"]] = part["description"].get(self.language, part["id"])
            right = set(definition.get("correctResponsesPattern", ()))
        out = [(_label(response, names, targets), share, _is_right(response, right))
               for response, share in choices.items()]
        order = sorted(range(len(out)), key=lambda i: (-out[i][1], list(choices)[i]))
        return [out[i] for i in order]


def _is_right(response: str, patterns: set[str]) -> bool:
    """Whether a response matches one of the correct response patterns (xAPI 1.0.3 §2.4.4.1:
    a numeric ``min[:]max`` range, fill-in text case-blind unless ``{case_matters=true}``,
    else the pattern itself)."""
    for pattern in patterns:
        low, sep, high = pattern.partition("[:]")
        if sep:
            try:
                value = float(response)
                if (not low or float(low) <= value) and (not high or value <= float(high)):
                    return True
            except ValueError:
                pass
            continue
        flags = ""
        while pattern.startswith("{") and "}" in pattern:
            flag, pattern = pattern[1:].split("}", 1)
            flags += flag
        if pattern == response or ("case_matters=true" not in flags
                                   and pattern.casefold() == response.casefold()):
            return True
    return False


def _label(response: str, names: dict[str, str], targets: dict[str, str]) -> str:
    """A response pattern in words (xAPI 1.0.3 §2.4.4.1 patterns): option ids by their texts,
    pairs as "source → target"."""
    if response == "":
        return "(no answer)"
    parts = []
    for part in response.split("[,]"):
        source, sep, target = part.partition("[.]")
        if sep:
            parts.append(f"{names.get(source, source)} → {targets.get(target, target)}")
        else:
            parts.append(names.get(part, part))
    return "; ".join(parts)


def _summary(xray: XRay) -> str:
    rows = [["Learners", str(xray.learners)], ["Statements used", str(xray.statements)],
            ["Newest data", _e(xray.latest or "no date in the data")]]
    return _table("The learner data", ("Measure", "Value"), rows)


def _span(video: VideoMeasures) -> str:
    """" (between A and B)" when the drop-off spreads over more than one second."""
    span = video.drop_off_span
    if span is None or span[0] == span[1]:
        return ""
    return f" (between {_secs(span[0])} and {_secs(span[1])})"


def _video(video: VideoMeasures, course: _Course, plots: Plots) -> str:
    title = course.title(video.item)
    out = [f"<h3>{course.html(title)} <small>(lesson {course.html(course.title(video.lesson))})"
           "</small></h3>"]
    where = (f"the drop-off is at {_secs(video.drop_off_s)}, where "
             f"{video.drop_off_learners} learners stopped watching{_span(video)}"
             if video.drop_off_s is not None else "no notable drop-off")
    caption = (f"Viewers per second of “{title}” ({_secs(video.length_s)}): {video.viewers} "
               f"learners watched; {where}; {len(video.rewinds)} rewind clusters.")
    out.append(_figure(plots, video_figure(video), caption))
    facts = [["Length (current cut)", _secs(video.length_s)], ["Viewers", str(video.viewers)],
             ["Drop-off", "none notable" if video.drop_off_s is None else
              f"{_secs(video.drop_off_s)}: {video.drop_off_learners} learners left"
              f"{_span(video)}"]]
    if video.outside_s:
        facts.append(["Watched time outside the current cut", _secs(video.outside_s)])
    if video.older_version:
        facts.append(["Statements about an older version (not counted)",
                      str(video.older_version)])
    out.append(_table(f"“{title}” in figures", ("Measure", "Value"), facts))
    if video.rewinds:
        out.append(_table(f"Rewind clusters in “{title}”",
                          ("Sought back from", "To", "Seeks", "Learners"),
                          [[_secs(r.from_s), _secs(r.to_s), str(r.count), str(r.learners)]
                           for r in video.rewinds]))
    left = dict(video.drop_offs)
    per_second = [[f"{i} s", str(v), str(w), str(left.get(i, 0))] for i, (v, w) in
                  enumerate(zip(video.viewers_per_second, video.rewatches_per_second,
                                strict=False))]
    out.append(f"<details><summary>“{course.html(title)}” second by second</summary>"
               + _table(f"Viewers of “{title}” per second of the item",
                        ("Second", "Viewers", "Re-watches", "Left here"), per_second)
               + "</details>")
    return "".join(out)


def _videos(xray: XRay, course: _Course, plots: Plots) -> str:
    if not xray.videos:
        return "<h2>Videos</h2><p>No viewing data.</p>"
    return "<h2>Videos</h2>" + "".join(_video(v, course, plots) for v in xray.videos)


def _flags(flags: tuple[str, ...]) -> str:
    if not flags:
        return "none"
    return ", ".join(f'<span class="flag">{_e(FLAG_WORDS.get(f, f))}</span>' for f in flags)


def _questions(xray: XRay, course: _Course, plots: Plots) -> str:
    if not xray.questions:
        return "<h2>Questions</h2><p>No answers.</p>"
    out = ["<h2>Questions</h2>"]
    flagged = sum(1 for q in xray.questions if q.flags)
    caption = (f"Facility against discrimination of {len(xray.questions)} questions, numbered "
               f"as in the table below; {flagged} flagged.")
    out.append(_figure(plots, questions_figure(xray.questions), caption))
    rows = []
    for n, q in enumerate(xray.questions, 1):
        asked = course.html(course.title(q.item))
        if q.cue_s is not None:
            asked += f" at {_secs(q.cue_s)}"
        rows.append([f"{n}. {course.html(q.prompt or q.id)}", asked, str(q.answers),
                     _share(q.facility), _dec(q.discrimination), _share(q.guess),
                     _secs(q.median_time_s), _flags(q.flags)])
    out.append(_table("Every question: first answers, facility, discrimination and flags",
                      ("Question", "Asked in", "Answers", "Facility", "Discrimination",
                       "Random-guess score", "Median time", "Flags"), rows))
    out.append("<h3>Responses chosen</h3>")
    for n, q in enumerate(xray.questions, 1):
        if not q.choices:
            continue
        responses = course.responses(q.id, q.choices)
        labels = [label for label, _, _ in responses]
        shares = [share for _, share, _ in responses]
        right = [ok for _, _, ok in responses]
        name = q.prompt or q.id
        out.append(f"<h4>{n}. {course.html(name)}</h4>")
        out.append(_figure(plots, choices_figure(labels, shares, right),
                           f"Share of first answers per response to “{name}”."))
        out.append(_table(f"Responses to “{name}”", ("Response", "Share", "Right answer"),
                          [[course.html(label), _share(share), "yes" if ok else "no"]
                           for label, share, ok in responses]))
    return "".join(out)


def _quizzes(xray: XRay, course: _Course) -> str:
    if not xray.quizzes:
        return ""
    methods = {"kr20": "KR-20", "alpha": "Cronbach's alpha"}
    rows = [[("" if z.kind == "quiz" else "Questions at the cues of ")
             + course.html(course.title(z.item)),
             _dec(z.reliability), _e(methods.get(z.method, z.method)), str(z.learners)]
            for z in xray.quizzes]
    return ("<h2>Quiz reliability</h2>"
            + _table("Reliability of each quiz, and of the questions at a clip's cue points, "
                     "over the learners who answered every question",
                     ("Quiz or clip", "Reliability", "Method", "Learners"), rows))


def _lessons(xray: XRay, course: _Course, plots: Plots) -> str:
    if not xray.lessons:
        return ""
    out = ["<h2>Lessons</h2>"]
    for lesson in xray.lessons:
        out.append(f"<h3>{course.html(lesson.title)}</h3>")
        start = lesson.funnel.get(FUNNEL_STEPS[0]) or 0
        steps = [s for s in FUNNEL_STEPS if lesson.funnel.get(s) is not None]
        if steps:
            last = steps[-1]
            caption = (f"Completion funnel of “{lesson.title}”: {start} learners launched it, "
                       f"{lesson.funnel[last]} reached “{FUNNEL_WORDS[last].lower()}”.")
            out.append(_figure(plots, funnel_figure(lesson), caption))
        rows = [[_e(FUNNEL_WORDS[s]),
                 "does not apply" if lesson.funnel.get(s) is None else str(lesson.funnel[s]),
                 "—" if lesson.funnel.get(s) is None or not start
                 else _share(lesson.funnel[s] / start)] for s in FUNNEL_STEPS]
        out.append(_table(f"Completion funnel of “{lesson.title}”",
                          ("Step", "Learners", "Share of those who launched"), rows))
    caption = "Median time spent in each lesson beside the time planned for it, in minutes."
    out.append("<h3>Time spent against time planned</h3>")
    out.append(_figure(plots, time_figure(xray.lessons), caption))
    out.append(_table("Time spent in each lesson (median) and time planned",
                      ("Lesson", "Spent (median)", "Planned"),
                      [[course.html(lesson.title), _secs(lesson.time_spent_s),
                        _secs(lesson.planned_s)] for lesson in xray.lessons]))
    return "".join(out)


def _pairs(xray: XRay, course: _Course) -> str:
    if not xray.pairs:
        return ""
    prompts = {q.id: q.prompt for q in xray.questions}
    rows = [[course.html(prompts.get(p.question) or p.question), course.html(course.title(p.item)),
             f"{_secs(p.segment_s[0])} to {_secs(p.segment_s[1])}", _share(p.skipped),
             str(p.watched_failed)] for p in xray.pairs]
    return ("<h2>Cold segments and weak questions</h2><p>Questions asked at a cue point whose "
            "segment most viewers skipped, or that learners who watched it still failed.</p>"
            + _table("Each question with the segment before its cue point",
                     ("Question", "Item", "Segment", "Skipped by", "Watched it, still failed"),
                     rows))


def report_html(xray: XRay, course: Course) -> str:
    """The whole X-ray report as an HTML5 document (UTF-8 text, lang ``en``, plotly.js
    inlined once, no external resource, no clock: the same ``xray`` and ``course`` give the
    same text). ``course`` names the items, lessons and response options."""
    index = _Course(course)
    plots = Plots()
    title = f"Course X-ray: {course.title}"
    body = (_summary(xray) + _videos(xray, index, plots) + _questions(xray, index, plots)
            + _quizzes(xray, index) + _lessons(xray, index, plots) + _pairs(xray, index))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{STYLE}</style></head><body><main>"
            f"<h1>Course X-ray: {index.html(course.title)}</h1><p>What learners did, "
            f"measured on the course as it is now: seconds are seconds of each item's "
            f"current cut.</p>{body}"
            f"</main></body></html>\n")
