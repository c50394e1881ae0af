"""Course X-ray on a million statements: a statements file read into the cache and measured,
against DuckDB's bare scan of the same file.

The course is the test suite's X-ray course (a real 60 s clip with a cue question, a page and
a quiz of six questions, tests/xray_cohort.py); its synthetic cohort, in the player's own
statement shapes, is generated cohort by cohort (fresh learners each time) until the file
holds the number of statements asked for, written as compact JSON Lines. Timed, twice, each
time from an empty cache: ``read_learner_data`` (what ``studio xray --statements`` runs)
and ``measure``. Beside them, in the same run, DuckDB alone on the same file: a count of its
JSON objects, and a typed scan that extracts every field a row keeps. Target: ingest +
measures <= 10 s; both runs must give the same JSON and find the planted facts (the
drop-off within 2 s, the planted questions flagged). Exits 1 otherwise.

    python bench/bench_xray.py [--statements 1000000] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from xray_cohort import cohort, planted, xray_course  # noqa: E402

from studio.export.xml import course_iri  # noqa: E402
from studio.xray.compute import measure  # noqa: E402
from studio.xray.ingest import learner_store, read_learner_data  # noqa: E402
from studio.xray.result import NEGATIVE_DISCRIMINATION, TOO_EASY  # noqa: E402
from studio.xray.rows import (  # noqa: E402
    EXT_CLIP,
    EXT_LENGTH,
    EXT_PROGRESS,
    EXT_QUESTION_VERSION,
    EXT_SEGMENTS,
    EXT_SESSION,
    EXT_TIME,
    EXT_TIME_FROM,
    EXT_TIME_TO,
)

TARGET_S = 10.0
DROP_OFF_S = 40.0  # planted
DROP_OFF_SLACK_S = 2.0
LEARNERS_PER_COHORT = 4000  # generated at a time, to keep memory flat


def _cohort_lines(course, part: int, seed: int) -> tuple[list[str], int]:
    """One cohort's statements as compact JSON lines, its learners renamed after ``part``, and
    the number of learners."""
    renamed: dict[str, dict] = {}
    lines = []
    for statement in cohort(course, learners=LEARNERS_PER_COHORT, seed=seed + part).statements:
        actor = statement["actor"]
        if actor["mbox"] not in renamed:
            name = f"c{part:03d}-{actor['name']}"
            renamed[actor["mbox"]] = {"objectType": "Agent", "name": name,
                                      "mbox": f"mailto:{name}@example.com"}
        statement["actor"] = renamed[actor["mbox"]]
        lines.append(json.dumps(statement, separators=(",", ":")))
    return lines, len(renamed)


def write_statements(course, path: Path, wanted: int, seed: int) -> int:
    """Write the first ``wanted`` statements of successive cohorts (seeds ``seed``, ``seed`` +
    1, …; each cohort's learners renamed so no two cohorts share one) as JSON Lines, made on
    every core; returns the number of learners with a statement in the file."""
    from concurrent.futures import ProcessPoolExecutor
    from itertools import count

    written = learners = 0
    with path.open("w", encoding="utf-8") as out, ProcessPoolExecutor() as pool:
        parts = count()
        pending = [pool.submit(_cohort_lines, course, next(parts), seed)
                   for _ in range(os.cpu_count() or 1)]
        while written < wanted:
            lines, made = pending.pop(0).result()
            pending.append(pool.submit(_cohort_lines, course, next(parts), seed))
            lines = lines[:wanted - written]
            out.write("\n".join(lines) + "\n")
            written += len(lines)
            learners += made if written < wanted else len({_actor(line) for line in lines})
        for future in pending:
            future.cancel()
    return learners


def _actor(line: str) -> str:
    return json.loads(line)["actor"]["mbox"]


def _timed(work):
    cpu, started = time.process_time(), time.perf_counter()
    value = work()
    return value, time.perf_counter() - started, time.process_time() - cpu


def _typed_columns() -> str:
    """DuckDB ``columns`` for read_ndjson: every field a learner-data row is made of."""
    def key(iri: str) -> str:
        return '"' + iri + '"'

    activities = "STRUCT(id VARCHAR)[]"
    columns = {
        "id": "VARCHAR", "stored": "VARCHAR", "timestamp": "VARCHAR",
        "actor": "STRUCT(mbox VARCHAR, mbox_sha1sum VARCHAR, openid VARCHAR, "
                 "account STRUCT(homePage VARCHAR, name VARCHAR))",
        "verb": "STRUCT(id VARCHAR)", "object": "STRUCT(objectType VARCHAR, id VARCHAR)",
        "result": (f"STRUCT(success BOOLEAN, response VARCHAR, duration VARCHAR, "
                   f"score STRUCT(scaled DOUBLE, raw DOUBLE, max DOUBLE), extensions STRUCT("
                   f"{key(EXT_TIME)} DOUBLE, {key(EXT_TIME_FROM)} DOUBLE, "
                   f"{key(EXT_TIME_TO)} DOUBLE, {key(EXT_SEGMENTS)} VARCHAR, "
                   f"{key(EXT_PROGRESS)} DOUBLE))"),
        "context": (f"STRUCT(registration VARCHAR, contextActivities STRUCT(parent "
                    f"{activities}, grouping {activities}), extensions STRUCT("
                    f"{key(EXT_SESSION)} VARCHAR, {key(EXT_LENGTH)} DOUBLE, "
                    f"{key(EXT_CLIP)} STRUCT(\"in\" DOUBLE, \"out\" DOUBLE, version VARCHAR), "
                    f"{key(EXT_QUESTION_VERSION)} VARCHAR))"),
    }
    return "{" + ", ".join(f"'{k}': '{v}'" for k, v in columns.items()) + "}"


def bare_scans(path: Path) -> list[tuple[str, float, float]]:
    """(what, wall s, CPU s) of DuckDB alone on the file: a count of its JSON objects, and a
    typed scan extracting every field a row keeps (each field touched, so none is skipped)."""
    import duckdb

    name = "'" + str(path).replace("'", "''") + "'"
    out = []
    with duckdb.connect() as connection:
        count = f"SELECT count(*) FROM read_ndjson_objects({name})"
        _, wall, cpu = _timed(lambda: connection.sql(count).fetchall())
        out.append(("DuckDB: count(*) of read_ndjson_objects", wall, cpu))
        fields = ("SELECT count(id), count(stored), count(timestamp), count(actor), count(verb), "
                  "count(object), count(result), count(context) FROM "
                  f"read_ndjson({name}, columns={_typed_columns()})")
        _, wall, cpu = _timed(lambda: connection.sql(fields).fetchall())
        out.append(("DuckDB: typed scan of every field", wall, cpu))
    return out


def run_once(project_dir: Path, course, path: Path) -> tuple[dict, float, float, float, float]:
    """(X-ray JSON, ingest s, ingest CPU s, measure s, measure CPU s) from an empty cache."""
    store = learner_store(project_dir)
    store.forget()
    report, ingest_s, ingest_cpu = _timed(
        lambda: read_learner_data(project_dir, course, statements=[path]))
    xray, measure_s, measure_cpu = _timed(lambda: measure(course, store))
    data = xray.as_json() | {"ingest": report.as_json()}
    return data, ingest_s, ingest_cpu, measure_s, measure_cpu


def planted_found(data: dict, course) -> list[str]:
    """What the measures missed of the planted facts (empty: all found)."""
    negative, easy = planted(course)
    missed = []
    drop = data["videos"][0]["drop_off_s"] if data["videos"] else None
    if drop is None or abs(drop - DROP_OFF_S) > DROP_OFF_SLACK_S:
        missed.append(f"drop-off at {drop} s, planted at {DROP_OFF_S:g} s")
    flags = {q["id"]: q["flags"] for q in data["questions"]}
    if NEGATIVE_DISCRIMINATION not in flags.get(negative, ()):
        missed.append(f"{negative} not flagged {NEGATIVE_DISCRIMINATION}")
    if TOO_EASY not in flags.get(easy, ()):
        missed.append(f"{easy} not flagged {TOO_EASY}")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-xray-") as work:
        root = Path(work)
        with xray_course(root) as project:
            course = project.course()
        path = root / "statements.jsonl"
        learners, made_s, _ = _timed(lambda: write_statements(course, path, args.statements,
                                                              args.seed))
        size = path.stat().st_size
        print(f"file: {args.statements} statements of {learners} learners about "
              f"{course_iri(course)}, {size / 1e9:.2f} GB JSON Lines (generated in "
              f"{made_s:.0f} s, not timed)", flush=True)
        runs = [run_once(project.path, course, path) for _ in range(2)]
        bare = bare_scans(path)
    print(f"{'measure':44} {'wall s':>8} {'CPU s':>8} {'target s':>9} {'ratio':>6}")
    ok = True
    for number, (_, ingest_s, ingest_cpu, measure_s, measure_cpu) in enumerate(runs, 1):
        total = ingest_s + measure_s
        verdict = "ok" if total <= TARGET_S else "MISSED"
        ok = ok and total <= TARGET_S
        print(f"{f'run {number}: ingest + measures':44} {total:8.2f} "
              f"{ingest_cpu + measure_cpu:8.2f} {TARGET_S:9.1f} {total / TARGET_S:6.2f}  "
              f"{verdict}")
        print(f"{'  of which ingest (read_learner_data)':44} {ingest_s:8.2f} {ingest_cpu:8.2f}")
        print(f"{'  of which measure()':44} {measure_s:8.2f} {measure_cpu:8.2f}")
    for what, wall, cpu in bare:
        print(f"{what:44} {wall:8.2f} {cpu:8.2f}            (reference)")
    same = json.dumps(runs[0][0], sort_keys=True) == json.dumps(runs[1][0], sort_keys=True)
    missed = planted_found(runs[0][0], course)
    data = runs[0][0]
    print(f"results: {data['learners']} learners, {data['statements']} statements kept; "
          f"the two runs {'gave the same JSON' if same else 'DIFFER'}; planted facts "
          + ("found" if not missed else "MISSED: " + "; ".join(missed)))
    return 0 if ok and same and not missed else 1


if __name__ == "__main__":
    sys.exit(main())
