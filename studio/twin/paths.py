"""The scripted learner's paths through a course, run by the LMS twin.

Each path is one way a learner goes through a package; the twin records what the LMS keeps
on each. The names are shared by the runner, the scripted learner (``resources/twin/
learner.js``), the record sheet and the command line.
"""

from __future__ import annotations

from studio.errors import TwinError

PATHS: tuple[str, ...] = ("complete", "resume", "retry", "question-types", "long-course")

PATH_DESCRIPTIONS: dict[str, str] = {
    "complete": "view everything, pass every quiz, close the LMS window",
    "resume": "view about half, close the tab abruptly, relaunch, resume and finish",
    "retry": "fail the scored quiz, pass it on retry, close",
    "question-types": "answer one question of every question type, close",
    "long-course": ("a course of at least 1,000 items viewed to its last item, closed, "
                    "relaunched and finished"),
}


def check_paths(names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """``names`` as a tuple, in the order given, each checked against :data:`PATHS`.

    Raises :class:`~studio.errors.TwinError` naming the known paths for an unknown one, or
    when ``names`` is empty.
    """
    if not names:
        raise TwinError(f"Name at least one path: {', '.join(PATHS)}.")
    for name in names:
        if name not in PATHS:
            raise TwinError(f"Unknown path '{name}': the paths are {', '.join(PATHS)}.")
    return tuple(names)
