"""The build spec's JSON Schema: a valid draft 2020-12 schema, in step with the item kinds'
settings and the reader's keys, used by the reader, and the documented example passes it."""

from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator

from studio.errors import SpecError
from studio.item_kinds import CHOICE, INTEGER, NUMBER, SWITCH, TEXT, settings_of
from studio.spec.model import ITEM_KINDS
from studio.spec.reader import SETTINGS_KIND, item_keys, item_settings, read_spec
from studio.spec.schema import schema_path, schema_problem, spec_schema

SCHEMA_TYPES = {NUMBER: "number", INTEGER: "integer", SWITCH: "boolean", CHOICE: "string",
                TEXT: "string"}


def test_the_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(spec_schema())
    assert schema_path().name == "course-spec.schema.json"


def test_item_properties_are_exactly_the_readers_keys_and_typed_as_the_settings():
    properties = spec_schema()["$defs"]["item"]["properties"]
    assert set(properties) == {key for kind in ITEM_KINDS for key in item_keys(kind)}
    for kind in ITEM_KINDS:
        table = settings_of(SETTINGS_KIND[kind])
        for name in item_settings(kind):
            assert properties[name]["type"] == SCHEMA_TYPES[table[name].type], name


def test_the_reader_refuses_what_only_the_schema_says(tmp_path):
    # a string where the schema wants a table: nothing in the reader's own checks says so
    path = tmp_path / "course.toml"
    path.write_text('title = "T"\ntracking = "strict"\n', encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        read_spec(path)
    assert str(caught.value) == "course.toml: tracking: must be a table, not text."


def readme_example(language: str) -> str:
    text = (schema_path().parent / "README.md").read_text(encoding="utf-8")
    return re.search(rf"```{language}\n(.*?)```", text, re.DOTALL).group(1)


def test_the_documented_examples_pass_the_schema_and_read(tmp_path):
    import tomllib

    import yaml

    toml_doc = tomllib.loads(readme_example("toml"))
    assert schema_problem(toml_doc) is None
    assert schema_problem(yaml.safe_load(readme_example("yaml"))) is None
    names = re.findall(r'"(week1/[^"]+)"', readme_example("toml"))
    (tmp_path / "week1").mkdir()
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "course.toml").write_text(readme_example("toml"), encoding="utf-8")
    spec = read_spec(tmp_path / "course.toml")
    assert [len(lesson.items) for lesson in spec.modules[0].lessons] == [3, 2]
