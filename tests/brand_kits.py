"""A custom brand kit on disk for export and browser tests: fonts, logo, favicon, a dark
palette and outline buttons, the kit file written as the documented format."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from PIL import Image

from studio.brand import builtin_dir

LIGHT = {"primary": "#0B5CAD", "accent": "#B35900", "background": "#F2F4F7",
         "surface": "#FFFFFF", "text": "#1A1A1A"}
DARK = {"primary": "#8AB4F8", "accent": "#F9AB00", "background": "#121212",
        "surface": "#1E1E1E", "text": "#E8EAED"}
FAMILY = "Acme Sans"
LOGO_ALT = "Acme Corporation"
# a string the learner scripts never click or wait for
STRINGS = {"completeCourse": "You have completed this Acme course."}
LOGO = (b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="32" viewBox="0 0 120 32">'
        b'<rect width="120" height="32" rx="6" fill="#0B5CAD"/></svg>')


def _png(size: int, colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(out, "PNG")
    return out.getvalue()


def font_source() -> Path:
    """A WOFF2 font file of a built-in kit (OFL), to ship in the custom kit."""
    for name in ("clear", "editorial"):
        found = sorted(builtin_dir(name).rglob("*.woff2"))
        if found:
            return found[0]
    raise FileNotFoundError("no built-in kit ships a WOFF2 font")


def _table(values: dict[str, str]) -> str:
    return "".join(f'{key} = "{value}"\n' for key, value in values.items())


def write_custom_kit(folder: Path, light: dict[str, str] | None = None) -> Path:
    """The kit folder ``folder`` (kit.toml, fonts/, logo.svg, favicon.png); returns kit.toml."""
    (folder / "fonts").mkdir(parents=True, exist_ok=True)
    font = folder / "fonts" / "acme-400.woff2"
    shutil.copyfile(font_source(), font)
    (folder / "logo.svg").write_bytes(LOGO)
    (folder / "favicon.png").write_bytes(_png(32, "#0B5CAD"))
    kit = folder / "kit.toml"
    kit.write_text(
        'format = 1\nname = "Acme"\n'
        f"[colors.light]\n{_table(light or LIGHT)}"
        f"[colors.dark]\n{_table(DARK)}"
        "[fonts]\n"
        f'body = {{ family = "{FAMILY}", files = ["fonts/acme-400.woff2"] }}\n'
        f'heading = {{ family = "{FAMILY}" }}\n'
        '[shape]\nradius = 12\nbutton_style = "outline"\n'
        f'[logo]\nfile = "logo.svg"\nalt = "{LOGO_ALT}"\nfavicon = "favicon.png"\n'
        "[strings.en]\n" + _table(STRINGS), encoding="utf-8")
    return kit
