"""Settings of the course and of items (quiz rules, slide text, page text)."""

from __future__ import annotations

import json
from dataclasses import fields

from studio.commands._base import _require, _title
from studio.errors import InvalidEditError
from studio.history import Tx
from studio.item_kinds import ASSET, KindSettings, check_number, settings_of
from studio.language import language_tag
from studio.model import (
    RESUME_CHOICES,
    UNRECORDED_CHOICES,
    CompletionRule,
    CourseSettings,
    parse_resolution,
    resolution_text,
)
from studio.narration.voice import check_engine, check_loudness, check_pitch, check_rate
from studio.store import Project, dumps

COURSE_FIELDS = {"title", "description", "language", "author", "version", "completion",
                 "completion_threshold", "mastery_score"}
SETTING_FIELDS = {f.name for f in fields(CourseSettings)}  # kept in the row's settings JSON


def set_course(project: Project, **values: object) -> None:
    """Change course fields (``COURSE_FIELDS``) and course settings (``SETTING_FIELDS``) as
    one undoable edit (completion_threshold a fraction 0..1, mastery_score a percent
    0..100 or None, language a BCP 47 tag stored normalised as
    :func:`studio.language.language_tag` gives it: ``en_gb`` -> ``en-GB``).

    ``resolution`` takes ``"WIDTHxHEIGHT"`` text or a pair of integers, in pixels;
    ``resume`` one of :data:`~studio.model.RESUME_CHOICES`, ``unrecorded`` one of
    :data:`~studio.model.UNRECORDED_CHOICES`, ``cover``/``certificate`` true or false (or
    the text true/false/yes/no), ``objectives`` a list of texts or one ``|``-separated text
    (empty entries dropped), ``end_message`` text. Narration defaults:
    ``narration_engine`` one of :data:`~studio.narration.voice.ENGINE_NAMES`,
    ``narration_voice`` a voice id ("" = the engine's default), ``narration_rate`` whole
    words per minute and ``narration_pitch`` 0..100 (``RATE_RANGE``, ``PITCH_RANGE``),
    ``loudness`` LUFS within ``LOUDNESS_RANGE`` (all of :mod:`studio.narration.voice`; text
    such as "160" accepted). ``kit`` and ``theme`` are refused here:
    :func:`studio.commands.brand.set_theme` sets them, and ``glossary``:
    :func:`studio.commands.narration.set_glossary_entry` edits it, and
    ``a11y_statements``: :func:`studio.commands.accessibility.set_statement`. Raises
    ``InvalidEditError`` for an unknown key, a value out of range or a language that is not
    a tag; nothing is changed then.
    """
    unknown = set(values) - COURSE_FIELDS - SETTING_FIELDS
    if unknown:
        raise InvalidEditError(f"Unknown course setting: {', '.join(sorted(unknown))}.")
    settings = {key: values.pop(key) for key in SETTING_FIELDS & set(values)}
    if {"kit", "theme"} & set(settings):
        raise InvalidEditError("The brand kit and theme are set with the theme command "
                               "(studio theme), which checks their contrast.")
    if "glossary" in settings:
        raise InvalidEditError("The glossary is edited one entry at a time (studio glossary).")
    if "a11y_statements" in settings:
        raise InvalidEditError("Accessibility statements are made one criterion at a time "
                               "(studio attest).")
    if "resolution" in settings:
        try:
            settings["resolution"] = resolution_text(parse_resolution(settings["resolution"]))
        except ValueError as exc:
            message = str(exc)
            raise InvalidEditError(f"{message[:1].upper()}{message[1:]}.") from None
    for key, value in settings.items():
        if key in _PRESENTATION:
            settings[key] = _PRESENTATION[key](value)
    for key in ("description", "language", "author", "version"):
        if key in values and not isinstance(values[key], str):
            raise InvalidEditError(f"The course {key} must be text.")
    if "title" in values:
        values["title"] = _title(str(values["title"]))
    if "language" in values:
        values["language"] = language_tag(values["language"])
    if "completion" in values:
        try:
            values["completion"] = CompletionRule(values["completion"]).value
        except ValueError:
            choices = ", ".join(r.value for r in CompletionRule)
            raise InvalidEditError(f"Completion rule must be one of: {choices}.") from None
    if values.get("mastery_score") is not None:
        values["mastery_score"] = check_number(values["mastery_score"], "Mastery score", 0, 100)
    if "completion_threshold" in values:
        values["completion_threshold"] = check_number(
            values["completion_threshold"], "Completion threshold", 0, 1)
    with project.edit("Course settings") as tx:
        if settings:
            values["settings"] = dumps({**stored_settings(tx.row("course", 1)), **settings})
        tx.update("course", 1, **values)


