"""Question files with their media into a quiz, and a quiz out as a question file: embedded
pictures and sounds become assets named in the data, spreadsheets import all or nothing, and
an export hands each writer the questions with their media's bytes."""

from __future__ import annotations

import pytest
from sheets import workbook

from studio import commands
from studio.errors import ImportFileError, InvalidEditError, NotFoundError
from studio.media.import_report import ImportTarget, NoticeKind
from studio.media.importer import import_paths, kind_of
from studio.media.quiz_export import export_quiz, questions_out
from studio.media.quiz_import import add_parsed
from studio.quiz.exchange import read_bytes
from studio.quiz.questions import normalise_question
from studio.quiz.source import ParsedFile, ParsedQuestion
from studio.resources import resources_dir

PICTURE = resources_dir() / "sample" / "slide1.png"
OTHER_PICTURE = resources_dir() / "sample" / "slide2.png"


def parsed_question(qtype: str, prompt: str, data: dict, line: int,
                    media: dict[str, str]) -> ParsedQuestion:
    """A question as a reader hands it over: checked, its media slots holding file names."""
    prompt, points, data = normalise_question(qtype, prompt, 1, data)
    return ParsedQuestion(qtype, prompt, data, line, points, media=media)


def test_carried_files_become_assets_named_where_the_questions_show_them(lesson, media):
    project, lesson_id = lesson
    quiz_id = commands.add_quiz(project, lesson_id, "Q")
    parsed = ParsedFile(files={"map.png": PICTURE.read_bytes(),
                               "other.png": OTHER_PICTURE.read_bytes(),
                               "tone.mp3": media["voice.mp3"].read_bytes(),
                               "notes.txt": b"not media"})
    parsed.questions += [
        parsed_question("choice", "Where?", {
            "media": "map.png", "mediaAlt": "A map of the coast",
            "choices": [{"text": "Here", "correct": True, "media": "other.png"},
                        {"text": "There", "media": "notes.txt", "mediaAlt": "Notes"}]}, 3,
            {"prompt": "map.png", "choice:a": "other.png", "choice:b": "notes.txt"}),
        parsed_question("dragdrop", "Sort.", {
            "categories": ["Loud", "Quiet"],
            "items": [{"text": "Bell", "category": "k1", "media": "tone.mp3"},
                      {"text": "Mouse", "category": "k2", "media": "gone.png"}]}, 9,
            {"item:d1": "tone.mp3", "item:d2": "gone.png"}),
        parsed_question("hotspot", "Click the bay.", {
            "image": "map.png", "regions": [{"label": "Bay", "shape": "circle",
                                             "coords": [0.5, 0.5, 0.1], "correct": True}]}, 14,
            {"hotspot": "map.png"}),
    ]
    [where, sort, hotspot] = add_parsed(project, quiz_id, project.path / "bank.xml", parsed)

    questions = {q.id: q for q in project.course().find(quiz_id).questions}
    assets = project.course().assets
    first = questions[where].data
    assert assets[first["media"]].original_name == "map.png"
    assert first["mediaAlt"] == "A map of the coast"
    assert assets[first["choices"][0]["media"]].original_name == "other.png"
    assert "media" not in first["choices"][1] and "mediaAlt" not in first["choices"][1]
    items = questions[sort].data["items"]
    assert assets[items[0]["media"]].kind == "audio"
    assert "media" not in items[1]
    assert questions[hotspot].data["image"] == first["media"]  # one file, one asset
    assert len(assets) == 3

    left_out, no_alt = parsed.notices
    assert (left_out.line, no_alt.line) == (3, 3)
    assert left_out.message.startswith("pictures not imported: line 3: notes.txt (")
    assert "line 9: gone.png (no file gone.png beside bank.xml)" in left_out.message
    assert no_alt.message == ("picture without alternative text (add it in the quiz editor): "
                              "line 3: choice a; line 14: hotspot image")
    project.undo()
    assert project.course().assets == {}


def test_a_hotspot_shows_a_picture_not_a_sound(lesson, media):
    project, lesson_id = lesson
    quiz_id = commands.add_quiz(project, lesson_id, "Q")
    parsed = ParsedFile(files={"tone.mp3": media["voice.mp3"].read_bytes()})
    parsed.questions.append(parsed_question("hotspot", "Click.", {
        "image": "tone.mp3", "regions": [{"label": "A", "shape": "rect",
                                          "coords": [0, 0, 0.5, 0.5], "correct": True}]}, 1,
        {"hotspot": "tone.mp3"}))
    [qid] = add_parsed(project, quiz_id, project.path / "bank.zip", parsed)
    assert project.course().find(quiz_id).questions[0].data["image"] is None
    assert "tone.mp3 (a hotspot shows a picture, not a sound)" in str(parsed.notices[0])
    assert qid


