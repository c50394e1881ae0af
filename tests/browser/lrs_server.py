"""A small, strict Learning Record Store for the browser tests, on 127.0.0.1.

Every statement it receives is checked by Learning Locker's xAPI validator
(``@learninglocker/xapi-validation``, run in one long-lived node process); a statement with
any problem is refused with 400 and kept in ``rejected``. The State API follows the xAPI
concurrency rules: a PUT over an existing document without ``If-Match`` is a 409, an ``If-Match``
or ``If-None-Match: *`` that does not hold is a 412. It also plays the cmi5 LMS's fetch URL,
which hands out its token once. It can be stopped and started again on the same port with
its records intact, to play an LRS that goes away mid-course.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import subprocess
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
VALIDATOR_JS = r"""
const validate = require("@learninglocker/xapi-validation").default;
const readline = require("readline");
readline.createInterface({input: process.stdin}).on("line", (line) => {
  let problems;
  try {
    problems = validate(JSON.parse(line)).map(
      (w) => `${w.path.join(".")}: ${w.name}${w.typeName ? " (" + w.typeName + ")" : ""}`);
  } catch (err) {
    problems = ["validator failed: " + err.message];
  }
  process.stdout.write(JSON.stringify(problems) + "\n");
});
"""


class StatementValidator:
    """One node process answering one line of problems per statement line."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            ["node", "-e", VALIDATOR_JS], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            cwd=NODE_MODULES.parent, text=True, encoding="utf-8")
        self._lock = threading.Lock()

    def problems(self, statement: object) -> list[str]:
        with self._lock:
            self._process.stdin.write(json.dumps(statement) + "\n")
            self._process.stdin.flush()
            return json.loads(self._process.stdout.readline())

    def close(self) -> None:
        self._process.stdin.close()
        self._process.wait(timeout=10)


@dataclass
class Records:
    """What the LRS holds; it outlives a stop and start of the server."""

    statements: list[dict] = field(default_factory=list)  # in the order stored
    rejected: list[tuple[dict, list[str]]] = field(default_factory=list)
    documents: dict[tuple, tuple[bytes, str]] = field(default_factory=dict)  # key -> (body, etag)
    tokens: set[str] = field(default_factory=set)
    fetch_urls: dict[str, str | None] = field(default_factory=dict)  # id -> token, None when used
    fetch_calls: list[str] = field(default_factory=list)
    conflicts: list[int] = field(default_factory=list)  # 409/412 answers of the State API
    lock: threading.Lock = field(default_factory=threading.Lock)

    def by_id(self) -> dict[str, dict]:
        return {s["id"]: s for s in self.statements}


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest() + '"'


def verb(statement: dict) -> str:
    """The last part of a statement's verb id: "completed", "passed", "terminated"."""
    return statement["verb"]["id"].rsplit("/", 1)[1]


def agent_key(agent: dict) -> str:
    return json.dumps({k: v for k, v in agent.items() if k != "objectType"}, sort_keys=True)


def _same(a: dict, b: dict) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


