"""Brand kits: a course's colours, fonts, shape, logo and interface strings, read from a
documented TOML file (``resources/brand/README.md``) and checked against WCAG 2.2 AA
contrast before a course may wear them.

The front door: :func:`load_kit`, :func:`builtin_kit`, :func:`resolve_kit`,
:func:`contrast_report`, :func:`check_contrast`, :func:`adjust_kit`, :func:`write_kit`.
"""

from studio.brand.builtin import (
    BUILTIN_KITS,
    DEFAULT_KIT,
    OVERRIDE_KEYS,
    builtin_dir,
    builtin_kit,
    resolve_kit,
)
from studio.brand.contrast import (
    PAIRS,
    PairResult,
    adjust_kit,
    check_contrast,
    contrast_report,
    failing_pairs,
)
from studio.brand.fonts import FontFace, read_font
from studio.brand.kit import BrandKit, Palette, load_kit
from studio.brand.strings import PLAYER_STRING_KEYS
from studio.brand.writer import write_kit

__all__ = [
    "BUILTIN_KITS", "DEFAULT_KIT", "OVERRIDE_KEYS", "PAIRS", "PLAYER_STRING_KEYS", "BrandKit",
    "FontFace", "Palette", "PairResult", "adjust_kit", "builtin_dir", "builtin_kit",
    "check_contrast", "contrast_report", "failing_pairs", "load_kit", "read_font",
    "resolve_kit", "write_kit",
]
