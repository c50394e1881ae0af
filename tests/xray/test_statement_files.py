"""Statements files read into the cache with DuckDB's JSON reader: the same rows as
statement_row, in every layout, nothing half-kept from a bad file."""

from __future__ import annotations

import gzip
import json

import pytest
from statement_samples import COURSE, mixed_sample

from studio.errors import Cancelled, LearnerDataError
from studio.jobs import CancelToken
from studio.xray.normalise import statement_row
from studio.xray.rows import COLUMN_NAMES, SOURCE_FILE
from studio.xray.statement_files import read_statements_file
from studio.xray.store import LearnerStore

_ALL = ", ".join(f'CAST("{c}" AS VARCHAR)' if c in ("stored", "timestamp") else f'"{c}"'
                 for c in COLUMN_NAMES)


def _kept(store: LearnerStore) -> list[tuple]:
    return store.query(f"SELECT {_ALL} FROM statements ORDER BY id")


def _jsonl(path, statements):
    path.write_text("".join(json.dumps(s) + "\n" for s in statements), encoding="utf-8")
    return path


def test_file_rows_equal_statement_rows(tmp_path):
    sample = mixed_sample()
    reference = LearnerStore(tmp_path / "python")
    reference.add(r for s in sample if (r := statement_row(s, COURSE, SOURCE_FILE)) is not None)
    store = LearnerStore(tmp_path / "sql")
    read = read_statements_file(_jsonl(tmp_path / "s.jsonl", sample), store, COURSE)
    assert (read.statements, read.kept, read.added) == (30, 26, 26)
    assert _kept(store) == _kept(reference)
    assert len(_kept(store)) == 26


@pytest.mark.parametrize("layout", ["array", "response", "pretty", "pages", "gzip", "bom"])
def test_every_layout_gives_the_same_rows(tmp_path, layout):
    sample = mixed_sample()
    reference = LearnerStore(tmp_path / "ref")
    read_statements_file(_jsonl(tmp_path / "s.jsonl", sample), reference, COURSE)
    path = tmp_path / "statements.json"
    if layout == "array":
        path.write_text(json.dumps(sample), encoding="utf-8")
    elif layout == "response":
        path.write_text(json.dumps({"statements": sample, "more": ""}), encoding="utf-8")
    elif layout == "pretty":
        path.write_text(json.dumps({"statements": sample}, indent=2), encoding="utf-8")
    elif layout == "pages":
        path.write_text(json.dumps({"statements": sample[:10], "more": "/x?p=2"}, indent=1)
                        + "\n" + json.dumps({"statements": sample[10:], "more": ""}, indent=1),
                        encoding="utf-8")
    elif layout == "gzip":
        path = tmp_path / "statements.jsonl.gz"
        path.write_bytes(gzip.compress("".join(json.dumps(s) + "\n" for s in sample).encode()))
    else:
        path.write_bytes(b"\xef\xbb\xbf" + json.dumps(sample).encode())
    store = LearnerStore(tmp_path / layout)
    read = read_statements_file(path, store, COURSE)
    assert (read.statements, read.kept) == (30, 26)
    assert _kept(store) == _kept(reference)


def test_rereading_adds_only_new_statements(tmp_path):
    sample = mixed_sample()
    store = LearnerStore(tmp_path)
    first = read_statements_file(_jsonl(tmp_path / "a.jsonl", sample[:12]), store, COURSE)
    assert first.added == 12
    again = read_statements_file(_jsonl(tmp_path / "b.jsonl", sample + sample[:3]), store, COURSE)
    assert (again.kept, again.added) == (29, 14)
    assert store.count() == 26
    assert store.latest_stored() == "2026-11-30T10:00:27.250000Z"  # 28 is 10:00 UTC


def test_a_repeated_id_keeps_its_first_statement(tmp_path):
    first, second = mixed_sample()[3], mixed_sample()[4]
    second["id"] = first["id"]
    store = LearnerStore(tmp_path)
    read_statements_file(_jsonl(tmp_path / "s.jsonl", [first, second]), store, COURSE)
    assert store.query("SELECT verb FROM statements") == [("paused",)]


