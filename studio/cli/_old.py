"""The `studio` command line: every edit the window offers, scriptable from a shell.

Exit status: 0 success, 1 failure (one line on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from studio import __version__, commands
from studio.errors import Cancelled, InvalidEditError, StudioError
from studio.jobs import CancelToken
from studio.store import Project

FORMATS = ("scorm12", "scorm2004", "xapi", "cmi5", "html")


# ---- progress and cancellation -------------------------------------------------------------
class ProgressBar:
    """A one-line bar on stderr when it is a terminal; nothing when output is piped."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.live = stream.isatty()
        self.last = -1

    def __call__(self, fraction: float, message: str = "") -> None:
        percent = int(max(0.0, min(1.0, fraction)) * 100)
        if not self.live or percent == self.last:
            return
        self.last = percent
        filled = percent * 30 // 100
        bar = "#" * filled + " " * (30 - filled)
        self.stream.write(f"\r[{bar}] {percent:3d}% {message[:40]:40}")
        self.stream.flush()

    def close(self) -> None:
        if self.live and self.last >= 0:
            self.stream.write("\n")


def run_job(job: Callable[[ProgressBar, CancelToken], object]) -> object:
    """Run a job with a progress bar; Ctrl-C cancels it cleanly (raises Cancelled)."""
    token, bar = CancelToken(), ProgressBar()
    previous = signal.signal(signal.SIGINT, lambda *_: token.cancel())
    try:
        return job(bar, token)
    finally:
        signal.signal(signal.SIGINT, previous)
        bar.close()


# ---- outline -----------------------------------------------------------------------------
def outline(project: Project) -> dict:
    course = project.course()
    policy = course.tracking

    def item_json(item) -> dict:
        data = {"id": item.id, "kind": item.kind.value, "title": item.title,
                "duration": round(item.duration, 3)}
        if item.kind.value == "video":
            data.update(asset=item.asset_id, **{"in": item.in_point, "out": item.out_point},
                        cues=[{"id": c.id, "time": c.time, "title": c.title}
                              for c in item.cue_points])
        if item.kind.value in ("quiz", "video"):
            data["questions"] = [{"id": q.id, "type": q.type, "prompt": q.prompt,
                                  "points": q.points, "pool": q.pool, "cue": q.cue_id}
                                 for q in item.questions]
        return data

    return {
        "course": {"id": course.identifier, "title": course.title, "language": course.language,
                   "author": course.author, "version": course.version,
                   "completion": policy.completion.value,
                   "mastery_score": policy.mastery_score},
        "modules": [{"id": m.id, "kind": "module", "title": m.title, "lessons": [
            {"id": lesson.id, "kind": "lesson", "title": lesson.title,
             "duration": round(lesson.duration, 3),
             "items": [item_json(i) for i in lesson.items]} for lesson in m.lessons]}
            for m in course.modules],
        "assets": [{"id": a.id, "kind": a.kind, "name": a.original_name,
                    "duration": a.duration} for a in course.assets.values()],
    }


def print_outline(data: dict) -> None:
    course = data["course"]
    print(f"{course['title']}  ({course['id']})")
    for module in data["modules"]:
        print(f"  {module['id']}  {module['title']}")
        for lesson in module["lessons"]:
            print(f"    {lesson['id']}  {lesson['title']}")
            for item in lesson["items"]:
                extra = f"{item['duration']:.1f} s" if item["duration"] else ""
                if "questions" in item and item["kind"] == "quiz":
                    extra = f"{len(item['questions'])} question(s)"
                print(f"      {item['id']}  {item['kind']:5}  {item['title']}  {extra}".rstrip())
    if not data["modules"]:
        print("  (no modules yet: studio add-module DIR TITLE)")


# ---- handlers ----------------------------------------------------------------------------
def _open(args) -> Project:
    return Project.open(args.dir)


def _say(message: str) -> None:
    print(message)


def cmd_new(args) -> None:
    Project.create(args.dir, args.title, language=args.language).close()
    _say(f"Created {args.dir}")


def cmd_sample(args) -> None:
    from studio.media.sample import build_sample

    build_sample(Path(args.dir)).close()
    _say(f"Wrote the sample course to {args.dir}")


def cmd_import(args) -> None:
    from studio.media.importer import import_files

    with _open(args) as project:
        done = run_job(lambda bar, token: import_files(
            project, [Path(f) for f in args.files], args.lesson, args.new_lesson, bar, token))
        for entry in done:
            _say(f"{entry.path.name}: asset {entry.asset_id}"
                 + (f", item {entry.item_id}" if entry.item_id else ""))


def cmd_ls(args) -> None:
    with _open(args) as project:
        data = outline(project)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print_outline(data)


