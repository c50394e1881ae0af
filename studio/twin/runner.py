"""Running the scripted learner's paths on a package, as a job: the twin's front door.

``run_paths`` unpacks the package, serves it with the twin's pages and scorm-again
(:class:`~studio.twin.server.TwinServer`), and for each path writes the run's configuration
(the profile's ``[lms]`` behaviour, the launch steps of :mod:`studio.twin.plans`) and has a
browser engine load the twin's LMS page, which leaves the journal. xAPI and cmi5 packages
go to the xAPI twin (:mod:`studio.twin.xapi_lms`).
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import quote

from studio.errors import TwinError
from studio.export.lms_switches import SUSPEND_DATA_LIMITS, LmsProfile
from studio.export.player_data import data_js
from studio.jobs import CancelToken, Progress, no_progress
from studio.twin import records
from studio.twin.engine import Engine
from studio.twin.journal import PathRun
from studio.twin.package import CMI5_FILE, MANIFEST, XAPI_FILE, TwinPackage, open_package
from studio.twin.paths import PATHS, check_paths
from studio.twin.plans import LONG, PLAIN, TYPES, PathPlan, lesson_of, plan_path, unit_lesson
from studio.twin.runtime import scorm_again_dir, twin_resources_dir
from studio.twin.server import TwinServer
from studio.twin.variants import items_of, long_course, with_question_types

START_TIMEOUT_S = 15  # seconds a player may take to start in one launch
BASE_TIMEOUT_S = 60  # seconds a path may take, plus PER_ITEM_S for each item it launches
PER_ITEM_S = 0.25
# The broken LMSs the learner preview can play: no API object, an Initialize that answers
# false, Commits that answer false (the player's honest-tracking banner then shows).
FAULTS = ("no-api", "initialize-false", "commit-false")


def run_paths(package: Path, profile: LmsProfile, paths: tuple[str, ...] = PATHS,
              engine: Engine | None = None, progress: Progress = no_progress,
              token: CancelToken | None = None) -> list[PathRun]:
    """The journal of each path in ``paths`` (names of :data:`~studio.twin.paths.PATHS`, in
    that order) run on ``package`` (a zip or an unpacked folder) in an LMS that behaves as
    ``profile`` says. ``engine`` defaults to :class:`~studio.twin.qt_engine.QtEngine` (made
    and closed here; a given engine is left open). Reports ``progress`` per path and checks
    ``token`` between paths (raises ``Cancelled``). Raises :class:`TwinError` for an unknown
    path, a package the twin cannot open, a missing scorm-again or an engine that fails."""
    paths = check_paths(paths)
    token = token or CancelToken()
    if standard_of(Path(package)) in ("xapi", "cmi5"):
        from studio.twin.xapi_lms import run_xapi_paths  # the xAPI/cmi5 twin

        return run_xapi_paths(package, profile, paths, engine, progress, token)
    scorm_again = scorm_again_dir()
    own = engine is None
    if engine is None:
        from studio.twin.qt_engine import QtEngine

        engine = QtEngine()
    try:
        with tempfile.TemporaryDirectory(prefix="twin-") as work, TwinServer() as server:
            progress(0.0, "Opening the package")
            twin = open_package(Path(package), Path(work))
            variants = variant_data(twin)
            serve(server, twin, scorm_again, variants)
            runs = []
            for number, path in enumerate(paths):
                token.check()
                progress(number / len(paths), f"Path {number + 1} of {len(paths)}: {path}")
                plan = plan_path(path, twin)
                timeout = path_timeout(plan, variants)
                config = run_config(twin, profile, plan, timeout)
                url = config_url(server, config, f"run-{number}")
                runs.append(PathRun.from_json(engine.run(url, timeout)))
            progress(1.0, "Done")
            return runs
    finally:
        if own:
            engine.close()


def start_interactive(package: Path, profile: LmsProfile, channel: str, workdir: Path,
                      unit: int = 0, fault: str | None = None) -> tuple[TwinServer, str]:
    """A twin LMS for a person to work in (the learner preview): ``package`` unpacked into
    ``workdir`` and served, and the URL of the LMS page that launches its unit number
    ``unit`` with no scripted learner. Each API call is printed to the page's console as
    ``<channel>{json}`` (a :class:`~studio.twin.journal.Call`); the page's
    ``window.twinJournal()`` answers the journal so far and ``window.twinClose()`` closes the
    SCO as a browser closes a tab. ``fault`` (one of :data:`FAULTS`, None: a working LMS)
    makes the LMS fail as named: no ``API``/``API_1484_11`` object, ``Initialize`` answering
    false (101 in SCORM 1.2, 102 in SCORM 2004 RTE 3.1.7), or ``Commit`` answering false after
    a good start (101, 391). The caller closes the returned server. Raises
    :class:`TwinError` for an unknown fault, a package the twin cannot open, an xAPI/cmi5
    package, a unit number it does not have, or a missing scorm-again."""
    if fault is not None and fault not in FAULTS:
        raise TwinError(f"Unknown LMS fault {fault!r}: choose one of {', '.join(FAULTS)}.")
    twin = open_package(Path(package), Path(workdir))
    if not twin.units:
        raise TwinError(f"{Path(package).name} is a {twin.standard} package: the SCORM twin "
                        "cannot launch it.")
    if not 0 <= unit < len(twin.units):
        raise TwinError(f"{Path(package).name} has {len(twin.units)} unit(s), not {unit + 1}.")
    server = TwinServer()
    try:
        variants = variant_data(twin)
        serve(server, twin, scorm_again_dir(), variants)
        chosen = twin.units[unit]
        step = {"unit": chosen.id, "title": chosen.title, "href": chosen.href,
                "mastery": chosen.mastery, "variant": PLAIN, "learner": None}
        plan = PathPlan("interactive", (step,))
        config = run_config(twin, profile, plan, BASE_TIMEOUT_S, interactive=True,
                            channel=channel, fault=fault)
        return server, config_url(server, config, "interactive")
    except BaseException:
        server.close()
        raise


def standard_of(package: Path) -> str:
    """``scorm`` (a manifest), ``cmi5``, ``xapi`` or "" (none of them) for a zip or folder,
    read from the names at its root only. Raises :class:`TwinError` for a missing file or
    a damaged zip."""
    if package.is_dir():
        names = {p.name for p in package.iterdir()}
    else:
        try:
            with zipfile.ZipFile(package) as archive:
                names = set(archive.namelist())
        except (OSError, zipfile.BadZipFile) as exc:
            raise TwinError(f"{package.name} cannot be opened as a package ({exc}).") from None
    for marker, standard in ((MANIFEST, "scorm"), (CMI5_FILE, "cmi5"), (XAPI_FILE, "xapi")):
        if marker in names:
            return standard
    return ""


def variant_data(twin: TwinPackage) -> dict[str, dict]:
    """The course data each variant serves: ``plain`` the package's own, ``question-types``
    with the quiz of every type added, ``long-course`` grown to a thousand items (for a
    package of one unit per lesson: the first unit's lesson)."""
    data = twin.course_data
    if not data:
        return {PLAIN: {}, TYPES: {}, LONG: {}}
    first_lesson = unit_lesson(twin.units[0]) if twin.units else None
    return {PLAIN: data, TYPES: with_question_types(data), LONG: long_course(data, first_lesson)}


def serve(server: TwinServer, twin: TwinPackage, scorm_again: Path,
          variants: dict[str, dict]) -> None:
    """Serve the twin's pages (``/twin/``), scorm-again (``/scorm-again/``) and the package
    under each course-data variant (``/pkg-plain/``, ``/pkg-long-course/``,
    ``/pkg-question-types/``: the same files, each but the plain one with its own
    ``course-data.js``)."""
    server.mount("twin", twin_resources_dir())
    server.mount("scorm-again", scorm_again)
    for name, data in variants.items():
        server.mount(f"pkg-{name}", twin.root)
        if name != PLAIN and data:
            server.put(f"pkg-{name}/course-data.js", data_js(data), "text/javascript")


def behaviour(profile: LmsProfile, twin: TwinPackage) -> dict:
    """The profile's ``[lms]`` switches as the twin's page reads them, with the suspend-data
    limit no larger than the package's edition stores (SCORM 1.2 RTE §3.4: 4,096; SCORM 2004
    RTE §4.2: 4,000 in the 2nd and 3rd editions, 64,000 in the 4th) and ``first_score_only``
    resolved for the package's standard (:func:`studio.twin.records.first_score_only`)."""
    lms = {key: list(value) if isinstance(value, tuple) else value
           for key, value in dataclasses.asdict(profile.lms).items()}
    lms["first_score_only"] = records.first_score_only(profile, twin.standard)
    edition = "scorm12" if twin.standard == "scorm12" else \
        f"scorm2004-{'4th' if twin.edition == '4th' else '3rd'}"
    if edition in SUSPEND_DATA_LIMITS:
        limit = int(lms.get("suspend_data_limit") or 0)
        lms["suspend_data_limit"] = min(limit, SUSPEND_DATA_LIMITS[edition]) if limit else \
            SUSPEND_DATA_LIMITS[edition]
    return lms


def run_config(twin: TwinPackage, profile: LmsProfile, plan: PathPlan, timeout_s: float, *,
               interactive: bool = False, channel: str = "", fault: str | None = None) -> dict:
    """The configuration the twin's LMS page runs (shape in ``resources/twin/lms.js``);
    ``timeout_s`` bounds each launch's scripted learner, in seconds; ``fault``: one of
    :data:`FAULTS` or None."""
    steps = [{**step, "url": f"/pkg-{step['variant']}/{step['href']}"} for step in plan.steps]
    return {
        "path": plan.path, "standard": twin.standard, "profile": profile.name,
        "launch": twin.launch_mode or "iframe", "lms": behaviour(profile, twin),
        "units_total": len(twin.units), "steps": steps, "intent": plan.intent,
        "problems": list(plan.problems), "interactive": interactive, "channel": channel,
        "start_timeout_ms": START_TIMEOUT_S * 1000,
        "learner_timeout_ms": int(timeout_s * 1000), "fault": fault,
    }


def config_url(server: TwinServer, config: dict, name: str) -> str:
    """Serve ``config`` as ``/runs/<name>.json`` and return the LMS page's URL that runs it."""
    path = f"/runs/{name}.json"
    server.put(path, json.dumps(config).encode("utf-8"), "application/json")
    return f"{server.base}/twin/lms.html?config={quote(path)}"


def path_timeout(plan: PathPlan, variants: dict[str, dict]) -> float:
    """Seconds a path may take: :data:`BASE_TIMEOUT_S` plus :data:`PER_ITEM_S` per item its
    launches play (a long course plays a thousand)."""
    count = sum(len(items_of(variants[step["variant"]], lesson_of(step["href"])))
                for step in plan.steps)
    return BASE_TIMEOUT_S + PER_ITEM_S * count
