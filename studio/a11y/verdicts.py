"""From findings and statements to one verdict per criterion, as a VPAT 2.x "INT" report
lists them (Information Technology Industry Council, VPAT 2.5 INT, "Conformance Level"
terms: Supports, Partially Supports, Does Not Support, Not Applicable).

The rules, for one criterion:

1. any FAIL finding -> "does-not-support" (a statement cannot outvote a failing check; it is
   shown beside the evidence);
2. else any PARTIAL finding -> "partially-supports";
3. else the author's statement, when one is stored;
4. else any REVIEW finding, or a :data:`~studio.a11y.criteria.MANUAL` criterion, or a
   :data:`~studio.a11y.criteria.PARTIAL` one with content to look at -> "needs-statement";
5. else PASS findings -> "supports";
6. else only NOT_APPLICABLE findings -> "not-applicable";
7. else (no check ran for it) -> "needs-statement".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from studio.a11y.criteria import CRITERIA, MANUAL, PARTIAL, Criterion
from studio.a11y.findings import (
    FAIL,
    NOT_APPLICABLE,
    PASS,
    REVIEW,
    Finding,
    sort_key,
)
from studio.a11y.findings import PARTIAL as PARTIAL_OUTCOME
from studio.a11y.statements import (
    DOES_NOT_SUPPORT,
    PARTIALLY_SUPPORTS,
    SUPPORTS,
    Statement,
)
from studio.a11y.statements import NOT_APPLICABLE as NOT_APPLICABLE_VERDICT

NEEDS_STATEMENT = "needs-statement"
VERDICTS = (SUPPORTS, PARTIALLY_SUPPORTS, DOES_NOT_SUPPORT, NOT_APPLICABLE_VERDICT,
            NEEDS_STATEMENT)
# The words a VPAT uses for each verdict.
LABELS = {SUPPORTS: "Supports", PARTIALLY_SUPPORTS: "Partially Supports",
          DOES_NOT_SUPPORT: "Does Not Support", NOT_APPLICABLE_VERDICT: "Not Applicable",
          NEEDS_STATEMENT: "Needs your statement"}


@dataclass(frozen=True)
class CriterionResult:
    """One row of the report: the ``criterion``, its ``verdict`` (one of :data:`VERDICTS`),
    the ``findings`` behind it (sorted, failures first), the items concerned (ids of the
    items with a FAIL, PARTIAL or REVIEW finding, in course order of first mention) and the
    author's ``statement`` when one is stored."""

    criterion: Criterion
    verdict: str
    findings: tuple[Finding, ...]
    items: tuple[str, ...]
    statement: Statement | None = None

    def as_json(self) -> dict:
        """The row as the report's JSON has it: ``{"id", "title", "level", "en",
        "verdict", "items", "evidence": [finding...], "statement": {...} | null}``."""
        c = self.criterion
        return {"id": c.id, "title": c.title, "level": c.level, "en": c.en,
                "advisory": c.advisory, "verdict": self.verdict, "items": list(self.items),
                "evidence": [f.as_json() for f in self.findings],
                "statement": self.statement.as_json() if self.statement else None}


def judge(criterion: Criterion, findings: Iterable[Finding],
          statement: Statement | None = None) -> CriterionResult:
    """The verdict on ``criterion`` from the findings about it (others are ignored) and the
    author's statement, by the rules of this module's docstring."""
    own = sorted((f for f in findings if f.criterion == criterion.id), key=sort_key)
    outcomes = {f.outcome for f in own}
    if FAIL in outcomes:
        verdict = DOES_NOT_SUPPORT
    elif PARTIAL_OUTCOME in outcomes:
        verdict = PARTIALLY_SUPPORTS
    elif statement is not None:
        verdict = statement.verdict
    elif REVIEW in outcomes or criterion.decided == MANUAL or (
            criterion.decided == PARTIAL and PASS in outcomes):
        verdict = NEEDS_STATEMENT
    elif PASS in outcomes:
        verdict = SUPPORTS
    elif NOT_APPLICABLE in outcomes:
        verdict = NOT_APPLICABLE_VERDICT
    else:
        verdict = NEEDS_STATEMENT
    items: list[str] = []
    for f in own:
        if f.item and f.outcome in (FAIL, PARTIAL_OUTCOME, REVIEW) and f.item not in items:
            items.append(f.item)
    return CriterionResult(criterion, verdict, tuple(own), tuple(items), statement)


def judge_all(findings: Iterable[Finding],
              statements: Iterable[Statement] = ()) -> tuple[CriterionResult, ...]:
    """One :class:`CriterionResult` per criterion of
    :data:`~studio.a11y.criteria.CRITERIA`, in that order (WCAG order, the advisory AAA row
    last)."""
    findings = tuple(findings)
    by_criterion = {s.criterion: s for s in statements}
    return tuple(judge(c, findings, by_criterion.get(c.id)) for c in CRITERIA)


def counted(rows: Iterable[CriterionResult]) -> tuple[CriterionResult, ...]:
    """The rows that count towards conformance: every one but the advisory rows."""
    return tuple(r for r in rows if not r.criterion.advisory)


def summary(rows: Iterable[CriterionResult]) -> dict[str, int]:
    """How many counted rows have each verdict: ``{verdict: count}`` for every verdict of
    :data:`VERDICTS`, in that order, zeros included."""
    counts = dict.fromkeys(VERDICTS, 0)
    for result in counted(rows):
        counts[result.verdict] += 1
    return counts


def summary_line(rows: Iterable[CriterionResult]) -> str:
    """"Supports 30 · Partially Supports 2 · Does Not Support 1 · Not Applicable 8 · Needs
    your statement 14" for the counted rows."""
    return " · ".join(f"{LABELS[v]} {n}" for v, n in summary(rows).items())


def failures(rows: Iterable[CriterionResult]) -> tuple[CriterionResult, ...]:
    """The counted rows whose verdict is "does-not-support", in the order given."""
    return tuple(r for r in counted(rows) if r.verdict == DOES_NOT_SUPPORT)
