"""Preview as learner inside the studio: the course in Qt WebEngine inside the LMS twin's page,
and beside it what the LMS receives from the player (status, score, interactions, suspend
data, the calls in order) and what it kept; the system browser when Qt WebEngine cannot be
used, and the package's path when that fails too."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrlQuery
from PySide6.QtGui import QDesktopServices

from studio import commands
from studio.ui import learner_preview, learner_twin
from studio.ui.learner_lms import ApiCall, LmsRecord, parse_call

LOAD_TIMEOUT = 120000  # ms: the export renders the sample's clip on a loaded machine


def add_short_quiz(window) -> str:
    """A lesson holding a quiz of two questions; returns the lesson's id."""
    def build(project):
        module = project.course().modules[-1].id
        lesson = commands.add_lesson(project, module, "Short check")
        quiz = commands.add_quiz(project, lesson, "Two questions", pass_mark=70)
        commands.add_question(project, quiz, "choice", "Pick Video", data={"choices": [
            {"id": "a", "text": "Video", "correct": True, "feedback": ""},
            {"id": "b", "text": "Page", "correct": False, "feedback": ""}]})
        commands.add_question(project, quiz, "truefalse", "Lessons hold items.",
                              data={"answer": True})
        return lesson

    outcome = window.session.run(build)
    assert outcome.ok, outcome.error
    return outcome.value


def open_preview(window, qtbot):
    window.learner_action.trigger()
    preview = window.learner_window
    qtbot.waitUntil(lambda: preview.page is not None or bool(window.errors),
                    timeout=LOAD_TIMEOUT)
    assert window.errors == []
    qtbot.waitUntil(lambda: preview.panel.record.started_at is not None, timeout=30000)
    return preview


def run_js(qtbot, page, script: str):
    """``script`` run in the course's own window, inside the twin's LMS page."""
    framed = f"""(function () {{
      var frame = document.querySelector("#twin iframe");
      var win = frame && frame.contentWindow;
      if (!win) {{ return null; }}
      if (!win.CoursePlayer && win.frames.length) {{ win = win.frames[0]; }}
      return (function (window, document) {{ return {script.strip()}; }})(win, win.document);
    }})()"""
    answers: list = []
    page.runJavaScript(framed, 0, answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=10000)
    return answers[0]


def test_the_whole_course_plays_in_the_studio_and_reports_as_scorm_2004(window, qtbot,
                                                                        monkeypatch):
    window.session.select("")
    preview = open_preview(window, qtbot)
    assert preview.scope.currentText() == "Whole course"
    assert preview.stack.currentWidget() is preview.view
    title = run_js(qtbot, preview.page, "document.getElementById('course-title').textContent")
    assert title == window.session.course().title
    record = preview.panel.record
    assert [c.call for c in record.calls[:2]] == ["Initialize", "GetValue"]
    qtbot.waitUntil(lambda: preview.panel.completion.text() == "incomplete", timeout=5000)
    assert record.value("cmi.completion_status") == "incomplete"
    qtbot.waitUntil(lambda: record.suspend_size > 0 and not preview.panel.suspend.text()
                    .startswith("0 "), timeout=5000)
    assert preview.panel.suspend_limit == 64000  # the generic SCORM 2004 4th Edition LMS
    assert preview.panel.suspend.text().startswith(
        f"{record.suspend_size:,} of {preview.panel.suspend_limit:,} characters")
    assert preview.panel.log.count() == len(record.calls)
    assert preview.panel.log.item(0).text() == 'Initialize("") → true'
    assert "running" in preview.panel.session_time.text()
    assert preview.panel.heading.text() == (
        "What Generic SCORM 2004 4th Edition records (SCORM 2004)")
    site = preview.page_path.parent
    preview.close()
    assert not site.exists()  # shown in the studio only: gone with its window

    # "Open in browser" hands the site over and shows its path, as a browser may still fail
    preview = open_preview(window, qtbot)
    opened: list = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    qtbot.mouseClick(preview.browser, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(preview.page_path)]
    assert QUrlQuery(opened[0]).queryItemValue("tracking") == "local"  # no LMS there
    assert str(preview.page_path) in preview.note.text() and preview.note.isVisibleTo(preview)
    site = preview.page_path.parent
    preview.close()
    assert site.exists()  # the browser may still be reading it; it goes when the studio closes
    window.close()
    assert not site.exists()


