"""Adds pages to a project until it is killed, printing the item count after each commit.

Run by tests/domain/test_crash_safety.py: ``python crash_child.py PROJECT LESSON_ID``.
"""

import sys

from studio import commands
from studio.store import Project


def main(path: str, lesson_id: str) -> None:
    project = Project.open(path)
    for n in range(100_000):
        commands.add_page(project, lesson_id, f"Page {n}", "Some text " * 20)
        count = project.conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]
        print(count, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