class _Handler(http.server.BaseHTTPRequestHandler):
    records: Records
    validator: StatementValidator
    basic_auth: str

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - base class signature
        pass

    # ---- plumbing ----------------------------------------------------------------------
    def _answer(self, status: int, body: object = None, headers: dict | None = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
        self.send_header("Access-Control-Expose-Headers", "ETag, X-Experience-API-Version")
        self.send_header("X-Experience-API-Version", "1.0.3")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if data:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _authorised(self) -> bool:
        given = self.headers.get("Authorization", "")
        known = {self.basic_auth} | {f"Basic {t}" for t in self.records.tokens}
        return given in known

    def do_OPTIONS(self) -> None:
        self._answer(204, headers={
            "Access-Control-Allow-Methods": "GET, PUT, POST, DELETE, OPTIONS",
            "Access-Control-Allow-Headers": "Authorization, Content-Type, "
            "X-Experience-API-Version, If-Match, If-None-Match",
            "Access-Control-Max-Age": "600"})

    def _route(self, method: str) -> None:
        url = urlsplit(self.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path.startswith("/fetch/") and method == "POST":
            return self._fetch(url.path.removeprefix("/fetch/"))
        if not url.path.startswith("/xapi/"):
            return self._answer(404)
        if not self._authorised():
            return self._answer(401, {"error": "bad credentials"})
        if not self.headers.get("X-Experience-API-Version", "").startswith("1.0"):
            return self._answer(400, {"error": "X-Experience-API-Version header missing"})
        resource = url.path.removeprefix("/xapi/")
        if resource == "statements":
            return {"PUT": self._put_statement, "POST": self._post_statements,
                    "GET": self._get_statements}[method](params)
        if resource == "activities/state":
            return {"PUT": self._put_state, "POST": self._put_state, "GET": self._get_state,
                    "DELETE": self._delete_state}[method](params)
        return self._answer(404)

    def do_GET(self) -> None:
        self._route("GET")

    def do_PUT(self) -> None:
        self._route("PUT")

    def do_POST(self) -> None:
        self._route("POST")

    def do_DELETE(self) -> None:
        self._route("DELETE")

    # ---- cmi5 fetch URL ----------------------------------------------------------------
    def _fetch(self, fetch_id: str) -> None:
        records = self.records
        with records.lock:
            records.fetch_calls.append(fetch_id)
            token = records.fetch_urls.get(fetch_id)
            if token is None:
                return self._answer(200, {"error-code": "1",
                                          "error-text": "This fetch URL was already used."})
            records.fetch_urls[fetch_id] = None
            records.tokens.add(token)
        self._answer(200, {"auth-token": token})

    # ---- statements --------------------------------------------------------------------
    def _check(self, statements: list) -> list[str]:
        problems = []
        for statement in statements:
            found = self.validator.problems(statement)
            if not isinstance(statement, dict) or "id" not in statement:
                found.append("id: the player must set statement ids")
            if found:
                self.records.rejected.append((statement, found))
                problems += found
        return problems

    def _store(self, statements: list[dict]) -> bool:
        """Stores new ones; False if an id is already held with different content."""
        with self.records.lock:
            held = self.records.by_id()
            if any(s["id"] in held and not _same(held[s["id"]], s) for s in statements):
                return False
            for statement in statements:
                if statement["id"] not in held:
                    self.records.statements.append(statement)
                    held[statement["id"]] = statement
        return True

    def _parsed(self) -> object:
        try:
            return json.loads(self._body() or b"null")
        except ValueError:
            return None

    def _put_statement(self, params: dict) -> None:
        statement = self._parsed()
        if not isinstance(statement, dict) or statement.get("id") != params.get("statementId"):
            self.records.rejected.append((statement, ["statementId does not match the id"]))
            return self._answer(400, {"error": "statementId and id differ"})
        if problems := self._check([statement]):
            return self._answer(400, {"error": problems})
        self._answer(204 if self._store([statement]) else 409)

    def _post_statements(self, params: dict) -> None:
        body = self._parsed()
        batch = body if isinstance(body, list) else [body]
        if problems := self._check(batch):
            return self._answer(400, {"error": problems})
        if not self._store(batch):
            return self._answer(409, {"error": "an id is already used by another statement"})
        self._answer(200, [s["id"] for s in batch])

    def _get_statements(self, params: dict) -> None:
        found = [s for s in self.records.statements
                 if "registration" not in params
                 or s.get("context", {}).get("registration") == params["registration"]]
        self._answer(200, {"statements": found, "more": ""})

    # ---- State API ---------------------------------------------------------------------
    def _state_key(self, params: dict) -> tuple | None:
        if not all(params.get(k) for k in ("activityId", "agent", "stateId")):
            return None
        return (params["activityId"], agent_key(json.loads(params["agent"])),
                params.get("registration"), params["stateId"])

    def _get_state(self, params: dict) -> None:
        key = self._state_key(params)
        if key is None:
            return self._answer(400, {"error": "activityId, agent and stateId are required"})
        held = self.records.documents.get(key)
        if held is None:
            return self._answer(404)
        body, etag = held
        self.send_response(200)
        self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
        self.send_header("Access-Control-Expose-Headers", "ETag")
        self.send_header("ETag", etag)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _put_state(self, params: dict) -> None:
        key = self._state_key(params)
        body = self._body()
        if key is None:
            return self._answer(400, {"error": "activityId, agent and stateId are required"})
        with self.records.lock:
            held = self.records.documents.get(key)
            if_match = self.headers.get("If-Match")
            if_none = self.headers.get("If-None-Match")
            if held is not None and if_match is None and if_none is None:
                self.records.conflicts.append(409)
                return self._answer(409, {"error": "the document exists: send If-Match"})
            if (if_match is not None and (held is None or held[1] != if_match)) or (
                    if_none == "*" and held is not None):
                self.records.conflicts.append(412)
                return self._answer(412, {"error": "precondition failed"})
            etag = _etag(body)
            self.records.documents[key] = (body, etag)
        self._answer(204, headers={"ETag": etag})

    def _delete_state(self, params: dict) -> None:
        key = self._state_key(params)
        self.records.documents.pop(key, None)
        self._answer(204)


class StrictLrs:
    """The LRS and its records; ``stop()`` and ``start()`` keep the port and the records."""

    def __init__(self, validator: StatementValidator) -> None:
        self.records = Records()
        self.basic_auth = "Basic " + uuid.uuid4().hex
        self._handler = type("Handler", (_Handler,), {
            "records": self.records, "validator": validator, "basic_auth": self.basic_auth})
        self._port = 0
        self._httpd: http.server.ThreadingHTTPServer | None = None
        self.start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self._port}/xapi/"

    def start(self) -> None:
        http.server.ThreadingHTTPServer.allow_reuse_address = True
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self._port), self._handler)
        self._httpd.daemon_threads = True
        self._port = self._httpd.server_address[1]
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def fetch_url(self) -> str:
        """A cmi5 fetch URL that hands out a fresh token once."""
        fetch_id = uuid.uuid4().hex
        self.records.fetch_urls[fetch_id] = uuid.uuid4().hex
        return f"http://127.0.0.1:{self._port}/fetch/{fetch_id}"

    def put_document(self, activity_id: str, agent: dict, registration: str | None,
                     state_id: str, value: dict) -> None:
        key = (activity_id, agent_key(agent), registration, state_id)
        body = json.dumps(value).encode()
        self.records.documents[key] = (body, _etag(body))

    def document(self, activity_id: str, agent: dict, registration: str | None,
                 state_id: str) -> dict | None:
        key = (activity_id, agent_key(agent), registration, state_id)
        held = self.records.documents.get(key)
        return json.loads(held[0]) if held else None
