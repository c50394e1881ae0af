"""The local LRS's web app, run in the child :mod:`studio.xray.lrs_service` starts: Ralph's
FastAPI app (statements, Basic auth, filesystem backend) plus the State API, ``about`` and
CORS. Ralph reads ``RALPH_*`` settings when imported, so only the child imports this module.

The State API keeps the twin's document rules (:class:`studio.twin.lrs.Lrs`: xAPI 1.0.3
Communication §3.1 concurrency, 409 without ``If-Match`` over a held document, 412 when a
precondition fails, POST's merge of JSON objects), adds the ``stateId``-less GET (the ids)
and DELETE (every document of the activity and agent) of §2.3, and writes every change to
``state.json`` so documents outlive a restart.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import sys
import threading
from pathlib import Path

from fastapi import Request, Response

from studio.files import write_text_atomically
from studio.twin.lrs import STATE, XAPI_VERSION, Lrs, LrsAnswer, LrsRequest, agent_key

STATE_FILE = "state.json"
CORS_METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS"]
CORS_HEADERS = ["Authorization", "Content-Type", "X-Experience-API-Version", "If-Match",
                "If-None-Match"]
CORS_EXPOSED = ["ETag", "Last-Modified", "X-Experience-API-Version",
                "X-Experience-API-Consistent-Through"]


class StateDocuments:
    """State API documents of one LRS folder (xAPI 1.0.3 Communication §2.3), persisted in
    ``<folder>/state.json`` after every change. :meth:`answer` serves one authenticated
    request (the caller checks credentials)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / STATE_FILE
        self.rules = Lrs()
        self.records = self.rules.records
        self.lock = threading.Lock()
        if self.path.is_file():
            for entry in json.loads(self.path.read_text()):
                key = (entry["activityId"], entry["agent"], entry["registration"],
                       entry["stateId"])
                self.records.documents[key] = (base64.b64decode(entry["body"]), entry["etag"])

    def _save(self) -> None:
        entries = [{"activityId": a, "agent": g, "registration": r, "stateId": s,
                    "body": base64.b64encode(body).decode("ascii"), "etag": etag}
                   for (a, g, r, s), (body, etag) in self.records.documents.items()]
        write_text_atomically(self.path, json.dumps(entries))

    def _matching(self, params: dict[str, str]) -> list[tuple] | None:
        try:
            agent = agent_key(json.loads(params.get("agent", "")))
        except (ValueError, AttributeError):
            return None
        return [key for key in self.records.documents
                if key[0] == params.get("activityId") and key[1] == agent
                and key[2] == params.get("registration")]

    def answer(self, method: str, params: dict[str, str], headers: dict[str, str],
               body: bytes) -> LrsAnswer:
        """The answer to ``method`` on ``activities/state`` with the query ``params``,
        lower-case ``headers`` and raw ``body``."""
        with self.lock:
            if "stateId" not in params and method in ("GET", "DELETE"):
                keys = self._matching(params)
                if keys is None or not params.get("activityId"):
                    return LrsAnswer.of(400, {"error": "activityId and agent are required"})
                if method == "GET":
                    return LrsAnswer.of(200, sorted(key[3] for key in keys))
                for key in keys:
                    del self.records.documents[key]
                self._save()
                return LrsAnswer(204)
            headers = {**headers, "authorization": self.rules.basic_auth,
                       "x-experience-api-version": XAPI_VERSION}
            answer = self.rules.answer(LrsRequest(method, STATE, params, headers, body))
            if method != "GET" and answer.status < 300:
                self._save()
            return answer


def compare_iris_as_text(backend) -> None:
    """Make Ralph's filesystem backend honour the ``verb``, ``activity`` and
    ``related_activities`` filters of a statements query (xAPI 1.0.3 Communication §2.1.3).
    Ralph hands its filters the query's values as its ``IRI`` type, a pydantic root model
    that never equals the plain strings the backend stores, so every filtered query finds
    nothing. The filters are given the IRIs' text instead; nothing else changes. Idempotent."""
    if getattr(backend, "_iris_as_text", False):
        return
    by_verb, by_activity = backend._add_filter_by_verb, backend._add_filter_by_activity

    def verb_filter(filters: list, verb_id) -> None:
        by_verb(filters, None if verb_id is None else str(verb_id))

    def activity_filter(filters: list, object_id, related) -> None:
        by_activity(filters, None if object_id is None else str(object_id), related)

    backend._add_filter_by_verb = staticmethod(verb_filter)
    backend._add_filter_by_activity = staticmethod(activity_filter)
    backend._iris_as_text = True


def build_app(folder: Path):
    """Ralph's app with the State API, ``about`` and CORS added (FastAPI)."""
    from fastapi import Depends
    from fastapi.middleware.cors import CORSMiddleware
    from ralph.api import app
    from ralph.api.auth import get_authenticated_user
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    # Ralph's filesystem backend creates its file on the first write and refuses every later
    # one (its default is "create"); an LRS appends.
    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
    compare_iris_as_text(FSLRSBackend)

    documents = StateDocuments(folder)

    async def about() -> dict:
        return {"version": [XAPI_VERSION]}

    async def state(request: Request) -> Response:
        answer = documents.answer(request.method, dict(request.query_params),
                                  {k.lower(): v for k, v in request.headers.items()},
                                  await request.body())
        return Response(answer.body, answer.status, dict(answer.headers))

    app.add_api_route("/xAPI/about", about, methods=["GET"])
    app.add_api_route("/xAPI/activities/state", state, methods=["GET", "PUT", "POST", "DELETE"],
                      dependencies=[Depends(get_authenticated_user)])
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=CORS_METHODS,
                       allow_headers=CORS_HEADERS, expose_headers=CORS_EXPOSED, max_age=600)
    return app


def _watch_parent(server) -> None:
    """Stops the server when the parent closes our stdin (it stopped or died)."""
    sys.stdin.buffer.read()
    server.should_exit = True


def serve(folder: Path, host: str, port: int) -> int:
    """Runs the LRS until stopped (SIGTERM, SIGINT or stdin closed); prints ``READY <port>``
    on stdout once listening. Returns the exit status (2: the port could not be bound)."""
    import uvicorn

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if os.name != "nt":  # on Windows the option lets a second listener take the port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        print(f"cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    sock.listen(128)
    app = build_app(folder)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False,
                                           lifespan="off"))
    threading.Thread(target=_watch_parent, args=(server,), daemon=True).start()
    print(f"READY {sock.getsockname()[1]}", flush=True)
    server.run(sockets=[sock])
    return 0
