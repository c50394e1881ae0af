"""`studio theme DIR`: the course's brand kit, its single values and its contrast table."""

from __future__ import annotations

import argparse
from pathlib import Path

from studio.cli.output import print_json, say
from studio.errors import BrandKitError, ContrastError, StudioError

FILE_OPTIONS = {"logo": "logo", "favicon": "favicon", "body_font": "body_font",
                "heading_font": "heading_font"}
TEXT_OPTIONS = ("logo_alt", "body_family", "heading_family", "button_style")


def add_theme_parser(add) -> None:
    """The `theme` subcommand's grammar, on the parser's ``add`` helper."""
    from studio.brand.builtin import BUILTIN_KITS
    from studio.brand.kit import BUTTON_STYLES, RADIUS_RANGE, ROLES

    p = add("theme", "Show or change the course's brand kit: colours, fonts, shape, logo; "
            "every change is checked against WCAG 2.2 AA contrast.", cmd_theme, project=False)
    p.add_argument("dir", metavar="DIR", nargs="?",
                   help="the course project folder (Name.course); not needed with --list")
    choose = p.add_mutually_exclusive_group()
    choose.add_argument("--kit", metavar="FILE|NAME",
                        help=f"use a kit: a built-in one ({', '.join(BUILTIN_KITS)}) or a "
                        "kit folder or kit.toml, referenced so that editing it re-brands the "
                        "course (drops earlier single values)")
    choose.add_argument("--reset", action="store_true",
                        help="back to the default kit, without single values")
    for scheme in ("light", "dark"):
        prefix = "" if scheme == "light" else "dark-"
        for role in ROLES:
            p.add_argument(f"--{prefix}{role.replace('_', '-')}", dest=f"{scheme}.{role}",
                           metavar="#RRGGBB", help=argparse.SUPPRESS if role not in (
                               "primary", "accent", "background", "surface", "text")
                           and scheme == "dark" else f"{scheme} {role} colour")
    low, high = RADIUS_RANGE
    p.add_argument("--radius", type=int, metavar="N",
                   help=f"corner radius in pixels, {low}..{high}")
    p.add_argument("--button-style", choices=BUTTON_STYLES)
    p.add_argument("--logo", metavar="FILE", help="an SVG or PNG logo (stored in the project)")
    p.add_argument("--logo-alt", metavar="TEXT", help="the logo's alternative text")
    p.add_argument("--favicon", metavar="FILE", help="a PNG, SVG or ICO favicon")
    p.add_argument("--body-font", metavar="FILE", help="a WOFF2, WOFF, TTF or OTF font for text")
    p.add_argument("--heading-font", metavar="FILE", help="a font file for headings")
    p.add_argument("--body-family", metavar="NAME", help="the CSS family name of text")
    p.add_argument("--heading-family", metavar="NAME", help="the CSS family name of headings")
    p.add_argument("--adjust", action="store_true",
                   help="move failing colours to the nearest passing shade and say what "
                   "changed")
    p.add_argument("--save-kit", metavar="DIR",
                   help="write the effective kit as a shareable kit folder (refused when "
                   "DIR already holds a kit, unless --replace)")
    p.add_argument("--kit-name", metavar="NAME",
                   help="the name of the kit --save-kit writes (default: the folder's name)")
    p.add_argument("--replace", action="store_true",
                   help="let --save-kit replace the kit already in DIR (re-brands every "
                   "course that uses it)")
    p.add_argument("--list", action="store_true", help="list the built-in kits")
    p.add_argument("--json", action="store_true", help="print the result as JSON")


def _overrides(args) -> dict[str, str]:
    from studio.brand.kit import ROLES, SCHEMES

    values = {}
    for key in [f"{scheme}.{role}" for scheme in SCHEMES for role in ROLES]:
        if getattr(args, key) is not None:
            values[key] = getattr(args, key)
    if args.radius is not None:
        values["radius"] = str(args.radius)
    for key in (*FILE_OPTIONS, *TEXT_OPTIONS):
        if getattr(args, key) is not None:
            values[key] = getattr(args, key)
    return values


def cmd_theme(args) -> None:
    if args.list:
        _list(args)
        return
    if args.dir is None:
        raise StudioError("Say which course: studio theme DIR (or studio theme --list).")
    from studio.brand import BUILTIN_KITS, contrast_report, write_kit
    from studio.commands.brand import course_kit, set_theme
    from studio.store import Project

    overrides = _overrides(args)
    changes: list[str] = []
    if args.save_kit:
        _check_save_folder(Path(args.save_kit), args.replace)
    with Project.open(args.dir) as project:
        if overrides or args.kit is not None or args.reset or args.adjust:
            kit_ref = "" if args.reset else args.kit
            try:
                result = set_theme(project, kit=kit_ref, overrides=overrides,
                                   adjust=args.adjust)
            except BrandKitError as exc:
                raise StudioError(_as_options(exc.message)) from None
            except ContrastError as exc:
                lines = [exc.message.split(" contrast: ", 1)[0] + " contrast:"]
                lines += [f"  {result.describe()}" for result in exc.failures]
                lines.append("Nothing was changed; --adjust moves the failing colours to "
                             "the nearest passing shade.")
                raise StudioError("\n".join(lines)) from None
            kit, changes = result.kit, result.changes
        else:
            kit = course_kit(project.course(), project.media_dir)
        settings = project.course().settings
    saved = write_kit(kit, Path(args.save_kit), name=args.kit_name, replace=args.replace) \
        if args.save_kit else None
    report = contrast_report(kit)
    if args.json:
        print_json(_as_json(kit, settings, report, changes, saved))
        return
    for line in changes:
        say(f"Adjusted {line}")
    if changes:
        shared = settings.kit and settings.kit not in BUILTIN_KITS
        say("These colours are stored for this course only"
            + (f"; fix {settings.kit} to change every course that uses it." if shared
               else "."))
    _show(kit, settings, report)
    if saved is not None:
        say(f"Wrote {saved}")


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}" + ("" if number == 1 else "s")


