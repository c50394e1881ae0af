"""The local LRS: Ralph's statements with paging, the State API's concurrency rules, CORS for
packages opened from anywhere, data kept across a restart, one-line errors."""

from __future__ import annotations

import json
import socket
import uuid

import pytest
import requests

from studio.xray.lrs_service import LrsServiceError, basic_auth, start_lrs

PAGE = 3
VERB = "http://adlnet.gov/expapi/verbs/experienced"
AGENT = {"mbox": "mailto:learner@example.org"}
ACTIVITY = "https://example.org/course/c1"


def statement(number: int) -> dict:
    return {"id": str(uuid.UUID(int=number + 1)), "actor": AGENT, "verb": {"id": VERB},
            "object": {"id": f"{ACTIVITY}/item/itm_{number}"},
            "timestamp": f"2026-01-01T00:00:{number:02d}Z"}


@pytest.fixture(scope="module")
def lrs(tmp_path_factory):
    with start_lrs(tmp_path_factory.mktemp("lrs"), page_size=PAGE) as running:
        yield running


def headers(lrs, **extra) -> dict:
    return {"Authorization": lrs.auth_header, "X-Experience-API-Version": "1.0.3", **extra}


def read_all(lrs, url: str) -> list[dict]:
    """Every statement, following ``more`` (xAPI 1.0.3 Communication §2.1.3)."""
    origin = lrs.endpoint.split("/xAPI/")[0]
    found, pages = [], 0
    while url:
        page = requests.get(url, headers=headers(lrs), timeout=10)
        assert page.status_code == 200, page.text
        body = page.json()
        found += body["statements"]
        pages += 1
        url = origin + body["more"] if body.get("more") else ""
    return found, pages


def state_params(state_id: str | None = "resume") -> dict:
    params = {"activityId": ACTIVITY, "agent": json.dumps(AGENT)}
    if state_id:
        params["stateId"] = state_id
    return params


def test_statements_posted_are_read_back_page_by_page(lrs):
    sent = [statement(n) for n in range(8)]
    answer = requests.post(lrs.endpoint + "statements", json=sent[:7], headers=headers(lrs),
                           timeout=10)
    assert answer.status_code == 200, answer.text
    assert answer.json() == [s["id"] for s in sent[:7]]
    # the player's way: one statement at a time, PUT with its id
    put = requests.put(lrs.endpoint + "statements", params={"statementId": sent[7]["id"]},
                       json=sent[7], headers=headers(lrs), timeout=10)
    assert put.status_code == 204, put.text

    found, pages = read_all(lrs, lrs.endpoint + "statements")
    assert sorted(s["id"] for s in found) == sorted(s["id"] for s in sent)
    assert pages >= 8 // PAGE + 1
    assert all(s["stored"] and s["authority"] for s in found)
    one = requests.get(lrs.endpoint + "statements", params={"statementId": sent[3]["id"]},
                       headers=headers(lrs), timeout=10)
    body = one.json()  # Ralph answers a single-statement GET as a StatementResult
    assert [s["object"]["id"] for s in body.get("statements", [body])] == [
        sent[3]["object"]["id"]]


def test_statements_are_filtered_by_activity_and_verb(tmp_path):
    other_verb = "http://adlnet.gov/expapi/verbs/answered"
    sent = [statement(n) for n in range(6)]
    sent[1]["verb"]["id"] = other_verb
    sent[2]["context"] = {"contextActivities": {"parent": [{"id": ACTIVITY}]}}
    sent[4]["object"]["id"] = "https://example.org/course/c2"
    with start_lrs(tmp_path) as lrs:
        answer = requests.post(lrs.endpoint + "statements", json=sent, headers=headers(lrs),
                               timeout=10)
        assert answer.status_code == 200, answer.text

        def ids(**query) -> set[str]:
            found = requests.get(lrs.endpoint + "statements", params=query,
                                 headers=headers(lrs), timeout=10)
            assert found.status_code == 200, found.text
            return {s["id"] for s in found.json()["statements"]}

        assert ids(activity=sent[3]["object"]["id"]) == {sent[3]["id"]}
        assert ids(activity=ACTIVITY, related_activities="true") == {sent[2]["id"]}
        assert ids(activity=ACTIVITY) == set()
        assert ids(verb=other_verb) == {sent[1]["id"]}
        assert ids(verb=VERB, activity=sent[1]["object"]["id"]) == set()


def test_refusals_are_summarised(tmp_path):
    from studio.errors import LearnerDataError
    from studio.xray.lrs_client import StatementsApi

    with start_lrs(tmp_path) as lrs:
        url, query = StatementsApi(lrs.endpoint, (lrs.user, lrs.password)).first_url(
            ACTIVITY, since=None, registration="notauuid")
        with pytest.raises(LearnerDataError) as caught:
            StatementsApi(lrs.endpoint, (lrs.user, lrs.password)).page(url, query)
        said = str(caught.value)
        assert said.startswith(f"{lrs.endpoint}: the LRS answered HTTP 422: registration")
        assert "{" not in said and "[" not in said and "\n" not in said
        with pytest.raises(LearnerDataError) as caught:
            StatementsApi(lrs.endpoint).page(*StatementsApi(lrs.endpoint).first_url(
                ACTIVITY, since=None, registration=None))
        assert str(caught.value).endswith("(HTTP 401); give --auth USER:PASSWORD")


