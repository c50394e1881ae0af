"""What each path launches, and what the scripted learner does in each launch.

A path (:data:`studio.twin.paths.PATHS`) becomes a list of launch steps the twin's LMS page
runs in order. A step names the unit (SCO) to launch, the course-data variant it is served
with, and the learner's plan, which ``resources/twin/learner.js`` carries out::

    {"unit": "item_les_1", "href": "index.html?unit=les_1", "mastery": "", "variant": "plain",
     "learner": {"do": "complete" | "observe", "stop_at": 4, "fail_quiz": "itm_q"}}

``complete`` works through every item from where the player starts (quizzes answered
right) to the results screen; ``stop_at`` stops it on the unit's item of that index (0-based),
``fail_quiz`` answers that quiz wrong first, then retries it right; ``media: "events"``
dispatches the videos' media events instead of playing them; ``observe`` only notes where
the player starts. Every launch ends with the LMS closing the SCO.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from studio.twin.package import LaunchUnit, TwinPackage
from studio.twin.variants import TYPES_LESSON, items_of, long_course

PLAIN, LONG, TYPES = "plain", "long-course", "question-types"  # course-data variants


@dataclass(frozen=True)
class PathPlan:
    """The launches of one path (each a step dict, shape in the module docstring), the
    ``intent`` the journal carries (e.g. ``resume_item``) and ``problems`` that keep the path
    from testing what it is for (no quiz to fail), for people."""

    path: str
    steps: tuple[dict, ...]
    intent: dict = field(default_factory=dict)
    problems: tuple[str, ...] = ()


def lesson_of(href: str) -> str | None:
    """The lesson a launch URL plays (the player's ``unit=`` parameter), None for the whole
    course."""
    query = href.partition("?")[2].partition("#")[0]
    for pair in query.split("&"):
        name, _, value = pair.partition("=")
        if name == "unit" and value:
            return value
    return None


def unit_lesson(unit: LaunchUnit) -> str | None:
    """The lesson a unit launches, None for the whole course."""
    return lesson_of(unit.href)


def _step(unit: LaunchUnit, variant: str, **learner) -> dict:
    return {"unit": unit.id, "title": unit.title, "href": unit.href, "mastery": unit.mastery,
            "variant": variant, "learner": {"do": "complete", **learner}}


def _failable(item: dict) -> bool:
    """A quiz the learner can fail and then retry: scored, a pass mark above 0, and more than
    one attempt."""
    scored = any(q.get("type") != "likert" for q in item.get("questions", ()))
    return (item.get("kind") == "quiz" and scored and (item.get("passMark") or 0) > 0
            and item.get("attempts") != 1)


def plan_path(path: str, package: TwinPackage, data: dict | None = None) -> PathPlan:
    """The launches of ``path`` on ``package`` (``data``: the course data the plain variant
    serves; the package's own by default). Raises ``KeyError`` for an unknown path."""
    data = package.course_data if data is None else data
    units = package.units
    plain = [_step(u, PLAIN) for u in units]
    if path == "complete":
        return PathPlan(path, tuple(plain))
    if path == "question-types":
        steps = [_step(u, TYPES) for u in units]
        if any(unit_lesson(u) for u in units):  # one unit per lesson: the added one too
            first = units[0].href.partition("?")[0]
            steps.append(_step(LaunchUnit("twin_types_unit", "Every question type",
                                          f"{first}?unit={TYPES_LESSON}"), TYPES))
        return PathPlan(path, tuple(steps))
    if path == "long-course":
        unit = units[0]
        lesson = unit_lesson(unit)
        # a thousand items: the media's events are dispatched rather than played; the learner
        # leaves one item before the end (still incomplete, so the LMS keeps the attempt open),
        # when the resume state is at its largest, and finishes after the relaunch
        items = items_of(long_course(data, lesson), lesson)
        stop = max(0, len(items) - 2)
        intent = {"lesson": lesson, "resume_unit": unit.id}
        if items:
            intent["resume_item"] = items[stop]["id"]
        return PathPlan(path, (_step(unit, LONG, media="events", stop_at=stop),
                               _step(unit, LONG, media="events")), intent)
    if path == "resume":
        return _resume(package, data, plain)
    if path == "retry":
        for index, unit in enumerate(units):
            quiz = next((i for i in items_of(data, unit_lesson(unit)) if _failable(i)), None)
            if quiz is not None:
                steps = list(plain)
                steps[index] = _step(unit, PLAIN, fail_quiz=quiz["id"])
                return PathPlan(path, tuple(steps), {"fail_quiz": quiz["id"]})
        return PathPlan(path, tuple(plain), {"fail_quiz": None},
                        ("The course has no scored quiz with a pass mark that allows a "
                         "second attempt, so nothing can be failed and retried.",))
    raise KeyError(path)


def _resume(package: TwinPackage, data: dict, plain: list[dict]) -> PathPlan:
    """Leave about half-way through, in a unit of two items or more: the unit holding the
    course's middle item when it has, else the largest; relaunch it and finish."""
    counts = [len(items_of(data, unit_lesson(u))) for u in package.units]
    middle = sum(counts) // 2
    start = 0
    chosen, stop = None, 0
    for index, count in enumerate(counts):
        if start <= middle < start + count and count >= 2:
            chosen, stop = index, max(1, middle - start)
        start += count
    if chosen is None:
        chosen = max(range(len(counts)), key=lambda i: counts[i])
        stop = counts[chosen] // 2
    unit = package.units[chosen]
    items = items_of(data, unit_lesson(unit))
    steps = list(plain)
    steps[chosen:chosen + 1] = [_step(unit, PLAIN, stop_at=stop), _step(unit, PLAIN)]
    intent = {"resume_unit": unit.id,
              "resume_item": items[stop]["id"] if stop < len(items) else "results"}
    return PathPlan("resume", tuple(steps), intent)