def _check_save_folder(folder: Path, replace: bool) -> None:
    from studio.brand.writer import KitExistsError, check_kit_folder

    try:
        check_kit_folder(folder, replace)
    except KitExistsError as exc:
        raise StudioError(f"{exc.message} Give --replace to replace it.") from None


def _as_options(message: str) -> str:
    """A theme error naming a file setting (``Theme: body font x.svg: …``) as the option
    that gave it (``--body-font x.svg: …``)."""
    from studio.brand.builtin import FILE_KEYS

    for key in FILE_KEYS:
        option = "--" + key.replace("_", "-")
        for said in (f"Theme: {key}:", f"Theme: {key.replace('_', ' ')} "):
            if message.startswith(said):
                return option + message[len(said) - 1:]
    return message


def _reference(ref: str) -> str:
    from studio.brand.builtin import BUILTIN_KITS, DEFAULT_KIT

    if not ref:
        return f"built-in {DEFAULT_KIT}, the default"
    return f"built-in {ref}" if ref in BUILTIN_KITS else f"shared kit {ref}"


def _show(kit, settings, report) -> None:
    from studio.brand.kit import ROLES

    say(f"Kit: {kit.name} ({_reference(settings.kit)})")
    if settings.theme:
        say("Single values: " + ", ".join(f"{key}={value}" for key, value in settings.theme))
    say(f"  {'colour':<12}{'light':<10}{'dark' if kit.dark else ''}".rstrip())
    for role in ROLES:
        dark = getattr(kit.dark, role) if kit.dark else ""
        say(f"  {role:<12}{getattr(kit.light, role):<10}{dark}".rstrip())
    body = kit.body_family or "system fonts"
    say(f"Fonts: text {body}, headings {kit.heading_family or 'system fonts'}"
        + (f" ({_count(len(kit.faces), 'font file')})" if kit.faces else ""))
    say(f"Shape: {kit.radius} px corners, {kit.button_style} buttons")
    say(f"Logo: {kit.logo_type.upper()}, “{kit.logo_alt}”" if kit.logo else "Logo: none")
    failing = [result for result in report if not result.passed]
    say("Contrast (WCAG 2.2 AA): " + (f"{len(failing)} pairs fail" if failing
                                       else "every pair passes"))
    for result in report:
        mark = "ok  " if result.passed else "FAIL"
        say(f"  {mark} {result.scheme:<5} {result.foreground:>10} on {result.background:<10} "
            f"{result.ratio:5.2f}:1 (needs {result.required:g}:1)  {result.use}")


def _as_json(kit, settings, report, changes, saved) -> dict:
    from dataclasses import asdict

    return {
        "kit": settings.kit, "name": kit.name, "theme": dict(settings.theme),
        "light": asdict(kit.light), "dark": asdict(kit.dark) if kit.dark else None,
        "fonts": {"body": kit.body_family, "heading": kit.heading_family,
                  "files": [{"name": f.name, "family": f.family, "weight": f.weight,
                             "style": f.style, "bytes": len(f.data)} for f in kit.faces]},
        "radius": kit.radius, "button_style": kit.button_style,
        "logo": {"type": kit.logo_type, "alt": kit.logo_alt} if kit.logo else None,
        "favicon": kit.favicon_type,
        "strings": kit.strings,
        "contrast": [asdict(result) for result in report],
        "passed": all(result.passed for result in report),
        "changes": changes,
        **({"saved": str(saved)} if saved else {}),
    }


def _list(args) -> None:
    from studio.brand import BUILTIN_KITS, builtin_kit
    from studio.brand.builtin import DEFAULT_KIT

    kits = [(name, builtin_kit(name)) for name in BUILTIN_KITS]
    if args.json:
        print_json([{"name": name, "label": kit.name, "default": name == DEFAULT_KIT,
                     "dark": kit.dark is not None, "body": kit.body_family,
                     "heading": kit.heading_family} for name, kit in kits])
        return
    for name, kit in kits:
        fonts = kit.body_family or "system fonts"
        if kit.heading_family != kit.body_family:
            fonts += f", headings {kit.heading_family}"
        say(f"{name}: {kit.name}{' (the default)' if name == DEFAULT_KIT else ''}; {fonts}; "
            f"{'light and dark' if kit.dark else 'light only'}")