def test_wrong_credentials_are_refused(lrs):
    wrong = {"Authorization": basic_auth(lrs.user, "not-it"), "X-Experience-API-Version": "1.0.3"}
    assert requests.get(lrs.endpoint + "statements", headers=wrong, timeout=10).status_code == 401
    assert requests.get(lrs.endpoint + "activities/state", params=state_params(), headers=wrong,
                        timeout=10).status_code == 401
    about = requests.get(lrs.endpoint + "about", timeout=10)
    assert about.status_code == 200 and "1.0.3" in about.json()["version"]


def test_state_documents_follow_the_concurrency_rules(lrs):
    url = lrs.endpoint + "activities/state"
    params = state_params("concurrency")

    def put(body: dict, **extra):
        return requests.put(url, params=params, data=json.dumps(body),
                            headers=headers(lrs, **{"Content-Type": "application/json"}, **extra),
                            timeout=10)

    assert requests.get(url, params=params, headers=headers(lrs), timeout=10).status_code == 404
    first = put({"page": 1})
    assert first.status_code == 204 and first.headers["ETag"]
    assert put({"page": 2}).status_code == 409  # a held document needs If-Match
    assert put({"page": 2}, **{"If-Match": '"0000"'}).status_code == 412
    assert put({"page": 2}, **{"If-None-Match": "*"}).status_code == 412
    second = put({"page": 2}, **{"If-Match": first.headers["ETag"]})
    assert second.status_code == 204 and second.headers["ETag"] != first.headers["ETag"]
    got = requests.get(url, params=params, headers=headers(lrs), timeout=10)
    assert got.json() == {"page": 2} and got.headers["ETag"] == second.headers["ETag"]

    merged = requests.post(url, params=params, data=json.dumps({"score": 3}),
                           headers=headers(lrs), timeout=10)
    assert merged.status_code == 204
    assert requests.get(url, params=params, headers=headers(lrs),
                        timeout=10).json() == {"page": 2, "score": 3}
    ids = requests.get(url, params=state_params(None), headers=headers(lrs), timeout=10)
    assert "concurrency" in ids.json()
    assert requests.delete(url, params=params, headers=headers(lrs), timeout=10).status_code == 204
    assert requests.get(url, params=params, headers=headers(lrs), timeout=10).status_code == 404


def test_packages_from_any_origin_may_call_it(lrs):
    for origin in ("null", "http://localhost:18301"):  # file:// pages send Origin: null
        preflight = requests.options(
            lrs.endpoint + "activities/state",
            headers={"Origin": origin, "Access-Control-Request-Method": "PUT",
                     "Access-Control-Request-Headers":
                         "authorization,content-type,if-match,x-experience-api-version"},
            timeout=10)
        assert preflight.status_code == 200
        assert preflight.headers["Access-Control-Allow-Origin"] in ("*", origin)
        allowed = preflight.headers["Access-Control-Allow-Headers"].lower()
        assert "if-match" in allowed and "authorization" in allowed
        assert "PUT" in preflight.headers["Access-Control-Allow-Methods"]
    got = requests.get(lrs.endpoint + "statements", headers=headers(lrs, Origin="null"),
                       timeout=10)
    assert got.headers["Access-Control-Allow-Origin"] == "*"
    assert "etag" in got.headers["Access-Control-Expose-Headers"].lower()


def test_a_restart_keeps_statements_documents_and_password(tmp_path):
    with start_lrs(tmp_path) as first:
        requests.post(first.endpoint + "statements", json=[statement(40)],
                      headers=headers(first), timeout=10).raise_for_status()
        requests.put(first.endpoint + "activities/state", params=state_params(),
                     data=b'{"at": 12}', headers=headers(first), timeout=10).raise_for_status()
        password = first.password
    with start_lrs(tmp_path) as again:
        assert again.password == password
        found, _ = read_all(again, again.endpoint + "statements")
        assert [s["id"] for s in found] == [statement(40)["id"]]
        doc = requests.get(again.endpoint + "activities/state", params=state_params(),
                           headers=headers(again), timeout=10)
        assert doc.json() == {"at": 12}


def test_a_port_in_use_is_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        with pytest.raises(LrsServiceError) as error:
            start_lrs(tmp_path, port=port)
    message = str(error.value)
    assert str(port) in message and "\n" not in message and "Traceback" not in message


def test_a_file_for_a_folder_is_one_line(tmp_path):
    blocker = tmp_path / "lrs"
    blocker.write_text("not a folder")
    with pytest.raises(LrsServiceError) as error:
        start_lrs(blocker)
    assert "lrs" in str(error.value) and "\n" not in str(error.value)
