"""A strict Learning Record Store, without HTTP: requests in, answers out.

It holds what an LRS holds for the twin: statements (xAPI 1.0.3 §2.1, stored in the order they
arrive, an id held once), State API documents with the concurrency rules of xAPI 1.0.3
Communication §3.1 and §2.3 (a PUT over an existing document without ``If-Match`` is a 409, an
``If-Match`` or ``If-None-Match: *`` that does not hold is a 412, a POST merges a JSON object
into the held one) and the cmi5 fetch URL
(cmi5 §8.2), which hands out its token once. Whoever serves HTTP turns a request into a
:class:`LrsRequest` and writes the :class:`LrsAnswer` back; the records outlive the server, so
an LRS can be stopped and started again mid-course.
"""

from __future__ import annotations

import hashlib
import json
import threading
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

XAPI_VERSION = "1.0.3"
STATEMENTS = "statements"
STATE = "activities/state"
FETCH_PREFIX = "fetch/"  # the cmi5 fetch URLs sit beside the xAPI resources, not below them


@dataclass(frozen=True)
class LrsRequest:
    """One HTTP request to the LRS.

    ``resource`` is the path below the LRS root (``statements``, ``activities/state``,
    ``fetch/<id>``), ``params`` the query's first values, ``headers`` with lower-case names,
    ``body`` the raw bytes.
    """

    method: str
    resource: str
    params: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        """The value of header ``name`` (any case), None when absent."""
        return self.headers.get(name.lower())

    def json(self) -> object:
        """The body parsed as JSON; None when empty or not JSON."""
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None


@dataclass(frozen=True)
class LrsAnswer:
    """The LRS's answer: HTTP ``status``, ``body`` bytes (JSON or empty), extra ``headers``."""

    status: int
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, status: int, value: object = None, **headers: str) -> LrsAnswer:
        """An answer whose body is ``value`` as JSON (none when ``value`` is None)."""
        body = b"" if value is None else json.dumps(value).encode()
        if body:
            headers.setdefault("Content-Type", "application/json")
        return cls(status, body, headers)


@dataclass
class LrsRecords:
    """What the LRS holds; it outlives a stop and start of the server that serves it."""

    statements: list[dict] = field(default_factory=list)  # in the order stored
    rejected: list[tuple[object, list[str]]] = field(default_factory=list)  # (statement, why)
    documents: dict[tuple, tuple[bytes, str]] = field(default_factory=dict)  # key -> (body, etag)
    tokens: set[str] = field(default_factory=set)
    fetch_urls: dict[str, str | None] = field(default_factory=dict)  # id -> token, None: used
    fetch_calls: list[str] = field(default_factory=list)
    conflicts: list[int] = field(default_factory=list)  # 409/412 answers of the State API
    lock: threading.RLock = field(default_factory=threading.RLock)
    _index: dict[str, dict] = field(default_factory=dict, repr=False)

    def by_id(self) -> dict[str, dict]:
        """The stored statements by id (a live view: do not change it)."""
        if len(self._index) != len(self.statements):
            self._index = {s["id"]: s for s in self.statements}
        return self._index


def etag_of(body: bytes) -> str:
    """The quoted ETag of a document's bytes (xAPI 1.0.3 Communication §3.1: SHA-1 hex)."""
    return '"' + hashlib.sha1(body).hexdigest() + '"'


def _json_or_none(body: bytes) -> object:
    try:
        return json.loads(body)
    except ValueError:
        return None


def verb(statement: dict) -> str:
    """The last part of a statement's verb id: "completed", "passed", "terminated"."""
    return statement["verb"]["id"].rsplit("/", 1)[1]


def agent_key(agent: dict) -> str:
    """An agent as a comparable key: its JSON without ``objectType``, keys sorted."""
    return json.dumps({k: v for k, v in agent.items() if k != "objectType"}, sort_keys=True)


def document_key(activity_id: str, agent: dict, registration: str | None,
                 state_id: str) -> tuple:
    """The key of a State API document (xAPI 1.0.3 Communication §2.3)."""
    return (activity_id, agent_key(agent), registration, state_id)


def _same(a: dict, b: dict) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _shape_problems(statement: object) -> list[str]:
    """The few things every statement needs before it can be stored and read back."""
    if not isinstance(statement, dict):
        return ["a statement must be a JSON object"]
    problems = []
    if not statement.get("id"):
        problems.append("id: the player must set statement ids")
    if not isinstance(statement.get("actor"), dict):
        problems.append("actor: missing")
    if not isinstance(statement.get("verb"), dict) or "/" not in str(
            statement["verb"].get("id", "")):
        problems.append("verb.id: missing or not an IRI")
    if not isinstance(statement.get("object"), dict) or not statement["object"].get("id"):
        problems.append("object.id: missing")
    return problems


PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, PUT, POST, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Experience-API-Version, "
                                    "If-Match, If-None-Match",
    "Access-Control-Max-Age": "600",
}


