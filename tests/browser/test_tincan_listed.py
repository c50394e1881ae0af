"""The real Tin Can export in Chromium against a strict LRS: the activity of every answered
statement is one tincan.xml lists as a cmi.interaction."""

from __future__ import annotations

import json
import uuid
import zipfile
from urllib.parse import urlencode

from lrs_server import verb
from lxml import etree
from player_learner import ScriptedLearner
from playwright.sync_api import expect

from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.export.xml import course_iri
from studio.media.sample import QUIZ, build_sample

ACTOR = {"objectType": "Agent", "name": "Ada Learner", "mbox": "mailto:ada@example.com"}
TINCAN = "{http://projecttincan.com/tincan.xsd}"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"


def test_answered_statements_name_activities_tincan_xml_lists(page, server, lrs, tmp_path):
    with build_sample(tmp_path / "Sample.course") as project:
        course = project.course()
        export_course(project, ExportOptions("xapi", preset="original"), tmp_path / "p.zip")
    with zipfile.ZipFile(tmp_path / "p.zip") as archive:
        archive.extractall(tmp_path / "p")
    listed = {a.get("id") for a in etree.parse(str(tmp_path / "p" / "tincan.xml")).iter(
        f"{TINCAN}activity") if a.get("type") == INTERACTION}
    query = urlencode({"endpoint": lrs.endpoint, "auth": lrs.basic_auth,
                       "actor": json.dumps(ACTOR), "registration": str(uuid.uuid4()),
                       "activity_id": course_iri(course)})
    page.goto(f"{server.mount(tmp_path / 'p')}index.html?{query}")
    page.wait_for_function("() => !!(window.CoursePlayer && window.CoursePlayer.app)")
    learner = ScriptedLearner(page)
    learner.open_item("Final quiz")
    questions = [{"id": f"q{i}", "type": t, "prompt": p, **d} for i, (t, p, d) in enumerate(QUIZ)]
    learner.take_quiz({"title": "Final quiz", "questions": questions})
    page.wait_for_function("() => CoursePlayer.app.adapter.lrs.pending() === 0")
    answered = [s["object"]["id"] for s in lrs.records.statements if verb(s) == "answered"]
    assert len(answered) == len(QUIZ)
    assert set(answered) <= listed
    expect(page.get_by_role("heading", name="Result", exact=True)).to_be_visible()
