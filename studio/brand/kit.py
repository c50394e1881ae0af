"""The brand kit: its model and its file, ``kit.toml`` (format 1, documented in
``resources/brand/README.md``).

A kit file is read strictly: an unknown key, a value of the wrong type, a colour that is not
``#RRGGBB``, a missing or unreadable file is refused with one line naming the kit file and
the key. Reading goes through a *spec*, the checked file as plain data with paths made
absolute; shell or window overrides are applied to the spec, so colours a kit leaves to be
derived are derived again from the overridden ones.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from studio.brand import colors
from studio.brand.fonts import FontFace, read_font
from studio.brand.strings import PLAYER_STRING_KEYS, placeholder_mismatch
from studio.errors import BrandKitError, StudioError
from studio.language import language_tag

FORMAT = 1
KIT_FILE = "kit.toml"
REQUIRED_ROLES = ("primary", "accent", "background", "surface", "text")
DERIVED_ROLES = ("on_primary", "muted", "line", "success", "error", "partial")
ROLES = REQUIRED_ROLES + DERIVED_ROLES
SCHEMES = ("light", "dark")
BUTTON_STYLES = ("solid", "outline", "pill")
RADIUS_RANGE = (0, 24)  # pixels
DEFAULT_RADIUS = 6  # pixels
LOGO_TYPES = {".svg": "svg", ".png": "png"}
FAVICON_TYPES = {".png": "png", ".svg": "svg", ".ico": "ico"}
# status colours before they are fitted to the surface: (light, dark)
STATUS_HUES = {"success": ("#17602C", "#5FC27E"), "error": ("#A1261C", "#FF8A80"),
               "partial": ("#7A4D00", "#E0A84A")}
_TOP_KEYS = {"format", "name", "colors", "fonts", "shape", "logo", "strings"}
_FONT_KEYS = {"family", "files"}
_SHAPE_KEYS = {"radius", "button_style"}
_LOGO_KEYS = {"file", "alt", "favicon"}


@dataclass(frozen=True)
class Palette:
    """The colours of one scheme (light or dark), each ``'#RRGGBB'`` upper case, all filled:
    the ones a kit leaves out are derived (see :func:`derive_palette`)."""

    primary: str
    accent: str
    background: str
    surface: str
    text: str
    on_primary: str
    muted: str
    line: str
    success: str
    error: str
    partial: str


@dataclass(frozen=True)
class BrandKit:
    """A course's look: palettes, fonts, shape, logo, favicon and interface strings.

    ``body_family``/``heading_family`` are CSS family names ("" = the system font stack);
    ``faces`` every shipped font file (WOFF2); ``radius`` in pixels; ``button_style`` one of
    ``BUTTON_STYLES``; ``logo``/``favicon`` file bytes with their type (``logo_type``
    ``"svg"|"png"``, ``favicon_type`` ``"png"|"svg"|"ico"``), None when absent; ``strings``
    maps a language tag to ``{PLAYER_STRING_KEYS key: text}``; ``font_licenses`` the
    licence files of the fonts as ``(file name, bytes)`` pairs (SIL OFL 1.1 condition 2: the
    licence travels with the fonts).
    """

    name: str
    light: Palette
    dark: Palette | None = None
    body_family: str = ""
    heading_family: str = ""
    faces: tuple[FontFace, ...] = ()
    radius: int = DEFAULT_RADIUS
    button_style: str = "solid"
    logo: bytes | None = field(default=None, repr=False)
    logo_type: str | None = None
    logo_alt: str = ""
    favicon: bytes | None = field(default=None, repr=False)
    favicon_type: str | None = None
    strings: dict[str, dict[str, str]] = field(default_factory=dict, hash=False)
    font_licenses: tuple[tuple[str, bytes], ...] = field(default=(), repr=False)

    def strings_for(self, language: str) -> dict[str, str]:
        """The kit's strings for a BCP 47 ``language``: the exact tag's (case-insensitive),
        else its primary subtag's (``fr-CA`` -> ``fr``), else ``{}``."""
        by_tag = {tag.lower(): texts for tag, texts in self.strings.items()}
        wanted = language.strip().lower()
        found = by_tag.get(wanted) or by_tag.get(wanted.split("-")[0])
        return dict(found or {})

    def palettes(self) -> list[tuple[str, Palette]]:
        """``[("light", light), ("dark", dark)]``, without dark when the kit has none."""
        return [("light", self.light)] + ([("dark", self.dark)] if self.dark else [])


