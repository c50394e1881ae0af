"""The stored form of narration: an item's ``props["narration"]`` and the course's glossary,
as JSON-ready dicts and lists, and back.

Defaults are left out when writing, so an item without narration stores ``{}``. Reading is
forgiving: a value a command would never store (hand-edited, or from an older version) reads
as its default rather than failing the whole course.
"""

from __future__ import annotations

from studio.model import (
    GLOSSARY_KINDS,
    ORIGINS,
    GlossaryEntry,
    Narration,
    NarrationTrack,
    SpokenSentence,
)


def _pairs(value: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        return ()
    return tuple((str(k), str(v)) for k, v in value.items() if isinstance(v, str | int | float))


def _number(value: object, default: float | None) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return float(value)


def sentence_from_json(data: dict) -> SpokenSentence:
    """A :class:`SpokenSentence` from its stored dict (``text``, ``start``, ``end`` in seconds;
    optional ``key``, ``words`` as [start, end, word] lists, ``confidence``, ``review``).
    Raises KeyError/TypeError/ValueError for a dict without text and times."""
    words = tuple((float(w[0]), float(w[1]), str(w[2])) for w in data.get("words", ())
                  if isinstance(w, list | tuple) and len(w) == 3)
    return SpokenSentence(text=str(data["text"]), start=float(data["start"]),
                          end=float(data["end"]), key=str(data.get("key", "")), words=words,
                          confidence=_number(data.get("confidence"), None),
                          review=data.get("review") is True)


def sentence_to_json(sentence: SpokenSentence) -> dict:
    """The stored dict of a sentence; empty key, words, confidence and review left out."""
    data: dict = {"text": sentence.text, "start": sentence.start, "end": sentence.end}
    if sentence.key:
        data["key"] = sentence.key
    if sentence.words:
        data["words"] = [[start, end, word] for start, end, word in sentence.words]
    if sentence.confidence is not None:
        data["confidence"] = sentence.confidence
    if sentence.review:
        data["review"] = True
    return data


def track_from_json(data: dict) -> NarrationTrack:
    """A :class:`NarrationTrack` from its stored dict. Raises KeyError/TypeError/ValueError
    for a dict without a language or with an origin outside ``ORIGINS``."""
    origin = str(data["origin"])
    if origin not in ORIGINS:
        raise ValueError(f"unknown narration origin {origin!r}")
    loudness = _number(data.get("loudness"), None)
    return NarrationTrack(
        language=str(data["language"]), origin=origin, asset_id=data.get("asset_id"),
        captions_asset_id=data.get("captions_asset_id"),
        duration=_number(data.get("duration"), 0.0) or 0.0,
        sentences=tuple(sentence_from_json(s) for s in data.get("sentences", ())),
        voice=_pairs(data.get("voice")), loudness=loudness)


def track_to_json(track: NarrationTrack) -> dict:
    """The stored dict of a track (JSON-ready)."""
    data: dict = {"language": track.language, "origin": track.origin,
                  "asset_id": track.asset_id, "captions_asset_id": track.captions_asset_id,
                  "duration": track.duration,
                  "sentences": [sentence_to_json(s) for s in track.sentences]}
    if track.voice:
        data["voice"] = dict(track.voice)
    if track.loudness is not None:
        data["loudness"] = track.loudness
    return data


def narration_from_props(props: dict) -> Narration:
    """An item's :class:`Narration` from its ``props`` (the ``"narration"`` key); missing or
    unreadable parts read as empty. Raises nothing."""
    data = props.get("narration")
    if not isinstance(data, dict):
        return Narration()
    scripts = data.get("scripts")
    scripts = tuple(sorted((str(k), v) for k, v in scripts.items() if isinstance(v, str))) \
        if isinstance(scripts, dict) else ()
    tracks = []
    for entry in data.get("tracks", ()) if isinstance(data.get("tracks"), list) else ():
        try:
            track = track_from_json(entry)
        except (KeyError, TypeError, ValueError, IndexError):
            continue  # a damaged track is dropped, the rest of the course still reads
        if all(t.language != track.language for t in tracks):
            tracks.append(track)
    return Narration(scripts=scripts, voice=_pairs(data.get("voice")), tracks=tuple(tracks))


def narration_to_props(narration: Narration) -> dict:
    """The JSON-ready dict stored as ``props["narration"]``: ``scripts`` {language: text},
    ``voice`` {name: value}, ``tracks`` [track dicts]; empty parts left out ({} for no
    narration)."""
    data: dict = {}
    if narration.scripts:
        data["scripts"] = dict(narration.scripts)
    if narration.voice:
        data["voice"] = dict(narration.voice)
    if narration.tracks:
        data["tracks"] = [track_to_json(t) for t in narration.tracks]
    return data


def glossary_from_json(data: object) -> tuple[GlossaryEntry, ...]:
    """The course glossary from its stored list of {word, say, kind, language} dicts;
    entries without a word or a respelling, or of an unknown kind, are skipped."""
    if not isinstance(data, list):
        return ()
    entries = []
    for entry in data:
        if not isinstance(entry, dict):
            continue
        word, say = entry.get("word"), entry.get("say")
        kind, language = entry.get("kind", "respell"), entry.get("language", "")
        if (isinstance(word, str) and word and isinstance(say, str) and say
                and kind in GLOSSARY_KINDS and isinstance(language, str)):
            entries.append(GlossaryEntry(word, say, kind, language))
    return tuple(entries)


def glossary_to_json(entries: tuple[GlossaryEntry, ...]) -> list[dict]:
    """The stored list of a glossary: one {word, say, kind, language} dict per entry."""
    return [{"word": e.word, "say": e.say, "kind": e.kind, "language": e.language}
            for e in entries]
