"""The build use case: a course spec (:mod:`studio.spec`) applied to a project, as a job.

A first build makes the project (in a hidden folder beside the target, renamed into place
once complete, so a failed or cancelled build leaves no half-made project). A rebuild opens
the project made before and updates it in place: every spec node finds the node it made
through the project's build map (:mod:`studio.media.build_map`), fields are merged three
ways (the value last built, the project's now, the spec's now: a spec change the designer
did not touch is applied, a designer's edit the spec did not touch is kept, both changed
differently keeps the designer's and reports a conflict), and what a designer added stays
where it was placed. A source file whose bytes changed is read again (a deck through the
deck re-import, which keeps slide edits). Nothing changed: nothing is written.

The whole build is one undo step. Ids of the nodes a build makes are derived from the spec
(:func:`studio.commands.derived_ids`), and so is the course identifier, so one spec built
twice exports the same package bytes. The slides and pages given a narration script are
voiced in the same undo step (:mod:`studio.media.build_voice`: only what is missing or
stale, sentence by sentence through the cache), so a cancel while voicing leaves the
project as it was; a machine with no voice engine still builds, leaving them unvoiced.
"""

from __future__ import annotations

import contextlib
import shutil
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from studio import commands
from studio.errors import BuildError, SpecError
from studio.jobs import CancelToken, Progress, SubProgress, no_progress
from studio.media.build_items import Builder
from studio.media.build_map import COURSE_ROW, read_map
from studio.media.build_sources import read_sources
from studio.media.build_voice import Voicing, to_voice, voice_built
from studio.media.import_steps import removing_new_media_on_error
from studio.project_file import DB_NAME, STALE_WITHOUT_PROC, open_by_any_process
from studio.spec.folder import SPEC_NAMES
from studio.spec.model import CourseSpec
from studio.store import Project

READ_SHARE, WRITE_SHARE = 0.6, 0.1  # of a build's progress; voicing has the rest


@dataclass(frozen=True)
class BuildReport:
    """What a build did to the project at ``target``: ``status`` "built" (made), "updated"
    or "unchanged" (nothing written);
    counts of spec nodes (modules, lessons, items) ``added``, ``updated`` and ``removed``,
    and ``kept`` (removed from the spec but kept, being edited in the project, and each
    edit kept over a spec change: one per conflict); one line
    per ``conflicts`` (node, field, both values) and per ``notes`` (the spec reader's, and
    what the build changed that a person should know: a trim cut to a new source, scripts
    left unvoiced); ``voiced`` items narrated now with ``synthesised`` new sentences, and
    ``unvoiced`` items whose narration script is not voiced (``narrate`` off, no engine)."""

    target: Path
    status: str
    added: int = 0
    updated: int = 0
    removed: int = 0
    kept: int = 0
    conflicts: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    voiced: int = 0
    synthesised: int = 0
    unvoiced: int = 0

    @property
    def narration_line(self) -> str:
        """``Narration: N items voiced, M new sentences``; empty when nothing was voiced."""
        if not self.voiced:
            return ""
        return (f"Narration: {self.voiced} item{'s' * (self.voiced != 1)} voiced, "
                f"{self.synthesised} new sentence{'s' * (self.synthesised != 1)}")


def default_target(source: Path) -> Path:
    """Where a spec is built when no target is given: ``<stem>.course`` beside a spec file,
    ``<folder name>.course`` beside a folder of materials (``source`` as the person named
    it: a folder's inferred spec may come from its ``course.toml``). The folder's own
    ``course.toml`` (or ``.yaml``) named as the spec builds the folder's course."""
    source = Path(source).absolute()
    if source.name in SPEC_NAMES:
        source = source.parent
    return source.parent / f"{source.name if source.is_dir() else source.stem}.course"


def course_identifier(spec: CourseSpec) -> str:
    """The course URN a build gives a new project: derived from the spec's title and file
    name, so two builds of one spec export the same identifiers."""
    name = f"course-studio-build:{spec.source.name}:{spec.title}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def build_course(spec: CourseSpec, target: Path, progress: Progress = no_progress,
                 token: CancelToken | None = None, *, notes: Sequence[str] = (),
                 renderer: str = "auto", narrate: bool = True) -> BuildReport:
    """Build ``spec`` into the project at ``target`` (a ``.course`` folder): make it, or
    update the project an earlier build of a spec made there (a job; see the module).

    ``notes`` are the spec reader's, passed through to the report; ``renderer`` draws deck
    slides ("auto", "libreoffice", "builtin"); ``narrate`` False leaves narration scripts
    unvoiced (the report counts them). Progress runs 0..0.6 while sources are read (decks
    rendered), 0.6..0.7 while the project is written and 0.7..1 while narration is voiced
    (with the course's voice settings). Raises BuildError for a target that holds a project
    not built from a spec or a folder that is no project, ImportFileError naming a source
    file that cannot be used, InvalidEditError for a value the project refuses, MediaError
    when ffmpeg fails to encode narration, Cancelled when ``token`` is cancelled; the
    project (or the absence of one) is then as it was.
    """
    token = token or CancelToken()
    target, notes = Path(target), tuple(notes)
    if not spec.items():
        raise SpecError(_nothing_to_build(spec))
    if (target / DB_NAME).exists():
        return _rebuild(spec, target, progress, token, notes, renderer, narrate)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BuildError(f"{target} exists and is not a course project; choose another "
                         "target.")
    notes += tuple(f"removed {part.name}, left by an interrupted build"
                   for part in _remove_stale_builds(target))
    work = target.parent / f".{target.name}.part-{uuid.uuid4().hex[:8]}"
    try:
        with Project.create(work, spec.title, spec.language,
                            identifier=course_identifier(spec)) as project:
            report = _apply(project, spec, target, {}, progress, token, notes, renderer,
                            narrate)
        if target.exists():
            target.rmdir()
        work.rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report


