"""Reading an LRS through the Statements API: paging, filters, retries, one-line refusals."""

from __future__ import annotations

import socket

import pytest
from lrs_double import LrsDouble, _instant, _mentions
from statement_samples import COURSE, LESSON, OTHER, mixed_sample

from studio.errors import Cancelled, LearnerDataError
from studio.jobs import CancelToken
from studio.xray.lrs_client import PAGE_LIMIT, UNFILTERED_NOTE, StatementsApi, read_lrs
from studio.xray.store import LearnerStore

ACTIVITIES = (COURSE, LESSON)


def _api(lrs: LrsDouble, sleeps: list | None = None, **kw) -> StatementsApi:
    return StatementsApi(lrs.endpoint, ("u", "p"),
                         sleep=(sleeps.append if sleeps is not None else (lambda s: None)), **kw)


def _reachable(sample):
    """Statements an exact filter on the course or its lesson returns."""
    return [s for s in sample if "id" in s and any(_mentions(s, a) for a in ACTIVITIES)]


def test_pages_are_followed_and_kept_once(tmp_path):
    sample = mixed_sample()
    with LrsDouble(sample, page_size=4) as lrs:
        store = LearnerStore(tmp_path)
        read = read_lrs(_api(lrs), store, COURSE, ACTIVITIES)
        first = lrs.requests[0]
        assert first == {"activity": COURSE, "related_activities": "true",
                         "limit": str(PAGE_LIMIT)}
        assert lrs.headers[0]["X-Experience-API-Version"] == "1.0.3"
        assert any(q.get("activity") == LESSON for q in lrs.requests)
    reached = _reachable(sample)
    per_activity = [[s for s in sample if _mentions(s, a)] for a in ACTIVITIES]
    assert read.statements == sum(len(found) for found in per_activity)  # repeats included
    assert read.pages == sum(max(1, -(-len(found) // 4)) for found in per_activity)
    assert read.added == store.count() == len({s["id"] for s in reached})
    assert read.notes == ()
    assert store.query("SELECT DISTINCT source FROM statements") == [("lrs",)]


def test_incremental_read_asks_since_the_newest_kept(tmp_path):
    sample = mixed_sample()
    store = LearnerStore(tmp_path)
    with LrsDouble(sample[:8]) as lrs:
        read_lrs(_api(lrs), store, COURSE, ACTIVITIES)
    since = store.latest_stored()
    with LrsDouble(sample) as lrs:
        read = read_lrs(_api(lrs), store, COURSE, ACTIVITIES, since=since)
        assert lrs.requests[0]["since"] == since
    assert read.since == since and read.added > 0
    later = [s for s in sample[8:] if "stored" in s and _instant(s["stored"]) > _instant(since)]
    assert store.count() == len({s["id"] for s in _reachable(sample[:8] + later)})


def test_an_lrs_that_ignores_the_filter_is_read_whole_and_filtered_here(tmp_path):
    sample = mixed_sample()
    with LrsDouble(sample, ignore_filter=True) as lrs:
        store = LearnerStore(tmp_path)
        read = read_lrs(_api(lrs), store, COURSE, ACTIVITIES)
        assert [q.get("activity") for q in lrs.requests[:3]] == [COURSE, None, None]
    assert read.notes == (UNFILTERED_NOTE,)
    assert read.statements == len(sample)
    assert store.count() == 26  # every statement about the course, none of OTHER's
    assert not store.query("SELECT 1 FROM statements WHERE ref LIKE ?", [OTHER + "%"])


def test_busy_answers_are_retried_with_retry_after(tmp_path):
    sleeps: list[float] = []
    with LrsDouble(mixed_sample()) as lrs:
        lrs.faults = [503, 429]
        lrs.retry_after = "2"
        read = read_lrs(_api(lrs, sleeps), LearnerStore(tmp_path), COURSE, ACTIVITIES)
    assert read.added > 0
    assert sum(sleeps) == pytest.approx(4.0, abs=0.3)


def test_three_failures_are_one_line(tmp_path):
    with LrsDouble(mixed_sample()) as lrs:
        lrs.faults = [500, 502, 500]
        store = LearnerStore(tmp_path)
        with pytest.raises(LearnerDataError) as caught:
            read_lrs(_api(lrs), store, COURSE, ACTIVITIES)
    assert str(caught.value) == f"{lrs.endpoint}: the LRS answered HTTP 500 (tried 3 times)"
    assert store.count() == 0


def test_refused_credentials_and_wrong_address(tmp_path):
    with LrsDouble(mixed_sample(), password="other") as lrs:
        with pytest.raises(LearnerDataError, match=r"refused the credentials \(HTTP 401\)$"):
            read_lrs(_api(lrs), LearnerStore(tmp_path), COURSE, ACTIVITIES)
        with pytest.raises(LearnerDataError, match=r"\(HTTP 401\); give --auth USER:PASSWORD$"):
            read_lrs(StatementsApi(lrs.endpoint), LearnerStore(tmp_path), COURSE, ACTIVITIES)
        api = StatementsApi(lrs.endpoint.replace("/xAPI/", "/nothing"), ("u", "other"))
        with pytest.raises(LearnerDataError, match=r"no xAPI Statements API there"):
            read_lrs(api, LearnerStore(tmp_path), COURSE, ACTIVITIES)


def test_nobody_listening(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sleeps: list[float] = []
    api = StatementsApi(f"http://127.0.0.1:{port}/xAPI", ("u", "p"), sleep=sleeps.append)
    with pytest.raises(LearnerDataError) as caught:
        read_lrs(api, LearnerStore(tmp_path), COURSE, ACTIVITIES)
    assert str(caught.value) == (f"cannot reach the LRS at http://127.0.0.1:{port}/xAPI/ "
                                 f"(connection refused); tried 3 times")
    assert sum(sleeps) == pytest.approx(1.5, abs=0.2)


def test_not_an_address():
    with pytest.raises(LearnerDataError, match="not an LRS address"):
        StatementsApi("ftp://lrs.example.org/xAPI/")


def test_cancel_keeps_nothing(tmp_path):
    token = CancelToken()
    seen = []

    def progress(fraction, message=""):
        seen.append(message)
        if len(seen) == 2:
            token.cancel()

    store = LearnerStore(tmp_path)
    with LrsDouble(mixed_sample(), page_size=2) as lrs:
        with pytest.raises(Cancelled):
            read_lrs(_api(lrs), store, COURSE, ACTIVITIES, progress=progress, token=token)
    assert store.count() == 0
    assert not list(store.folder.glob("*.jsonl"))
