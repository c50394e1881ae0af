"""A brand kit written out as a shareable kit folder: ``kit.toml`` (format 1, as
``resources/brand/README.md`` documents it) beside its font, logo and favicon files."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import tomli_w

from studio.brand.builtin import BUILTIN_KITS, builtin_dir
from studio.brand.kit import FORMAT, KIT_FILE, ROLES, BrandKit, Palette
from studio.errors import BrandKitError
from studio.files import write_atomically


class KitExistsError(BrandKitError):
    """The folder chosen for a kit already holds one (courses may refer to it)."""


def kit_document(kit: BrandKit) -> dict:
    """The ``kit.toml`` contents of ``kit`` as plain data, every colour written out (so the
    kit reads back with exactly these colours, derived ones included); file names relative
    to the kit folder (``fonts/<name>``, ``logo.<type>``, ``favicon.<type>``)."""
    document: dict = {"format": FORMAT, "name": kit.name,
                      "colors": {scheme: _colors(palette) for scheme, palette in kit.palettes()}}
    fonts = {}
    for role, family in (("body", kit.body_family), ("heading", kit.heading_family)):
        if not family or (role == "heading" and family == kit.body_family):
            continue
        files = [f"fonts/{face.name}" for face in kit.faces if face.family == family]
        fonts[role] = {"family": family, **({"files": files} if files else {})}
    if fonts and kit.faces and kit.font_licenses:
        fonts["license"] = [name for name, _ in kit.font_licenses]
    if fonts:
        document["fonts"] = fonts
    document["shape"] = {"radius": kit.radius, "button_style": kit.button_style}
    logo = {}
    if kit.logo is not None:
        logo.update(file=f"logo.{kit.logo_type}", alt=kit.logo_alt)
    if kit.favicon is not None:
        logo["favicon"] = f"favicon.{kit.favicon_type}"
    if logo:
        document["logo"] = logo
    if kit.strings:
        document["strings"] = {tag: dict(sorted(texts.items()))
                               for tag, texts in sorted(kit.strings.items())}
    return document


def _colors(palette: Palette) -> dict[str, str]:
    return {role: getattr(palette, role) for role in ROLES}


def check_kit_folder(folder: Path, replace: bool = False) -> None:
    """Refuse ``folder`` as the place of a new kit: always when it is (or lies inside) a
    built-in kit's folder; with :class:`KitExistsError` when it already holds a
    ``kit.toml`` and not ``replace`` (every course referring to that kit would change).
    Raises :class:`BrandKitError`."""
    folder = Path(folder).expanduser().resolve()
    for name in BUILTIN_KITS:
        home = builtin_dir(name).resolve()
        if folder == home or home in folder.parents:
            raise BrandKitError(f"{folder} is the built-in kit {name!r}; save the kit in a "
                                f"folder of your own.")
    if (folder / KIT_FILE).exists() and not replace:
        raise KitExistsError(f"{folder} already holds a kit; other courses may use it, and "
                             f"replacing it re-brands them.")


def write_kit(kit: BrandKit, folder: Path, name: str | None = None,
              replace: bool = False) -> Path:
    """Write ``kit`` as a kit folder at ``folder`` (created when missing; each file written
    through a ``.part`` file) and return its ``kit.toml`` path. The kit is named ``name``,
    by default the folder's name.

    A folder that already holds a kit is refused unless ``replace`` (see
    :func:`check_kit_folder`); replacing removes the files the old ``kit.toml`` named that
    the new one does not. Font faces whose family is neither the body nor the heading family
    are left out (no rule of the kit would use them). Raises :class:`BrandKitError` (or
    :class:`KitExistsError`) when the folder is refused or a file cannot be written.
    """
    folder = Path(folder).expanduser().resolve()
    check_kit_folder(folder, replace)
    kit = dataclasses.replace(kit, name=(name or "").strip() or folder.name)
    old = _named_files(folder)
    document = kit_document(kit)
    listed = {Path(name).name for role, table in document.get("fonts", {}).items()
              if role != "license" for name in table.get("files", [])}
    for face in kit.faces:
        if face.name in listed:
            write_atomically(folder / "fonts" / face.name, face.data, BrandKitError, parents=True)
    for licence in document.get("fonts", {}).get("license", []):
        write_atomically(folder / licence, dict(kit.font_licenses)[licence], BrandKitError,
                         parents=True)
    if kit.logo is not None:
        write_atomically(folder / f"logo.{kit.logo_type}", kit.logo, BrandKitError, parents=True)
    if kit.favicon is not None:
        write_atomically(folder / f"favicon.{kit.favicon_type}", kit.favicon, BrandKitError,
                         parents=True)
    target = folder / KIT_FILE
    write_atomically(target, tomli_w.dumps(document), BrandKitError, parents=True)
    for stale in sorted(old - _named_files(folder)):
        stale.unlink(missing_ok=True)
    return target


def _named_files(folder: Path) -> set[Path]:
    """The files inside ``folder`` that its ``kit.toml`` names (fonts, licences, logo,
    favicon); an unreadable or absent kit file names none."""
    try:
        raw = tomllib.loads((folder / KIT_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return set()
    fonts = raw.get("fonts") if isinstance(raw.get("fonts"), dict) else {}
    logo = raw.get("logo") if isinstance(raw.get("logo"), dict) else {}
    names = [logo.get("file"), logo.get("favicon")]
    licence = fonts.get("license")
    names += licence if isinstance(licence, list) else [licence]
    for table in fonts.values():
        if isinstance(table, dict) and isinstance(table.get("files"), list):
            names += table["files"]
    found = set()
    for name in names:
        if isinstance(name, str) and name.strip():
            path = (folder / name.strip()).resolve()
            if folder in path.parents and path.is_file():
                found.add(path)
    return found
