"""Statements read from an LRS through the xAPI Statements API (xAPI 1.0.3 Part Three §2.1):
``GET statements?activity=…&related_activities=true&limit=N[&since][&registration]`` with
``X-Experience-API-Version: 1.0.3`` and Basic authentication, following ``more`` until it is
empty. Connection errors, 429 and 5xx are retried with backoff (Retry-After honoured);
other refusals are one-line :class:`~studio.errors.LearnerDataError` messages.

The pages are spooled and kept in one transaction at the end, through the same SQL as a
statements file, so a cancelled or failed read keeps nothing.

Some LRSs do not apply the ``activity`` filter (Ralph's filesystem backend, unpatched, finds
nothing for any filter; the bundled LRS's :mod:`studio.xray.lrs_app` fixes that): when a
filtered first page is empty, one unfiltered page is asked for; if it holds statements, the
LRS is read unfiltered and the statements are filtered here (the read says so in ``notes``).
Refusals say what the LRS said (its error's messages, never its raw JSON); a 401 or 403
without credentials suggests them.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

from studio.errors import Cancelled, LearnerDataError
from studio.jobs import CancelToken, Progress, no_progress
from studio.text import plural
from studio.xray.rows import SOURCE_LRS
from studio.xray.statement_files import read_statements_file
from studio.xray.store import LearnerStore

XAPI_VERSION = "1.0.3"
# Statements asked per page; the LRS may send fewer. Large pages, since some LRSs reread their
# whole store per page (Ralph's filesystem backend); not 0 ("the server's maximum" in xAPI),
# which Ralph 5.1 answers with an empty page.
PAGE_LIMIT = 10000
TRIES = 3
BACKOFF_S = (0.5, 1.0, 2.0)  # waits before the 2nd and 3rd tries (s)
RETRY_AFTER_CAP_S = 30.0
TIMEOUT_S = 30.0
SPOOL_NAME = "lrs-spool.jsonl"
UNFILTERED_NOTE = ("this LRS does not filter statements by activity, so all its statements "
                   "were read and those of other courses left out")


@dataclass(frozen=True)
class LrsRead:
    """One read from an LRS: ``pages`` fetched, ``statements`` received, ``kept`` about the
    course (repeats included), ``added`` new to the cache, ``since`` the lower bound asked
    for (exclusive; None: everything), ``notes`` for a person."""

    endpoint: str
    pages: int
    statements: int
    kept: int
    added: int
    since: str | None
    notes: tuple[str, ...] = ()


class StatementsApi:
    """A client of one LRS's Statements API. ``endpoint`` is the xAPI base (``…/xAPI/``; a
    missing final slash is added); ``auth`` (user, password) for Basic authentication or
    None; ``sleep`` waits between tries (seconds), replaceable in tests."""

    def __init__(self, endpoint: str, auth: tuple[str, str] | None = None, *,
                 session: requests.Session | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise LearnerDataError(f"{endpoint}: not an LRS address (http:// or https://)")
        self.endpoint = endpoint if endpoint.endswith("/") else endpoint + "/"
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.session = session or requests.Session()
        self.session.auth = auth
        self.session.headers.update({"X-Experience-API-Version": XAPI_VERSION,
                                     "Accept": "application/json"})
        self.sleep = sleep

    def first_url(self, activity: str | None, *, since: str | None, registration: str | None,
                  limit: int = PAGE_LIMIT) -> tuple[str, dict]:
        """The ``statements`` URL and query of a read's first page (xAPI 1.0.3 Part Three
        §2.1.3); ``activity`` None reads every statement."""
        params: dict = {"limit": str(limit)}
        if activity is not None:
            params |= {"activity": activity, "related_activities": "true"}
        if since:
            params["since"] = since
        if registration:
            params["registration"] = registration
        return urljoin(self.endpoint, "statements"), params

    def page(self, url: str, params: dict | None = None,
             token: CancelToken | None = None) -> tuple[list, str | None]:
        """One StatementResult page: (statements, the absolute URL of the next page or None).
        Retries connection errors, 429 and 5xx (:data:`TRIES` tries in all). Raises
        LearnerDataError (refused, not found, not a StatementResult) or Cancelled."""
        for attempt in range(TRIES):
            if token is not None:
                token.check()
            wait = BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)]
            try:
                response = self.session.get(url, params=params, timeout=TIMEOUT_S)
            except requests.RequestException as exc:
                problem = f"cannot reach the LRS at {self.endpoint} ({_unreachable(exc)})"
            else:
                if response.status_code == 429 or response.status_code >= 500:
                    problem = f"the LRS answered HTTP {response.status_code}"
                    wait = _retry_after(response.headers.get("Retry-After"), wait)
                else:
                    return self._result(response)
            if attempt + 1 < TRIES:
                self._pause(wait, token)
        if problem.startswith("cannot reach"):
            raise LearnerDataError(f"{problem}; tried {TRIES} times")
        raise LearnerDataError(f"{self.endpoint}: {problem} (tried {TRIES} times)")

    def _result(self, response: requests.Response) -> tuple[list, str | None]:
        status = response.status_code
        if status in (401, 403):
            hint = "" if self.session.auth else "; give --auth USER:PASSWORD"
            raise LearnerDataError(f"{self.endpoint}: the LRS refused the credentials "
                                   f"(HTTP {status}){hint}")
        if status == 404:
            raise LearnerDataError(f"{self.endpoint}: no xAPI Statements API there (HTTP 404)")
        if status >= 400:
            detail = _refusal(response)
            raise LearnerDataError(f"{self.endpoint}: the LRS answered HTTP {status}"
                                   + (f": {detail}" if detail else ""))
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or not isinstance(body.get("statements"), list):
            raise LearnerDataError(f"{self.endpoint}: the answer is not an xAPI "
                                   f"StatementResult")
        more = body.get("more")
        return body["statements"], urljoin(self.origin, more) if isinstance(more, str) and more \
            else None

    def _pause(self, seconds: float, token: CancelToken | None) -> None:
        left = seconds
        while left > 0:
            if token is not None and token.cancelled:
                raise Cancelled()
            step = min(left, 0.1)
            self.sleep(step)
            left -= step


def read_lrs(api: StatementsApi, store: LearnerStore, course_iri: str,
             activities: Sequence[str], *, since: str | None = None,
             registration: str | None = None, progress: Progress | None = None,
             token: CancelToken | None = None) -> LrsRead:
    """Read the statements about ``activities`` (the course IRI first, then e.g. its
    lessons': a Tin Can package's item statements name only their lesson) stored after
    ``since`` into ``store``, in one transaction. Raises LearnerDataError or Cancelled;
    nothing is kept then."""
    progress = progress or no_progress
    if not activities:
        raise ValueError("read_lrs needs at least the course IRI")
    spool = spool_path(store)
    spool.parent.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    pages = statements = 0

    def first(activity: str | None, limit: int = PAGE_LIMIT) -> tuple[list, str | None]:
        nonlocal pages
        pages += 1
        url, params = api.first_url(activity, since=since, registration=registration,
                                    limit=limit)
        return api.page(url, params, token)

    try:
        with spool.open("w", encoding="utf-8") as out:
            targets: Sequence[str | None] = activities
            batch, more = first(activities[0])
            if not batch and first(None, limit=1)[0]:
                notes.append(UNFILTERED_NOTE)
                targets = [None]
                batch, more = first(None)
            for index in range(len(targets)):
                if index:
                    batch, more = first(targets[index])
                while True:
                    statements += _spool(out, batch)
                    progress(min(0.9, pages / (pages + 20)),
                             f"{plural(statements, 'statement')} read")
                    if more is None:
                        break
                    pages += 1
                    batch, more = api.page(more, None, token)
        if token is not None:
            token.check()
        progress(0.92, "keeping the statements")
        result = read_statements_file(spool, store, course_iri, SOURCE_LRS, token,
                                      empty_ok=True)
    finally:
        spool.unlink(missing_ok=True)
    progress(1.0, plural(result.added, "new statement"))
    return LrsRead(api.endpoint, pages, statements, result.kept, result.added, since,
                   tuple(notes))


def _unreachable(exc: requests.RequestException) -> str:
    """Why a request got no answer, in a few words ("connection refused")."""
    if isinstance(exc, requests.Timeout):
        return f"no answer in {TIMEOUT_S:g} s"
    chain, cause = [], exc
    while cause is not None and len(chain) < 8:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__ or next(
            (a for a in getattr(cause, "args", ()) if isinstance(a, BaseException)), None)
    text = " ".join(str(c) for c in chain).lower()
    if any(isinstance(c, ConnectionRefusedError) for c in chain) or "refused" in text:
        return "connection refused"
    if "name or service not known" in text or "nodename nor servname" in text \
            or "getaddrinfo failed" in text or "name resolution" in text:
        return "unknown host"
    if isinstance(exc, requests.exceptions.SSLError):
        return "its certificate was not accepted"
    return "no connection"


def _refusal(response: requests.Response) -> str:
    """An LRS's 4xx body in one short line: the messages of a JSON error (FastAPI's
    ``detail`` list with the field each names, ``message``, ``error``) or the first line of
    a text body; never the raw JSON."""
    try:
        body = response.json()
    except ValueError:
        lines = [line.strip() for line in response.text.splitlines() if line.strip()]
        text = lines[0] if lines and not lines[0].startswith("<") else ""
        return text[:120]
    found = body.get("detail") or body.get("message") or body.get("error") \
        if isinstance(body, dict) else body
    if isinstance(found, list):
        parts = []
        for entry in found[:3]:
            if isinstance(entry, dict):
                where = entry.get("loc") or []
                field = str(where[-1]) if isinstance(where, list) and where else ""
                message = str(entry.get("msg") or entry.get("message") or "")
                parts.append(f"{field}: {message}" if field and message else message or field)
            elif isinstance(entry, str):
                parts.append(entry)
        found = "; ".join(p for p in parts if p)
    return " ".join(found.split())[:120] if isinstance(found, str) else ""


def _spool(out, batch: list) -> int:
    for statement in batch:
        out.write(json.dumps(statement, ensure_ascii=False))
        out.write("\n")
    return len(batch)


def _retry_after(value: str | None, default: float) -> float:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date, RFC 9110
    §10.2.3), capped at :data:`RETRY_AFTER_CAP_S`; ``default`` when absent or unreadable."""
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return default
        seconds = when.timestamp() - time.time()
    return max(0.0, min(seconds, RETRY_AFTER_CAP_S))


def spool_path(store: LearnerStore) -> Path:
    """Where a read's pages wait before they are kept (inside the cache folder)."""
    return store.folder / SPOOL_NAME
