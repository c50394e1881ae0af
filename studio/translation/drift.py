"""Drift: which translations still match the source they were made from.

Each stored :class:`~studio.translation.units.Translation` keeps the hash of its source. A
segment is CURRENT when a translation of exactly its source exists (under its own id, or
under another sentence of the same field: a sentence that moved because one was inserted
or removed before it), NEEDS_REVIEW when its own id holds a translation of an older source,
and NEW otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from studio.model import Course
from studio.translation.units import INLINE_CODE, Segment, SegmentState, Translation

State = tuple[SegmentState, Translation | None]
# (segment id, length of the translation, the segment's limit), both in characters
OverLength = tuple[str, int, int]


def family(segment_id: str) -> str:
    """The field a segment id belongs to: the id with each sentence or entry number after
    the owner made ``*`` (``itm_1.notes.3`` -> ``itm_1.notes.*``, ``q_1.choices.2.text`` ->
    ``q_1.choices.*.text``); an id without numbers is its own field."""
    owner, *parts = segment_id.split(".")
    return ".".join([owner, *("*" if part.isdigit() else part for part in parts)])


def states(segments: Iterable[Segment],
           translations: Mapping[str, Translation]) -> dict[str, State]:
    """``{segment id: (state, translation used)}`` for one language's stored
    ``translations`` (``{segment id: Translation}``), in the order of ``segments``:

    1. the translation under the segment's id made from its source (same hash): CURRENT;
    2. else a translation in the same field (:func:`family`) made from its source (a
       sentence or choice that moved): CURRENT, with that translation;
    3. else a translation under its id made from another source: NEEDS_REVIEW, with it,
       unless that translation is the exact match (rule 1 or 2) of another segment of the
       field: then its source only moved away and this segment is NEW;
    4. else NEW, with None.

    Pure; raises nothing."""
    segments = list(segments)
    by_field: dict[tuple[str, str], Translation] = {}
    for seg_id in sorted(translations):
        found = translations[seg_id]
        by_field.setdefault((family(seg_id), found.source_hash), found)
    exact: dict[str, Translation | None] = {}
    for segment in segments:
        own = translations.get(segment.id)
        if own is not None and own.source_hash == segment.source_hash:
            exact[segment.id] = own
        else:
            exact[segment.id] = by_field.get((family(segment.id), segment.source_hash))
    claimed = {found.segment for found in exact.values() if found is not None}
    out: dict[str, State] = {}
    for segment in segments:
        match, own = exact[segment.id], translations.get(segment.id)
        if match is not None:
            out[segment.id] = (SegmentState.CURRENT, match)
        elif own is not None and own.segment not in claimed:
            out[segment.id] = (SegmentState.NEEDS_REVIEW, own)
        else:
            out[segment.id] = (SegmentState.NEW, None)
    return out


def over_length(segments: Iterable[Segment], texts: Mapping[str, str]
                ) -> tuple[OverLength, ...]:
    """The translations longer than their segment's ``max_length``, in segment order:
    ``(segment id, length, limit)``. ``texts`` maps segment ids to translated text; the
    length counts the characters a learner sees (inline codes such as ``<i>`` or ``{name}``
    left out), as XLIFF 1.2 ``maxwidth`` with ``size-unit="char"`` means it. Pure; raises
    nothing."""
    found = []
    for segment in segments:
        text = texts.get(segment.id)
        if segment.max_length and text is not None:
            length = len(INLINE_CODE.sub("", text))
            if length > segment.max_length:
                found.append((segment.id, length, segment.max_length))
    return tuple(found)


def over_length_list(found: Iterable[OverLength]) -> str:
    """``found`` as a message reads it: "player.next (43/16), course.title (230/200)"."""
    return ", ".join(f"{segment_id} ({length}/{limit})" for segment_id, length, limit in found)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@dataclass(frozen=True)
class LanguageStatus:
    """Where one target ``language`` stands: ``total`` segments, how many are ``current``,
    the ids that ``needs_review`` and that are ``new`` (in segment order), and the
    ``obsolete`` stored ids no segment uses any more (sorted), and the translations in use
    that are ``over_length`` (:func:`over_length`)."""

    language: str
    total: int
    current: int
    needs_review: tuple[str, ...]
    new: tuple[str, ...]
    obsolete: tuple[str, ...]
    over_length: tuple[OverLength, ...] = ()

    def summary(self) -> str:
        """One line: "fr: 3 segments need review, 2 new", "fr: 1 new segment", or
        "fr: up to date, 120 segments" when nothing needs work."""
        review, new = len(self.needs_review), len(self.new)
        if not review and not new:
            return f"{self.language}: up to date, {_count(self.total, 'segment', 'segments')}"
        if not review:
            return f"{self.language}: {_count(new, 'new segment', 'new segments')}"
        text = _count(review, "segment needs review", "segments need review")
        return f"{self.language}: {text}" + (f", {new} new" if new else "")


def status(course: Course, language: str, segments: Iterable[Segment]) -> LanguageStatus:
    """The :class:`LanguageStatus` of ``language`` (a stored tag) for the course's
    ``segments`` (:func:`studio.translation.segments.course_segments`), from the
    translations the course holds. Pure; raises nothing."""
    segments = list(segments)
    stored = course.translations.get(language, {})
    found = states(segments, stored)
    used = {t.segment for _, t in found.values() if t is not None}
    return LanguageStatus(
        language=language, total=len(found),
        current=sum(1 for s, _ in found.values() if s is SegmentState.CURRENT),
        needs_review=tuple(i for i, (s, _) in found.items() if s is SegmentState.NEEDS_REVIEW),
        new=tuple(i for i, (s, _) in found.items() if s is SegmentState.NEW),
        obsolete=tuple(sorted(set(stored) - used)),
        over_length=over_length(segments, {i: t.text for i, (_, t) in found.items()
                                           if t is not None}))
