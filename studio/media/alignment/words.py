"""Script text as the words an English acoustic model can align: normalised tokens and, for
words its dictionary lacks (jargon, numbers), a pronunciation in CMU/ARPABET phones derived
from espeak-ng's IPA output."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess

from studio.errors import MediaError
from studio.media.process import own_group

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
ESPEAK_TIMEOUT = 10  # seconds for one word

# IPA (as espeak-ng --ipa writes it for en-us) to the ARPABET phones of the CMU dictionary.
# Longest symbols first; marks for stress, length and syllabicity are dropped before mapping.
IPA_TO_ARPABET = {
    "aɪ": "AY", "aʊ": "AW", "eɪ": "EY", "oʊ": "OW", "əʊ": "OW", "ɔɪ": "OY", "tʃ": "CH",
    "dʒ": "JH", "ɑ": "AA", "ɒ": "AA", "æ": "AE", "a": "AE", "ʌ": "AH", "ə": "AH", "ɐ": "AH",
    "ɔ": "AO", "ɛ": "EH", "e": "EH", "ɚ": "ER", "ɜ": "ER", "ɝ": "ER", "ɪ": "IH", "ᵻ": "IH",
    "i": "IY", "o": "OW", "ʊ": "UH", "u": "UW", "b": "B", "d": "D", "ð": "DH", "f": "F",
    "ɡ": "G", "g": "G", "h": "HH", "k": "K", "x": "K", "l": "L", "ɬ": "L", "m": "M", "n": "N",
    "ŋ": "NG", "p": "P", "ɹ": "R", "r": "R", "s": "S", "ʃ": "SH", "t": "T", "ɾ": "T", "ʔ": "T",
    "θ": "TH", "v": "V", "w": "W", "j": "Y", "z": "Z", "ʒ": "ZH",
}
_DROPPED = str.maketrans("", "", "ˈˌːˑ̩̃͡‍ \u0361")


def words(text: str) -> list[str]:
    """The words of ``text`` for alignment: lower case, curly apostrophes made straight, every
    other punctuation mark a word break (``"Don’t stop—now!"`` -> ``["don't", "stop", "now"]``)."""
    return WORD.findall(text.lower().replace("’", "'").replace("‘", "'"))


def ipa_to_arpabet(ipa: str) -> list[str]:
    """ARPABET phones for an IPA string (longest match first; unknown symbols skipped)."""
    ipa = ipa.translate(_DROPPED)
    phones, at = [], 0
    while at < len(ipa):
        for size in (2, 1):
            phone = IPA_TO_ARPABET.get(ipa[at:at + size])
            if phone:
                phones.append(phone)
                at += size
                break
        else:
            at += 1
    return phones


@functools.lru_cache(maxsize=4096)
def espeak_phones(word: str) -> tuple[str, ...]:
    """ARPABET phones for ``word`` as espeak-ng (US English) would say it; () when espeak-ng is
    not installed or says nothing. Raises MediaError when espeak-ng fails."""
    binary = shutil.which("espeak-ng")
    if binary is None:
        return ()
    try:
        done = subprocess.run([binary, "-q", "--ipa", "-v", "en-us", word], capture_output=True,
                              text=True, timeout=ESPEAK_TIMEOUT, check=False,
                              **own_group())
    except (OSError, subprocess.TimeoutExpired) as error:
        raise MediaError(f"espeak-ng could not say “{word}”: {error}.") from None
    if done.returncode != 0:
        raise MediaError(f"espeak-ng could not say “{word}”: {done.stderr.strip()[:120]}.")
    return tuple(ipa_to_arpabet("".join(done.stdout.split())))
