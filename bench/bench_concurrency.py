"""Two studio processes editing one project at once: renames and undo/redo pairs.

    python bench/bench_concurrency.py [--renames 100] [--pairs 50] [--json]

One process keeps the project open for its whole run, as the window does; the other opens
and closes it for every edit, as a shell script calling ``studio rename`` does. Each makes
``--renames`` renames and ``--pairs`` undo/redo pairs, interleaved. Prints, per process and
in total: edits done, refusals (a redo that another process's edit made impossible: the
right answer, not a fault), failures (any other StudioError, e.g. "database is locked"),
tracebacks (any other exception), and the wall time in seconds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

REFUSALS = ("Nothing to undo", "Nothing to redo")


def worker(path: str, role: str, renames: int, pairs: int) -> dict:
    from studio import commands
    from studio.errors import StudioError
    from studio.store import Project

    counts = {"done": 0, "refused": 0, "failed": 0, "tracebacks": 0, "messages": []}
    held = Project.open(path) if role == "window" else None

    def attempt(action) -> None:
        try:
            if held is not None:
                action(held)
            else:
                with Project.open(path) as project:
                    action(project)
            counts["done"] += 1
        except StudioError as exc:
            kind = "refused" if exc.message.startswith(REFUSALS) else "failed"
            counts[kind] += 1
            if kind == "failed" and len(counts["messages"]) < 5:
                counts["messages"].append(exc.message)
        except Exception:  # the measure counts what the studio let escape
            counts["tracebacks"] += 1
            traceback.print_exc()

    module_id = json.loads(Path(path, "ids.json").read_text())["module"]
    every = max(1, renames // max(1, pairs))
    done_pairs = 0
    for n in range(renames):
        attempt(lambda p, n=n: commands.rename(p, module_id, f"{role} {n}"))
        if (n + 1) % every == 0 and done_pairs < pairs:
            attempt(lambda p: p.undo())
            attempt(lambda p: p.redo())
            done_pairs += 1
    if held is not None:
        held.close()
    return counts


def measure(renames: int, pairs: int) -> dict:
    from studio import commands
    from studio.store import Project

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Shared.course"
        with Project.create(path, "Shared") as project:
            module = commands.add_module(project, "Start")
        (path / "ids.json").write_text(json.dumps({"module": module}))
        started = time.perf_counter()
        procs = [subprocess.Popen(
            [sys.executable, __file__, "--worker", role, str(path), "--renames", str(renames),
             "--pairs", str(pairs)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for role in ("window", "script")]
        results = {}
        for role, proc in zip(("window", "script"), procs, strict=True):
            out, err = proc.communicate()
            result = json.loads(out) if proc.returncode == 0 and out.strip() else {
                "done": 0, "refused": 0, "failed": 0, "tracebacks": 1, "messages": []}
            result["tracebacks"] = max(result["tracebacks"], err.count("Traceback"))
            results[role] = result
        seconds = time.perf_counter() - started
        with Project.open(path) as project:
            sound = project.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    total = {key: sum(r[key] for r in results.values())
             for key in ("done", "refused", "failed", "tracebacks")}
    return {"processes": results, "total": total, "seconds": round(seconds, 2),
            "sound": sound}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renames", type=int, default=100)
    parser.add_argument("--pairs", type=int, default=50)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worker", nargs=2, metavar=("ROLE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        role, path = args.worker
        print(json.dumps(worker(path, role, args.renames, args.pairs)))
        return
    result = measure(args.renames, args.pairs)
    if args.json:
        print(json.dumps(result))
        return
    for role, r in result["processes"].items():
        print(f"{role:7} done {r['done']:4d}  refused {r['refused']:3d}  failed {r['failed']:3d}"
              f"  tracebacks {r['tracebacks']:3d}  {'; '.join(r['messages'][:2])}")
    t = result["total"]
    print(f"total   done {t['done']:4d}  refused {t['refused']:3d}  failed {t['failed']:3d}"
          f"  tracebacks {t['tracebacks']:3d}  in {result['seconds']:.1f} s;"
          f" database {'sound' if result['sound'] else 'DAMAGED'}")


if __name__ == "__main__":
    main()