def test_spreadsheets_import_into_a_quiz_all_or_nothing(lesson, tmp_path):
    project, lesson_id = lesson
    quiz_id = commands.add_quiz(project, lesson_id, "Q")
    good = tmp_path / "bank.xlsx"
    good.write_bytes(workbook([["type", "prompt", "option 1", "option 2", "correct", "notes"],
                               ["choice", "Which?", "a", "b", 2, "keep"],
                               ["hotspot", "Click.", None, None, None, None]]))
    bad = tmp_path / "bad.csv"
    bad.write_text("type,prompt,correct\ntruefalse,Fine?,T\ntruefalse,Bad?,perhaps\n",
                   encoding="utf-8")
    assert kind_of(good).name == kind_of(bad).name == "QUESTIONS"

    report = import_paths(project, [good], ImportTarget(quiz_id=quiz_id))
    [added] = report.added
    assert len(added.question_ids) == 1
    assert [s.line for s in report.skipped] == [3]
    assert [(n.kind, n.line) for n in report.notices] == [(NoticeKind.WARNING, 1)]  # notes

    with pytest.raises(ImportFileError, match="row 3, column 'correct': 'perhaps' is neither"):
        import_paths(project, [bad], ImportTarget(quiz_id=quiz_id))
    assert len(project.course().find(quiz_id).questions) == 1


def test_questions_out_gives_each_asset_one_safe_unique_name(lesson, tmp_path):
    project, lesson_id = lesson
    quiz_id = commands.add_quiz(project, lesson_id, "Q")
    names = {}
    for source, name in ((PICTURE, "map.png"), (OTHER_PICTURE, "Map.png"),
                         (PICTURE, "a/b:c?.png")):
        copy = tmp_path / "x.png"
        copy.write_bytes(source.read_bytes())
        sha, stored = project.store_media(copy)
        names[name] = commands.add_asset(project, sha, stored, name, "image", copy.stat().st_size,
                                         width=10, height=10)
    first = commands.add_question(project, quiz_id, "choice", "One?", data={
        "media": names["map.png"], "mediaAlt": "Map",
        "choices": [{"text": "x", "correct": True, "media": names["Map.png"]}, "y"]})
    commands.add_question(project, quiz_id, "truefalse", "Two?", pool="bank",
                          data={"answer": True, "media": names["Map.png"]})
    commands.add_question(project, quiz_id, "truefalse", "Zero?", data={"answer": False})

    out = questions_out(project, quiz_id)
    assert [q.prompt for q in out] == ["One?", "Zero?", "Two?"]  # ordered, then the bank
    assert out[0].id == first
    assert {a: name for a, (name, _) in out[0].files.items()} == {
        names["map.png"]: "map.png", names["Map.png"]: "Map-2.png"}
    assert out[2].files[names["Map.png"]] == ("Map-2.png", OTHER_PICTURE.read_bytes())
    assert out[1].files == {}


def test_export_quiz_writes_whole_files_and_names_what_is_lost(lesson, tmp_path):
    project, lesson_id = lesson
    quiz_id = commands.add_quiz(project, lesson_id, "Q")
    with pytest.raises(InvalidEditError, match="Q has no questions to export"):
        export_quiz(project, quiz_id, "gift", tmp_path / "empty.gift")
    commands.add_question(project, quiz_id, "truefalse", "Sky blue?", data={"answer": True})
    commands.add_question(project, quiz_id, "sequencing", "Order these numbers please.")
    target = tmp_path / "out.gift"
    notices = export_quiz(project, quiz_id, "gift", target)
    assert notices == ["question 2 'Order these numbers please.': sequencing questions are "
                       "not expressible in GIFT; written as a comment"]
    back = read_bytes(target.read_bytes(), target.name)
    assert [q.prompt for q in back.questions] == ["Sky blue?"]
    assert not list(tmp_path.glob("*.part"))

    with pytest.raises(InvalidEditError, match="No question format 'pdf'"):
        export_quiz(project, quiz_id, "pdf", tmp_path / "out.pdf")
    with pytest.raises(NotFoundError):
        export_quiz(project, "itm_nothing", "gift", tmp_path / "x.gift")
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize(("fmt", "module", "suffix"), [
    ("qti21", "studio.quiz.qti_package", ".zip"), ("qti30", "studio.quiz.qti_package", ".zip"),
    ("moodle", "studio.quiz.moodle_writer", ".xml"), ("gift", "studio.quiz.gift_writer", ".gift")])
