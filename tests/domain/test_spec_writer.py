"""A build spec written back as TOML reads to an equal course, written whole or not at all;
a folder's inferred spec written beside it keeps every derived key."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.errors import SpecError
from studio.item_kinds import CHOICE, INTEGER, NUMBER, SWITCH, settings_of
from studio.spec.folder import infer, infer_spec
from studio.spec.model import ITEM_KINDS
from studio.spec.reader import SETTINGS_KIND, item_settings, parse_spec, read_spec
from studio.spec.writer import spec_toml, write_spec

FILES = {"video": ["a.mp4", "sub/b.mp4"], "audio": ["v.m4a"], "deck": ["c.pptx"],
         "quiz": ["q.gift", "sub/aiken.txt"], "page": ["p.md"], "image": ["i.png", "sub/i.png"]}
EXTRA = ["cap.vtt", "sub/cap.fr.srt", "n.txt"]


@pytest.fixture(scope="module")
def pool(tmp_path_factory) -> Path:
    """A folder holding every file the generated specs may name (the reader checks that
    files exist; what they hold is the build's business)."""
    root = tmp_path_factory.mktemp("pool")
    for name in [*sum(FILES.values(), []), *EXTRA]:
        (root / name).parent.mkdir(exist_ok=True)
        (root / name).write_bytes(b"x")
    (root / "out").mkdir()
    return root


titles = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                 min_size=1, max_size=12).map(str.strip).filter(bool)


def setting_values(kind: str):
    table = settings_of(SETTINGS_KIND[kind])
    values = {}
    for name in item_settings(kind):
        setting = table[name]
        if setting.type == NUMBER:
            values[name] = st.floats(setting.low, setting.high)
        elif setting.type == INTEGER:
            values[name] = st.integers(int(max(setting.low, 0)), int(setting.high))
        elif setting.type == SWITCH:
            values[name] = st.booleans()
        elif setting.type == CHOICE:
            values[name] = st.sampled_from([stored for stored, _ in setting.choices])
        else:
            values[name] = titles
    return st.fixed_dictionaries({}, optional=values)


@st.composite
def items(draw, ids):
    kind = draw(st.sampled_from(ITEM_KINDS))
    doc = {kind: draw(st.sampled_from(FILES[kind])), **draw(setting_values(kind))}
    if draw(st.booleans()):
        doc["title"] = draw(titles)
    if kind in ("video", "audio"):
        start = draw(st.none() | st.floats(0, 3600))
        if start is not None:
            doc["in"] = start
        if draw(st.booleans()):
            doc["out"] = (start or 0) + draw(st.floats(0.01, 3600))
        doc["captions"] = draw(st.lists(st.sampled_from([
            "cap.vtt", {"file": "sub/cap.fr.srt", "language": "fr"},
            {"file": "cap.vtt", "language": "en-GB", "label": "English (UK)"},
            {"file": "cap.vtt", "label": "Plain"},
            {"file": "sub/cap.fr.srt", "language": "ru", "encoding": "cp1251"}]), max_size=2))
    elif kind in ("deck", "image", "page") and draw(st.booleans()):
        doc["narration"] = "n.txt"
    return doc


def with_ids(draw, docs: list[dict]) -> list[dict]:
    """Some nodes get an explicit id, unique among their siblings and sometimes equal to a
    key another sibling would derive (the writer must then write ids that keep both)."""
    pool_ = ["a", "m", "video:a.mp4", "quiz:q.gift", "x"]
    chosen = draw(st.lists(st.sampled_from(pool_), unique=True, max_size=len(docs)))
    places = draw(st.permutations(range(len(docs))))
    for index, given_id in zip(places, chosen, strict=False):
        docs[index]["id"] = given_id
    return docs