def test_a_bad_file_keeps_nothing_and_says_why_in_one_line(tmp_path):
    store = LearnerStore(tmp_path / "cache")
    read_statements_file(_jsonl(tmp_path / "good.jsonl", mixed_sample()[:5]), store, COURSE)
    bad = tmp_path / "bad.jsonl"
    lines = [json.dumps(s) for s in mixed_sample()[5:]]
    bad.write_text("\n".join(lines[:10] + ['{"id": "x", "verb": '] + lines[10:]), encoding="utf-8")
    with pytest.raises(LearnerDataError) as caught:
        read_statements_file(bad, store, COURSE)
    message = str(caught.value)
    assert message == f"{bad}: line 11 is not valid JSON (unexpected end of input)" \
        or message.startswith(f"{bad}: line 11 is not valid JSON (")
    assert "DuckDB" not in message and "Invalid Input Error" not in message
    assert store.count() == 5


@pytest.mark.parametrize(("name", "content", "said"), [
    ("arr.json", '[1, 2, "x"]', "entry 1 is not a statement (a JSON object was expected, "
                                "not a number)"),
    ("lines.jsonl", '{"id": "a"}\n[1, 2]\n', "line 2 is not a statement (a JSON object was "
                                              "expected, not a list)"),
])
def test_an_entry_that_is_no_object_is_named(tmp_path, name, content, said):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LearnerDataError) as caught:
        read_statements_file(path, LearnerStore(tmp_path / "cache"), COURSE)
    assert str(caught.value) == f"{path}: {said}"


@pytest.mark.parametrize("content", ["hello", "<xml/>", "42"])
def test_not_statements(tmp_path, content):
    path = tmp_path / "notes.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LearnerDataError, match="not a statements file"):
        read_statements_file(path, LearnerStore(tmp_path), COURSE)


def test_missing_file(tmp_path):
    with pytest.raises(LearnerDataError, match="no such statements file"):
        read_statements_file(tmp_path / "nope.json", LearnerStore(tmp_path), COURSE)


def test_an_empty_file_is_refused_in_one_line(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    with pytest.raises(LearnerDataError) as caught:
        read_statements_file(path, LearnerStore(tmp_path), COURSE)
    assert str(caught.value) == f"{path}: holds no statements"


def test_a_cancelled_read_keeps_nothing(tmp_path):
    sample = [s for s in mixed_sample() if "id" in s]
    many = [s | {"id": f"{n:08d}-0000-4000-8000-000000000000"}
            for n in range(20000) for s in sample[n % len(sample):][:1]]
    path = _jsonl(tmp_path / "many.jsonl", many)
    store = LearnerStore(tmp_path / "cache")
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        read_statements_file(path, store, COURSE, token=token)
    assert store.count() == 0
    assert read_statements_file(path, store, COURSE).added == len(
        [s for s in many if statement_row(s, COURSE, SOURCE_FILE) is not None])


def test_an_empty_cache_and_a_filled_one_keep_the_same_first_rows(tmp_path):
    sample = mixed_sample()
    repeated = sample + [s | {"verb": sample[5]["verb"]} for s in sample[1:8]]
    empty = LearnerStore(tmp_path / "empty")
    read = read_statements_file(_jsonl(tmp_path / "r.jsonl", repeated), empty, COURSE)
    assert (read.statements, read.kept, read.added) == (37, 33, 26)
    filled = LearnerStore(tmp_path / "filled")
    read_statements_file(_jsonl(tmp_path / "one.jsonl", sample[:1]), filled, COURSE)
    again = read_statements_file(tmp_path / "r.jsonl", filled, COURSE)
    assert (again.statements, again.kept, again.added) == (37, 33, 25)
    assert _kept(empty) == _kept(filled)
