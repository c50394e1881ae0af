"""LMS profiles as data: one TOML file per LMS in ``resources/lms``, read strictly.

A profile file names the LMS (``name``, ``label``, ``version``) and lists, in its
``[package]``, ``[player]`` and ``[lms]`` tables, only the switches that differ from the
defaults of :mod:`studio.export.lms_switches` (plus ``package.formats``, always given). Each
switch is an inline table ``{ value = ..., source = "..." }``: the public source is part of
the data. Adding an LMS is adding one file.
"""

from __future__ import annotations

import tomllib
from dataclasses import fields
from pathlib import Path

from studio.errors import ExportError
from studio.export.formats import available_formats, get_format
from studio.export.lms_switches import (
    RESPONSE_LIMITS,
    SECTIONS,
    SUSPEND_DATA_LIMITS,
    LmsBehaviour,
    LmsProfile,
    PackageSwitches,
    PlayerSwitches,
    default_sources,
)
from studio.resources import resources_dir

__all__ = ["LmsBehaviour", "LmsProfile", "PackageSwitches", "PlayerSwitches",
           "all_profiles", "available_profiles", "choose_format", "load_profile",
           "player_config", "profiles_folder"]

SUFFIX = ".toml"
_HEAD = {"name", "label", "version"}


def profiles_folder() -> Path:
    """The folder of the shipped profiles, ``resources/lms``."""
    return resources_dir() / "lms"


def available_profiles(profiles_dir: Path | None = None) -> list[str]:
    """The names of every profile (file stems of ``*.toml``), sorted; [] when the folder is
    missing."""
    folder = profiles_dir or profiles_folder()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob(f"*{SUFFIX}") if p.is_file())


def load_profile(name: str, profiles_dir: Path | None = None) -> LmsProfile:
    """The profile ``name`` read from ``profiles_dir`` (default :func:`profiles_folder`).

    Raises ``ExportError`` for an unknown name (naming the known ones) and for a file that is
    not valid TOML or breaks the profile rules: an unknown key, a value of the wrong type or
    outside its vocabulary, a switch without a ``source``, a missing ``package.formats``,
    a ``name`` other than the file's; the message names the file and the key.
    """
    folder = profiles_dir or profiles_folder()
    known = available_profiles(folder)
    if name not in known:
        raise ExportError(f"Unknown LMS '{name}'; choose one of: {', '.join(known)}.")
    path = folder / f"{name}{SUFFIX}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ExportError(f"The LMS profile {path} cannot be read: {exc}.") from exc
    return _profile(path, data)


def all_profiles(profiles_dir: Path | None = None) -> list[LmsProfile]:
    """Every profile, by name; raises ``ExportError`` as :func:`load_profile` does."""
    return [load_profile(name, profiles_dir) for name in available_profiles(profiles_dir)]


def _refuse(path: Path, key: str, why: str) -> ExportError:
    return ExportError(f"The LMS profile {path.name}: {key} {why}.")


def _profile(path: Path, data: dict) -> LmsProfile:
    unknown = sorted(set(data) - _HEAD - set(SECTIONS))
    if unknown:
        raise _refuse(path, unknown[0], "is not a profile key")
    for key in sorted(_HEAD):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise _refuse(path, key, "must be a non-empty string")
    if data["name"] != path.stem:
        raise _refuse(path, "name", f"must be '{path.stem}', the file's name")
    sources = default_sources()
    groups = {}
    for section, kind in SECTIONS.items():
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise _refuse(path, section, "must be a table")
        groups[section] = kind(**_switches(path, section, kind, table, sources))
    if "formats" not in data.get("package", {}):
        raise _refuse(path, "package.formats", "is missing (the formats the LMS takes)")
    return LmsProfile(data["name"], data["label"], data["version"], groups["package"],
                      groups["player"], groups["lms"], sources)


def _switches(path: Path, section: str, kind: type, table: dict,
              sources: dict[str, str]) -> dict[str, object]:
    declared = {f.name: f for f in fields(kind)}
    values: dict[str, object] = {}
    for name, entry in table.items():
        key = f"{section}.{name}"
        if name not in declared:
            raise _refuse(path, key, "is not a switch")
        if not isinstance(entry, dict) or set(entry) - {"value", "source"}:
            raise _refuse(path, key, "must be { value = ..., source = \"...\" }")
        source = entry.get("source")
        if not isinstance(source, str) or not source.strip():
            raise _refuse(path, key, "has no source")
        if "value" not in entry:
            raise _refuse(path, key, "has no value")
        values[name] = _checked(path, key, declared[name], entry["value"])
        sources[key] = source.strip()
    return values


def _checked(path: Path, key: str, declared, value: object) -> object:
    default = declared.default
    choices = declared.metadata["choices"]
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _refuse(path, key, "must be a list of strings")
        allowed = available_formats() if key == "package.formats" else choices
        if key == "package.formats" and not value:
            raise _refuse(path, key, "must name at least one format")
        wrong = [v for v in value if allowed is not None and v not in allowed]
        if wrong:
            raise _refuse(path, key, f"has '{wrong[0]}', not one of: {', '.join(allowed)}")
        return tuple(value)
    if type(value) is not type(default):  # bool is not an int here, nor an int a bool
        kind = {bool: "true or false", int: "a whole number", str: "a string"}
        raise _refuse(path, key, f"must be {kind[type(default)]}")
    if isinstance(value, int) and not isinstance(value, bool) and value < 0:
        raise _refuse(path, key, "must not be negative")
    if choices is not None and value not in choices:
        raise _refuse(path, key, f"must be one of: {', '.join(repr(c) for c in choices)}")
    return value


def edition_key(profile: LmsProfile, format_name: str) -> str:
    """Which edition's limits apply to a format: ``scorm12``, ``scorm2004-3rd`` or
    ``scorm2004-4th`` (the profile's 2004 edition), or the format's own name (no limits)."""
    if format_name == "scorm2004":
        return f"scorm2004-{profile.package.scorm2004_edition}"
    return format_name


def player_config(profile: LmsProfile, format_name: str) -> dict:
    """``COURSE_DATA.lms`` for a package of ``format_name`` made for ``profile``:
    ``{"name", "label", "version", "launch", "player": {switch: value}}``, the player's
    switches verbatim but ``response_limit`` and ``suspend_data_limit`` cut to the edition's
    limits (characters; SCORM 1.2 RTE §3.4, SCORM 2004 RTE §4.2; no cut for cmi5, xAPI)."""
    player = {f.name: getattr(profile.player, f.name) for f in fields(PlayerSwitches)}
    edition = edition_key(profile, format_name)
    for switch, limits in (("response_limit", RESPONSE_LIMITS),
                           ("suspend_data_limit", SUSPEND_DATA_LIMITS)):
        if edition in limits:
            player[switch] = min(player[switch], limits[edition])
    return {"name": profile.name, "label": profile.label, "version": profile.version,
            "launch": profile.package.launch, "player": player}


def choose_format(profile: LmsProfile, requested: str | None) -> str:
    """The format to export for ``profile``: ``requested`` when the LMS takes it, the
    LMS's best format when nothing is requested. Raises ``ExportError`` in one line naming
    what the LMS takes ("Docebo takes scorm12 or scorm2004, not cmi5.") for a format it
    does not take, and for an unknown format name."""
    if requested is None:
        return profile.formats[0]
    get_format(requested)
    if requested not in profile.formats:
        *others, last = profile.formats
        takes = f"{', '.join(others)} or {last}" if others else last
        raise ExportError(f"{profile.label} takes {takes}, not {requested}.")
    return requested
