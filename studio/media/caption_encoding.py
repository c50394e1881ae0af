"""The text encoding of a caption file: byte-order marks, UTF-8, then legacy code pages.

Legacy code pages are told apart with charset-normalizer's mess ratio and with the script the
track's language is written in, the language's usual code pages tried first. When the bytes
read as more than one plausible text, the file is refused in one line that names the
candidates, so a wrong guess never becomes silent mojibake.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from studio.errors import ImportFileError

_LATIN_WEST = ("cp1252", "iso8859_15", "iso8859_1")
_LATIN_CENTRAL = ("cp1250", "iso8859_2")
_CYRILLIC = ("cp1251", "koi8_r", "iso8859_5", "cp866")
# code pages a language's legacy files are written in, the most common first; the script
# its letters belong to (the first word of their Unicode names)
_LANGUAGES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    **{lang: (_LATIN_WEST, ("LATIN",)) for lang in (
        "en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "nn", "fi", "is",
        "ca", "eu", "gl", "ga", "cy", "af", "id", "ms", "sw")},
    **{lang: (_LATIN_CENTRAL, ("LATIN",)) for lang in (
        "pl", "cs", "sk", "hu", "hr", "sl", "ro", "bs", "sq")},
    **{lang: (_CYRILLIC, ("CYRILLIC",)) for lang in ("ru", "bg", "sr", "mk", "be")},
    "uk": (("cp1251", "koi8_u", "iso8859_5"), ("CYRILLIC",)),
    "el": (("cp1253", "iso8859_7"), ("GREEK",)),
    "tr": (("cp1254", "iso8859_9"), ("LATIN",)),
    "he": (("cp1255", "iso8859_8"), ("HEBREW",)),
    "ar": (("cp1256", "iso8859_6"), ("ARABIC",)),
    "fa": (("cp1256",), ("ARABIC",)),
    "ur": (("cp1256",), ("ARABIC",)),
    "et": (("cp1257", "iso8859_13", "iso8859_4"), ("LATIN",)),
    "lv": (("cp1257", "iso8859_13", "iso8859_4"), ("LATIN",)),
    "lt": (("cp1257", "iso8859_13", "iso8859_4"), ("LATIN",)),
    "vi": (("cp1258",), ("LATIN",)),
    "th": (("cp874", "tis_620"), ("THAI",)),
    "ja": (("cp932", "euc_jp", "iso2022_jp"), ("CJK", "HIRAGANA", "KATAKANA")),
    "zh": (("gb18030", "big5", "big5hkscs"), ("CJK",)),
    "ko": (("cp949", "euc_kr"), ("HANGUL", "CJK")),
}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
MARGIN = 0.05  # of mess ratio, or share of odd characters: a smaller one is no evidence
DETECTED = 4  # of charset-normalizer's own guesses, how many are weighed


class CaptionEncodingError(ImportFileError):
    """A caption file that is not UTF-8 and whose code page cannot be told for sure:
    ``name`` the file, ``candidates`` the likeliest encodings (Python codec names, best first;
    empty when none reads). The message gives the command line's advice; other front doors
    (a build spec) word their own from the fields."""

    def __init__(self, message: str, name: str, candidates: list[str]):
        super().__init__(message)
        self.name, self.candidates = name, candidates

    def __reduce__(self):
        return type(self), (self.message, self.name, self.candidates)


@dataclass(frozen=True)
class _Reading:
    encoding: str
    text: str
    odd: int  # characters a wrong code page leaves: controls, stray symbols, foreign letters
    letters: int  # letters of the language's script among the non-ASCII characters
    mess: float  # charset-normalizer's mess ratio, 0 (clean) .. 1

    @property
    def rank(self) -> tuple[int, int, float]:
        return self.odd, -self.letters, self.mess


def decode_caption_bytes(data: bytes, language: str | None = None,
                         encoding: str | None = None, name: str = "captions") -> str:
    """Text of a caption file (``data``, bytes) in whatever encoding it was saved.

    ``encoding`` (a Python codec name such as "cp1251") is used as given. Otherwise a
    byte-order mark wins, then UTF-16 without one, then UTF-8, then the legacy code pages of
    ``language`` (a BCP 47 tag, its primary subtag picks them; None: those of Western
    Europe) weighed against
    charset-normalizer's guesses. Raises ImportFileError in one line when ``encoding`` is
    unknown or does not fit, or when no single reading is convincing (naming the candidates
    and the ``--encoding`` option).
    """
    if encoding:
        return _decode_as(data, encoding, name)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    if len(data) >= 4 and data[1:4:2] == b"\x00\x00" and data[0:4:2] != b"\x00\x00":
        return data.decode("utf-16-le", errors="replace")
    if len(data) >= 4 and data[0:4:2] == b"\x00\x00" and data[1:4:2] != b"\x00\x00":
        return data.decode("utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # with no language said, the code pages of Western Europe are the first guess
        primary = (language or "en").split("-")[0].split("_")[0].lower()
        return _legacy(data, primary, name)


def _decode_as(data: bytes, encoding: str, name: str) -> str:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise ImportFileError(f"{encoding!r} is not a text encoding this studio knows "
                              "(try cp1251, iso8859-2, shift_jis, gb18030).") from None
    try:
        return data.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{name} is not {encoding}: byte {exc.start} cannot be read "
                              "in it.") from None


def _legacy(data: bytes, language: str, name: str) -> str:
    from charset_normalizer import from_bytes  # noqa: PLC0415 (only files not in UTF: on use)

    pages, scripts = _LANGUAGES.get(language, ((), ()))
    hinted = [r for r in (_reading(data, page, scripts) for page in pages) if r]
    detected = [r for r in (_reading(data, m.encoding, scripts)
                            for m in list(from_bytes(data))[:DETECTED]) if r]
    if hinted:
        best = min(hinted, key=lambda r: r.rank)
        rivals = [r for r in hinted if r.text != best.text and r.odd <= best.odd
                  and r.letters >= best.letters and r.mess < best.mess + MARGIN]
        rivals += [r for r in detected if r.text != best.text and r.mess < best.mess - MARGIN]
        wide = sum(ord(c) > 127 for c in best.text)
        if best.odd <= MARGIN * wide and not rivals:
            return best.text
        candidates = [best, *rivals]
    else:
        detected.sort(key=lambda r: r.mess)
        if detected and all(r.text == detected[0].text or r.mess >= detected[0].mess + MARGIN
                            for r in detected[1:]):
            return detected[0].text
        candidates = detected
    # likeliest first: the cleanest readings, Windows code pages before others as clean
    candidates.sort(key=lambda r: (int(r.mess / MARGIN), not r.encoding.startswith("cp125")))
    names = list(dict.fromkeys(r.encoding for r in candidates))[:3]
    if not names:
        raise CaptionEncodingError(f"{name} is not UTF-8 and its text encoding cannot be "
                                   "told; save it as UTF-8, or say which with --encoding "
                                   "(e.g. cp1251).", name, [])
    raise CaptionEncodingError(f"{name} is not UTF-8 and could be {' or '.join(names)}; say "
                               f"which with --encoding {names[0]} (or give the captions' "
                               "--language).", name, names)


def _reading(data: bytes, encoding: str, scripts: tuple[str, ...]) -> _Reading | None:
    """``data`` read in ``encoding``, or None when it cannot be."""
    try:
        codec = codecs.lookup(encoding).name
        text = data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None
    from charset_normalizer import from_bytes  # noqa: PLC0415

    match = from_bytes(data, cp_isolation=[codec], threshold=1.0).best()
    mess = match.chaos if match is not None else 1.0
    odd, letters = _oddities(text, scripts)
    return _Reading(codec, text, odd, letters, mess)


def _oddities(text: str, scripts: tuple[str, ...]) -> tuple[int, int]:
    """(odd characters, letters of ``scripts``) among the non-ASCII characters of ``text``.

    Odd: controls, symbols other than currency, letters of another script, and punctuation
    wedged between two letters (``lu»oučký``) – what a wrong code page leaves behind."""
    odd = letters = 0
    for at, char in enumerate(text):
        if ord(char) < 128:
            continue
        category = unicodedata.category(char)
        if category[0] == "L":
            if not scripts or unicodedata.name(char, "").startswith(scripts):
                letters += 1
            else:
                odd += 1
        elif category[0] == "P" or category == "Sc" and char != "\u00a4":
            before, after = text[at - 1:at], text[at + 1:at + 2]
            odd += before.isalpha() and after.isalpha() and category[0] == "P" \
                and ord(char) < 0x2070 and char not in "\u2019\u00b7"
        elif category[0] not in "ZM":
            odd += 1
    return odd, letters