STALE_BUILD_GRACE = 120.0  # seconds: a hidden build folder this fresh may be starting


def _remove_stale_builds(target: Path) -> list[Path]:
    """Remove the hidden ``.<target>.part-…`` folders a killed first build of ``target``
    left: those whose ``course.db`` no process holds open (Linux) and untouched for
    :data:`STALE_BUILD_GRACE` seconds, elsewhere untouched for
    :data:`studio.project_file.STALE_WITHOUT_PROC` seconds. Returns the folders removed."""
    parts = [p for p in target.parent.glob(f".{target.name}.part-*") if p.is_dir()]
    if not parts:
        return []
    busy = open_by_any_process([p / DB_NAME for p in parts])
    wait = STALE_BUILD_GRACE if Path("/proc/self/fd").is_dir() else STALE_WITHOUT_PROC
    now, removed = time.time(), []
    for part in parts:
        touched = max((_mtime(p) for p in (part, part / DB_NAME) if p.exists()), default=now)
        if part / DB_NAME not in busy and now - touched > wait:
            shutil.rmtree(part, ignore_errors=True)
            if not part.exists():
                removed.append(part)
    return removed


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return time.time()


def _rebuild(spec: CourseSpec, target: Path, progress: Progress, token: CancelToken,
             notes: tuple[str, ...], renderer: str, narrate: bool) -> BuildReport:
    with Project.open(target) as project:
        stored = read_map(project)
        if COURSE_ROW not in stored:
            raise BuildError(f"{target} was not built from a spec; build into a new folder "
                             "(-o NEW.course).")
        return _apply(project, spec, target, stored, progress, token, notes, renderer,
                      narrate)


def _apply(project: Project, spec: CourseSpec, target: Path, stored: dict,
           progress: Progress, token: CancelToken, notes: tuple[str, ...],
           renderer: str, narrate: bool) -> BuildReport:
    first = not stored
    builds = stored[COURSE_ROW].base.get("builds", 0) if stored else 0
    with contextlib.ExitStack() as prepared:
        sources = read_sources(project, spec, stored, renderer,
                               SubProgress(progress, 0.0, READ_SHARE), token, prepared)
        builder = Builder(project, spec, stored, sources, token)
        quiet = not first and not builder.changed()
        if quiet and not (narrate and to_voice(project, stored)):
            return _unchanged(target, notes, voice_built(project, stored, target, False,
                                                          progress, token), progress)
        token.check()
        progress(READ_SHARE, "Writing the project")
        name = f"Build from {spec.source.name}"
        try:
            with removing_new_media_on_error(project), project.group(name), \
                    commands.derived_ids(f"{project.course().identifier}#{builds}"):
                builder.run(SubProgress(progress, READ_SHARE, WRITE_SHARE))
                voicing = voice_built(project, builder.after, target, narrate,
                                      SubProgress(progress, READ_SHARE + WRITE_SHARE,
                                                  1 - READ_SHARE - WRITE_SHARE), token)
                if quiet and not voicing.voiced:
                    raise _NothingDone(voicing)  # rolls the step back: nothing written
                builder.finish(builds + 1)
        except _NothingDone as nothing:
            return _unchanged(target, notes, nothing.voicing, progress)
    progress(1.0, "Built" if first else "Updated")
    counts = builder.counts
    return BuildReport(target, "built" if first else "updated", counts["added"],
                       counts["updated"], counts["removed"],
                       counts["kept"] + len(builder.merge.conflicts),
                       tuple(builder.merge.conflicts),
                       notes + tuple(builder.notes) + _noted(voicing), voicing.voiced,
                       voicing.synthesised, voicing.unvoiced)


def _nothing_to_build(spec: CourseSpec) -> str:
    if spec.source.is_dir():
        return (f"{spec.source.name}: no course materials found; a module is a folder of "
                "lesson folders holding the files.")
    return f"{spec.source.name}: no items to build; a lesson lists its items."


class _NothingDone(Exception):
    """An unchanged spec whose due narration could not be voiced after all."""

    def __init__(self, voicing: Voicing):
        super().__init__()
        self.voicing = voicing


def _unchanged(target: Path, notes: tuple[str, ...], voicing: Voicing,
               progress: Progress) -> BuildReport:
    progress(1.0, "Nothing changed")
    return BuildReport(target, "unchanged", notes=notes + _noted(voicing),
                       unvoiced=voicing.unvoiced)


def _noted(voicing: Voicing) -> tuple[str, ...]:
    return (voicing.note,) if voicing.note else ()
