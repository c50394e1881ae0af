"""A brand kit written out as a shareable kit folder: ``kit.toml`` (format 1, as
``resources/brand/README.md`` documents it) beside its font, logo and favicon files."""

from __future__ import annotations

from pathlib import Path

import tomli_w

from studio.brand.kit import FORMAT, KIT_FILE, ROLES, BrandKit, Palette
from studio.errors import BrandKitError
from studio.files import write_atomically


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


def write_kit(kit: BrandKit, folder: Path) -> Path:
    """Write ``kit`` as a kit folder at ``folder`` (created when missing; files of the same
    names replaced, each through a ``.part`` file) and return its ``kit.toml`` path.

    Font faces whose family is neither the body nor the heading family are left out (no
    rule of the kit would use them). Raises :class:`BrandKitError` when a file cannot be
    written.
    """
    folder = Path(folder)
    document = kit_document(kit)
    listed = {Path(name).name for table in document.get("fonts", {}).values()
              for name in table.get("files", [])}
    for face in kit.faces:
        if face.name in listed:
            write_atomically(folder / "fonts" / face.name, face.data, BrandKitError, parents=True)
    if kit.logo is not None:
        write_atomically(folder / f"logo.{kit.logo_type}", kit.logo, BrandKitError, parents=True)
    if kit.favicon is not None:
        write_atomically(folder / f"favicon.{kit.favicon_type}", kit.favicon, BrandKitError,
                         parents=True)
    target = folder / KIT_FILE
    write_atomically(target, tomli_w.dumps(document), BrandKitError, parents=True)
    return target