def _choice(key: str, choices: tuple[str, ...]):
    def check(value: object) -> str:
        if value not in choices:
            raise InvalidEditError(f"The course {key} setting must be one of "
                                   f"{', '.join(choices)}, not {value!r}.")
        return value
    return check


def _flag(key: str):
    def check(value: object) -> bool:
        words = {"true": True, "yes": True, "on": True, "false": False, "no": False,
                 "off": False}
        if isinstance(value, str) and value.strip().lower() in words:
            return words[value.strip().lower()]
        if not isinstance(value, bool):
            raise InvalidEditError(f"The course {key} setting is true or false, not {value!r}.")
        return value
    return check


OBJECTIVES_SEPARATOR = "|"  # between learning objectives given as one text (the shell)


def _objectives(value: object) -> list[str]:
    entries = value.split(OBJECTIVES_SEPARATOR) if isinstance(value, str) else value
    if not isinstance(entries, list | tuple) or not all(isinstance(e, str) for e in entries):
        raise InvalidEditError("Objectives are texts, given on the shell as one text "
                               "separated by | (\"Spot a hazard|Report it\").")
    return [" ".join(entry.split()) for entry in entries if entry.strip()]


def _message(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidEditError(f"The course end message must be text, not {value!r}.")
    return value.strip()


def _text_setting(key: str, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidEditError(f"The course {key} setting must be text, not {value!r}.")
    return value.strip()


_PRESENTATION = {
    "resume": _choice("resume", RESUME_CHOICES),
    "unrecorded": _choice("unrecorded", UNRECORDED_CHOICES),
    "cover": _flag("cover"), "certificate": _flag("certificate"),
    "objectives": _objectives, "end_message": _message,
    "narration_engine": check_engine, "narration_rate": check_rate,
    "narration_pitch": check_pitch, "loudness": check_loudness,
    "narration_voice": lambda value: _text_setting("narration_voice", value),
}



def stored_settings(row: dict | None) -> dict:
    """The course row's ``settings`` JSON as a dict ({} when unreadable), for commands that
    rewrite one setting and keep the others."""
    try:
        stored = json.loads((row or {}).get("settings") or "{}")
    except ValueError:
        return {}  # unreadable: the new settings replace it
    return stored if isinstance(stored, dict) else {}


def set_item(project: Project, item_id: str, **values: object) -> None:
    """Set an item's settings, as its kind's table in :mod:`studio.item_kinds` declares them.

    ``values`` maps setting names to new values (e.g. ``pass_mark=80`` on a quiz,
    ``duration=4.5`` seconds on a slide). Raises :class:`NotFoundError` for an unknown item
    or asset and :class:`InvalidEditError` for a setting the kind lacks or a refused value.
    """
    with project.edit("Set properties") as tx:
        row = _require(tx, "items", item_id, "item")
        kind = settings_of(row["kind"])
        props = kind.apply(json.loads(row["props"]), values)
        check_assets(tx, kind, values)
        tx.update("items", item_id, props=dumps(props))


def check_assets(tx: Tx, kind: KindSettings, values: dict) -> None:
    """Every asset a setting in ``values`` names exists; :class:`NotFoundError` if not."""
    for name, value in values.items():
        if kind[name].type == ASSET and value is not None:
            _require(tx, "assets", str(value), "asset")
