"""`studio lms list` and `studio lms show NAME`: the LMS profiles and what each switches."""

from __future__ import annotations

import json
from dataclasses import fields

from studio.cli.output import print_json, say


def _value(value: object) -> str:
    return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def _switches(profile) -> list[tuple[str, object, str, bool]]:
    """(section.switch, value, source, differs from the default) of every switch."""
    from studio.export.lms_switches import SECTIONS

    changed = profile.changed()
    return [(f"{section}.{f.name}", getattr(getattr(profile, section), f.name),
             profile.sources[f"{section}.{f.name}"], f"{section}.{f.name}" in changed)
            for section, kind in SECTIONS.items() for f in fields(kind)]


def cmd_lms_list(args) -> None:
    from studio.export.lms_profiles import all_profiles

    profiles = all_profiles()
    if args.json:
        print_json([{"name": p.name, "label": p.label, "version": p.version,
                     "formats": list(p.formats),
                     "switches": {key: _plain(value) for key, value in p.changed().items()
                                  if key != "package.formats"}}
                    for p in profiles])
        return
    for number, profile in enumerate(profiles):
        if number:
            say()
        say(f"{profile.name}: {profile.label} (profile {profile.version})")
        say(f"  formats: {', '.join(profile.formats)}")
        changed = {k: v for k, v in profile.changed().items() if k != "package.formats"}
        for key, value in changed.items():
            say(f"  {key}={_value(value)}")
        if not changed:
            say("  every other switch as the standards say")


def cmd_lms_show(args) -> None:
    from studio.export.lms_profiles import load_profile

    profile = load_profile(args.name)
    rows = _switches(profile)
    if args.json:
        print_json({"name": profile.name, "label": profile.label, "version": profile.version,
                    "switches": {key: {"value": _plain(value), "source": source,
                                       "default": not differs}
                                 for key, value, source, differs in rows}})
        return
    say(f"{profile.name}: {profile.label} (profile {profile.version}); * differs from the "
        "default")
    for key, value, source, differs in rows:
        say(f"{'*' if differs else ' '} {key}={_value(value)}")
        say(f"      {source}")
