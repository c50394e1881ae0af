"""The course's brand kit in the package, and the cover facts of the course data.

A package always carries ``theme/theme.css`` (the player links it after ``player.css``):
the kit's light palette as the ``--cp-*`` custom properties on ``:root``, its dark palette
under ``@media screen and (prefers-color-scheme: dark)`` when it has one (Media Queries
Level 5 §11.5; screen only, so that a page printed from a dark browser prints the light palette),
its radius and font families, and one ``@font-face`` rule per font file (CSS Fonts Level 4
§4, ``font-display: swap``). Font files go to ``theme/fonts/``, the logo to
``theme/logo.<svg|png>``, the favicon to ``theme/favicon.<png|svg|ico>``; the fonts' licence
files travel beside them in ``theme/fonts/`` (SIL OFL 1.1 condition 2). Same kit, same
bytes: rules are written in a fixed order, files sorted by name, no timestamps.

The favicon link of ``index.html`` is a placeholder; the player (``player/theme.js``) points
it at ``COURSE_DATA.theme.favicon`` when the page starts, so ``index.html`` stays the same file
for every course.
"""

from __future__ import annotations

import re

from studio.brand import BrandKit, Palette, check_contrast
from studio.commands.brand import course_kit
from studio.errors import BrandKitError, ContrastError, ExportError
from studio.export.package import PackageFile
from studio.model import Course, Page, Quiz, Slide, VideoClip
from studio.quiz.types import QUESTION_TYPES

THEME_FOLDER = "theme"
THEME_CSS = f"{THEME_FOLDER}/theme.css"
FONT_FOLDER = f"{THEME_FOLDER}/fonts"

# How long what has no running time takes a learner: the one estimate behind
# COURSE_DATA.course.duration (the cover's "About N minutes").
READING_WORDS_PER_MINUTE = 200  # an adult's silent reading of instructional text
PAGE_MINIMUM_SECONDS = 20.0  # a page is never "read" in less
QUESTION_SECONDS = 45.0  # reading, answering and reading the feedback of one question

# The palette roles in the order theme.css writes them, with their custom property.
PROPERTIES = (("primary", "--cp-primary"), ("on_primary", "--cp-on-primary"),
              ("accent", "--cp-accent"), ("background", "--cp-background"),
              ("surface", "--cp-surface"), ("text", "--cp-text"), ("muted", "--cp-muted"),
              ("line", "--cp-line"), ("success", "--cp-success"), ("error", "--cp-error"),
              ("partial", "--cp-partial"))
# CSS generic families and system keywords: written as keywords, never quoted.
GENERIC_FAMILIES = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy",
                              "system-ui", "ui-serif", "ui-sans-serif", "ui-monospace",
                              "ui-rounded", "math", "emoji", "fangsong"})
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def export_kit(course: Course, assets_dir) -> BrandKit:
    """The course's effective kit (``studio.commands.brand.course_kit``), checked again for
    WCAG 2.2 AA contrast (a shared kit may have been edited since it was chosen).

    Raises ``ExportError`` with the ``ContrastError``'s or ``BrandKitError``'s one line (a
    missing shared kit file, a failing pair) so nothing is written.
    """
    try:
        kit = course_kit(course, assets_dir)
        check_contrast(kit)
    except (BrandKitError, ContrastError) as exc:
        raise ExportError(str(exc)) from None
    return kit