def test_pictures_go_out_with_a_bank_and_come_back_as_assets(lesson, tmp_path, fmt, module,
                                                             suffix):
    pytest.importorskip(module)
    project, lesson_id = lesson
    quiz_id = commands.add_quiz(project, lesson_id, "Coast")
    sha, stored = project.store_media(PICTURE)
    picture = commands.add_asset(project, sha, stored, "coast.png", "image",
                                 PICTURE.stat().st_size, width=1280, height=720)
    commands.add_question(project, quiz_id, "choice", "Which bay?", data={
        "media": picture, "mediaAlt": "The coast from above",
        "choices": [{"text": "North", "correct": True}, "South"]})
    target = tmp_path / f"bank{suffix}"
    notices = export_quiz(project, quiz_id, fmt, target)
    if fmt == "gift":  # GIFT shows its pictures by name: they are written beside it
        assert notices == ["question 1 'Which bay?': its picture is written by reference "
                           "(coast.png): keep that file beside the GIFT file"]
        assert (tmp_path / "coast.png").read_bytes() == PICTURE.read_bytes()
    else:
        assert notices == []

    again = commands.add_quiz(project, lesson_id, "Again")
    report = import_paths(project, [target], ImportTarget(quiz_id=again))
    [question] = project.course().find(again).questions
    assert question.data["media"] == picture  # the same bytes: the same asset
    if fmt != "gift":  # GIFT's reader keeps a picture's src, not its alt
        assert question.data["mediaAlt"] == "The coast from above"
        assert not [n for n in report.notices if "alternative text" in n.message]


def test_a_sheets_picture_column_names_a_file_beside_it(lesson, tmp_path):
    project, lesson_id = lesson
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "coast.png").write_bytes(PICTURE.read_bytes())
    sheet = tmp_path / "bank.csv"
    sheet.write_text("type,prompt,correct,picture,picture alt\n"
                     "truefalse,Is this the coast?,T,pictures/coast.png,The coast from above\n"
                     "truefalse,No picture?,T,,\n", encoding="utf-8")
    report = import_paths(project, [sheet], ImportTarget(new_lesson="Imported"))
    first, second = project.course().find(report.added[0].quiz_id).questions
    assert project.course().assets[first.data["media"]].original_name == "coast.png"
    assert first.data["mediaAlt"] == "The coast from above"
    assert second.data["media"] is None
    assert not report.notices

    alone = tmp_path / "alone.csv"
    alone.write_text("type,prompt,correct,picture alt\ntruefalse,Alt alone?,T,A map\n",
                     encoding="utf-8")
    with pytest.raises(ImportFileError, match="row 2, column 'picture alt': describes a "
                                              "picture; name its file in the column 'picture'"):
        import_paths(project, [alone], ImportTarget(new_lesson="Never"))


def test_a_sheets_missing_picture_or_alt_is_a_row_error_and_imports_nothing(lesson, tmp_path):
    project, lesson_id = lesson
    (tmp_path / "coast.png").write_bytes(PICTURE.read_bytes())
    before = [lesson.title for lesson in project.course().lessons()]
    sheet = tmp_path / "bank.csv"
    sheet.write_text("type,prompt,correct,picture,picture alt\n"
                     "truefalse,Where?,T,nothere.png,A bay\n"
                     "truefalse,Fine?,T,coast.png,The coast\n"
                     "truefalse,Also gone?,F,gone/too.png,A cliff\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        import_paths(project, [sheet], ImportTarget(new_lesson="Never"))
    assert refused.value.message == (
        "bank.csv has 2 error(s); nothing was imported:\n"
        "  row 2, column 'picture': no file nothere.png beside bank.csv\n"
        "  row 4, column 'picture': no file too.png beside bank.csv")
    assert [lesson.title for lesson in project.course().lessons()] == before
    assert not project.course().assets

    sheet.write_text("type,prompt,correct,picture,picture alt\n"
                     "truefalse,Where?,T,coast.png,\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="row 2, column 'picture alt': a picture needs "
                                              "its alternative text"):
        import_paths(project, [sheet], ImportTarget(new_lesson="Never"))
    assert [lesson.title for lesson in project.course().lessons()] == before
    assert not project.course().assets
