"""The kits shipped with the studio, under ``resources/brand/<name>/kit.toml``, and the
resolution of a course's kit reference plus its overrides into one effective kit."""

from __future__ import annotations

from pathlib import Path

from studio.brand import colors
from studio.brand.kit import (
    BUTTON_STYLES,
    RADIUS_RANGE,
    REQUIRED_ROLES,
    ROLES,
    SCHEMES,
    BrandKit,
    build_kit,
    kit_file,
    read_spec,
)
from studio.errors import BrandKitError
from studio.resources import resources_dir

BUILTIN_KITS: tuple[str, ...] = ("studio", "clear", "editorial")
DEFAULT_KIT = "studio"  # today's player look, system fonts: what a course without a kit wears
COLOR_KEYS = tuple(f"{scheme}.{role}" for scheme in SCHEMES for role in ROLES)
FILE_KEYS = ("logo", "favicon", "body_font", "heading_font")  # values: file paths
OVERRIDE_KEYS: tuple[str, ...] = (*COLOR_KEYS, "radius", "button_style", "logo", "logo_alt",
                                  "favicon", "body_font", "heading_font", "body_family",
                                  "heading_family")


def builtin_dir(name: str) -> Path:
    """The folder of built-in kit ``name``. Raises :class:`BrandKitError` for an unknown one."""
    if name not in BUILTIN_KITS:
        raise BrandKitError(f"No built-in kit named {name!r} (built-in kits: "
                            f"{', '.join(BUILTIN_KITS)}).")
    return resources_dir() / "brand" / name


def builtin_kit(name: str) -> BrandKit:
    """The built-in kit ``name`` (one of ``BUILTIN_KITS``). Raises :class:`BrandKitError`."""
    return build_kit(read_spec(builtin_dir(name)))


def kit_reference(ref: str) -> str:
    """A kit reference as a course stores it: ``""`` (the default kit), a built-in name, or
    the absolute path of a kit file (a kit folder given as its ``kit.toml``). Raises
    :class:`BrandKitError` for a name that is neither a built-in kit nor an existing file."""
    ref = ref.strip()
    if not ref or ref in BUILTIN_KITS:
        return ref
    path = kit_file(Path(ref).expanduser())
    if not path.is_file():
        raise BrandKitError(f"No built-in kit or kit file {ref!r} (built-in kits: "
                            f"{', '.join(BUILTIN_KITS)}; a kit file: a folder holding "
                            f"kit.toml, or a .toml file).")
    return str(path.resolve())


def kit_spec(ref: str) -> dict:
    """The checked spec of a kit reference: ``""`` (the default kit), a built-in name, or a
    path to a kit folder or kit file. Raises :class:`BrandKitError` (a missing shared kit is
    named by its path)."""
    ref = ref.strip()
    if not ref or ref in BUILTIN_KITS:
        return read_spec(builtin_dir(ref or DEFAULT_KIT))
    return read_spec(Path(ref).expanduser())


def resolve_kit(ref: str, overrides: dict[str, str]) -> BrandKit:
    """The effective kit: the kit ``ref`` names (see :func:`kit_spec`) with ``overrides``
    applied (keys ``OVERRIDE_KEYS``; colours ``'#RRGGBB'``, ``radius`` whole pixels as
    text, ``logo``/``favicon``/``body_font``/``heading_font`` file paths). Colours the kit
    leaves to be derived are derived from the overridden ones. Raises :class:`BrandKitError`
    naming the key for an unknown key or a refused value."""
    return build_kit(apply_overrides(kit_spec(ref), overrides))


def apply_overrides(spec: dict, overrides: dict[str, str]) -> dict:
    """A copy of a kit spec with ``overrides`` applied (see :func:`resolve_kit`); the spec
    given is not changed. Raises :class:`BrandKitError` naming the key."""
    spec = {**spec, "colors": {s: dict(p) for s, p in spec["colors"].items()},
            "fonts": {r: dict(f) for r, f in spec["fonts"].items()},
            "overridden": set(spec.get("overridden", ())) | set(overrides)}
    # file keys before family keys: a family given with a font file names that file's family
    for key in sorted(overrides, key=lambda k: (k.endswith("_family"), k)):
        value = overrides[key]
        if key not in OVERRIDE_KEYS:
            raise BrandKitError(f"Theme: unknown setting {key!r} (known: "
                                f"{', '.join(OVERRIDE_KEYS)}).")
        if not isinstance(value, str):
            raise BrandKitError(f"Theme: {key} must be text, not {type(value).__name__}.")
        try:
            _apply(spec, key, value)
        except ValueError as exc:
            raise BrandKitError(f"Theme: {key}: {exc}.") from None
    if "dark" in spec["colors"]:
        missing = [role for role in REQUIRED_ROLES if role not in spec["colors"]["dark"]]
        if missing:
            raise BrandKitError(f"Theme: the kit has no dark colours; give dark."
                                f"{', dark.'.join(REQUIRED_ROLES)} together "
                                f"(missing dark.{missing[0]}).")
    if spec["logo"] is not None and not spec["logo_alt"]:
        raise BrandKitError("Theme: logo_alt: the logo's alternative text is required.")
    return spec


def _apply(spec: dict, key: str, value: str) -> None:
    if key in COLOR_KEYS:
        scheme, role = key.split(".")
        spec["colors"].setdefault(scheme, {})[role] = colors.parse_color(value)
    elif key == "radius":
        low, high = RADIUS_RANGE
        if not value.strip().isdigit() or not low <= int(value) <= high:
            raise ValueError(f"must be a whole number of pixels {low}..{high}, not {value!r}")
        spec["radius"] = int(value)
    elif key == "button_style":
        if value not in BUTTON_STYLES:
            raise ValueError(f"must be one of {', '.join(BUTTON_STYLES)}, not {value!r}")
        spec["button_style"] = value
    elif key in ("logo", "favicon"):
        spec[key] = _file(value)
    elif key == "logo_alt":
        spec["logo_alt"] = value.strip()
    elif key in ("body_font", "heading_font"):
        role = key.split("_")[0]
        family = spec["fonts"].get(role, {}).get("family")
        spec["fonts"][role] = {"family": family, "files": [_file(value)], "own_family": True,
                              "by_face": True}
    else:  # body_family, heading_family
        if not value.strip():
            raise ValueError("must not be empty")
        role = key.split("_")[0]
        table = spec["fonts"].setdefault(role, {"files": []})
        table.update(family=value.strip(), own_family=False)


def normalise_override(key: str, value: str) -> str:
    """An override as a course stores it: colours ``'#RRGGBB'`` upper case, ``radius``
    digits, text without surrounding spaces; file values as given. Raises
    :class:`BrandKitError` naming the key for a value that is not text, or a colour that is
    not one."""
    if not isinstance(value, str):
        raise BrandKitError(f"Theme: {key} must be text, not {type(value).__name__}.")
    try:
        if key in COLOR_KEYS:
            return colors.parse_color(value)
        if key == "radius" and value.strip().isdigit():
            return str(int(value))
    except ValueError as exc:
        raise BrandKitError(f"Theme: {key}: {exc}.") from None
    return value if key in FILE_KEYS else value.strip()


def _file(value: str) -> Path:
    path = Path(value).expanduser()
    if not path.is_file():
        raise ValueError(f"file {path} not found")
    return path.resolve()
