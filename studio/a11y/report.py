"""An accessibility conformance report: the product's facts and one verdict per criterion.

The facts are what a VPAT 2.5 "INT" report (Information Technology Industry Council) opens
with: the product's name and version, the report date, a description, the contact and the
evaluation methods used. The results are :func:`studio.a11y.verdicts.judge_all`'s rows, one
per criterion of :data:`studio.a11y.criteria.CRITERIA`. Nothing here reads the clock or a
path on this machine: the same findings give the same bytes (:meth:`Report.to_json`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace

from studio.a11y.findings import SOURCES, Finding
from studio.a11y.statements import Statement
from studio.a11y.verdicts import CriterionResult, counted, failures, judge_all, summary

REPORT_SCHEMA = 1
PROJECT, PACKAGE = "project", "package"
# What an export may ask of the report (`export --a11y`, the export dialog): STRICT refuses a
# package with a criterion that does not support, REPORT writes the report beside it.
STRICT, REPORT = "strict", "report"
EXPORT_MODES = (STRICT, REPORT)
# How each source of findings looked at the course, in the words of "Evaluation Methods Used".
METHODS = {
    "author": "Checks of the course as authored: text alternatives of pictures, captions and "
              "transcripts, course language, titles, link text, time limits, reading level.",
    "media": "Analysis of the rendered media: text contrast measured on slide images, "
             "flashing measured frame by frame in video clips.",
    "axe": "axe-core rules run in every player state (each item, questions before and after "
           "submit, feedback, results, menus and outline, captions on).",
    "keyboard": "A keyboard walk through every player state: every control reached, focus "
                "visible and not obscured, no trap.",
    "pointer": "Pointer checks: target sizes and a single-pointer alternative to every drag.",
    "reflow": "Reflow at 320 CSS px width and at 200 % zoom; text spacing overridden.",
    "player": "Facts of the player: page title and language, landmarks, navigation, status "
              "messages.",
}
STATEMENTS_METHOD = "The author's own statements, dated, for what no tool decides."


@dataclass(frozen=True)
class ProductFacts:
    """What the report is about: ``name`` (the course title), ``version`` (the course's
    version), ``identifier`` (the course id), ``language`` (BCP 47), ``description``,
    ``author`` (the contact), ``source`` (:data:`PROJECT` or :data:`PACKAGE`), ``file`` (the
    project folder's or package's name, no path), ``standard`` (a package's: ``scorm12``,
    ``scorm2004``, ``xapi``, ``cmi5``, ``html``; "" for a project), ``date`` (ISO 8601
    calendar date of the course's last change or the package's build, "" when unknown:
    never the day the report was run), ``engine`` (the browser engine the player ran in, ""
    when the player was not checked) and ``methods`` (evaluation methods, sentences)."""

    name: str
    version: str
    identifier: str = ""
    language: str = ""
    description: str = ""
    author: str = ""
    source: str = PROJECT
    file: str = ""
    standard: str = ""
    date: str = ""
    engine: str = ""
    methods: tuple[str, ...] = ()

    def as_json(self) -> dict:
        """The facts as the report's JSON ``report`` object (``methods`` a list)."""
        return {**asdict(self), "methods": list(self.methods)}


@dataclass(frozen=True)
class Report:
    """A conformance report: the product's ``facts`` and ``results``, one
    :class:`~studio.a11y.verdicts.CriterionResult` per criterion in WCAG order (the advisory
    AAA row last) and the ``titles`` of the course's items, which the page shows in
    place of their ids (the JSON keeps ids)."""

    facts: ProductFacts
    results: tuple[CriterionResult, ...]
    titles: tuple[tuple[str, str], ...] = ()  # (item id, item title), for readers of the page

    def title_of(self, item: str) -> str:
        """The title of the course item ``item`` (an item id); the id when unknown."""
        return dict(self.titles).get(item) or item

    def counted(self) -> tuple[CriterionResult, ...]:
        """The rows that count towards conformance (:func:`~studio.a11y.verdicts.counted`)."""
        return counted(self.results)

    def summary(self) -> dict[str, int]:
        """``{verdict: count}`` of the counted rows (:func:`~studio.a11y.verdicts.summary`)."""
        return summary(self.results)

    def failures(self) -> tuple[CriterionResult, ...]:
        """The counted rows whose verdict is "does-not-support", in WCAG order."""
        return failures(self.results)

    def to_json(self) -> dict:
        """The report as JSON data: ``{"report": {"schema", ...product facts...},
        "summary": {verdict: count}, "criteria": [row...]}`` where each row is
        :meth:`CriterionResult.as_json` (``id``, ``title``, ``level``, ``en``, ``advisory``,
        ``verdict``, ``items``, ``evidence``, ``statement``). No timestamp: the same report
        is the same data."""
        return {"report": {"schema": REPORT_SCHEMA, **self.facts.as_json()},
                "summary": self.summary(),
                "criteria": [r.as_json() for r in self.results]}


def evaluation_methods(findings: Iterable[Finding],
                       statements: Iterable[Statement] = ()) -> tuple[str, ...]:
    """The "Evaluation Methods Used" sentences for the sources the findings came from (in
    :data:`~studio.a11y.findings.SOURCES` order), and one for the author's statements when
    there are any."""
    used = {f.source for f in findings}
    methods = tuple(METHODS[source] for source in SOURCES if source in used)
    return methods + ((STATEMENTS_METHOD,) if tuple(statements) else ())


def build_report(facts: ProductFacts, findings: Iterable[Finding],
                 statements: Iterable[Statement] = (),
                 titles: Mapping[str, str] | None = None) -> Report:
    """The report on ``findings`` and the author's ``statements``: verdicts by
    :func:`~studio.a11y.verdicts.judge_all`, ``facts.methods`` filled from the findings'
    sources when it is empty; ``titles`` maps item ids to item titles (sorted by id)."""
    findings, statements = tuple(findings), tuple(statements)
    if not facts.methods:
        facts = replace(facts, methods=evaluation_methods(findings, statements))
    return Report(facts, judge_all(findings, statements),
                  tuple(sorted((titles or {}).items())))