def _edit(fn: Callable[[Project, argparse.Namespace], object]) -> Callable:
    def handler(args) -> None:
        with _open(args) as project:
            result = fn(project, args)
        if isinstance(result, str):
            _say(result)
        elif isinstance(result, list) and result:
            _say("Warning: cue point(s) now outside the clip: " + ", ".join(result))
    return handler


def _parse_value(raw: str) -> object:
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def _settings(pairs: list[str]) -> dict:
    values = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key:
            raise InvalidEditError(f"Settings are written KEY=VALUE, not {pair!r}.")
        values[key.replace("-", "_")] = _parse_value(raw)
    return values


def _set(project: Project, args) -> None:
    values = _settings(args.settings)
    if args.target == "course":
        commands.set_course(project, **values)
    else:
        if "title" in values:
            commands.rename(project, args.target, str(values.pop("title")))
        if values:
            commands.set_item(project, args.target, **values)


def _page_text(args) -> str:
    if args.text_file:
        try:
            return Path(args.text_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidEditError(f"Cannot read {args.text_file}: {exc}.") from exc
    return args.text or ""


EDITS: dict[str, Callable[[Project, argparse.Namespace], object]] = {
    "add-module": lambda p, a: commands.add_module(p, a.title, a.index),
    "add-lesson": lambda p, a: commands.add_lesson(p, a.module, a.title, a.index),
    "add-page": lambda p, a: commands.add_page(p, a.lesson, a.title, _page_text(a), a.index),
    "add-quiz": lambda p, a: commands.add_quiz(p, a.lesson, a.title, a.index,
                                               **_settings(a.settings)),
    "add-cue": lambda p, a: commands.add_cue(p, a.item, a.at, a.title or "", a.must_answer),
    "trim": lambda p, a: commands.trim(p, a.id, getattr(a, "in"), a.out),
    "nudge": lambda p, a: commands.nudge(p, a.id, a.edge, a.by),
    "split": lambda p, a: commands.split(p, a.id, a.at),
    "move": lambda p, a: commands.move(p, a.id, a.to, a.index),
    "rm": lambda p, a: commands.remove(p, a.id),
    "rename": lambda p, a: commands.rename(p, a.id, a.title),
    "set": _set,
    "undo": lambda p, a: f"Undid: {p.undo()}",
    "redo": lambda p, a: f"Redid: {p.redo()}",
}


def cmd_history(args) -> None:
    with _open(args) as project:
        entries = project.history.entries()
        saved = project.history.saved_seq()
    if not entries:
        _say("No edits yet.")
    for entry in entries:
        mark = "undone" if entry.undone else "done  "
        _say(f"{entry.seq:5d}  {mark}  {entry.name}" + ("  (saved)" if entry.seq == saved else ""))


def cmd_export(args) -> None:
    from studio.export.exporter import ExportOptions, export_course

    if args.format not in ("scorm12", "scorm2004"):
        raise InvalidEditError(f"Export to {args.format} is not available in this version yet.")
    target = Path(args.output or f"{Path(args.dir).resolve().name.removesuffix('.course')}"
                                   f"-{args.format}.zip")
    options = ExportOptions(format=args.format, sco_per_lesson=not args.single_sco)
    with _open(args) as project:
        result = run_job(lambda bar, token: export_course(project, options, target, bar, token))
    _say(f"Wrote {result.target} ({result.files} files, {result.bytes / 1e6:.1f} MB)")


def cmd_validate(args) -> None:
    from studio.export.validate import validate_package

    report = run_job(lambda bar, token: validate_package(Path(args.package), bar, token))
    for finding in report.findings:
        print(f"{finding.severity}: {finding.where}: {finding.message}")
    if not report.ok:
        raise _Invalid(f"{args.package} is not a valid {report.kind} package.")
    _say(f"{args.package}: valid {report.kind} package")


class _Invalid(StudioError):
    pass


def cmd_gui(args) -> None:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise StudioError("No display is available for the window; use the other studio "
                          "commands from this shell.")
    try:
        from studio.ui.app import run  # noqa: PLC0415 (Qt loads only for the window)
    except ImportError as exc:
        raise StudioError(f"The window is not available in this installation ({exc}).") from exc
    sys.exit(run(args.dir))


# ---- parser ------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studio", description="Course Studio: build courses and export LMS packages.")
    parser.add_argument("--version", action="version", version=f"studio {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str, handler: Callable, project: bool = True):
        p = sub.add_parser(name, help=help_text, description=help_text)
        if project:
            p.add_argument("dir", metavar="DIR", help="the course project folder (Name.course)")
        p.set_defaults(handler=handler)
        return p

    p = add("new", "Create an empty course project.", cmd_new)
    p.add_argument("--title", required=True, help="the course title")
    p.add_argument("--language", default="en", help="the course language (default: en)")
    add("sample", "Write the bundled sample course into DIR.", cmd_sample)
    p = add("import", "Import media files (video, audio, images) into the course.", cmd_import)
    p.add_argument("files", nargs="+", metavar="FILE")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--lesson", metavar="ID", help="append the files to this lesson")
    where.add_argument("--new-lesson", metavar="TITLE", help="append them to a new lesson")
    p = add("ls", "Show the course outline.", cmd_ls)
    p.add_argument("--json", action="store_true", help="print the outline as JSON")

    p = add("add-module", "Add a module.", _edit(EDITS["add-module"]))
    p.add_argument("title")
    p.add_argument("--index", type=int, help="position among the modules (0 = first)")
    p = add("add-lesson", "Add a lesson to a module.", _edit(EDITS["add-lesson"]))
    p.add_argument("module", metavar="MODULE_ID")
    p.add_argument("title")
    p.add_argument("--index", type=int)
    p = add("add-page", "Add a text page to a lesson.", _edit(EDITS["add-page"]))
    p.add_argument("lesson", metavar="LESSON_ID")
    p.add_argument("title")
    text = p.add_mutually_exclusive_group()
    text.add_argument("--text", help="the page text ('# ' headings, '- ' bullets)")
    text.add_argument("--text-file", metavar="FILE", help="read the page text from a file")
    p.add_argument("--index", type=int)
    p = add("add-quiz", "Add a quiz to a lesson.", _edit(EDITS["add-quiz"]))
    p.add_argument("lesson", metavar="LESSON_ID")
    p.add_argument("title")
    p.add_argument("settings", nargs="*", metavar="KEY=VALUE",
                   help="pass_mark, attempts, shuffle, draw, show_answers, weight")
    p.add_argument("--index", type=int)
    p = add("add-cue", "Add a cue point (for in-video questions) to a clip.",
            _edit(EDITS["add-cue"]))
    p.add_argument("item", metavar="ITEM_ID")
    p.add_argument("--at", type=float, required=True, metavar="SEC")
    p.add_argument("--title")
    p.add_argument("--must-answer", action="store_true")

    p = add("trim", "Set a clip's in and out points (seconds of the source).",
            _edit(EDITS["trim"]))
    p.add_argument("id", metavar="ITEM_ID")
    p.add_argument("--in", type=float, metavar="SEC")
    p.add_argument("--out", type=float, metavar="SEC")
    p = add("nudge", "Move one edge of a clip by a few seconds.", _edit(EDITS["nudge"]))
    p.add_argument("id", metavar="ITEM_ID")
    p.add_argument("--edge", choices=("in", "out"), required=True)
    p.add_argument("--by", type=float, required=True, metavar="SEC")
    p = add("split", "Split a clip in two at a time of its source.", _edit(EDITS["split"]))
    p.add_argument("id", metavar="ITEM_ID")
    p.add_argument("--at", type=float, required=True, metavar="SEC")
    p = add("move", "Move an item to a lesson, a lesson to a module, or reorder.",
            _edit(EDITS["move"]))
    p.add_argument("id", metavar="ID")
    p.add_argument("--to", metavar="PARENT_ID", help="the lesson or module to move into")
    p.add_argument("--index", type=int, help="position in the target (0 = first)")
    p = add("rm", "Remove a module, lesson or item (undo brings it back).", _edit(EDITS["rm"]))
    p.add_argument("id", metavar="ID")
    p = add("rename", "Rename a module, lesson or item.", _edit(EDITS["rename"]))
    p.add_argument("id", metavar="ID")
    p.add_argument("title")
    p = add("set", "Change settings of the course (TARGET=course) or of an item.",
            _edit(EDITS["set"]))
    p.add_argument("target", metavar="TARGET", help="'course' or an item id")
    p.add_argument("settings", nargs="+", metavar="KEY=VALUE")

    add("undo", "Undo the last edit.", _edit(EDITS["undo"]))
    add("redo", "Redo the last undone edit.", _edit(EDITS["redo"]))
    add("history", "List the edits that undo and redo walk through.", cmd_history)

    p = add("export", "Export a package for an LMS.", cmd_export)
    p.add_argument("--format", required=True, choices=FORMATS)
    p.add_argument("-o", "--output", metavar="OUT.zip")
    p.add_argument("--single-sco", action="store_true",
                   help="the whole course as one launchable unit (default: one per lesson)")
    p = add("validate", "Check a package (ours or anyone's) before upload.", cmd_validate,
            project=False)
    p.add_argument("package", metavar="PKG.zip", help="a .zip package or an unpacked folder")
    p = add("gui", "Open the studio window.", cmd_gui, project=False)
    p.add_argument("dir", metavar="DIR", nargs="?")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.handler(args)
    except Cancelled:
        print("studio: cancelled; nothing was changed.", file=sys.stderr)
        return 1
    except StudioError as exc:
        print(f"studio: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("studio: interrupted.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