def response_headers(answer: LrsAnswer, origin: str | None) -> dict[str, str]:
    """Every header an HTTP server sends with ``answer``: the answer's own, the xAPI version
    (xAPI 1.0.3 Communication §3.3), CORS for the requesting ``origin`` and the length."""
    headers = {
        "Access-Control-Allow-Origin": origin or "*",
        "Access-Control-Expose-Headers": "ETag, X-Experience-API-Version",
        "X-Experience-API-Version": XAPI_VERSION,
        "Content-Length": str(len(answer.body)),
    }
    headers.update(answer.headers)
    return headers


class Lrs:
    """The LRS: :meth:`answer` serves one request; safe to call from several threads.

    Credentials: ``basic_auth`` (an ``Authorization`` header value) and every token a cmi5
    fetch URL handed out. :meth:`problems` says what is wrong with a statement; a subclass
    may add checks (a statement with problems is answered 400 and kept in
    ``records.rejected``).
    """

    def __init__(self) -> None:
        self.records = LrsRecords()
        self.basic_auth = "Basic " + uuid.uuid4().hex

    # ---- checks a subclass may extend ------------------------------------------------------
    def problems(self, statement: object) -> list[str]:
        """What makes ``statement`` malformed (answered 400; empty: nothing)."""
        return _shape_problems(statement)

    def forbidden(self, statement: dict, before: Sequence[dict]) -> list[str]:
        """Rules of the LMS that well-formed ``statement`` breaks, ``before`` being the
        statements of the same request ahead of it (answered 403; empty: none)."""
        return []

    # ---- the front door --------------------------------------------------------------------
    def answer(self, request: LrsRequest) -> LrsAnswer:
        """The answer to one request; CORS preflights are answered for any origin."""
        if request.method == "OPTIONS":
            return LrsAnswer(204, headers=PREFLIGHT_HEADERS)
        if request.resource.startswith(FETCH_PREFIX) and request.method == "POST":
            return self._fetch(request.resource.removeprefix(FETCH_PREFIX))
        if not self._authorised(request):
            return LrsAnswer.of(401, {"error": "bad credentials"})
        if not (request.header("X-Experience-API-Version") or "").startswith("1.0"):
            return LrsAnswer.of(400, {"error": "X-Experience-API-Version header missing"})
        routes = {
            STATEMENTS: {"PUT": self._put_statement, "POST": self._post_statements,
                         "GET": self._get_statements},
            STATE: {"PUT": self._put_state, "POST": self._post_state, "GET": self._get_state,
                    "DELETE": self._delete_state},
        }
        handler = routes.get(request.resource, {}).get(request.method)
        return handler(request) if handler else LrsAnswer.of(404)

    def _authorised(self, request: LrsRequest) -> bool:
        given = request.header("Authorization") or ""
        return given == self.basic_auth or (
            given.startswith("Basic ") and given.removeprefix("Basic ") in self.records.tokens)

    # ---- cmi5 fetch URL (cmi5 §8.2) --------------------------------------------------------
    def fetch_url(self, base: str) -> str:
        """A new cmi5 fetch URL below ``base`` (the URL this LRS is served at, ending in /)
        that hands out a fresh token once (cmi5 §8.2.3)."""
        fetch_id = uuid.uuid4().hex
        with self.records.lock:
            self.records.fetch_urls[fetch_id] = uuid.uuid4().hex
        return f"{base}{FETCH_PREFIX}{fetch_id}"

    def _fetch(self, fetch_id: str) -> LrsAnswer:
        records = self.records
        with records.lock:
            records.fetch_calls.append(fetch_id)
            token = records.fetch_urls.get(fetch_id)
            if token is None:
                # cmi5 §8.2.3: an error in the body, HTTP 200
                return LrsAnswer.of(200, {"error-code": "1",
                                          "error-text": "This fetch URL was already used."})
            records.fetch_urls[fetch_id] = None
            records.tokens.add(token)
        return LrsAnswer.of(200, {"auth-token": token})

    # ---- statements ------------------------------------------------------------------------
    def _refused(self, statements: list) -> LrsAnswer | None:
        """The 400 or 403 answer for a request carrying ``statements``; None when all pass."""
        for status, check in ((400, lambda s, i: self.problems(s)),
                              (403, lambda s, i: self.forbidden(s, statements[:i]))):
            found_all = []
            for index, statement in enumerate(statements):
                found = check(statement, index)
                if found:
                    with self.records.lock:
                        self.records.rejected.append((statement, found))
                    found_all += found
            if found_all:
                return LrsAnswer.of(status, {"error": found_all})
        return None

    def store(self, statements: list[dict]) -> bool:
        """Stores the statements not held yet, in order; False (nothing stored) when an id is
        already held with other content (xAPI 1.0.3 Communication §2.1.2: 409)."""
        with self.records.lock:
            held = self.records.by_id()
            if any(s["id"] in held and not _same(held[s["id"]], s) for s in statements):
                return False
            for statement in statements:
                if statement["id"] not in held:
                    self.records.statements.append(statement)
                    held[statement["id"]] = statement
        return True

    def _put_statement(self, request: LrsRequest) -> LrsAnswer:
        statement = request.json()
        if not isinstance(statement, dict) or statement.get("id") != request.params.get(
                "statementId"):
            with self.records.lock:
                self.records.rejected.append((statement, ["statementId does not match the id"]))
            return LrsAnswer.of(400, {"error": "statementId and id differ"})
        if refused := self._refused([statement]):
            return refused
        return LrsAnswer(204 if self.store([statement]) else 409)

    def _post_statements(self, request: LrsRequest) -> LrsAnswer:
        body = request.json()
        batch = body if isinstance(body, list) else [body]
        if refused := self._refused(batch):
            return refused
        if not self.store(batch):
            return LrsAnswer.of(409, {"error": "an id is already used by another statement"})
        return LrsAnswer.of(200, [s["id"] for s in batch])

    def _get_statements(self, request: LrsRequest) -> LrsAnswer:
        wanted = request.params.get("registration")
        with self.records.lock:
            found = [s for s in self.records.statements
                     if wanted is None or s.get("context", {}).get("registration") == wanted]
        return LrsAnswer.of(200, {"statements": found, "more": ""})

    # ---- State API (xAPI 1.0.3 Communication §2.3) -----------------------------------------
    @staticmethod
    def _state_key(request: LrsRequest) -> tuple | None:
        params = request.params
        if not all(params.get(k) for k in ("activityId", "agent", "stateId")):
            return None
        try:
            agent = json.loads(params["agent"])
        except ValueError:
            return None
        if not isinstance(agent, dict):
            return None
        return document_key(params["activityId"], agent, params.get("registration"),
                            params["stateId"])

    def _get_state(self, request: LrsRequest) -> LrsAnswer:
        key = self._state_key(request)
        if key is None:
            return LrsAnswer.of(400, {"error": "activityId, agent and stateId are required"})
        with self.records.lock:
            held = self.records.documents.get(key)
        if held is None:
            return LrsAnswer(404)
        body, etag = held
        return LrsAnswer(200, body, {"ETag": etag, "Content-Type": "application/json"})

    def _put_state(self, request: LrsRequest) -> LrsAnswer:
        """PUT: the body replaces the document; over a held document a precondition header is
        required (xAPI 1.0.3 Communication §3.1: 409 without one)."""
        return self._write_state(request, merge=False)

    def _post_state(self, request: LrsRequest) -> LrsAnswer:
        """POST: a JSON object merged into the held JSON object, its top-level properties
        replacing those of the same name (§2.3, "JSON Procedure with Requirements"; 400 when
        either is not an object); no precondition header is required, one given is kept."""
        return self._write_state(request, merge=True)

    def _write_state(self, request: LrsRequest, merge: bool) -> LrsAnswer:
        key = self._state_key(request)
        if key is None:
            return LrsAnswer.of(400, {"error": "activityId, agent and stateId are required"})
        with self.records.lock:
            held = self.records.documents.get(key)
            if_match = request.header("If-Match")
            if_none = request.header("If-None-Match")
            if not merge and held is not None and if_match is None and if_none is None:
                self.records.conflicts.append(409)
                return LrsAnswer.of(409, {"error": "the document exists: send If-Match"})
            if (if_match is not None and (held is None or held[1] != if_match)) or (
                    if_none == "*" and held is not None):
                self.records.conflicts.append(412)
                return LrsAnswer.of(412, {"error": "precondition failed"})
            body = request.body
            if merge and held is not None:
                old, new = _json_or_none(held[0]), request.json()
                if not (isinstance(old, dict) and isinstance(new, dict)):
                    return LrsAnswer.of(400, {"error": "POST merges JSON objects only"})
                body = json.dumps({**old, **new}).encode()
            etag = etag_of(body)
            self.records.documents[key] = (body, etag)
        return LrsAnswer(204, headers={"ETag": etag})

    def _delete_state(self, request: LrsRequest) -> LrsAnswer:
        key = self._state_key(request)
        with self.records.lock:
            self.records.documents.pop(key, None)
        return LrsAnswer(204)

    # ---- the LMS's own access to documents -------------------------------------------------
    def put_document(self, activity_id: str, agent: dict, registration: str | None,
                     state_id: str, value: object) -> None:
        """Writes a State API document as the LMS (no concurrency check): ``value`` as JSON."""
        body = json.dumps(value).encode()
        with self.records.lock:
            self.records.documents[document_key(activity_id, agent, registration, state_id)] = (
                body, etag_of(body))

    def document(self, activity_id: str, agent: dict, registration: str | None,
                 state_id: str) -> object | None:
        """The parsed State API document held under that key; None when absent or not JSON."""
        with self.records.lock:
            held = self.records.documents.get(
                document_key(activity_id, agent, registration, state_id))
        if held is None:
            return None
        try:
            return json.loads(held[0])
        except ValueError:
            return None
