"""The twin's LRS and cmi5 LMS without a browser: launches, the State API's concurrency rules,
the cmi5 rules, moveOn and satisfied, and what a dismissal loses under unload_commit."""

from __future__ import annotations

import json
import threading
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from studio.errors import TwinError
from studio.twin import cmi5_rules as rules
from studio.twin.lrs import Lrs, LrsRequest, verb
from studio.twin.xapi_package import read_xapi_package
from studio.twin.xapi_session import DISMISSAL_HEADER, LAUNCH_DATA, XapiLms

NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
COURSE = "urn:course-studio:c1"
BASE = "http://127.0.0.1:9/lms/"
PACKAGE = "http://127.0.0.1:9/pkg/"
L1 = PACKAGE + "index.html?unit=l1"
AU1 = COURSE + "/lesson/l1"


def cmi5_package(folder: Path, move_on: str = "CompletedAndPassed",
                 mastery: str | None = "0.8") -> Path:
    mastery_attr = f' masteryScore="{mastery}"' if mastery else ""
    (folder / "cmi5.xml").write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="{NS}">
  <course id="{COURSE}"><title><langstring lang="en">C</langstring></title>
    <description><langstring lang="en"/></description></course>
  <block id="{COURSE}/module/m1"><title><langstring lang="en">M</langstring></title>
    <description><langstring lang="en"/></description>
    <au id="{COURSE}/lesson/l1" moveOn="{move_on}"{mastery_attr} launchMethod="AnyWindow">
      <title><langstring lang="en">L1</langstring></title>
      <description><langstring lang="en"/></description>
      <url>index.html?unit=l1</url></au>
    <au id="{COURSE}/lesson/l2" moveOn="NotApplicable" launchMethod="AnyWindow">
      <title><langstring lang="en">L2</langstring></title>
      <description><langstring lang="en"/></description>
      <url>index.html?unit=l2</url></au>
  </block>
</courseStructure>
""", encoding="utf-8")
    return folder


def tincan_package(folder: Path) -> Path:
    (folder / "tincan.xml").write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<tincan xmlns="http://projecttincan.com/tincan.xsd"><activities>
  <activity id="{COURSE}" type="http://adlnet.gov/expapi/activities/course">
    <name lang="en">C</name><description lang="en"/><launch lang="en">index.html</launch>
  </activity></activities></tincan>
""", encoding="utf-8")
    return folder


def params_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


class Au:
    """What an AU does over HTTP with the launch URL it was given."""

    def __init__(self, lms: XapiLms, url: str):
        self.lms, self.params = lms, params_of(url)
        fetched = self.call("POST", "fetch/" + self.params["fetch"].rsplit("/", 1)[1])
        self.auth = "Basic " + json.loads(fetched.body)["auth-token"]
        self.actor = json.loads(self.params["actor"])
        self.launch_data = json.loads(self.state("GET", LAUNCH_DATA).body)

    def call(self, method, resource, params=None, body=b"", headers=None):
        heads = {"authorization": getattr(self, "auth", ""),
                 "x-experience-api-version": "1.0.3", **(headers or {})}
        return self.lms.answer(LrsRequest(method, resource, params or {}, heads, body))

    def state(self, method, state_id, body=b"", headers=None):
        return self.call(method, "xapi/activities/state", {
            "activityId": self.params["activityId"], "agent": json.dumps(self.actor),
            "registration": self.params["registration"], "stateId": state_id}, body, headers)

    def send(self, name, result=None, headers=None, moveon=False):
        template = self.launch_data["contextTemplate"]
        context = {"registration": self.params["registration"],
                   "contextActivities": {**template["contextActivities"],
                                         "category": [{"id": rules.CATEGORY_CMI5}]},
                   "extensions": dict(template["extensions"])}
        if moveon:
            context["contextActivities"]["category"].append({"id": rules.CATEGORY_MOVEON})
        statement = {"id": str(uuid.uuid4()), "actor": self.actor,
                     "verb": {"id": rules.VERBS.get(name, rules.ADL + name)},
                     "object": {"id": self.params["activityId"]}, "context": context}
        if result:
            statement["result"] = result
        return self.call("PUT", "xapi/statements", {"statementId": statement["id"]},
                         json.dumps(statement).encode(), headers)


