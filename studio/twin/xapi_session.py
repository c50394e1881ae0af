"""The twin's LMS for xAPI packages: a local LRS that launches Tin Can and cmi5 packages the way
an LMS does, loses what the profile says it loses, and journals every request.

One :class:`XapiLms` serves one path (one learner, one registration) below one URL prefix:
``xapi/...`` is the LRS (:mod:`studio.twin.lrs`), ``fetch/<id>`` the cmi5 fetch URLs and
``twin/...`` the twin page's controls:

- ``POST twin/launch?number=N&url=URL[&unit=ID]`` starts launch N of the package served at
  URL (of the cmi5 AU whose publisher id is ID) and answers ``{"url": <launch URL>}``:
  for Tin Can the launch file with ``endpoint``, ``auth``, ``actor``, ``registration`` and
  ``activity_id`` (the Tin Can launch parameters tincan.xml packages read), for cmi5 the
  AU's URL with ``endpoint``, ``fetch``, ``registration``, ``activityId`` and ``actor``
  (cmi5 §8.1), after writing
  ``LMS.LaunchData`` (cmi5 §10) and the LMS's ``launched`` statement (cmi5 §9.3.1);
- ``POST twin/phase?phase=hidden|unload`` marks the page's dismissal phase;
- ``POST twin/end`` waits until the package's requests settle and answers the launch's
  journal (``delivered``, ``calls``, ``commits``, ``kept``: :mod:`studio.twin.journal`).

Calls journalled: ``statement`` with args (verb id, object id, result JSON or "", statement
id), one per statement of a request, and ``state`` with args (stateId, document); each
storing request is one commit (``kept`` false when the LMS did not store it).

Dismissal: the twin page tags each request with the phase it was made in (``X-Twin-Phase``;
a request without one is in the phase the page last posted). With ``unload_commit = "lost"``
a write made in phase ``unload`` by a request that does not survive page dismissal (an
XMLHttpRequest, synchronous or not, or a fetch without ``keepalive``: the page marks them with
``X-Twin-Request``) is journalled with ``kept`` false and not stored; a keepalive fetch or a
beacon is stored, as in Chrome.
"""

from __future__ import annotations

import json
import time
import uuid
from urllib.parse import parse_qs, urlencode, urlsplit

from studio.errors import TwinError
from studio.twin import cmi5_rules as rules
from studio.twin.journal import PHASES
from studio.twin.lrs import STATE, STATEMENTS, Lrs, LrsAnswer, LrsRequest, verb
from studio.twin.xapi_journal import LAUNCH_DATA, LaunchLog
from studio.twin.xapi_package import CMI5, Au, XapiPackage

LRS_PREFIX = "xapi/"
CONTROL_PREFIX = "twin/"
DISMISSAL_HEADER = "X-Twin-Request"  # set by the twin page on requests a dismissal cancels
SYNC_XHR = "sync-xhr"  # the DISMISSAL_HEADER value of a synchronous XMLHttpRequest
PHASE_HEADER = "X-Twin-Phase"  # the phase the twin page made a request in
PHASE_PARAM = "twinPhase"  # the same for beacons, which carry no headers of their own
ACTOR = {"objectType": "Agent", "name": "Twin Learner",
         "account": {"homePage": "https://lms-twin.invalid", "name": "learner-1"}}
SETTLE_S = 0.3  # a launch's journal closes after this long without a request
SETTLE_MAX_S = 5.0
LOST_HOLD_S = 30.0  # seconds a lost request's answer waits for its launch to end


def _survives_dismissal(request: LrsRequest) -> bool:
    return not request.header(DISMISSAL_HEADER)


