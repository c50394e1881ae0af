"""Pictures in GIFT [html] prompts come in as question media, or are named in one notice;
general feedback reaches the player's data."""

from __future__ import annotations

import base64
import json
import shutil
import zipfile

from studio import commands
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.export.player_data import PREFIX
from studio.media.import_report import ImportTarget, NoticeKind
from studio.media.importer import import_paths
from studio.resources import resources_dir

PICTURE = resources_dir() / "sample" / "slide1.png"

GIFT = """::Beside::[html]<p>Which slide?</p><img src\\="pictures/slide%20one.png"> {=First ~Second}

::Moodle::[html]<img src\\="@@PLUGINFILE@@/coast.png"><img src\\="missing.png"> Where? {=A ~B}

::Inline::[html]<img src\\="data:image/png;base64,{inline}"> Inline? {T####Shown to everyone.}

::Gone::[html]<img src\\="https://example.org/a.png"> Far? {F}
"""


def test_html_pictures_become_question_media_and_the_rest_one_notice(lesson, tmp_path):
    project, lesson_id = lesson
    folder = tmp_path / "export"
    (folder / "pictures").mkdir(parents=True)
    shutil.copy(PICTURE, folder / "pictures" / "slide one.png")
    shutil.copy(PICTURE, folder / "coast.png")
    inline = base64.b64encode(PICTURE.read_bytes()).decode("ascii")
    gift = folder / "pictures.gift"
    gift.write_text(GIFT.replace("{inline}", inline), encoding="utf-8")

    report = import_paths(project, [gift], ImportTarget(lesson_id=lesson_id))
    quiz = project.course().find(report.added[0].quiz_id)
    media = {q.data["title"]: q.data["media"] for q in quiz.questions}
    assert media["Gone"] is None
    assets = project.course().assets
    assert {assets[media[t]].kind for t in ("Beside", "Moodle", "Inline")} == {"image"}
    assert media["Beside"] == media["Moodle"] == media["Inline"]  # one picture, stored once
    assert assets[media["Beside"]].original_name == "slide one.png"
    [notice] = [n for n in report.notices if "pictures" in str(n.message)]
    assert notice.kind is NoticeKind.WARNING and notice.line == 3
    assert notice.message == (
        "pictures not imported: line 3: missing.png (a question shows one picture); "
        "line 7: https://example.org/a.png (a web address: save the picture beside the "
        "question file)")

    project.undo()  # the pictures were part of the import's one step
    assert project.course().assets == {}


def test_a_missing_picture_is_named_and_the_question_still_imported(lesson, tmp_path):
    project, lesson_id = lesson
    gift = tmp_path / "q.gift"
    gift.write_text('[html]<img src\\="nowhere.png"> Pick. {=a ~b}\n', encoding="utf-8")
    report = import_paths(project, [gift], ImportTarget(lesson_id=lesson_id))
    assert len(report.added[0].question_ids) == 1
    assert [n.message for n in report.notices] == [
        "pictures not imported: line 1: nowhere.png (no file nowhere.png beside q.gift)"]


def test_general_feedback_and_question_media_reach_the_player(lesson, tmp_path):
    project, lesson_id = lesson
    shutil.copy(PICTURE, tmp_path / "map.png")
    gift = tmp_path / "q.gift"
    gift.write_text('[html]<img src\\="map.png"> Pick. {=a ~b ####For everyone.}\n\n'
                    'Plain. {=c ~d}\n', encoding="utf-8")
    import_paths(project, [gift], ImportTarget(lesson_id=lesson_id))
    quiz = project.course().lessons()[0].items[0]
    commands.set_item(project, quiz.id, pass_mark=50)
    target = tmp_path / "course.zip"
    export_course(project, ExportOptions(format="html"), target)
    with zipfile.ZipFile(target) as archive:
        text = archive.read("course-data.js").decode("utf-8")
        data = json.loads(text[len(PREFIX):-2])
        first, second = data["modules"][0]["lessons"][0]["items"][0]["questions"]
        assert first["feedback"] == {"correct": "", "incorrect": "", "general": "For everyone."}
        assert second["feedback"] == {"correct": "", "incorrect": ""}
        assert first["media"] and archive.read(first["media"]) == PICTURE.read_bytes()
