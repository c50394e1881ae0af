"""What the learner saw, as a short version the package hands to its statements, so learner
data found later can tell an item that changed since from one that did not.

A clip's version is its source's (a new source is new content; a trim is not: the in and
out points travel beside the version and the data are mapped through them). A question's
version covers everything the learner was asked and how it was scored.
"""

from __future__ import annotations

import hashlib
import json

from studio.model import Course, Question, VideoClip

VERSION_CHARS = 16  # hex digits kept of a SHA-256


def clip_version(clip: VideoClip, course: Course) -> str:
    """The version of a clip's source: the first 16 hex digits of the source file's SHA-256,
    or ``""`` for a clip without a known asset."""
    asset = course.assets.get(clip.asset_id) if clip.asset_id else None
    return asset.sha256[:VERSION_CHARS] if asset is not None else ""


def question_version(question: Question) -> str:
    """The version of a question: the first 16 hex digits of the SHA-256 of its type, prompt,
    points and type data (choices, answers, feedback), as canonical JSON."""
    facts = {"type": question.type, "prompt": question.prompt, "points": question.points,
             "data": question.data}
    text = json.dumps(facts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:VERSION_CHARS]