class XapiLms(Lrs):
    """The LRS and LMS of one path for ``package`` (:class:`XapiPackage`), served at
    ``base_url`` (absolute, ending in ``/``); ``unload_commit`` is the profile's ``[lms]`` switch
    (``"lost"`` | ``"kept"``), ``launch_mode`` the cmi5 launchMode given to every launch.

    Thread-safe: the HTTP server calls :meth:`answer` from its threads.
    """

    def __init__(self, package: XapiPackage, base_url: str, unload_commit: str = "lost",
                 launch_mode: str = rules.NORMAL) -> None:
        super().__init__()
        self.package = package
        self.base_url = base_url
        self.unload_commit = unload_commit
        self.launch_mode = launch_mode
        self.registration = str(uuid.uuid4())
        self.actor = dict(ACTOR)
        self._log: LaunchLog | None = None
        self._sessions: list[LaunchLog] = []
        self._busy = 0
        self._last_request = time.monotonic()

    @property
    def endpoint(self) -> str:
        """The LRS endpoint handed to launches (xAPI 1.0.3 Communication §1.1), ending in /."""
        return self.base_url + LRS_PREFIX

    # ---- launches --------------------------------------------------------------------------
    def au(self, unit: str, url: str = "") -> Au:
        """The cmi5 AU for ``unit`` (a publisher id; "" for the first AU). A unit the course
        structure does not hold (a lesson the twin added to the course data) gets an AU of
        its own, launched at ``url``, that counts for no block and not for the course."""
        for au in self.package.aus:
            if not unit or unit == au.id:
                return au
        lesson = parse_qs(urlsplit(url).query).get("unit", [unit])[0]
        return Au(id=f"{self.package.course_id}/lesson/{lesson}", title=unit, url=url,
                  move_on="Completed")

    def launch(self, number: int, url: str, unit: str = "") -> str:
        """Starts launch ``number`` (1, 2, ...) of the package whose launch file (Tin Can) or
        AU (cmi5: ``unit``) is served at ``url`` (absolute), and returns the URL to load:
        ``url`` with the launch parameters."""
        join = "&" if "?" in url else "?"
        with self.records.lock:
            if self._log is not None:
                self._log.ended.set()
            if self.package.standard != CMI5:
                self._log = LaunchLog(number, unit, time.monotonic(), self.package.course_id)
                self._deliver(self._log)
                query = urlencode({"endpoint": self.endpoint, "auth": self.basic_auth,
                                   "actor": json.dumps(self.actor),
                                   "registration": self.registration,
                                   "activity_id": self.package.course_id})
                return f"{url}{join}{query}"
            au = self.au(unit, url)
            self._abandon_open_sessions()
            session = rules.Session(activity_id=au.id, registration=self.registration,
                                    session_id=str(uuid.uuid4()), launch_mode=self.launch_mode,
                                    mastery_score=au.mastery_score)
            self._log = LaunchLog(number, unit or au.id, time.monotonic(), au.id, session)
            self._sessions.append(self._log)
            self._deliver(self._log)
            self._write_launch_data(au, session, url)
            query = urlencode({"endpoint": self.endpoint, "fetch": self.fetch_url(self.base_url),
                               "registration": self.registration, "activityId": au.id,
                               "actor": json.dumps(self.actor)})
            return f"{url}{join}{query}"

    def _context(self, session: rules.Session, au: Au) -> dict:
        """The context template of a session (cmi5 §10.2.1): the AU's publisher id in the
        grouping activities, the session id in the extensions."""
        return {"contextActivities": {"grouping": [{"objectType": "Activity", "id": au.id}]},
                "extensions": {rules.SESSION_ID: session.session_id}}

    def _write_launch_data(self, au: Au, session: rules.Session, launch_url: str) -> None:
        launch_data = {"contextTemplate": self._context(session, au),
                       "launchMode": session.launch_mode, "moveOn": au.move_on}
        if au.mastery_score is not None:
            launch_data["masteryScore"] = au.mastery_score
        if au.launch_parameters:
            launch_data["launchParameters"] = au.launch_parameters
        self.put_document(au.id, self.actor, self.registration, LAUNCH_DATA, launch_data)
        context = self._context(session, au)
        context["registration"] = self.registration
        context["contextActivities"]["category"] = [{"objectType": "Activity",
                                                      "id": rules.CATEGORY_CMI5}]
        context["extensions"].update({rules.EXTENSION + "launchmode": session.launch_mode,
                                      rules.EXTENSION + "launchurl": launch_url,
                                      rules.EXTENSION + "moveon": au.move_on,
                                      rules.EXTENSION + "launchparameters": au.launch_parameters})
        self._lms_statement("launched", au.id, context)

    def _lms_statement(self, name: str, object_id: str, context: dict,
                       result: dict | None = None) -> None:
        statement = {"id": str(uuid.uuid4()), "actor": self.actor,
                     "verb": {"id": rules.VERBS[name], "display": {"en-US": name}},
                     "object": {"objectType": "Activity", "id": object_id},
                     "context": context,
                     "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        if result:
            statement["result"] = result
        super().store([statement])

    def _abandon_open_sessions(self) -> None:
        """cmi5 §9.3.6: a session that ended without ``terminated`` is abandoned, written by
        the LMS when the next session starts."""
        for log in self._sessions:
            session = log.session
            mine = [s for s in self.records.statements
                    if s.get("context", {}).get("extensions", {}).get(rules.SESSION_ID)
                    == session.session_id]
            if any(rules.verb_name(s) in ("terminated", "abandoned") for s in mine):
                continue
            context = {"registration": self.registration,
                       "contextActivities": {"category": [{"objectType": "Activity",
                                                           "id": rules.CATEGORY_CMI5}]},
                       "extensions": {rules.SESSION_ID: session.session_id}}
            seconds = max(0.0, time.monotonic() - log.started)
            self._lms_statement("abandoned", session.activity_id, context,
                                {"duration": f"PT{seconds:.2f}S"})

    def _deliver(self, log: LaunchLog) -> None:
        """What the LMS hands the launch besides the resume document (filled when read)."""
        held = [verb(s) for s in self.records.statements
                if s.get("object", {}).get("id") == log.activity_id]
        success = ("passed" if "passed" in held else "failed" if "failed" in held
                   else "unknown")
        log.delivered = {"entry": "ab-initio", "suspend_data": "", "location": "",
                         "mode": (log.session.launch_mode.lower() if log.session else "normal"),
                         "completion_status": "completed" if "completed" in held else
                         ("incomplete" if held else "not attempted"),
                         "success_status": success}

    def set_phase(self, phase: str) -> None:
        """The page's dismissal phase from now on (:data:`studio.twin.journal.PHASES`).
        Raises ``TwinError`` for another value."""
        if phase not in PHASES:
            raise TwinError(f"Unknown phase '{phase}': the phases are {', '.join(PHASES)}.")
        with self.records.lock:
            if self._log is not None:
                self._log.phase = phase

    def end_launch(self) -> dict:
        """Waits until the package's requests settle (``SETTLE_S`` quiet, at most
        ``SETTLE_MAX_S`` seconds) and returns the launch's journal: ``number``, ``unit``,
        ``delivered``, ``calls``, ``commits`` and ``kept`` (:meth:`kept` for the launched
        activity: what the LMS holds for that unit, as it holds SCORM data per SCO)."""
        deadline = time.monotonic() + SETTLE_MAX_S
        while time.monotonic() < deadline and (
                self._busy or time.monotonic() - self._last_request < SETTLE_S):
            time.sleep(0.05)
        with self.records.lock:
            log = self._log
            self._log = None
            if log is None:
                raise TwinError("No launch is running.")
            log.ended.set()
            return {"number": log.number, "unit": log.unit, "delivered": dict(log.delivered),
                    "calls": list(log.calls), "commits": list(log.commits),
                    "kept": self.kept(log.activity_id)}

    def kept(self, activity_id: str | None = None) -> dict[str, str]:
        """What the LMS holds for the registration about ``activity_id`` (the launched
        activity: the Tin Can course, which owns everything, or a cmi5 AU; None: everything):
        ``statements`` (a JSON list, in the order stored; for an AU those about it or made in
        one of its sessions), ``state`` (a JSON object, stateId -> document; for an AU its
        own; the LMS's ``LMS.LaunchData`` left out) and ``activity`` (its id, "" for
        everything)."""
        label = activity_id or ""
        if self.package.standard != CMI5:
            activity_id = None
        with self.records.lock:
            sessions = {log.session.session_id for log in self._sessions
                        if log.session and log.activity_id == activity_id}
            statements = [
                s for s in self.records.statements
                if s.get("context", {}).get("registration") == self.registration and (
                    activity_id is None or s.get("object", {}).get("id") == activity_id
                    or s.get("context", {}).get("extensions", {}).get(rules.SESSION_ID)
                    in sessions)]
            state = {}
            for (activity, _, registration, state_id), (body, _) in (
                    self.records.documents.items()):
                if registration != self.registration or state_id == LAUNCH_DATA or (
                        activity_id is not None and activity != activity_id):
                    continue
                try:
                    state[state_id] = json.loads(body)
                except ValueError:
                    state[state_id] = body.decode("utf-8", "replace")
        return {"statements": json.dumps(statements), "state": json.dumps(state),
                "activity": label}

    # ---- requests --------------------------------------------------------------------------
    def answer(self, request: LrsRequest) -> LrsAnswer:
        """Serves one request below the LMS's prefix: the twin controls (``twin/...``), the
        fetch URLs and the LRS (``xapi/...``); journals what the package sent. A write a page
        dismissal cancels is answered only once the launch ended (at most ``LOST_HOLD_S``
        seconds): the closing page must never hear that it arrived. A synchronous one is
        answered at once (holding it would hold the page); the page throws for it, as Chrome
        does."""
        if request.resource.startswith(CONTROL_PREFIX):
            return self._control(request)
        with self.records.lock:
            self._busy += 1
            log = self._log
        try:
            params = {k: v for k, v in request.params.items() if k != PHASE_PARAM}
            inner = LrsRequest(request.method, request.resource.removeprefix(LRS_PREFIX),
                               params, request.headers, request.body)
            answer, lost = self._journalled(inner, request.header(PHASE_HEADER)
                                            or request.params.get(PHASE_PARAM))
        finally:
            with self.records.lock:
                self._busy -= 1
                self._last_request = time.monotonic()
        if lost and log is not None and request.header(DISMISSAL_HEADER) != SYNC_XHR:
            log.ended.wait(LOST_HOLD_S)
        return answer

    def _control(self, request: LrsRequest) -> LrsAnswer:
        action = request.resource.removeprefix(CONTROL_PREFIX)
        try:
            if action == "launch":
                url = self.launch(int(request.params.get("number", "1")),
                                  request.params.get("url", ""), request.params.get("unit", ""))
                return LrsAnswer.of(200, {"url": url})
            if action == "phase":
                self.set_phase(request.params.get("phase", ""))
                return LrsAnswer(204)
            if action == "end":
                return LrsAnswer.of(200, self.end_launch())
        except (TwinError, ValueError) as error:
            return LrsAnswer.of(400, {"error": str(error)})
        return LrsAnswer.of(404)

    def _journalled(self, request: LrsRequest, tagged: str | None) -> tuple[LrsAnswer, bool]:
        """The answer to an LRS request and whether the request was lost to a dismissal."""
        writes = request.method in ("PUT", "POST", "DELETE") and request.resource in (
            STATEMENTS, STATE)
        log = self._log
        phase = tagged if tagged in PHASES else (log.phase if log else "live")
        lost = (writes and phase == "unload" and self.unload_commit == "lost"
                and not _survives_dismissal(request))
        answer = LrsAnswer(204) if lost else super().answer(request)
        if log is None:
            return answer, lost
        with self.records.lock:
            if request.method == "GET" and request.resource == STATE:
                log.note_delivery(request, answer)
            elif writes:
                log.note_write(request, answer, phase, kept=not lost)
        return answer, lost

    # ---- the cmi5 rules --------------------------------------------------------------------
    def forbidden(self, statement: dict, before) -> list[str]:
        """The cmi5 rules (:func:`studio.twin.cmi5_rules.statement_problems`) for a cmi5
        package's running session; none for Tin Can, nor for a statement already held."""
        log = self._log
        if self.package.standard != CMI5 or log is None or log.session is None:
            return []
        if statement.get("id") in self.records.by_id():
            return []  # sent again (a queue the player kept): stored once, or a 409
        held = [s for s in self.records.statements
                if s.get("context", {}).get("registration") == self.registration]
        return rules.statement_problems(statement, log.session, [*held, *before])

    def store(self, statements: list[dict]) -> bool:
        """Stores as :meth:`Lrs.store`, then, for cmi5, writes ``satisfied`` for each block
        and the course once all their AUs meet their moveOn (cmi5 §9.3.9)."""
        stored = super().store(statements)
        if stored and self.package.standard == CMI5:
            with self.records.lock:
                self._satisfy()
        return stored

    def _satisfy(self) -> None:
        held = [s for s in self.records.statements
                if s.get("context", {}).get("registration") == self.registration]
        done = {au.id for au in self.package.aus if rules.satisfied(
            au.move_on, [rules.verb_name(s) for s in held if s["object"]["id"] == au.id])}
        already = {s["object"]["id"] for s in held if rules.verb_name(s) == "satisfied"}
        groups = [(block, [au for au in self.package.aus if block in au.blocks])
                  for block in self.package.blocks]
        groups.append((self.package.course_id, list(self.package.aus)))
        for group_id, aus in groups:
            if group_id in already or not aus or any(au.id not in done for au in aus):
                continue
            log = self._log
            context = {"registration": self.registration,
                       "contextActivities": {"category": [{"objectType": "Activity",
                                                           "id": rules.CATEGORY_CMI5}]}}
            if log is not None and log.session is not None:
                context["extensions"] = {rules.SESSION_ID: log.session.session_id}
            self._lms_statement("satisfied", group_id, context)
