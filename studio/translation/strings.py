"""The player's interface strings in English, read from the player's own declaration.

``CP.strings`` in ``resources/player/player/core.js`` is the one place the English texts
live; this module parses its entries (``key: "text"``) rather than copying them. Texts built
from numbers are templates there too ("Item {current} of {total}", plural forms under
``<name>_one`` / ``<name>_other``), so they are parsed, translated and exported like any
other; their ``{name}`` placeholders are inline codes (XLIFF placeholders) that a translation
must keep, as :data:`studio.brand.strings.PLAYER_STRING_KEYS` says.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from types import MappingProxyType

from studio.resources import resources_dir

CORE_SCRIPT = ("player", "player", "core.js")  # under the resources folder
_BLOCK = re.compile(r"CP\.strings\s*=\s*\{(?P<body>.*?)\n\s*\};", re.DOTALL)
# key: "text" — a JavaScript string literal in double quotes, escapes as JSON writes them
_ENTRY = re.compile(r"(?:^|[{,\s])([A-Za-z_$][\w$]*)\s*:\s*"
                    r"(\"(?:[^\"\\\n]|\\.)*\")\s*(?=[,}\n]|$)")
# button labels: the player lays them out on one line in a button of bounded width
BUTTON_KEYS = frozenset({
    "next", "previous", "menu", "submit", "retry", "continue", "skip", "play", "pause",
    "start", "resume", "startOver", "trackingRetry", "printCertificate", "trueLabel",
    "falseLabel",
})
BUTTON_MIN_LENGTH = 16  # characters a button label may always take
# the CLDR plural categories the player keeps a form of; the others use "other"
PLURAL_FORMS = ("one", "other")


def parse_player_strings(script: str) -> dict[str, str]:
    """The plain-string entries of ``CP.strings`` in the text of core.js, ``{key: English
    text}`` in the order written. Raises ValueError when the script declares no
    ``CP.strings`` object."""
    block = _BLOCK.search(script)
    if block is None:
        raise ValueError("core.js declares no CP.strings object")
    return {key: json.loads(literal) for key, literal in _ENTRY.findall(block["body"])}


@lru_cache(maxsize=1)
def player_strings_source() -> MappingProxyType:
    """``{key: English text}`` of the player's interface strings, read once from the
    installed core.js. Raises OSError when the file cannot be read, ValueError when it holds
    no ``CP.strings``."""
    path = resources_dir().joinpath(*CORE_SCRIPT)
    return MappingProxyType(parse_player_strings(path.read_text(encoding="utf-8")))


def string_max_length(key: str, english: str) -> int | None:
    """The longest translation (characters) the player's layout takes for interface string
    ``key``: a button label may take twice its English length, and never fewer than
    ``BUTTON_MIN_LENGTH`` characters (short labels grow most in translation); other strings
    wrap, so None."""
    if key not in BUTTON_KEYS:
        return None
    return max(BUTTON_MIN_LENGTH, 2 * len(english))


def plural_form(key: str) -> str | None:
    """The CLDR plural category whose form interface string ``key`` holds (``"one"`` for
    ``trackingWaiting_one``), or None for a string without plural forms."""
    form = key.rpartition("_")[2]
    return form if "_" in key and form in PLURAL_FORMS else None
