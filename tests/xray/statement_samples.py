"""Statements in the player's shapes (player/xapi.js, xapi_statements.js) plus the odd ones other
tools and hand-edited files bring, for the X-ray ingest tests."""

from __future__ import annotations

from studio.xray.rows import (
    ADL,
    EXT_CLIP,
    EXT_LENGTH,
    EXT_PROGRESS,
    EXT_QUESTION_VERSION,
    EXT_SEGMENTS,
    EXT_SESSION,
    EXT_TIME,
    EXT_TIME_FROM,
    EXT_TIME_TO,
    VIDEO,
)

COURSE = "urn:course-studio:0b9f4c1e-5d2a-4c7e-9a8b-1f2e3d4c5b6a"
OTHER = "urn:course-studio:11111111-2222-3333-4444-555555555555"
LESSON = COURSE + "/lesson/les_a1"
ITEM = COURSE + "/item/itm_v1"
QUIZ = COURSE + "/item/itm_q1"


def _uuid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def statement(n: int, verb: str, obj: str | dict, *, actor: dict | None = None,
              parents: list[str] | None = None, grouping: list[str] | None = (COURSE,),
              result: dict | None = None, extensions: dict | None = None,
              registration: str | None = "9d3c1a52-7e1b-4b0a-8d55-0c3e2f1a4b6c",
              stored: str | None = "2026-11-30T10:00:{:02d}.250Z") -> dict:
    """A statement as the player sends it (``stored`` added as an LRS would)."""
    st: dict = {
        "id": _uuid(n), "actor": actor or {"objectType": "Agent", "name": "Ada",
                                           "mbox": f"mailto:learner{n % 7}@example.org"},
        "verb": {"id": verb, "display": {"en-US": verb.rsplit("/", 1)[-1]}},
        "object": {"objectType": "Activity", "id": obj} if isinstance(obj, str) else obj,
        "timestamp": "2026-11-30T09:59:00.000Z", "context": {"contextActivities": {}},
    }
    if stored is not None:
        st["stored"] = stored.format(n % 60) if "{" in stored else stored
    if registration:
        st["context"]["registration"] = registration
    if grouping:
        st["context"]["contextActivities"]["grouping"] = [
            {"objectType": "Activity", "id": g} for g in grouping]
    if parents:
        st["context"]["contextActivities"]["parent"] = [
            {"objectType": "Activity", "id": p} for p in parents]
    if extensions is not None:
        st["context"]["extensions"] = extensions
    if result is not None:
        st["result"] = result
    return st


def video_extensions(session: str = "s-1") -> dict:
    """The context extensions of a video statement (Video Profile + the studio's clip)."""
    return {EXT_SESSION: session, EXT_LENGTH: 60, VIDEO + "extensions/completion-threshold": 1,
            EXT_CLIP: {"in": 2.5, "out": 62.5, "version": "a1b2c3d4e5f60718"}}


