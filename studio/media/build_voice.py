"""A build's narration: the slides and pages whose script the spec named, voiced with the
course's voice inside the build's undo step (:mod:`studio.media.build`).

Voicing is :func:`studio.media.narration_render.narrate` on those items: sentences are
synthesised through the sentence cache, so a rebuild voices only the sentences a changed
script brings, and an item already voiced with its script now is left alone. A build that
cannot voice (no engine on this machine) still builds, and says so in one note.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from studio.jobs import CancelToken, Progress
from studio.media.build_map import Entry
from studio.media.narration_plan import narratable
from studio.media.narration_render import narrate, pending
from studio.media.voices import VoiceError
from studio.narration import item_script, sentences
from studio.store import Project


@dataclass(frozen=True)
class Voicing:
    """What a build did with the narration scripts: ``voiced`` items narrated now,
    ``synthesised`` sentences voiced for them (the rest came from the cache), ``unvoiced``
    items whose script is still not voiced, and the ``note`` that says why."""

    voiced: int = 0
    synthesised: int = 0
    unvoiced: int = 0
    note: str | None = None


def scripted_items(entries: dict[str, Entry]) -> list[str]:
    """The ids of the slides and pages a build map's ``entries`` gave a non-empty script
    (a deck's slides in order), in map order."""
    found: list[str] = []
    for entry in entries.values():
        values = entry.base.get("values", {})
        if "slides" in entry.base:
            found += [slide for slide, script in zip(entry.base["slides"],
                                                     values.get("scripts", []), strict=False)
                      if script.strip()]
        elif values.get("script") and entry.node_id:
            found.append(entry.node_id)
    return found


def to_voice(project: Project, entries: dict[str, Entry]) -> list[str]:
    """The ids of the scripted items of ``entries`` still in the project whose narration is
    missing or stale ([] when no engine can voice them: a build then has nothing to do)."""
    try:
        return pending(project, _speaking(project, entries))
    except VoiceError:
        return []


def voice_built(project: Project, entries: dict[str, Entry], target: Path, enabled: bool,
                progress: Progress, token: CancelToken) -> Voicing:
    """Voice the scripted items of ``entries`` whose narration is missing or stale (when
    ``enabled``), inside the caller's undo step; else count them. Raises MediaError when
    ffmpeg fails, Cancelled when ``token`` is cancelled (nothing stored)."""
    ids = _speaking(project, entries)
    todo = None
    try:
        todo = pending(project, ids)
        if not enabled:
            left = len(todo)
            return Voicing(unvoiced=left, note=(
                f"{_items(left)} {'has' if left == 1 else 'have'} a narration script not "
                f"voiced; run: studio narrate {target}") if left else None)
        report = narrate(project, todo, progress=progress, token=token)
    except VoiceError as exc:  # nothing stored: narrate stores last
        left = len(todo) if todo is not None else len(_unsaid(project, ids))
        return Voicing(unvoiced=left, note=(
            f"{_items(left)} not voiced: {exc.message.rstrip('.')}; then run: "
            f"studio narrate {target}") if left else None)
    return Voicing(len(report.items), report.synthesised)


def _speaking(project: Project, entries: dict[str, Entry]) -> list[str]:
    """The scripted items of ``entries`` that are in the project with something to say."""
    course = project.course()
    return [item_id for item_id in scripted_items(entries)
            if (item := course.find(item_id)) is not None and hasattr(item, "kind")
            and narratable(item, course)]


def _unsaid(project: Project, item_ids: list[str]) -> list[str]:
    """The items whose narration does not say their script's sentences now: what is left
    unvoiced when no engine can tell the sentences' keys."""
    course = project.course()
    language = course.language
    found = []
    for item_id in item_ids:
        item = course.find(item_id)
        track = item.narration.track(language)
        said = sentences(item_script(item, language, language), language)
        if track is None or [sentence.text for sentence in track.sentences] != said:
            found.append(item_id)
    return found


def _items(count: int) -> str:
    return f"{count} item{'s' * (count != 1)}"