def test_a_cmi5_launch_follows_cmi5_and_the_lms_writes_launched_and_satisfied(tmp_path):
    lms = XapiLms(read_xapi_package(cmi5_package(tmp_path)), BASE)
    url = lms.launch(1, L1, AU1)
    assert url.startswith(PACKAGE + "index.html?unit=l1&")
    au = Au(lms, url)
    assert set(au.params) == {"unit", "endpoint", "fetch", "registration", "activityId", "actor"}
    assert au.params["endpoint"] == BASE + "xapi/" and "account" in au.actor
    assert au.launch_data["moveOn"] == "CompletedAndPassed"
    assert au.launch_data["masteryScore"] == 0.8 and au.launch_data["launchMode"] == "Normal"
    again = au.call("POST", "fetch/" + au.params["fetch"].rsplit("/", 1)[1])
    assert json.loads(again.body)["error-code"] == "1"  # a fetch URL answers once

    assert au.send("completed", {"completion": True, "duration": "PT1S"},
                   moveon=True).status == 403  # before initialized
    assert au.send("initialized").status == 204
    assert au.send("passed", {"success": True, "duration": "PT1S",
                              "score": {"scaled": 0.5}}, moveon=True).status == 403
    assert au.send("completed", {"completion": True, "duration": "PT1S"}).status == 403
    assert au.send("completed", {"completion": True, "duration": "PT1S"},
                   moveon=True).status == 204
    assert au.send("completed", {"completion": True, "duration": "PT2S"},
                   moveon=True).status == 403  # once per registration
    held = [verb(s) for s in lms.records.statements]
    assert "satisfied" not in held  # CompletedAndPassed waits for passed
    assert au.send("passed", {"success": True, "duration": "PT1S", "score": {"scaled": 0.9}},
                   moveon=True).status == 204
    terminated = au.send("terminated", {"duration": "PT3S"})
    assert terminated.status == 204
    assert au.send("experienced").status == 403  # nothing after terminated
    # a statement sent again (the player's kept queue) is no new statement: not refused
    again = lms.records.statements[-1]
    assert au.call("POST", "xapi/statements", {}, json.dumps([again]).encode()).status == 200
    journal = lms.end_launch()
    statements = json.loads(journal["kept"]["statements"])
    assert [verb(s) for s in statements] == [
        "launched", "initialized", "completed", "passed", "satisfied", "satisfied",
        "terminated"]
    satisfied = {s["object"]["id"] for s in statements if verb(s) == "satisfied"}
    assert satisfied == {COURSE, COURSE + "/module/m1"}  # l2 is NotApplicable
    assert [c["fn"] for c in journal["calls"]] == ["statement"] * 10
    assert [c["error"] == "0" for c in journal["calls"]] == [
        False, True, False, False, True, False, True, True, False, True]
    assert journal["delivered"]["entry"] == "ab-initio"
    rejected = [why for _, why in lms.records.rejected]
    assert any("cmi5 §9.3.8" in w for why in rejected for w in why)


def test_an_unterminated_session_is_abandoned_at_the_next_launch(tmp_path):
    lms = XapiLms(read_xapi_package(cmi5_package(tmp_path)), BASE)
    au = Au(lms, lms.launch(1, L1, AU1))
    au.send("initialized")
    au.state("PUT", "resume", b'{"location": "i3"}', {"if-none-match": "*"})
    lms.end_launch()
    au2 = Au(lms, lms.launch(2, L1, AU1))
    journal = lms.end_launch()
    verbs = [verb(s) for s in json.loads(journal["kept"]["statements"])]
    assert verbs == ["launched", "initialized", "abandoned", "launched"]
    assert au2.launch_data["contextTemplate"] != au.launch_data["contextTemplate"]  # new session
    assert json.loads(journal["kept"]["state"]) == {"resume": {"location": "i3"}}


def test_the_state_api_keeps_its_concurrency_rules_and_the_launch_journal_reads(tmp_path):
    lms = XapiLms(read_xapi_package(tincan_package(tmp_path)), BASE)
    url = lms.launch(1, PACKAGE + "index.html")
    params = params_of(url)
    assert set(params) == {"endpoint", "auth", "actor", "registration", "activity_id"}
    assert params["activity_id"] == COURSE and url.startswith(PACKAGE + "index.html?")
    key = {"activityId": COURSE, "agent": params["actor"],
           "registration": params["registration"], "stateId": "resume"}

    def state(method, body=b"", **headers):
        heads = {"authorization": params["auth"], "x-experience-api-version": "1.0.3",
                 **{k.replace("_", "-"): v for k, v in headers.items()}}
        return lms.answer(LrsRequest(method, "xapi/activities/state", key, heads, body))

    assert state("GET").status == 404
    first = state("PUT", b'{"location": "a"}', if_none_match="*")
    assert first.status == 204
    assert state("PUT", b'{"location": "b"}').status == 409
    assert state("PUT", b'{"location": "b"}', if_match='"stale"').status == 412
    second = state("PUT", b'{"location": "b", "progress": 0.5}', if_match=first.headers["ETag"])
    assert second.status == 204
    # POST merges its properties over the held ones and needs no precondition (§2.3)
    assert state("POST", b'{"progress": 0.75}', if_match=first.headers["ETag"]).status == 412
    assert state("POST", b'["not an object"]').status == 400
    merged = state("POST", b'{"progress": 0.75}')
    assert merged.status == 204 and merged.headers["ETag"] != second.headers["ETag"]
    assert lms.records.conflicts == [409, 412, 412]
    assert json.loads(state("GET").body) == {"location": "b", "progress": 0.75}
    lms.end_launch()
    lms.launch(2, PACKAGE + "index.html")
    assert json.loads(state("GET").body) == {"location": "b", "progress": 0.75}
    journal = lms.end_launch()
    assert journal["delivered"]["entry"] == "resume"
    assert journal["delivered"]["location"] == "b"
    unauthorised = lms.answer(LrsRequest("GET", "xapi/activities/state", key,
                                         {"x-experience-api-version": "1.0.3"}))
    assert unauthorised.status == 401


