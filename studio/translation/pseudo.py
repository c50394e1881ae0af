"""Pseudo-locales: machine-made "translations" that expose layout and extraction problems.

``qps-ploc`` turns every letter into an accented look-alike (translate-toolkit's podebug
``unicode`` rewrite), lengthens the text by 35 % (long languages such as German or Finnish
grow that much) and brackets it, so a clipped box shows a missing ``]`` and an untranslated
string shows plain ASCII. ``qps-plocm`` is the same text forced right to left: the accented
text is wrapped in RIGHT-TO-LEFT OVERRIDE (U+202E) ... POP DIRECTIONAL FORMATTING (U+202C)
inside the brackets, so it displays mirrored like a right-to-left script, and the locale's
direction (:func:`studio.language.text_direction`) is ``rtl``. Inline codes
(:data:`~studio.translation.units.INLINE_CODE`) are kept as they are.
"""

from __future__ import annotations

import math
from functools import lru_cache

from studio.language import PSEUDO_TAGS, RTL_PSEUDO_TAGS
from studio.translation.units import INLINE_CODE

PSEUDO_LOCALES = PSEUDO_TAGS  # ("qps-ploc", "qps-plocm")
EXPANSION = 0.35  # fraction of the source length added
OPEN, CLOSE = "[", "]"
RLO, PDF = "\u202e", "\u202c"  # Unicode bidi overrides (UAX #9 §2.2)
_FILLER = "ŀǿřḗḿ īƥşŭḿ ḓǿŀǿř şīŧ ȧḿḗŧ ƈǿƞşḗƈŧḗŧŭř "  # accented words: breaks like text
_EXTRA = str.maketrans({"z": "ẑ"})  # the one ASCII letter podebug's map leaves alone


@lru_cache(maxsize=1)
def _rewriter():
    from translate.tools.podebug import podebug  # noqa: PLC0415  (the toolkit loads slowly)

    return podebug(rewritestyle="unicode")


def _accented(text: str) -> str:
    return str(_rewriter().rewrite_unicode(text)).translate(_EXTRA) if text else ""


def _padding(length: int) -> str:
    count = math.ceil(length * EXPANSION)
    if count <= 1:
        return _FILLER[:count]
    filler = (_FILLER * (count // len(_FILLER) + 1))[:count - 1]
    return " " + filler[:-1] + ("·" if filler.endswith(" ") else filler[-1])


def pseudo_text(text: str, locale: str) -> str:
    """``text`` in the pseudo-locale ``locale`` (one of ``PSEUDO_LOCALES``): letters
    accented, inline codes unchanged, padded inside ``[`` ``]`` to at least 1.35 times the
    source length (in characters), and for ``qps-plocm`` wrapped in U+202E ... U+202C
    within the brackets. Text with nothing but white space is returned as it is.
    Deterministic. Raises ValueError for another locale."""
    if locale not in PSEUDO_LOCALES:
        raise ValueError(f"{locale!r} is not a pseudo-locale ({', '.join(PSEUDO_LOCALES)})")
    if not text.strip():
        return text
    out, cursor = [], 0
    for code in INLINE_CODE.finditer(text):
        out.append(_accented(text[cursor:code.start()]))
        out.append(code.group())
        cursor = code.end()
    out.append(_accented(text[cursor:]))
    body = "".join(out) + _padding(len(text))
    if locale in RTL_PSEUDO_TAGS:
        body = f"{RLO}{body}{PDF}"
    return f"{OPEN}{body}{CLOSE}"
