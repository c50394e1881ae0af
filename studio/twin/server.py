"""The twin's local web server: a package, the twin's pages and the SCORM run-time over HTTP.

An LMS serves a package from a web server, so the twin does too: a threaded HTTP server on
127.0.0.1 (a free port) that serves folders under a first path segment (``/pkg/...``,
``/twin/...``, ``/scorm-again/...``), documents made in memory (a course-data variant, a run's
configuration) at an exact path, and routes other rooms add (``add_route``: the xAPI twin's
LRS). Files are served with byte ranges (RFC 9110 §14), as the web servers LMSs run on serve
them: browsers seek media with them.
"""

from __future__ import annotations

import http.server
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

# Generated documents and the page's own files are never cached: each run sees its own.
NO_STORE = "no-store"
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


class _Slice:
    """A file object that yields only the requested byte range to ``copyfile()``."""

    def __init__(self, handle, length: int) -> None:
        self._handle, self._left = handle, length

    def read(self, size: int = -1) -> bytes:
        size = self._left if size < 0 else min(size, self._left)
        data = self._handle.read(size)
        self._left -= len(data)
        return data

    def close(self) -> None:
        self._handle.close()


class RangeRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files with single byte ranges (RFC 9110 §14.2: ``Range: bytes=first-last``,
    ``bytes=first-``, ``bytes=-suffix``; 206 with ``Content-Range``, 416 past the end), never
    cached, and logs nothing. Subclasses map a URL path to a file (``translate_path``)."""

    # Types a package's files need that not every system's MIME table knows.
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".mjs": "text/javascript", ".vtt": "text/vtt",
                      ".m4a": "audio/mp4", ".mp4": "video/mp4", ".webm": "video/webm",
                      ".json": "application/json", ".xml": "application/xml"}

    def end_headers(self) -> None:
        """Adds ``Cache-Control: no-store`` and ``Accept-Ranges: bytes`` to every answer."""
        self.send_header("Cache-Control", NO_STORE)
        self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def send_head(self):
        """The head of a GET/HEAD answer; a 206 partial answer for a satisfiable range of a
        file, a 416 for one past its end, the whole file otherwise (RFC 9110 §14.2)."""
        match = _RANGE.fullmatch(self.headers.get("Range", "").strip())
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file() or match.groups() == ("", ""):
            return super().send_head()
        size = path.stat().st_size
        first, last = match.groups()
        start = int(first) if first else max(0, size - int(last))
        end = min(size - 1, int(last)) if first and last else size - 1
        if start >= size or start > end:
            self.send_error(416, "Range not satisfiable")
            return None
        handle = path.open("rb")
        handle.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return _Slice(handle, end - start + 1)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        """Nothing: the twin's requests are not worth a line each."""


@dataclass(frozen=True)
class TwinRequest:
    """One request to a route: ``method`` (GET, POST, PUT, ...), ``path`` (decoded, with the
    route's prefix, without the query), ``query`` (each name's values, RFC 3986 query
    decoded), ``headers`` (case-insensitive look-up) and the ``body`` bytes."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: Message
    body: bytes = b""


@dataclass(frozen=True)
class TwinResponse:
    """A route's answer: HTTP ``status``, ``body`` bytes, its ``content_type`` and any other
    ``headers``."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


Route = Callable[[TwinRequest], TwinResponse]
MAX_BODY = 64 * 1024**2  # bytes a route accepts in one request


class _TwinHandler(RangeRequestHandler):
    server_ref: TwinServer

    def translate_path(self, path: str) -> str:
        return str(self.server_ref.file_for(unquote(urlsplit(path).path)))

    def _route(self) -> bool:
        parts = urlsplit(self.path)
        found = self.server_ref.route_for(unquote(parts.path))
        if found is None:
            return False
        length = min(int(self.headers.get("Content-Length") or 0), MAX_BODY)
        request = TwinRequest(self.command, unquote(parts.path), parse_qs(parts.query),
                              self.headers, self.rfile.read(length) if length else b"")
        answer = found(request)
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)
        return True

    def _document(self) -> bool:
        found = self.server_ref.document_for(unquote(urlsplit(self.path).path))
        if found is None:
            return False
        data, content_type = found
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        return True

    def do_GET(self) -> None:  # noqa: N802 - the base class's naming
        if not self._route() and not self._document():
            super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        if not self._route() and not self._document():
            super().do_HEAD()

    def _only_routes(self) -> None:
        if not self._route():
            self.send_error(405, "Method not allowed")

    do_POST = do_PUT = do_DELETE = do_OPTIONS = _only_routes


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True  # request threads never keep the process alive

    def handle_error(self, request, client_address) -> None:
        """A browser that drops a connection mid-answer (a video left before it loaded) is
        no error; anything else is reported as the base class does."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class TwinServer:
    """A threaded HTTP server on 127.0.0.1 for one twin session; ``base`` is its origin
    (``http://127.0.0.1:PORT``). Use as a context manager, or call :meth:`close`."""

    def __init__(self) -> None:
        self._mounts: dict[str, Path] = {}
        self._documents: dict[str, tuple[bytes, str]] = {}
        self._routes: dict[str, Route] = {}
        self._lock = threading.Lock()
        handler = type("Handler", (_TwinHandler,), {"server_ref": self})
        self._httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True,
                                        name="twin-http")
        self._thread.start()

    def mount(self, name: str, folder: Path) -> str:
        """Serve ``folder`` under ``/<name>/``; returns that URL (with its trailing slash).
        Paths that resolve outside the folder are answered 404."""
        with self._lock:
            self._mounts[name] = Path(folder).resolve()
        return f"{self.base}/{name}/"

    def put(self, path: str, data: bytes, content_type: str) -> str:
        """Serve ``data`` at exactly ``path`` (``/pkg/course-data.js``), before any mounted
        file of that path; returns its URL."""
        with self._lock:
            self._documents["/" + path.lstrip("/")] = (data, content_type)
        return self.base + "/" + path.lstrip("/")

    def add_route(self, prefix: str, handler: Route) -> str:
        """Answer every request (any method) whose path starts with ``prefix``
        (``/lrs/``) by ``handler(TwinRequest) -> TwinResponse``, called on the server's
        request threads; the longest matching prefix wins. Returns the prefix's URL."""
        with self._lock:
            self._routes["/" + prefix.lstrip("/")] = handler
        return self.base + "/" + prefix.lstrip("/")

    def route_for(self, path: str) -> Route | None:
        """The handler of the longest route prefix ``path`` starts with, or None."""
        with self._lock:
            matches = [p for p in self._routes if path.startswith(p)]
            return self._routes[max(matches, key=len)] if matches else None

    def document_for(self, path: str) -> tuple[bytes, str] | None:
        """The (bytes, content type) put at ``path``, or None."""
        with self._lock:
            return self._documents.get(path)

    def file_for(self, path: str) -> Path:
        """The file a URL path names in a mounted folder; a path that does not exist
        (answered 404) when no mount holds it or it leaves its folder."""
        name, _, rest = path.lstrip("/").partition("/")
        with self._lock:
            root = self._mounts.get(name)
        missing = Path("/nonexistent-twin-path")
        if root is None:
            return missing
        candidate = (root / rest).resolve()
        return candidate if candidate == root or root in candidate.parents else missing

    def close(self) -> None:
        """Stop serving and free the port."""
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> TwinServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
