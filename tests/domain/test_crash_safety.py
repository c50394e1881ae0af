"""A crash loses at most the edit in flight: kill a writing process at random moments."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from studio import commands
from studio.store import DB_NAME, Project

CHILD = Path(__file__).with_name("crash_child.py")
TRIALS = 60


def item_count(project: Project) -> int:
    return project.conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]


def run_and_kill(path: Path, lesson: str, rng: random.Random) -> list[int]:
    """Start the writer, kill it at a random moment, return every count it printed."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    child = subprocess.Popen([sys.executable, str(CHILD), str(path), lesson],
                             stdout=subprocess.PIPE, env=env)
    printed: list[int] = []
    if rng.random() < 0.2:  # sometimes while it is still starting or opening the project
        time.sleep(rng.uniform(0.0, 0.3))
    else:
        wanted = rng.randint(1, 25)
        while len(printed) < wanted:
            line = child.stdout.readline()
            assert line, "the writer stopped by itself"
            printed.append(int(line))
        time.sleep(rng.uniform(0.0, 0.004))
    child.send_signal(signal.SIGKILL)
    child.wait()
    printed += [int(line) for line in child.stdout.read().split()]
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    return printed


def test_a_killed_writer_loses_at_most_the_edit_in_flight(tmp_path):
    rng = random.Random(20240607)
    path = tmp_path / "Crash.course"
    with Project.create(path, "Crash") as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
        commands.add_page(project, lesson, "First")
        committed = item_count(project)
    for _ in range(TRIALS):
        printed = run_and_kill(path, lesson, rng)
        last = printed[-1] if printed else committed
        check = sqlite3.connect(path / DB_NAME)
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        check.close()
        with Project.open(path) as project:
            count = item_count(project)
            assert last <= count <= last + 1
            project.undo()
            assert item_count(project) == count - 1
            project.redo()
            assert item_count(project) == count
            committed = count
