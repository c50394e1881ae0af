"""Time options read what people type, as the window's time fields do."""

from cli_runner import SAMPLE_VIDEO, outline, studio


def test_trim_and_split_take_typed_times(tmp_path):
    course = tmp_path / "Demo.course"
    studio("new", course, "--title", "Demo")
    module = studio("add-module", course, "Week 1").stdout.strip()
    lesson = studio("add-lesson", course, module, "Intro").stdout.strip()
    studio("import", course, SAMPLE_VIDEO, "--lesson", lesson)
    [video] = outline(course)["modules"][0]["lessons"][0]["items"]
    studio("trim", course, video["id"], "--in", "0:01", "--out", "5.5s")
    studio("split", course, video["id"], "--at", "0:02,5")
    items = outline(course)["modules"][0]["lessons"][0]["items"]
    assert [(i["in"], i["out"]) for i in items] == [(1.0, 2.5), (2.5, 5.5)]

    done = studio("trim", course, video["id"], "--out", "1:75", check=False)
    assert done.returncode == 2
    assert "'1:75': seconds after a colon must be under 60." in done.stderr