def mixed_sample() -> list[dict]:
    """A file's worth of statements: every verb the player sends, about this course, another
    course, and odd values whose types do not match the spec."""
    v = VIDEO + "verbs/"
    out = [
        statement(1, ADL + "initialized", COURSE, grouping=None),
        statement(2, ADL + "initialized", ITEM, parents=[LESSON], extensions=video_extensions()),
        statement(3, v + "played", ITEM, parents=[LESSON], extensions=video_extensions(),
                  result={"extensions": {EXT_TIME: 0}}),
        statement(4, v + "paused", ITEM, parents=[LESSON], extensions=video_extensions(),
                  result={"extensions": {EXT_TIME: 12.345, EXT_SEGMENTS: "0[.]12.345",
                                         EXT_PROGRESS: 0.206}}),
        statement(5, v + "seeked", ITEM, parents=[LESSON], extensions=video_extensions(),
                  result={"extensions": {EXT_TIME_FROM: 30.1, EXT_TIME_TO: 10}}),
        statement(6, ADL + "completed", ITEM, parents=[LESSON], extensions=video_extensions(),
                  result={"completion": True, "duration": "PT1M2.5S",
                          "extensions": {EXT_TIME: 60, EXT_SEGMENTS: "0[.]30.1[,]10[.]60",
                                         EXT_PROGRESS: 1}}),
        statement(7, ADL + "answered", {
            "objectType": "Activity", "id": COURSE + "/interaction/itm_q1_q_x1",
            "definition": {"type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                           "interactionType": "choice", "correctResponsesPattern": ["c2"]}},
            parents=[QUIZ, LESSON], extensions={EXT_QUESTION_VERSION: "0f0e0d0c0b0a0908"},
            result={"response": "c1", "duration": "PT4.25S", "success": False,
                    "score": {"raw": 0, "min": 0, "max": 2, "scaled": 0}}),
        statement(8, ADL + "answered", COURSE + "/interaction/itm_v1_cue_c1_q_y2",
                  parents=[ITEM, LESSON], result={"response": "true", "success": True,
                                                  "duration": "PT1H2M3.5S",
                                                  "score": {"raw": 1, "max": 1, "scaled": 1}}),
        statement(9, ADL + "experienced", COURSE + "/item/itm_s1", parents=[LESSON]),
        statement(10, ADL + "passed", COURSE, grouping=None,
                  result={"success": True, "duration": "P1DT2H",
                          "score": {"scaled": 0.8333, "raw": 10, "min": 0, "max": 12}}),
        statement(11, ADL + "terminated", COURSE, grouping=None, result={"duration": "P1Y"}),
        # cmi5: the whole course as one AU, and a lesson AU
        statement(12, ADL + "launched", COURSE + "/au", grouping=None),
        statement(13, "https://w3id.org/xapi/adl/verbs/satisfied", LESSON, grouping=[COURSE]),
        # another course, and a foreign object with no context of this course
        statement(14, ADL + "initialized", OTHER, grouping=None),
        statement(15, ADL + "answered", OTHER + "/interaction/itm_q1_q_x1",
                  parents=[OTHER + "/item/itm_q1"], grouping=[OTHER]),
        # a foreign object under this course's context: kept, kind and ref NULL
        statement(16, "http://example.org/verbs/bookmarked", "http://example.org/page/1",
                  parents=[LESSON], grouping=None),
        # actors by each inverse functional identifier, and an anonymous group
        statement(17, ADL + "experienced", COURSE + "/item/itm_s1",
                  actor={"mbox_sha1sum": "ab" * 20}),
        statement(18, ADL + "experienced", COURSE + "/item/itm_s1",
                  actor={"openid": "https://id.example.org/ada"}),
        statement(19, ADL + "experienced", COURSE + "/item/itm_s1",
                  actor={"account": {"homePage": "https://lms.example.org", "name": "u42"}}),
        statement(20, ADL + "experienced", COURSE + "/item/itm_s1",
                  actor={"objectType": "Group", "member": [{"mbox": "mailto:a@b.c"}]}),
        # values of the wrong type are taken as absent
        statement(21, v + "paused", ITEM, parents=[LESSON],
                  extensions={EXT_SESSION: 5, EXT_LENGTH: "60", EXT_CLIP: "2.5"},
                  result={"success": "true", "response": 7,
                          "score": {"raw": "3", "max": None, "scaled": True},
                          "duration": 12, "extensions": {EXT_TIME: "12", EXT_SEGMENTS: 3}}),
        # context activities as one object (xAPI allows it), a percent-escaped lesson id
        statement(22, ADL + "experienced", COURSE + "/item/itm_p%5F1", grouping=None),
        statement(23, ADL + "answered", COURSE + "/interaction/itm_q1_q_x1", grouping=None,
                  registration=None, stored=None,
                  result={"response": "c2", "success": True, "duration": "PT"}),
        # durations: weeks, fractions, garbage
        statement(24, ADL + "terminated", COURSE, grouping=None, result={"duration": "P2W"}),
        statement(25, ADL + "terminated", COURSE, grouping=None, result={"duration": "PT0.5M"}),
        statement(26, ADL + "terminated", COURSE, grouping=None, result={"duration": "1 hour"}),
        # a sub-statement object: about the course through its context only
        statement(27, ADL + "experienced", {"objectType": "SubStatement", "id": ITEM},
                  parents=[LESSON]),
        # timestamps with an offset, and unreadable
        statement(28, ADL + "experienced", COURSE + "/item/itm_s1",
                  stored="2026-11-30T12:00:00+02:00"),
        statement(29, ADL + "experienced", COURSE + "/item/itm_s1", stored="yesterday"),
        # deeper IRIs under the course are not activities of it
        statement(30, ADL + "experienced", COURSE + "/item/itm_s1/extra", grouping=None),
    ]
    out[21]["context"]["contextActivities"] = {"parent": {"id": COURSE + "/lesson/les%5Fb2"}}
    del out[22]["id"]  # 23: no id, not kept
    return out
