"""A real Learning Record Store on this machine, for a pilot, a classroom or the tests.

:func:`start_lrs` runs Ralph (the open-source LRS of FUN-MOOC and Open edX Aspects) with its
filesystem backend in a child process (``python -m studio.xray.lrs_service``: Ralph reads its
settings from ``RALPH_*`` variables when imported). On the same app the child adds what the
player needs and Ralph lacks: the State API (xAPI 1.0.3 Communication §2.3, documents kept in
``state.json``, :mod:`studio.xray.lrs_state`), ``about`` (§2.8) and CORS for any origin
(packages are opened from ``file://`` or another port).

A folder holds one LRS: ``statements/fs_lrs.jsonl`` (Ralph's store), ``auth.json`` (Ralph's
credentials: bcrypt hashes), ``password`` (the generated password, owner-only, kept so
launch URLs stay valid across restarts), ``state.json`` and ``lrs.log`` (the child's errors).
"""

from __future__ import annotations

import base64
import json
import os
import queue
import secrets
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from studio.errors import StudioError

XAPI_PATH = "/xAPI/"
STATEMENTS_DIR = "statements"
STARTUP_TIMEOUT_S = 60.0
# Statements per GET page before a ``more`` link: Ralph's filesystem backend reads its whole
# file for every page, so fewer, larger pages read faster.
DEFAULT_PAGE_SIZE = 1000
AUTHORITY_HOME = "https://w3id.org/xapi/course-studio/lrs"  # the account of the LRS user


class LrsServiceError(StudioError):
    """The local LRS could not start (port in use, folder not usable, Ralph failed)."""


@dataclass
class RunningLrs:
    """A started LRS: ``endpoint`` (``http://host:port/xAPI/``), the Basic ``user`` and
    ``password``, its ``folder``. :meth:`stop` ends it; usable as a context manager."""

    endpoint: str
    user: str
    password: str
    folder: Path
    process: subprocess.Popen = field(repr=False)

    @property
    def auth_header(self) -> str:
        """The ``Authorization`` header value (HTTP Basic, RFC 7617)."""
        return basic_auth(self.user, self.password)

    def launch_query(self, actor: dict, registration: str) -> str:
        """The Tin Can launch query a package's ``index.html`` reads (``endpoint``, ``auth``,
        ``actor``, ``registration``; values percent-encoded), without the leading ``?``."""
        values = {"endpoint": self.endpoint, "auth": self.auth_header,
                  "actor": json.dumps(actor, separators=(",", ":")),
                  "registration": registration}
        return "&".join(f"{k}={quote(v, safe='')}" for k, v in values.items())

    def stop(self, timeout: float = 10.0) -> None:
        """Ends the child (SIGTERM, then SIGKILL after ``timeout`` seconds); idempotent."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()

    def __enter__(self) -> RunningLrs:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def basic_auth(user: str, password: str) -> str:
    """``Basic <base64 of user:password>`` (RFC 7617)."""
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def default_folder() -> Path:
    """Where ``studio lrs start`` keeps its LRS by default: ``lrs/`` in the user's data
    directory of the platform (platformdirs)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("studio", appauthor=False)) / "lrs"


def _prepare(folder: Path, user: str, password: str | None) -> str:
    """Creates the folder's files; returns the password (given, kept, or new)."""
    import bcrypt

    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / STATEMENTS_DIR).mkdir(exist_ok=True)
        kept = folder / "password"
        if password is None:
            password = kept.read_text().strip() if kept.is_file() else secrets.token_urlsafe(18)
        kept.write_text(password + "\n")
        kept.chmod(0o600)
        hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()
        credentials = [{"agent": {"account": {"homePage": AUTHORITY_HOME, "name": user}},
                        "scopes": ["all"],
                        "hash": hashed, "username": user}]
        auth = folder / "auth.json"
        auth.write_text(json.dumps(credentials))
        auth.chmod(0o600)
    except OSError as exc:
        raise LrsServiceError(f"cannot use {folder} for the LRS: {exc.strerror or exc}") from exc
    return password


def _child_env(folder: Path, page_size: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "RALPH_APP_DIR": str(folder),
        "RALPH_AUTH_FILE": str(folder / "auth.json"),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / STATEMENTS_DIR),
        "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": str(page_size),
        # CORS comes from the studio's middleware (Ralph's omits the State API's headers)
        "RALPH_RUNSERVER_CORS_ALLOW_ORIGINS": "[]",
    })
    env.pop("RALPH_SENTRY_DSN", None)
    return env


def start_lrs(folder: Path, *, host: str = "127.0.0.1", port: int = 0, user: str = "studio",
              password: str | None = None, page_size: int = DEFAULT_PAGE_SIZE) -> RunningLrs:
    """Starts an LRS serving ``folder`` on ``host``:``port`` (0: a free port) and waits until
    it answers. ``password`` None: the one kept in the folder, else a new random one.
    ``page_size``: statements per GET page (xAPI 1.0.3 Communication §2.1.3 ``more``).

    Raises :class:`LrsServiceError` (one line) when the port is taken, the folder cannot be
    written or the LRS does not come up within 60 s.
    """
    folder = Path(folder).expanduser().resolve()
    if folder.exists() and not folder.is_dir():
        raise LrsServiceError(f"cannot use {folder} for the LRS: it is a file")
    password = _prepare(folder, user, password)
    log = folder / "lrs.log"
    try:
        with open(log, "wb") as errors:
            process = subprocess.Popen(
                [sys.executable, "-m", "studio.xray.lrs_service", str(folder), host, str(port)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors,
                env=_child_env(folder, page_size))
    except OSError as exc:
        raise LrsServiceError(f"cannot start the LRS: {exc.strerror or exc}") from exc
    ready = _read_ready(process, log)
    running = RunningLrs(f"http://{_url_host(host)}:{ready}{XAPI_PATH}", user, password, folder,
                         process)
    try:
        _wait_answering(running, log)
    except BaseException:
        running.stop()
        raise
    return running


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _last_line(log: Path) -> str:
    try:
        lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return ""
    return lines[-1].strip() if lines else ""


def _read_ready(process: subprocess.Popen, log: Path) -> int:
    """The port the child bound, from its first stdout line ``READY <port>`` (read in a
    thread: a pipe cannot be waited on with a timeout everywhere)."""
    lines: queue.Queue[bytes] = queue.Queue()
    threading.Thread(target=lambda: lines.put(process.stdout.readline()), daemon=True).start()
    try:
        line = lines.get(timeout=STARTUP_TIMEOUT_S).decode(errors="replace").strip()
    except queue.Empty:
        process.kill()
        process.wait()
        raise LrsServiceError(
            f"the LRS did not start within {STARTUP_TIMEOUT_S:.0f} s") from None
    if line.startswith("READY "):
        return int(line.split()[1])
    process.wait()
    raise LrsServiceError(_last_line(log) or "the LRS stopped before it was ready")


def _wait_answering(running: RunningLrs, log: Path) -> None:
    import requests

    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if running.process.poll() is not None:
            raise LrsServiceError(_last_line(log) or "the LRS stopped while starting")
        try:
            if requests.get(running.endpoint + "about", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise LrsServiceError(f"the LRS did not answer within {STARTUP_TIMEOUT_S:.0f} s")


if __name__ == "__main__":  # the child: python -m studio.xray.lrs_service FOLDER HOST PORT
    from studio.xray.lrs_app import serve

    sys.exit(serve(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])))