@pytest.mark.parametrize("policy", ["lost", "kept"])
def test_writes_a_dismissal_cancels_are_lost_only_when_the_profile_says_so(tmp_path, policy):
    lms = XapiLms(read_xapi_package(tincan_package(tmp_path)), BASE, unload_commit=policy)
    params = params_of(lms.launch(1, PACKAGE + "index.html"))
    heads = {"authorization": params["auth"], "x-experience-api-version": "1.0.3"}

    def put(name, phase_headers=None):
        statement = {"id": str(uuid.uuid4()), "actor": json.loads(params["actor"]),
                     "verb": {"id": rules.VERBS[name]}, "object": {"id": COURSE},
                     "context": {"registration": params["registration"]}}
        request = LrsRequest("PUT", "xapi/statements", {"statementId": statement["id"]},
                             {**heads, **(phase_headers or {})}, json.dumps(statement).encode())
        return lms.answer(request)

    put("initialized")
    lms.answer(LrsRequest("POST", "twin/phase", {"phase": "hidden"}))
    put("completed", {DISMISSAL_HEADER.lower(): "xhr"})  # hidden: still kept
    lms.answer(LrsRequest("POST", "twin/phase", {"phase": "unload"}))
    put("passed")  # a keepalive fetch
    answered = []
    sync_xhr = threading.Thread(target=lambda: answered.append(
        put("terminated", {DISMISSAL_HEADER.lower(): "xhr"})))  # a synchronous XHR in pagehide
    sync_xhr.start()
    sync_xhr.join(1.0)
    assert answered == [] or policy == "kept"  # a lost request is answered after the launch
    journal = json.loads(lms.answer(LrsRequest("POST", "twin/end")).body)
    sync_xhr.join(5.0)
    assert [a.status for a in answered] == [204]
    kept = [verb(s) for s in json.loads(journal["kept"]["statements"])]
    assert [(c["phase"], c["kept"]) for c in journal["commits"]] == [
        ("live", True), ("hidden", True), ("unload", True), ("unload", policy == "kept")]
    assert kept == ["initialized", "completed", "passed"] + (
        ["terminated"] if policy == "kept" else [])


def test_package_reading_and_errors(tmp_path):
    package = read_xapi_package(cmi5_package(tmp_path, move_on="Completed", mastery=None))
    assert package.standard == "cmi5" and package.course_id == COURSE
    assert [au.move_on for au in package.aus] == ["Completed", "NotApplicable"]
    assert package.aus[0].blocks == (COURSE + "/module/m1",) and package.aus[0].title == "L1"
    with pytest.raises(TwinError, match="neither"):
        read_xapi_package(tmp_path / "missing")
    lms = XapiLms(package, BASE)
    added = lms.au("twin_unit", PACKAGE + "index.html?unit=extra")
    assert added.id == COURSE + "/lesson/extra" and added not in package.aus
    with pytest.raises(TwinError, match="phase"):
        lms.set_phase("gone")


@pytest.mark.parametrize(("move_on", "verbs", "expected"), [
    ("Completed", ["completed"], True), ("Completed", ["passed"], False),
    ("Passed", ["passed"], True), ("CompletedAndPassed", ["completed"], False),
    ("CompletedAndPassed", ["completed", "passed"], True),
    ("CompletedOrPassed", ["passed"], True), ("CompletedOrPassed", ["failed"], False),
    ("NotApplicable", [], True)])
def test_move_on(move_on, verbs, expected):
    assert rules.satisfied(move_on, verbs) is expected


def test_a_plain_lrs_refuses_statements_it_cannot_hold():
    lrs = Lrs()
    heads = {"authorization": lrs.basic_auth, "x-experience-api-version": "1.0.3"}
    bad = lrs.answer(LrsRequest("POST", "statements", {}, heads, b'[{"verb": {}}]'))
    assert bad.status == 400 and lrs.records.statements == []
    assert lrs.answer(LrsRequest("GET", "statements", {}, {})).status == 401
    assert lrs.answer(LrsRequest("GET", "statements", {}, {"authorization": lrs.basic_auth})
                      ).status == 400  # no version header
