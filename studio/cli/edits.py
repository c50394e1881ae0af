"""Edit subcommands: each maps a parsed command line onto one core command."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from studio import commands
from studio.cli.output import say
from studio.commands.publish import check_publish, set_publish
from studio.errors import InvalidEditError
from studio.publish import PUBLISH_FIELDS
from studio.store import Project

Edit = Callable[[Project, argparse.Namespace], object]


def parse_value(raw: str) -> object:
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def settings(pairs: list[str]) -> dict:
    values = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key:
            raise InvalidEditError(f"Settings are written KEY=VALUE, not {pair!r}.")
        values[key.replace("-", "_")] = parse_value(raw)
    return values


def _set(project: Project, args) -> None:
    values = settings(args.settings)
    if args.target == "course":
        publish = {key: values.pop(key) for key in PUBLISH_FIELDS if key in values}
        if "format" in publish:
            from studio.export.formats import get_format

            get_format(str(publish["format"]))  # an unknown format is refused, naming those known
        if publish.get("lms"):
            from studio.export.lms_profiles import load_profile

            load_profile(str(publish["lms"]))  # an unknown LMS is refused, naming those known
        check_publish(publish)  # before the course edit, so a refusal changes nothing
        if {"narration_engine", "narration_voice"} & set(values):
            _check_course_voice(project, values)
        if values or not publish:
            commands.set_course(project, **values)
        if publish:
            set_publish(project, **publish)
        return
    with project.group("Set properties"):
        if "title" in values:
            commands.rename(project, args.target, str(values.pop("title")))
        if values:
            commands.set_item(project, args.target, **values)


def _check_course_voice(project: Project, values: dict) -> None:
    from studio.media.voices import check_voice

    settings = project.course().settings
    engine = str(values.get("narration_engine", settings.narration_engine))
    check_voice(engine, str(values.get("narration_voice", settings.narration_voice)).strip())


def _page_text(args) -> str:
    if args.text_file:
        try:
            return Path(args.text_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidEditError(f"Cannot read {args.text_file}: {exc}.") from exc
    return args.text or ""


def _question_data(args) -> dict | None:
    if args.data is None:
        return None
    value = parse_value(args.data)
    if not isinstance(value, dict):
        raise InvalidEditError("--data takes a JSON object, e.g. '{\"answer\": true}'.")
    return value


def _set_question(project: Project, args) -> None:
    values = settings(args.settings)
    with project.group("Edit question"):
        if "pool" in values:
            commands.set_pool(project, args.id, str(values.pop("pool")))
        feedback = {k: values.pop(k) for k in ("correct", "incorrect", "general")
                    if k in values}
        if feedback:
            commands.set_feedback(project, args.id, **feedback)
        if values:
            unknown = set(values) - {"prompt", "points", "data", "type"}
            if unknown:
                raise InvalidEditError(f"A question has no setting {', '.join(sorted(unknown))}.")
            commands.edit_question(project, args.id, **values)


CUE_SETTINGS = {"title": commands.rename_cue, "time": commands.move_cue,
                "must_answer": commands.set_must_answer}


def _set_cue(project: Project, args) -> None:
    values = settings(args.settings)
    unknown = set(values) - set(CUE_SETTINGS)
    if unknown:
        raise InvalidEditError(f"A cue point has no setting {', '.join(sorted(unknown))}; "
                               f"it has {', '.join(CUE_SETTINGS)}.")
    if "time" in values and not isinstance(values["time"], int | float):
        raise InvalidEditError(f"time is in seconds, not {values['time']!r}.")
    if "must_answer" in values and not isinstance(values["must_answer"], bool):
        raise InvalidEditError("must_answer is true or false.")
    with project.group("Change cue point"):
        for key, value in values.items():
            CUE_SETTINGS[key](project, args.item, args.cue,
                              str(value) if key == "title" else value)


EDITS: dict[str, Edit] = {
    "add-module": lambda p, a: commands.add_module(p, a.title, a.index),
    "add-lesson": lambda p, a: commands.add_lesson(p, a.module, a.title, a.index),
    "add-page": lambda p, a: commands.add_page(p, a.lesson, a.title, _page_text(a), a.index),
    "add-quiz": lambda p, a: commands.add_quiz(p, a.lesson, a.title, a.index,
                                               **settings(a.settings)),
    "add-cue": lambda p, a: commands.add_cue(p, a.item, a.at, a.title or "", a.must_answer),
    "add-question": lambda p, a: commands.add_question(
        p, a.item, a.type, a.prompt, a.points, _question_data(a), a.pool, a.cue, a.index),
    "set-cue": _set_cue,
    "rm-cue": lambda p, a: (f"Removed the cue point and its "
                            f"{commands.remove_cue(p, a.item, a.cue)} question(s)."),
    "copy-question": lambda p, a: commands.copy_question_to_cue(p, a.id, a.to, a.cue),
    "rm-question": lambda p, a: commands.remove_question(p, a.id),
    "move-question": lambda p, a: commands.move_question(p, a.id, a.index),
    "set-question": _set_question,
    "trim": lambda p, a: commands.trim(p, a.id, getattr(a, "in"), a.out),
    "nudge": lambda p, a: commands.nudge(p, a.id, a.edge, a.by),
    "split": lambda p, a: commands.split(p, a.id, a.at),
    "move": lambda p, a: commands.move(p, a.id, a.to, a.index),
    "rm": lambda p, a: commands.remove(p, a.id),
    "rename": lambda p, a: commands.rename(p, a.id, a.title),
    "set": _set,
    "undo": lambda p, a: f"Undid: {p.undo()}",
    "redo": lambda p, a: f"Redid: {p.redo()}",
}


def edit_handler(name: str) -> Callable[[argparse.Namespace], None]:
    """A handler that opens the project, applies one edit and prints what it returned."""
    edit = EDITS[name]

    def handler(args) -> None:
        with Project.open(args.dir) as project:
            result = edit(project, args)
        if isinstance(result, str):
            say(result)
        elif isinstance(result, list) and result:
            print("Warning: cue point(s) now outside the clip: " + ", ".join(result))

    return handler
