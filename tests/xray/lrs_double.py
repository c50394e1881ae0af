"""A small LRS test double (http.server) serving the Statements API from a list, with the
faults a real one shows: paging through ``more``, an ignored activity filter, 429/5xx with
Retry-After, refused credentials."""

from __future__ import annotations

import base64
import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit


class LrsDouble:
    """Serves ``statements`` under ``http://127.0.0.1:<port>/xAPI/``; ``requests`` records
    every query; ``faults`` is a list of HTTP statuses answered (once each) before the
    next real answer; ``ignore_filter`` answers nothing to an ``activity`` query (as
    Ralph's filesystem backend does)."""

    def __init__(self, statements: list[dict], *, page_size: int = 4, user: str = "u",
                 password: str = "p", ignore_filter: bool = False):
        # An LRS stamps what it stores (xAPI 1.0.3 §2.4.8); here: the statement's own time.
        self.statements = [s if "stored" in s or "timestamp" not in s
                           else s | {"stored": s["timestamp"]} for s in statements]
        self.page_size = page_size
        self.credentials = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.ignore_filter = ignore_filter
        self.faults: list[int] = []
        self.retry_after: str | None = None
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        double = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                double.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/xAPI/"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _answer(self, handler, status: int, body: object = None, headers=None) -> None:
        data = json.dumps(body).encode() if body is not None else b""
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(data)

    def handle(self, handler) -> None:
        parts = urlsplit(handler.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self.requests.append(query)
        self.headers.append(dict(handler.headers))
        if handler.headers.get("Authorization") != self.credentials:
            return self._answer(handler, 401, {"detail": "Invalid authentication credentials"})
        if parts.path != "/xAPI/statements":
            return self._answer(handler, 404, {"detail": "Not Found"})
        if self.faults:
            status = self.faults.pop(0)
            headers = {"Retry-After": self.retry_after} if self.retry_after else {}
            return self._answer(handler, status, {"detail": "busy"}, headers)
        chosen = self.statements
        if "activity" in query:
            if self.ignore_filter:
                chosen = []
            else:
                chosen = [s for s in chosen if _mentions(s, query["activity"])]
        if "since" in query:
            since = _instant(query["since"])
            chosen = [s for s in chosen if "stored" in s and _instant(s["stored"]) > since]
        if "registration" in query:
            chosen = [s for s in chosen
                      if s.get("context", {}).get("registration") == query["registration"]]
        limit = min(int(query.get("limit", self.page_size)), self.page_size)
        start = int(query.get("offset", 0))
        page = chosen[start:start + limit]
        more = ""
        if start + limit < len(chosen):
            rest = {k: v for k, v in query.items() if k != "offset"} | {"offset": start + limit}
            more = "/xAPI/statements?" + urlencode(rest)
        self._answer(handler, 200, {"statements": page, "more": more})


def _instant(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)


def _mentions(statement: dict, activity: str) -> bool:
    ids = [statement.get("object", {}).get("id")]
    for key in ("parent", "grouping", "category", "other"):
        value = statement.get("context", {}).get("contextActivities", {}).get(key, [])
        ids += [a.get("id") for a in (value if isinstance(value, list) else [value])]
    return activity in ids