def test_a_submitted_quiz_shows_status_score_and_interactions(window, qtbot):
    lesson = add_short_quiz(window)
    window.session.select(lesson)
    preview = open_preview(window, qtbot)
    assert preview.lesson_id == lesson
    assert run_js(qtbot, preview.page, "document.title") == "Short check"
    run_js(qtbot, preview.page, """
        (function () {
          var questions = document.querySelectorAll('[data-question]');
          questions[0].querySelector('input[value="a"]').click();
          questions[1].querySelector('input[value="false"]').click();
          document.querySelector('button[type="submit"]').click();
          return questions.length;
        })()""")
    record = preview.panel.record
    qtbot.waitUntil(lambda: len(record.interactions()) == 2, timeout=10000)
    qtbot.waitUntil(lambda: preview.panel.success.text() == "failed", timeout=10000)
    assert record.value("cmi.success_status") == "failed"
    first, second = record.interactions()
    assert (first.type, first.learner_response, first.result) == ("choice", "a", "correct")
    assert (second.type, second.learner_response, second.result) == (
        "true-false", "false", "incorrect")
    table = preview.panel.interactions
    assert [table.item(1, column).text() for column in range(1, 4)] == [
        "true-false", "false", "incorrect"]
    assert table.item(0, 0).text().endswith("_" + window.session.find(lesson).items[0]
                                            .questions[0].id)
    assert preview.panel.completion.text() == "completed"
    assert preview.panel.success.text() == "failed"
    assert preview.panel.score.text() == "raw 50 · min 0 · max 100 · scaled 0.5"

    # leaving sends what a learner closing the course sends
    qtbot.mouseClick(preview.panel.leave, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.panel.session_time.text().startswith("PT"), timeout=10000)
    assert record.terminated and record.calls[-1].call == "Terminate"
    assert record.value("cmi.exit") == "normal"  # complete: nothing to resume
    assert preview.panel.session_time.text().endswith("(exit: normal)")
    assert not preview.panel.leave.isEnabled()

    # a new learner starts from nothing, on the lesson chosen
    qtbot.mouseClick(preview.panel.restart, Qt.MouseButton.LeftButton)
    assert preview.panel.log.count() == 0 or preview.panel.record.calls[0].call == "Initialize"
    qtbot.waitUntil(lambda: any(c.call == "Initialize" for c in preview.panel.record.calls),
                    timeout=30000)
    qtbot.waitUntil(lambda: preview.panel.completion.text() == "incomplete", timeout=5000)
    assert preview.panel.record.interactions() == []
    assert preview.panel.leave.isEnabled()
    assert table.rowCount() == 0
    assert preview.panel.score.text() == "raw – · min – · max – · scaled –"
    assert all(c.call != "Terminate" for c in preview.panel.record.calls)

    # the scope can change to the whole course, which starts again too
    preview.scope.setCurrentIndex(preview.scope.findData(""))
    qtbot.waitUntil(lambda: run_js(qtbot, preview.page, "document.title")
                    == window.session.course().title, timeout=30000)

    # the preview goes with the studio's window
    closed: list[bool] = []
    preview.destroyed.connect(lambda: closed.append(True))
    window.close()
    qtbot.waitUntil(lambda: bool(closed), timeout=5000)


