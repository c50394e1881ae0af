"""The course's brand kit: choosing it, overriding single values, and reading the effective
kit that exports and previews wear."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from studio.brand import BrandKit, adjust_kit, check_contrast, failing_pairs, read_font, resolve_kit
from studio.brand.builtin import FILE_KEYS, OVERRIDE_KEYS, kit_reference, normalise_override
from studio.commands.content import add_asset
from studio.commands.properties import stored_settings
from studio.errors import BrandKitError
from studio.model import Course
from studio.store import Project, dumps

ASSET_KINDS = {"logo": "image", "favicon": "image", "body_font": "font",
               "heading_font": "font"}  # the Asset.kind each file-valued setting holds


@dataclass(frozen=True)
class ThemeResult:
    """What :func:`set_theme` stored: the effective ``kit`` and, when it adjusted colours,
    one line per change (``"light primary #7FB2E5 -> #2F6EA9"``)."""

    kit: BrandKit
    changes: list[str] = field(default_factory=list)


def course_kit(course: Course, assets_dir: Path) -> BrandKit:
    """The effective kit of ``course``: its kit reference (``settings.kit``) with its
    overrides (``settings.theme``), logo, favicon and font overrides read from their assets
    under ``assets_dir`` (the bundle's ``media/`` folder).

    A shared kit file is read at every call, so editing it re-brands every course that
    refers to it. Raises :class:`BrandKitError` for a shared kit that is missing (naming its
    path; the course keeps the reference), or an asset that is no longer in the project.
    """
    settings = course.settings
    return resolve_kit(settings.kit, theme_paths(dict(settings.theme), course, assets_dir))


def theme_paths(theme: dict[str, str], course: Course, assets_dir: Path,
                paths: bool = False) -> dict[str, str]:
    """``theme`` (setting -> value, as ``CourseSettings.theme`` holds it) with its file-valued
    settings (``FILE_KEYS``: logo, favicon, fonts) as file paths: an asset id becomes its file
    under ``assets_dir``; with ``paths``, a value that is no asset id is taken as a path
    already. Raises BrandKitError for an asset id the course no longer has (without
    ``paths``)."""
    out = dict(theme)
    for key in FILE_KEYS:
        if key not in out:
            continue
        asset = course.assets.get(out[key])
        if asset is not None:
            out[key] = str(assets_dir / asset.filename)
        elif not paths:
            raise BrandKitError(f"Theme: {key}: asset {out[key]} is no longer in the "
                                f"project; choose the file again.")
    return out


def set_theme(project: Project, kit: str | None = None,
              overrides: dict[str, str | None] | None = None,
              adjust: bool = False) -> ThemeResult:
    """Choose the course's kit and/or change single values of it, as one undoable edit.

    ``kit``: None keeps the current kit and its overrides; "" (the default kit), a built-in
    name or a path to a kit folder or file (stored as an absolute path) chooses that kit and
    drops the earlier overrides. ``overrides`` maps keys of
    :data:`studio.brand.OVERRIDE_KEYS` to text, None removing one; ``logo``, ``favicon``,
    ``body_font``, ``heading_font`` take an asset id of the project or a file path, which is
    stored first as an asset (kind "image" or "font", content-addressed).

    The effective kit is checked against WCAG 2.2 AA contrast (SC 1.4.3, SC 1.4.11): a kit
    that fails raises :class:`~studio.errors.ContrastError` listing the failing pairs and
    nothing is stored, unless ``adjust``, which stores the nearest passing shades of the
    failing colours as overrides and reports them in ``changes``. Raises
    :class:`BrandKitError` for a kit or a value that cannot be used; nothing is stored then.
    """
    course = project.course()
    overrides = dict(overrides or {})
    unknown = sorted(set(overrides) - set(OVERRIDE_KEYS))
    if unknown:
        raise BrandKitError(f"Theme: unknown setting {unknown[0]!r} (known: "
                            f"{', '.join(OVERRIDE_KEYS)}).")
    reference = course.settings.kit if kit is None else kit_reference(kit)
    theme = {} if kit is not None else dict(course.settings.theme)
    for key, value in overrides.items():
        if value is None:
            theme.pop(key, None)
        else:
            theme[key] = normalise_override(key, value)

    def effective() -> BrandKit:
        return resolve_kit(reference, theme_paths(theme, course, project.media_dir, paths=True))

    chosen, changes = effective(), []
    for _ in range(3 if adjust else 0):  # re-derived colours may need a second fit
        adjusted, lines = adjust_kit(chosen) if failing_pairs(chosen) else (chosen, [])
        if not lines:
            break
        changes += lines
        for scheme, palette in adjusted.palettes():
            before = chosen.light if scheme == "light" else chosen.dark
            for role, value in vars(palette).items():
                if getattr(before, role) != value:
                    theme[f"{scheme}.{role}"] = value
        chosen = effective()
    check_contrast(chosen)
    with project.group("Theme"):
        for key in FILE_KEYS:
            if key in theme and theme[key] not in course.assets:
                theme[key] = _store(project, Path(theme[key]).expanduser(), ASSET_KINDS[key])
        with project.edit("Theme") as tx:
            stored = stored_settings(tx.row("course", 1))
            stored.update(kit=reference, theme=dict(sorted(theme.items())))
            tx.update("course", 1, settings=dumps(stored))
    return ThemeResult(chosen, changes)


def _store(project: Project, path: Path, kind: str) -> str:
    """Store a logo/favicon as it is, a font as its WOFF2 (converted once, here, not at every
    export); returns the asset id."""
    if kind != "font" or path.suffix.lower() == ".woff2":
        sha, filename = project.store_media(path)
        return add_asset(project, sha, filename, path.name, kind, path.stat().st_size)
    face = read_font(path)
    project.refuse_if_read_only()
    project.cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=project.cache_dir) as folder:
        converted = Path(folder) / f"{path.stem}.woff2"
        converted.write_bytes(face.data)
        sha, filename = project.store_media(converted)
    return add_asset(project, sha, filename, path.name, kind, len(face.data))
