"""The twin's Learning Record Store (``studio.twin.lrs``) served on 127.0.0.1 for the browser
tests, with every statement also checked by Learning Locker's xAPI validator.

The validator (``@learninglocker/xapi-validation``) runs in one long-lived node process; a
statement with any problem is refused with 400 and kept in ``records.rejected``. The LRS can be
stopped and started again on the same port with its records intact, to play an LRS that goes
away mid-course.
"""

from __future__ import annotations

import http.server
import json
import subprocess
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from studio.twin.lrs import Lrs, LrsRequest, agent_key, response_headers, verb

__all__ = ["StatementValidator", "StrictLrs", "ValidatingLrs", "agent_key", "verb"]

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


class ValidatingLrs(Lrs):
    """The product LRS, refusing what the node validator finds wrong too."""

    def __init__(self, validator: StatementValidator) -> None:
        super().__init__()
        self.validator = validator

    def problems(self, statement: object) -> list[str]:
        return self.validator.problems(statement) + super().problems(statement)


def serve(lrs: Lrs, prefix: str) -> type[http.server.BaseHTTPRequestHandler]:
    """A request handler class serving ``lrs`` below the URL path ``prefix`` ("/xapi/")."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args) -> None:  # noqa: A002 - base signature
            pass

        def _route(self) -> None:
            url = urlsplit(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if not url.path.startswith(prefix):
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            answer = lrs.answer(LrsRequest(
                method=self.command, resource=url.path.removeprefix(prefix),
                params={k: v[0] for k, v in parse_qs(url.query).items()},
                headers={k.lower(): v for k, v in self.headers.items()}, body=body))
            self.send_response(answer.status)
            for key, value in response_headers(answer, self.headers.get("Origin")).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(answer.body)

        do_GET = do_PUT = do_POST = do_DELETE = do_OPTIONS = _route

    return Handler


class StrictLrs(ValidatingLrs):
    """The LRS on its own port; ``stop()`` and ``start()`` keep the port and the records."""

    def __init__(self, validator: StatementValidator) -> None:
        super().__init__(validator)
        self._handler = serve(self, "/xapi/")
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

    def fetch_url(self, base: str | None = None) -> str:
        """A cmi5 fetch URL that hands out a fresh token once."""
        return super().fetch_url(base or self.endpoint)
