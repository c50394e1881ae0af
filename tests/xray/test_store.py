"""The learner-data cache: one transaction per write, ids kept once, one-line errors."""

from __future__ import annotations

import subprocess
import sys

import pytest
from statement_samples import COURSE, mixed_sample

from studio.errors import LearnerDataError
from studio.xray.normalise import statement_row
from studio.xray.rows import SOURCE_LRS
from studio.xray.store import LearnerStore


def _rows():
    return [r for s in mixed_sample() if (r := statement_row(s, COURSE, SOURCE_LRS)) is not None]


def test_cache_lives_in_the_project_cache(tmp_path):
    store = LearnerStore(tmp_path / "cache")
    assert store.count() == 0
    assert store.path == tmp_path / "cache" / "xray" / "learners.duckdb"
    assert store.path.is_file()
    assert store.latest_stored() is None


def test_add_keeps_each_id_once_and_casts_times(tmp_path):
    store = LearnerStore(tmp_path)
    rows = _rows()
    first = store.add(rows[:10] + rows[:2])
    assert (first.candidates, first.added, first.duplicates) == (12, 10, 2)
    second = store.add(rows)
    assert (second.added, store.count()) == (len(rows) - 10, len(rows))
    bad_time = store.query("SELECT stored FROM statements WHERE id LIKE '%29'")
    assert bad_time == [(None,)]  # "yesterday" is no timestamp
    assert store.query("SELECT CAST(stored AS VARCHAR) FROM statements WHERE id LIKE '%28'") == [
        ("2026-11-30 10:00:00+00",)]


def test_a_failed_write_keeps_nothing(tmp_path):
    store = LearnerStore(tmp_path)
    store.add(_rows()[:3])
    with pytest.raises(LearnerDataError):
        store.add_from_sql("SELECT 'x' AS id, error('broken') AS stored")
    assert store.count() == 3


def test_forget_empties_the_cache(tmp_path):
    store = LearnerStore(tmp_path)
    store.add(_rows())
    store.forget()
    assert store.count() == 0


def test_a_cache_held_by_another_process_is_one_line(tmp_path):
    store = LearnerStore(tmp_path)
    store.count()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('held', flush=True); time.sleep(30)", str(store.path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(LearnerDataError) as caught:
            store.count()
        assert "in use by another program" in str(caught.value)
        assert "\n" not in str(caught.value)
    finally:
        holder.kill()
        holder.wait()


def test_not_a_duckdb_file(tmp_path):
    store = LearnerStore(tmp_path)
    store.folder.mkdir(parents=True)
    store.path.write_text("not a database", encoding="utf-8")
    with pytest.raises(LearnerDataError, match="cannot open the learner-data cache"):
        store.count()
