"""Each item kind's settings are declared once, in studio.item_kinds: the model's defaults,
the loader, the commands' checks and the CLI read that table and state nothing of their own."""

from __future__ import annotations

import dataclasses
import json

import pytest

from studio import commands
from studio.cli.parser import build_parser
from studio.errors import InvalidEditError
from studio.item_kinds import INTEGER, KINDS, NUMBER, QUIZ, settings_of
from studio.loader import item_from_row
from studio.model import ItemKind, Page, Quiz, Slide, VideoClip

MODEL = {"video": VideoClip, "slide": Slide, "quiz": Quiz, "page": Page}


def test_every_item_kind_has_one_table():
    assert set(KINDS) == {kind.value for kind in ItemKind} == set(MODEL)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_models_defaults_are_the_tables(kind):
    fields = {f.name: f for f in dataclasses.fields(MODEL[kind])}
    for setting in settings_of(kind).settings:
        assert fields[setting.attribute].default == setting.default, setting.name


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_loader_fills_in_the_tables_defaults(kind):
    row = {"id": "itm_1", "title": "T", "lesson_id": "les_1", "kind": kind, "asset_id": None,
           "in_point": 0.0, "out_point": 0.0, "props": "{}"}
    item = item_from_row(row)
    for setting in settings_of(kind).settings:
        assert getattr(item, setting.attribute) == setting.default, setting.name


def props_of(project, item_id: str) -> dict:
    row = project.conn.execute("SELECT props FROM items WHERE id = ?", (item_id,)).fetchone()
    return json.loads(row[0])


def test_new_items_store_the_tables_defaults(lesson):
    project, lesson_id = lesson
    quiz = commands.add_quiz(project, lesson_id, "Q")
    slide = commands.add_slide(project, lesson_id, "S")
    page = commands.add_page(project, lesson_id, "P")
    for item_id, kind in ((quiz, "quiz"), (slide, "slide"), (page, "page")):
        assert props_of(project, item_id) == {s.name: s.default
                                              for s in settings_of(kind).settings}


@pytest.mark.parametrize("kind", ["quiz", "slide"])
def test_the_commands_refuse_what_the_table_refuses(lesson, kind):
    project, lesson_id = lesson
    item = (commands.add_quiz if kind == "quiz" else commands.add_slide)(project, lesson_id, "I")
    for setting in settings_of(kind).settings:
        if setting.type in (NUMBER, INTEGER):
            commands.set_item(project, item, **{setting.name: setting.high})
            assert props_of(project, item)[setting.name] == setting.high
            with pytest.raises(InvalidEditError):
                commands.set_item(project, item, **{setting.name: setting.high + 1})
            with pytest.raises(InvalidEditError):
                commands.set_item(project, item, **{setting.name: min(setting.low - 1, -1)})
        for stored, _label in setting.choices:
            commands.set_item(project, item, **{setting.name: stored})
            assert props_of(project, item)[setting.name] == stored
    with pytest.raises(InvalidEditError, match="has no setting"):
        commands.set_item(project, item, nonsense=1)


def test_the_clis_quiz_settings_are_the_tables():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    settings = next(a for a in sub.choices["add-quiz"]._actions if a.dest == "settings")
    assert settings.help == ", ".join(QUIZ.names())


def test_no_other_module_writes_a_settings_default_or_choice_again(restated):
    restating = r'"after_pass"|\b70\.0\b|duration\b[^\n]*[=:,] 5(\.0)?\b'
    assert restated(restating, "item_kinds.py") == []