def kit_file(path: Path) -> Path:
    """The kit file of ``path``: ``path/kit.toml`` for a folder, ``path`` itself otherwise."""
    return path / KIT_FILE if path.is_dir() else path


def load_kit(path: Path) -> BrandKit:
    """The kit at ``path`` (a kit folder or its ``kit.toml``, or any ``.toml`` kit file).

    Raises :class:`BrandKitError` with one line naming the file and the key for any problem:
    a missing file, TOML that does not parse, an unknown key, a wrong type, a colour not
    ``#RRGGBB``, a missing font/logo file, an unknown string key or language tag.
    """
    return build_kit(read_spec(path))


def read_spec(path: Path) -> dict:
    """The checked contents of a kit file as plain data (file paths made absolute, colours
    ``'#RRGGBB'``, language tags normalised). Raises :class:`BrandKitError`."""
    source = kit_file(Path(path))
    try:
        raw = tomllib.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BrandKitError(f"Brand kit {source} not found.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BrandKitError(f"Brand kit {source} cannot be read ({exc}).") from None
    except tomllib.TOMLDecodeError as exc:
        raise BrandKitError(f"{source}: not valid TOML ({exc}).") from None
    return _Reader(source).spec(raw)


class _Reader:
    """Checks one kit file's TOML, key by key, and says where a problem is."""

    def __init__(self, source: Path):
        self.source = source
        self.base = source.parent

    def fail(self, key: str, reason: str) -> BrandKitError:
        return BrandKitError(f"{self.source}: {key}: {reason}.")

    def table(self, value: object, key: str, allowed: set[str] | None,
              known: str = "") -> dict:
        if not isinstance(value, dict):
            raise self.fail(key, f"must be a table, not {_type_name(value)}")
        unknown = sorted(set(value) - allowed) if allowed is not None else []
        if unknown:
            where = f"{key}.{unknown[0]}" if key else unknown[0]
            known = known or "known: " + ", ".join(sorted(allowed))
            raise self.fail(where, f"unknown key ({known})")
        return value

    def text(self, value: object, key: str, empty: bool = False) -> str:
        if not isinstance(value, str):
            raise self.fail(key, f"must be text, not {_type_name(value)}")
        if not empty and not value.strip():
            raise self.fail(key, "must not be empty")
        return value.strip()

    def player_string(self, value: object, table: str, key: str) -> str:
        text = self.text(value, f"{table}.{key}")
        mismatch = placeholder_mismatch(key, text)
        if mismatch:
            raise self.fail(f"{table}.{key}", mismatch)
        return text

    def file(self, value: object, key: str) -> Path:
        path = (self.base / self.text(value, key)).resolve()
        if not path.is_file():
            raise self.fail(key, f"file {path} not found")
        return path

    def spec(self, raw: dict) -> dict:
        self.table(raw, "", _TOP_KEYS)
        version = raw.get("format", FORMAT)
        if type(version) is not int:
            raise self.fail("format", f"must be a whole number, not {_type_name(version)}")
        if version != FORMAT:
            raise self.fail("format", f"version {version} is not known (this studio reads "
                                      f"format {FORMAT})")
        default_name = self.base.name if self.source.name == KIT_FILE else self.source.stem
        spec: dict = {"name": self.text(raw.get("name", default_name), "name"),
                      "source": self.source}
        colours = self.table(raw.get("colors"), "colors", set(SCHEMES)) \
            if "colors" in raw else {}
        if "light" not in colours:
            raise self.fail("colors.light", "missing (needs " + ", ".join(REQUIRED_ROLES) + ")")
        spec["colors"] = {scheme: self.palette(colours[scheme], f"colors.{scheme}")
                          for scheme in SCHEMES if scheme in colours}
        fonts = self.table(raw.get("fonts", {}), "fonts", {"body", "heading", "license"})
        spec["fonts"] = {role: self.font(fonts[role], f"fonts.{role}")
                         for role in ("body", "heading") if role in fonts}
        licences = fonts.get("license", [])
        spec["font_licenses"] = [self.file(name, "fonts.license") for name in (
            [licences] if isinstance(licences, str) else self.names(licences, "fonts.license"))]
        shape = self.table(raw.get("shape", {}), "shape", _SHAPE_KEYS)
        spec["radius"] = self.radius(shape.get("radius", DEFAULT_RADIUS), "shape.radius")
        spec["button_style"] = self.choice(shape.get("button_style", "solid"),
                                           "shape.button_style", BUTTON_STYLES)
        logo = self.table(raw.get("logo", {}), "logo", _LOGO_KEYS)
        spec["logo"] = self.file(logo["file"], "logo.file") if "file" in logo else None
        spec["logo_alt"] = self.text(logo.get("alt", ""), "logo.alt", empty=True)
        if spec["logo"] is not None and not spec["logo_alt"]:
            raise self.fail("logo.alt", "the logo's alternative text is required with a file")
        spec["favicon"] = self.file(logo["favicon"], "logo.favicon") \
            if "favicon" in logo else None
        strings = self.table(raw.get("strings", {}), "strings", None)
        spec["strings"] = {}
        for tag, texts in strings.items():
            try:
                normal = language_tag(tag)
            except StudioError:
                raise self.fail(f"strings.{tag}", "not a language tag (BCP 47), e.g. en-GB") \
                    from None
            texts = self.table(texts, f"strings.{tag}", set(PLAYER_STRING_KEYS),
                               "not a player string; resources/brand/README.md lists them")
            spec["strings"][normal] = {key: self.player_string(value, f"strings.{tag}", key)
                                       for key, value in sorted(texts.items())}
        return spec

    def palette(self, value: object, key: str) -> dict[str, str]:
        table = self.table(value, key, set(ROLES))
        missing = [role for role in REQUIRED_ROLES if role not in table]
        if missing:
            raise self.fail(f"{key}.{missing[0]}", "missing (required: "
                            + ", ".join(REQUIRED_ROLES) + ")")
        out = {}
        for role in ROLES:
            if role in table:
                try:
                    out[role] = colors.parse_color(table[role])
                except ValueError as exc:
                    raise self.fail(f"{key}.{role}", str(exc)) from None
        return out

    def font(self, value: object, key: str) -> dict:
        table = self.table(value, key, _FONT_KEYS)
        if "family" not in table:
            raise self.fail(f"{key}.family", "missing (the CSS font family name)")
        files = self.names(table.get("files", []), f"{key}.files")
        return {"family": self.text(table["family"], f"{key}.family"),
                "files": [self.file(name, f"{key}.files") for name in files]}

    def names(self, value: object, key: str) -> list:
        if not isinstance(value, list):
            raise self.fail(key, f"must be a list of file names, not {_type_name(value)}")
        return value

    def radius(self, value: object, key: str) -> int:
        low, high = RADIUS_RANGE
        if type(value) is not int or not low <= value <= high:
            raise self.fail(key, f"must be a whole number of pixels {low}..{high}, "
                                 f"not {value!r}")
        return value

    def choice(self, value: object, key: str, choices: tuple[str, ...]) -> str:
        if value not in choices:
            raise self.fail(key, f"must be one of {', '.join(choices)}, not {value!r}")
        return value


def _type_name(value: object) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def derive_palette(declared: dict[str, str], dark: bool = False) -> Palette:
    """A full palette from the declared colours (``REQUIRED_ROLES`` at least), filling the
    others: ``on_primary`` white or near-black, whichever contrasts more with ``primary``;
    ``muted`` the text mixed toward the surface as far as it keeps 4.5:1 on it (WCAG 2.2
    SC 1.4.3); ``line`` = ``muted``; ``success``/``error``/``partial`` fixed hues
    (``STATUS_HUES``) moved to the nearest shade with 4.5:1 on the surface. Raises KeyError
    for a missing required role."""
    values = {role: declared[role] for role in REQUIRED_ROLES}
    surface = values["surface"]
    values["on_primary"] = declared.get("on_primary") or colors.best_on(values["primary"])
    values["muted"] = declared.get("muted") or colors.mix_toward(
        values["text"], surface, surface, 4.5)
    values["line"] = declared.get("line") or values["muted"]
    for role, hues in STATUS_HUES.items():
        hue = hues[1 if dark else 0]
        values[role] = declared.get(role) or colors.nearest_passing(hue, [(surface, 4.5)]) or hue
    return Palette(**values)


def build_kit(spec: dict) -> BrandKit:
    """The :class:`BrandKit` of a checked spec (:func:`read_spec`, overrides applied): reads
    and converts font files, reads logo and favicon. Raises :class:`BrandKitError` naming
    the kit file and key for a file that cannot be used; a file given as an override
    (``spec["overridden"]``) is named as that setting and file instead
    (``"Theme: body font logo.svg: not a font file (…)."``)."""
    source = spec["source"]
    overridden = spec.get("overridden", ())
    settings = {"fonts.body.files": "body_font", "fonts.heading.files": "heading_font",
                "logo.file": "logo", "logo.favicon": "favicon"}

    def fail(key: str, reason: str, path: Path | None = None) -> BrandKitError:
        setting = settings.get(key)
        if path is not None and setting in overridden:
            return BrandKitError(f"Theme: {setting.replace('_', ' ')} {path.name}: "
                                 f"{_unnamed(reason, path.name)}.")
        return BrandKitError(f"{source}: {key}: {reason}.")

    palettes = spec["colors"]
    fonts = spec["fonts"]
    faces: dict[str, FontFace] = {}
    families = {}
    for role in ("body", "heading"):
        table = fonts.get(role, {})
        # a font file given without a family name (from the shell) keeps its own family
        family = None if table.get("own_family") else table.get("family")
        for path in table.get("files", []):
            try:
                face = read_font(path, family, by_face=bool(table.get("by_face")))
            except ValueError as exc:
                raise fail(f"fonts.{role}.files", str(exc), path) from None
            if faces.get(face.name, face) != face:
                raise fail(f"fonts.{role}.files", f"two fonts would ship as {face.name}")
            faces[face.name] = face
            family = family or face.family
        if family:
            families[role] = family
    body = families.get("body", "")
    logo = _picture(spec["logo"], LOGO_TYPES, "logo.file", fail)
    favicon = _picture(spec["favicon"], FAVICON_TYPES, "logo.favicon", fail)
    return BrandKit(
        name=spec["name"],
        light=derive_palette(palettes["light"]),
        dark=derive_palette(palettes["dark"], dark=True) if "dark" in palettes else None,
        body_family=body,
        heading_family=families.get("heading", body),
        faces=tuple(faces[name] for name in sorted(faces)),
        radius=spec["radius"],
        button_style=spec["button_style"],
        logo=logo[0], logo_type=logo[1], logo_alt=spec["logo_alt"],
        favicon=favicon[0], favicon_type=favicon[1],
        strings=spec["strings"],
        font_licenses=tuple(_licence(path, fail) for path in spec.get("font_licenses", ())),
    )


def _licence(path: Path, fail) -> tuple[str, bytes]:
    try:
        return path.name, path.read_bytes()
    except OSError as exc:
        raise fail("fonts.license", f"{path} cannot be read ({exc.strerror})") from None


_SIGNATURES = {"png": (b"\x89PNG\r\n\x1a\n",), "ico": (b"\x00\x00\x01\x00",)}


def _picture(path: Path | None, kinds: dict[str, str], key: str, fail):
    if path is None:
        return None, None
    kind = kinds.get(path.suffix.lower())
    if kind is None:
        raise fail(key, f"{path.name}: use a {', '.join(s[1:].upper() for s in kinds)} file",
                   path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise fail(key, f"{path} cannot be read ({exc.strerror})", path) from None
    if kind == "svg":
        good = b"<svg" in data[:4096] and _utf8(data)
    else:
        good = data.startswith(_SIGNATURES[kind])
    if not good:
        raise fail(key, f"{path.name} is not a {kind.upper()} file", path)
    return data, kind


def _unnamed(reason: str, name: str) -> str:
    """A file's problem without the file's own name in front (it is named already):
    ``"logo.svg is not a font file"`` -> ``"not a font file"``."""
    return re.sub(rf"^(?:{re.escape(name)}|the \w+ file):? (?:is )?", "", reason)


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
