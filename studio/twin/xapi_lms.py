"""The LMS twin for xAPI packages (Tin Can and cmi5): runs the scripted learner's paths as a job.

``run_xapi_paths`` unpacks the package, reads what an LMS reads from it (``tincan.xml`` or
``cmi5.xml``: :mod:`studio.twin.xapi_package`), plans each path as the SCORM twin does
(:mod:`studio.twin.plans`: a Tin Can package is one unit, a cmi5 package one unit per AU),
and serves, on one :class:`~studio.twin.server.TwinServer`, the package under each
course-data variant, the twin's pages and, per path, a fresh LRS and LMS
(:class:`~studio.twin.xapi_session.XapiLms`, one learner and registration). A browser engine
loads ``resources/twin/xapi.html``, which launches each step through that LMS, lets the
scripted learner work, closes the frame as a browser closes a tab and leaves the journal.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from pathlib import Path

from studio.export.lms_switches import LmsProfile
from studio.export.player_data import data_js
from studio.export.xml import decimal
from studio.jobs import CancelToken, Progress, no_progress
from studio.twin.engine import Engine
from studio.twin.journal import PathRun
from studio.twin.lrs import LrsRequest, response_headers
from studio.twin.package import LaunchUnit, TwinPackage, open_package
from studio.twin.paths import PATHS, check_paths
from studio.twin.plans import LONG, PLAIN, TYPES, PathPlan, lesson_of, plan_path, unit_lesson
from studio.twin.runtime import twin_resources_dir
from studio.twin.server import Route, TwinRequest, TwinResponse, TwinServer
from studio.twin.variants import items_of, long_course, with_question_types
from studio.twin.xapi_package import CMI5, XapiPackage, read_xapi_package
from studio.twin.xapi_session import XapiLms

PAGE = "xapi.html"
START_TIMEOUT_S = 15  # seconds a player may take to start in one launch
BASE_TIMEOUT_S = 60  # seconds a path may take, plus PER_ITEM_S for each item it plays
PER_ITEM_S = 0.3
COURSE_UNIT = "course"  # the unit id of a Tin Can package, launched as a whole


def xapi_units(package: XapiPackage) -> tuple[LaunchUnit, ...]:
    """The launchable units an LMS offers: the Tin Can launch file as one unit, or each cmi5
    AU (id = its publisher id, mastery = its masteryScore 0..1, "" when none)."""
    if package.standard != CMI5:
        return (LaunchUnit(COURSE_UNIT, package.title, package.launch),)
    return tuple(LaunchUnit(au.id, au.title, au.url,
                            "" if au.mastery_score is None else decimal(au.mastery_score))
                 for au in package.aus)


def route(lms: XapiLms, prefix: str) -> Route:
    """A :class:`TwinServer` route serving ``lms`` below the URL path ``prefix``."""

    def answer(request: TwinRequest) -> TwinResponse:
        done = lms.answer(LrsRequest(
            request.method, request.path.removeprefix(prefix),
            {name: values[0] for name, values in request.query.items() if values},
            {name.lower(): value for name, value in request.headers.items()}, request.body))
        headers = response_headers(done, request.headers.get("Origin"))
        content_type = headers.pop("Content-Type", "application/json")
        headers.pop("Content-Length", None)  # the server sets it
        return TwinResponse(done.status, done.body, content_type, headers)

    return answer


def _variants(twin: TwinPackage) -> dict[str, dict]:
    data = twin.course_data
    first_lesson = unit_lesson(twin.units[0])
    return {PLAIN: data, TYPES: with_question_types(data) if data else {},
            LONG: long_course(data, first_lesson) if data else {}}


def _serve_package(server: TwinServer, twin: TwinPackage, variants: dict[str, dict]) -> None:
    server.mount("twin", twin_resources_dir())
    for name, data in variants.items():
        server.mount(f"pkg-{name}", twin.root)
        if name != PLAIN and data:
            server.put(f"pkg-{name}/course-data.js", data_js(data), "text/javascript")


def path_timeout(plan: PathPlan, variants: dict[str, dict]) -> float:
    """Seconds a path may take: :data:`BASE_TIMEOUT_S` plus :data:`PER_ITEM_S` for each item
    its launches play."""
    count = sum(len(items_of(variants[step["variant"]], lesson_of(step["href"])))
                for step in plan.steps)
    return BASE_TIMEOUT_S + PER_ITEM_S * count


def run_config(twin: TwinPackage, profile: LmsProfile, plan: PathPlan, lms_url: str,
               timeout_s: float) -> dict:
    """The configuration ``xapi.html`` runs (shape in ``resources/twin/xapi.js``);
    ``lms_url`` is the path of the path's LMS (``/lms-0/``), ``timeout_s`` bounds each
    launch's scripted learner, in seconds."""
    return {
        "path": plan.path, "standard": twin.standard, "profile": profile.name,
        "lms_url": lms_url, "intent": plan.intent, "problems": list(plan.problems),
        "steps": [{"unit": step["unit"], "url": f"/pkg-{step['variant']}/{step['href']}",
                   "learner": step["learner"]} for step in plan.steps],
        "start_timeout_ms": START_TIMEOUT_S * 1000, "learner_timeout_ms": int(timeout_s * 1000),
    }


def run_xapi_paths(package: Path, profile: LmsProfile, paths: tuple[str, ...] = PATHS,
                   engine: Engine | None = None, progress: Progress = no_progress,
                   token: CancelToken | None = None) -> list[PathRun]:
    """The journal of each path in ``paths`` (names of :data:`~studio.twin.paths.PATHS`, in
    that order) run on the xAPI or cmi5 ``package`` (a zip or an unpacked folder) against an
    LRS and LMS that behave as ``profile``'s ``[lms]`` switches say (``unload_commit``).

    Each path gets its own learner registration, so nothing carries over between paths.
    ``engine`` defaults to :class:`~studio.twin.qt_engine.QtEngine` (made and closed here; a
    given engine is left open). Reports ``progress`` per path and checks ``token`` between
    paths (raises ``Cancelled``). Raises :class:`~studio.errors.TwinError` for an unknown
    path, a package the twin cannot open or that is no Tin Can or cmi5 package, or an
    engine that fails.
    """
    paths = check_paths(paths)
    token = token or CancelToken()
    own = engine is None
    if engine is None:
        from studio.twin.qt_engine import QtEngine

        engine = QtEngine()
    try:
        with tempfile.TemporaryDirectory(prefix="twin-") as work, TwinServer() as server:
            progress(0.0, "Opening the package")
            twin = open_package(Path(package), Path(work))
            xapi = read_xapi_package(twin.root)
            twin = dataclasses.replace(twin, units=xapi_units(xapi))
            variants = _variants(twin)
            _serve_package(server, twin, variants)
            runs = []
            for number, path in enumerate(paths):
                token.check()
                progress(number / len(paths), f"Path {number + 1} of {len(paths)}: {path}")
                plan = plan_path(path, twin)
                prefix = f"/lms-{number}/"
                lms = XapiLms(xapi, server.base + prefix, profile.lms.unload_commit)
                server.add_route(prefix, route(lms, prefix))
                timeout = path_timeout(plan, variants)
                config = run_config(twin, profile, plan, prefix, timeout)
                config_path = f"/runs/xapi-{number}.json"
                server.put(config_path, json.dumps(config).encode("utf-8"), "application/json")
                journal = engine.run(f"{server.base}/twin/{PAGE}?config={config_path}",
                                     timeout + START_TIMEOUT_S * len(plan.steps))
                runs.append(PathRun.from_json(journal))
            progress(1.0, "Done")
            return runs
    finally:
        if own:
            engine.close()