def css_string(text: str) -> str:
    """``text`` as a CSS string token in double quotes (CSS Syntax Level 3 §4.3.5): quotes
    and backslashes escaped, line breaks and other control characters as hex escapes."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def font_family(name: str) -> str:
    """A family name as a CSS value: a generic family as its keyword, any other quoted."""
    return name if name in GENERIC_FAMILIES else css_string(name)


def font_file_names(kit: BrandKit) -> list[str]:
    """The package name of each of ``kit.faces`` (same order): its file name made safe for a
    URL (letters, digits, ``.``, ``_``, ``-``), ending ``.woff2``, unique within the kit."""
    names: list[str] = []
    for index, face in enumerate(kit.faces):
        stem = _UNSAFE_NAME.sub("-", face.name.rsplit(".", 1)[0]).strip("-.") or "font"
        name = f"{stem}.woff2"
        if name in names:
            name = f"{stem}-{index + 1}.woff2"
        names.append(name)
    return names


def _palette_lines(palette: Palette, indent: str) -> list[str]:
    return [f"{indent}{prop}: {getattr(palette, role)};" for role, prop in PROPERTIES]


def theme_css(kit: BrandKit) -> bytes:
    """The text of ``theme/theme.css`` for ``kit`` (see the module), UTF-8. A family left
    empty keeps the player's own default (the system font stack)."""
    lines = ["/* Brand kit: written at export. player.css reads these properties. */"]
    for face, name in zip(kit.faces, font_file_names(kit), strict=True):
        lines += ["@font-face {",
                  f"  font-family: {css_string(face.family)};",
                  f"  font-style: {face.style};",
                  f"  font-weight: {face.weight};",
                  "  font-display: swap;",
                  f'  src: url("fonts/{name}") format("woff2");',
                  "}"]
    lines += [":root {", *_palette_lines(kit.light, "  "), f"  --cp-radius: {kit.radius}px;"]
    if kit.body_family:
        lines.append(f"  --cp-font-body: {font_family(kit.body_family)};")
    if kit.heading_family:
        lines.append(f"  --cp-font-heading: {font_family(kit.heading_family)};")
    lines.append("}")
    if kit.dark is not None:
        lines += ["@media screen and (prefers-color-scheme: dark) {", "  :root {",
                  "    color-scheme: dark;", *_palette_lines(kit.dark, "    "), "  }", "}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def logo_name(kit: BrandKit) -> str | None:
    """The logo's package path (``theme/logo.svg`` or ``.png``), None without a logo."""
    return f"{THEME_FOLDER}/logo.{kit.logo_type}" if kit.logo is not None else None


def favicon_name(kit: BrandKit) -> str | None:
    """The favicon's package path (``theme/favicon.png|svg|ico``), None without one."""
    return f"{THEME_FOLDER}/favicon.{kit.favicon_type}" if kit.favicon is not None else None


def licence_names(kit: BrandKit) -> list[str]:
    """The package path of each of ``kit.font_licenses`` (same order):
    ``theme/fonts/<file name made URL-safe>``; none when the kit ships no font file."""
    if not kit.faces:
        return []
    return [f"{FONT_FOLDER}/{_UNSAFE_NAME.sub('-', name).strip('-.') or 'LICENSE.txt'}"
            for name, _ in kit.font_licenses]


def theme_files(kit: BrandKit) -> list[PackageFile]:
    """Every package file of ``kit``, sorted by name: ``theme/theme.css``, its fonts and
    their licence files, the logo and the favicon when it has them."""
    files = [PackageFile.from_bytes(THEME_CSS, theme_css(kit))]
    files += [PackageFile.from_bytes(f"{FONT_FOLDER}/{name}", face.data)
              for face, name in zip(kit.faces, font_file_names(kit), strict=True)]
    files += [PackageFile.from_bytes(path, data) for path, (_, data)
              in zip(licence_names(kit), kit.font_licenses, strict=False)]
    if kit.logo is not None:
        files.append(PackageFile.from_bytes(logo_name(kit), kit.logo))
    if kit.favicon is not None:
        files.append(PackageFile.from_bytes(favicon_name(kit), kit.favicon))
    return sorted(files, key=lambda f: f.name)


def theme_data(kit: BrandKit, language: str) -> dict:
    """``COURSE_DATA.theme``: ``name``, ``logo`` (package path or None), ``logoAlt``,
    ``favicon`` (package path or None), ``buttonStyle`` (solid | outline | pill) and
    ``strings``, the kit's player strings for ``language`` (BCP 47; exact tag, then its
    primary subtag, else none)."""
    return {"name": kit.name, "logo": logo_name(kit),
            "logoAlt": kit.logo_alt if kit.logo is not None else "",
            "favicon": favicon_name(kit), "buttonStyle": kit.button_style,
            "strings": dict(sorted(kit.strings_for(language).items()))}


def _questions_asked(item: Quiz) -> int:
    asked = sum(1 for q in item.questions if QUESTION_TYPES[q.type].interaction is not None)
    return min(asked, item.draw) if item.draw else asked


def item_seconds(item) -> float:
    """A learner's time on one item, in seconds: a clip's cut length or a slide's duration,
    plus ``QUESTION_SECONDS`` per question at its cue points, a page's words at
    ``READING_WORDS_PER_MINUTE`` (at least ``PAGE_MINIMUM_SECONDS``), ``QUESTION_SECONDS`` per
    question a quiz attempt asks."""
    if isinstance(item, VideoClip | Slide):
        return item.duration + QUESTION_SECONDS * sum(1 for q in item.questions if q.cue_id)
    if isinstance(item, Page):
        return max(PAGE_MINIMUM_SECONDS, len(item.text.split()) * 60 / READING_WORDS_PER_MINUTE)
    if isinstance(item, Quiz):
        return QUESTION_SECONDS * _questions_asked(item)
    return 0.0


def course_duration(course: Course) -> float:
    """The course's estimated length in seconds (:func:`item_seconds` of every item),
    rounded to 0.1 s."""
    return round(sum(item_seconds(item) for item in course.items()), 1)


def cover_data(course: Course) -> dict:
    """The ``COURSE_DATA.course`` fields of the cover, end page and resume choice:
    ``resume``, ``unrecorded``, ``cover``, ``certificate``, ``objectives`` (list),
    ``endMessage`` and ``duration`` (seconds, :func:`course_duration`)."""
    settings = course.settings
    return {"resume": settings.resume, "unrecorded": settings.unrecorded,
            "cover": settings.cover, "certificate": settings.certificate,
            "objectives": list(settings.objectives), "endMessage": settings.end_message,
            "duration": course_duration(course)}