def test_without_web_engine_the_browser_opens_the_site(window, qtbot, monkeypatch):
    def broken():
        raise ImportError("libQt6WebEngineCore.so.6: cannot open shared object file")

    opened: list = []
    monkeypatch.setattr(learner_preview, "load_web", broken)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    notices: list[str] = []
    window.session.notice.connect(notices.append)
    window.learner_action.trigger()
    qtbot.waitUntil(lambda: bool(opened) or bool(window.errors), timeout=LOAD_TIMEOUT)
    assert window.errors == []
    [url] = opened
    assert url.isLocalFile() and url.toLocalFile().endswith("index.html")
    # there is no LMS there: the player keeps its own data
    assert QUrlQuery(url).queryItemValue("tracking") == "local"
    page = url.toLocalFile()
    assert notices[-1] == f"Opened the preview in the web browser: {page}"
    shown = window.learner_window.status.text()  # the window stays, saying what happened
    assert "Qt WebEngine is not available (libQt6WebEngineCore.so.6" in shown
    assert page in shown


def test_a_page_the_engine_cannot_load_goes_to_the_browser(window, qtbot, monkeypatch):
    opened: list = []
    monkeypatch.setattr(learner_twin.PreviewLms, "launch_url",  # nothing listens on port 9
                        lambda self, lesson_id, channel, fault=None: "http://127.0.0.1:9/twin/lms.html")
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.learner_action.trigger()
    preview = window.learner_window
    qtbot.waitUntil(lambda: bool(opened) or bool(window.errors), timeout=LOAD_TIMEOUT)
    assert window.errors == []
    assert opened[0].toLocalFile() == str(preview.page_path)
    assert preview.stack.currentIndex() == 0
    assert "could not be loaded" in preview.status.text()
    assert str(preview.page_path) in preview.status.text()


def test_when_no_browser_starts_the_message_gives_the_site_path(window, qtbot, monkeypatch):
    def broken():
        raise ImportError("no Qt WebEngine")

    monkeypatch.setattr(learner_preview, "load_web", broken)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    window.learner_action.trigger()
    qtbot.waitUntil(lambda: bool(window.errors), timeout=LOAD_TIMEOUT)
    [message] = window.errors
    site = window.learner_window.page_path
    assert str(site) in message and site.is_file()  # the site is kept for the learner to open
    assert "no web browser started" in message


def test_the_export_can_be_cancelled_from_the_preview_window(window, qtbot):
    notices: list[str] = []
    window.session.notice.connect(notices.append)
    window.learner_action.trigger()
    preview = window.learner_window
    closed: list[bool] = []
    preview.destroyed.connect(lambda: closed.append(True))
    assert preview.stack.currentIndex() == 0 and preview.cancel.isVisible()
    qtbot.mouseClick(preview.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(closed), timeout=LOAD_TIMEOUT)
    assert notices == ["Preview as learner cancelled."]
    assert window.errors == []


def test_closing_the_preview_while_it_is_prepared_stops_the_export(window, qtbot):
    window.learner_action.trigger()
    job = window.runner.running[-1]
    cancelled: list[bool] = []
    job.cancelled.connect(lambda: cancelled.append(True))
    window.learner_window.close()
    qtbot.waitUntil(lambda: not window.runner.running, timeout=LOAD_TIMEOUT)
    assert cancelled == [True] and window.errors == []


def test_the_record_reads_only_its_own_channel():
    record = LmsRecord()
    line = ('chan:{"seq": 3, "fn": "SetValue", "args": ["cmi.suspend_data", "abc"], '
            '"result": "true", "error": "0", "at_ms": 1, "phase": "live"}')
    call = parse_call("chan:", line)
    assert call == ApiCall("SetValue", ("cmi.suspend_data", "abc"), "true", "0", 1.0, "live")
    assert parse_call("other:", line) is None
    assert parse_call("chan:", "chan:{not json") is None
    record.add(call)
    record.add(ApiCall("SetValue", ("cmi.score.raw", "x"), "false", "406", 2.0))
    assert record.suspend_size == 3 and "cmi.score.raw" not in record.values
    assert record.calls[1].text() == 'SetValue("cmi.score.raw", "x") → false  [error 406]'