@st.composite
def documents(draw):
    def lesson():
        return st.builds(lambda title, its: {"title": title, "items": its}, titles,
                         st.lists(items(None), max_size=4))

    modules = draw(st.lists(st.builds(lambda title, lessons: {"title": title,
                                                               "lessons": lessons},
                                      st.sampled_from(["M", "m", "Week 1"]) | titles,
                                      st.lists(lesson(), max_size=3)), max_size=3))
    for module in with_ids(draw, modules):
        for lesson_ in with_ids(draw, module["lessons"]):
            with_ids(draw, lesson_["items"])
    doc = {"title": draw(titles), "modules": modules,
           "language": draw(st.sampled_from(["en", "fr-CA", "de"]))}
    if draw(st.booleans()):
        doc["description"] = draw(titles)
    if draw(st.booleans()):
        doc["resolution"] = [draw(st.integers(16, 8192)), draw(st.integers(16, 8192))]
    if draw(st.booleans()):
        doc["tracking"] = draw(st.fixed_dictionaries({}, optional={
            "completion": st.sampled_from(["all_items", "quizzes_passed", "percent_viewed"]),
            "completion_threshold": st.floats(0, 1),
            "mastery_score": st.floats(0, 100)}))
    return doc


def settings_of_spec(spec) -> list[dict]:
    return [item.settings for *_, item in spec.items()]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents(), target=st.sampled_from(["course.toml", "out/spec.toml"]))
def test_a_written_spec_reads_back_equal(pool, doc, target):
    spec = parse_spec(doc, pool / "course.toml")
    path = write_spec(spec, pool / target)
    again = read_spec(path)
    assert again == dataclasses.replace(spec, source=path, root=path.parent)
    assert settings_of_spec(again) == settings_of_spec(spec)
    assert [item.key for *_, item in again.items()] == [item.key for *_, item in spec.items()]


def test_a_folders_spec_written_beside_it_keeps_its_keys_and_names_modules_and_lessons(tmp_path):
    lesson = tmp_path / "Course" / "1 Week" / "1 Day"
    lesson.mkdir(parents=True)
    for name in ("01 Talk.mp4", "01 Talk.srt", "02 Deck.pptx", "02 Deck.txt", "03 Quiz.gift"):
        (lesson / name).write_bytes(b"x")
    spec = infer_spec(tmp_path / "Course")
    path = write_spec(spec, tmp_path / "Course" / "course.toml")
    text = path.read_text(encoding="utf-8")
    # modules and lessons carry their ids, so a title edited in the file is a rename;
    # items are known by their file and need none
    assert text.count("id =") == 2 and 'id = "week"' in text and 'id = "day"' in text
    assert 'video = "1 Week/1 Day/01 Talk.mp4"' in text
    assert 'narration = "1 Week/1 Day/02 Deck.txt"' in text
    assert infer(tmp_path / "Course").spec == dataclasses.replace(spec, source=path)


def test_settings_keep_their_meaning(pool):
    spec = parse_spec({"title": "T", "modules": [{"title": "M", "lessons": [{
        "title": "L", "items": [{"quiz": "q.gift", "draw": 0, "attempts": 0}]}]}]},
        pool / "course.toml")
    assert spec.modules[0].lessons[0].items[0].settings == {"draw": None, "attempts": 0}
    text = spec_toml(spec, pool)
    assert "draw = 0 " in text or "draw = 0\n" in text
    assert settings_of_spec(read_spec(write_spec(spec, pool / "s.toml"))) == [
        {"draw": None, "attempts": 0}]


def test_a_failed_write_leaves_nothing_behind(pool, tmp_path):
    spec = parse_spec({"title": "T"}, pool / "course.toml")
    with pytest.raises(SpecError, match="missing/course.toml: cannot be written"):
        write_spec(spec, tmp_path / "missing" / "course.toml")
    taken = tmp_path / "course.toml"
    (taken / "kept").mkdir(parents=True)
    with pytest.raises(SpecError, match="course.toml: cannot be written"):
        write_spec(spec, taken)
    assert [p.name for p in tmp_path.iterdir()] == ["course.toml"]
    assert [p.name for p in taken.iterdir()] == ["kept"]


def test_a_title_edited_in_a_written_spec_keeps_the_module_and_lesson_keys(tmp_path):
    lesson = tmp_path / "Course" / "1 Week" / "1 Day"
    lesson.mkdir(parents=True)
    (lesson / "03 Quiz.gift").write_bytes(b"x")
    path = write_spec(infer_spec(tmp_path / "Course"), tmp_path / "Course" / "course.toml")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title = "Week"', 'title = "First week"')
                    .replace('title = "Day"', 'title = "Monday"'), encoding="utf-8")
    module = read_spec(path).modules[0]
    assert (module.title, module.key) == ("First week", "week")
    assert (module.lessons[0].title, module.lessons[0].key) == ("Monday", "day")
