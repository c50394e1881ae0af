"""Language tags (BCP 47, RFC 5646) as the studio stores them: checked, normalised, named.

The course language and every caption track's language are tags such as ``en``, ``en-GB``
or ``zh-Hant-TW``; the packages write them into ``xml:lang``, ``lang`` and xAPI language
maps, where anything else breaks an LMS. langcodes (a maintained implementation of the IANA
subtag registry) decides what a tag is; it is imported when a tag is first checked.
"""

from __future__ import annotations

from studio.errors import InvalidEditError

EXAMPLE = "en-GB"

# Pseudo-locales (Microsoft's tags): accented and lengthened text that shows clipped layouts
# and hard-coded strings before real translation; ``qps-plocm`` is mirrored (right to left).
PSEUDO_TAGS = ("qps-ploc", "qps-plocm")
_PSEUDO_NAMES = {"qps-ploc": "Pseudo-locale (accented)",
                 "qps-plocm": "Pseudo-locale (mirrored, right to left)"}
RTL_PSEUDO_TAGS = frozenset({"qps-plocm"})

# Offered first by language pickers, in this order; any other valid tag may be typed.
COMMON_TAGS = (
    "en", "en-GB", "en-US", "en-AU", "en-CA", "en-IE", "en-IN", "en-NZ", "en-ZA",
    "fr", "fr-FR", "fr-BE", "fr-CA", "fr-CH", "de", "de-DE", "de-AT", "de-CH",
    "es", "es-ES", "es-MX", "es-419", "es-US", "it", "it-IT", "pt", "pt-PT", "pt-BR",
    "nl", "nl-NL", "nl-BE", "da", "sv", "nb", "nn", "fi", "is", "et", "lv", "lt",
    "pl", "cs", "sk", "sl", "hr", "sr", "sr-Latn", "bs", "hu", "ro", "bg", "el", "uk",
    "ru", "tr", "ca", "eu", "gl", "ga", "cy", "mt", "sq", "mk", "ka", "hy", "az", "kk",
    "he", "ar", "fa", "ur", "hi", "bn", "pa", "gu", "mr", "ta", "te", "kn", "ml", "si",
    "th", "vi", "id", "ms", "fil", "zh-Hans", "zh-Hant", "zh-CN", "zh-TW", "zh-HK",
    "ja", "ko", "mn", "sw", "am", "yo", "ig", "ha", "zu", "xh", "af",
)


def language_tag(text: str) -> str:
    """``text`` as a stored language tag: checked as BCP 47 (RFC 5646 §2.1, subtags from the
    IANA registry) and normalised to its canonical form (``en_gb`` -> ``en-GB``,
    ``iw`` -> ``he``); spaces around it are ignored. The pseudo-locales of ``PSEUDO_TAGS``
    are accepted in any case (``QPS-PLOC`` -> ``qps-ploc``).

    Raises :class:`~studio.errors.InvalidEditError` with a one-line reason when the text is
    empty or not a valid tag, e.g. "'English (UK)!!' is not a language tag (BCP 47), e.g.
    en-GB".
    """
    import langcodes  # noqa: PLC0415  (its registry loads in tens of milliseconds)

    tag = str(text).strip()
    if not tag:
        raise InvalidEditError(f"A language tag (BCP 47) is needed, e.g. {EXAMPLE}.")
    if tag.lower().replace("_", "-") in PSEUDO_TAGS:
        return tag.lower().replace("_", "-")
    if not langcodes.tag_is_valid(tag):
        raise InvalidEditError(f"{tag!r} is not a language tag (BCP 47), e.g. {EXAMPLE}")
    return langcodes.standardize_tag(tag)


def language_name(tag: str) -> str:
    """The English name of a valid tag, e.g. ``en-GB`` -> "English (United Kingdom)"; the
    tag itself for a tag the registry names nothing for (``qaa``). Raises nothing."""
    import langcodes  # noqa: PLC0415

    if tag in _PSEUDO_NAMES:
        return _PSEUDO_NAMES[tag]
    try:
        name = langcodes.Language.get(tag).display_name()
    except (ValueError, LookupError):
        return tag
    return tag if name.startswith("Unknown language") else name


def text_direction(tag: str) -> str:
    """"rtl" when text in ``tag`` is written right to left, else "ltr": the character order
    of CLDR (through babel) for the tag's locale, ``rtl`` for the mirrored pseudo-locale
    (``RTL_PSEUDO_TAGS``); "ltr" for a tag babel does not know. Raises nothing."""
    if tag in RTL_PSEUDO_TAGS:
        return "rtl"
    if tag in PSEUDO_TAGS:
        return "ltr"
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415  (CLDR data loads lazily)

    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"
