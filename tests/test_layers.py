"""Imports point one way: domain <- media <- export <- twin <- faces, and only studio/ui touches
Qt (besides the LMS twin's Qt WebEngine engine, which may use QtCore, QtGui and QtWebEngineCore).

Inside the domain the floors are base (errors, files, jobs, resources) <- model <- quiz rules
<- store (history, loader, migrations, store, changes) <- commands: no floor imports one above
it. No import cycle anywhere in studio/, and the export room holds no SQL: it reads the model.

Every module under studio/ is read with ``ast``, imports inside functions and under
``TYPE_CHECKING`` included.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import studio

STUDIO = Path(studio.__file__).resolve().parent
QT_PACKAGES = {"PySide6", "shiboken6"}
# The one module outside studio/ui that may import Qt, and the Qt modules it may use (no widgets).
QT_ENGINE = "studio.twin.qt_engine"
QT_ENGINE_ALLOWED = {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWebEngineCore"}

# Which rooms each room may import. The CLI's lazy import of the window is the one exception.
ALLOWED = {
    "domain": {"domain"},
    "media": {"domain", "media"},
    "export": {"domain", "media", "export"},
    "twin": {"domain", "media", "export", "twin"},
    "xray": {"domain", "media", "export", "twin", "xray"},
    "cli": {"domain", "media", "export", "twin", "xray", "cli"},
    "ui": {"domain", "media", "export", "twin", "xray", "ui"},
}

# Floors of the domain room, lowest first; a domain module may import its own floor or lower.
DOMAIN_FLOORS = (
    ("base", {"studio", "studio.errors", "studio.files", "studio.jobs", "studio.resources",
              "studio.zipcheck", "studio.text", "studio.crash", "studio.timecode",
              "studio.language", "studio.cluster"}),
    ("model", {"studio.item_kinds", "studio.model", "studio.publish", "studio.narration",
               "studio.translation.units", "studio.a11y.statements", "studio.slide_layout"}),
    ("quiz", {"studio.quiz", "studio.brand", "studio.translation", "studio.a11y",
              "studio.spec"}),
    ("store", {"studio.history", "studio.loader", "studio.migrations", "studio.store",
               "studio.changes", "studio.project_file", "studio.recovery",
               "studio.bundle_copy", "studio.course_summary"}),
    ("commands", {"studio.commands"}),
)


@dataclass(frozen=True)
class Import:
    target: str  # dotted module name
    line: int
    in_function: bool


def room_of_module(dotted: str) -> str | None:
    """The room of a studio module name (``studio.export.plan`` -> export); None: not ours."""
    parts = dotted.split(".")
    if parts[0] != "studio":
        return None
    if len(parts) == 1:
        return "domain"
    return {"media": "media", "export": "export", "twin": "twin", "xray": "xray", "ui": "ui",
            "cli": "cli"}.get(parts[1], "domain")


def module_name(path: Path) -> str:
    relative = path.relative_to(STUDIO.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


class ImportCollector(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool):
        self.package = module if is_package else module.rpartition(".")[0]
        self.depth = 0
        self.found: list[Import] = []

    def _function(self, node) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def _add(self, target: str, node: ast.AST) -> None:
        self.found.append(Import(target, node.lineno, self.depth > 0))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            anchor = self.package.split(".")
            anchor = anchor[: len(anchor) - (node.level - 1)]
            base = ".".join([*anchor, base] if base else anchor)
        for alias in node.names:
            # "from studio import media" imports the studio.media package itself (and
            # "from PySide6 import QtCore" the PySide6.QtCore module)
            whole = base == "studio" or base in QT_PACKAGES
            self._add(f"{base}.{alias.name}" if whole else base, node)


def imports_of(source: str, module: str, is_package: bool = False) -> list[Import]:
    collector = ImportCollector(module, is_package)
    collector.visit(ast.parse(source))
    return collector.found


def violations(source: str, module: str, is_package: bool = False) -> list[str]:
    room = room_of_module(module)
    problems = []
    for found in imports_of(source, module, is_package):
        top = found.target.split(".")[0]
        where = f"{module}:{found.line} imports {found.target}"
        if top in QT_PACKAGES and room != "ui" and not _engine_qt(module, found.target):
            problems.append(f"{where}: only studio/ui may import Qt (and {QT_ENGINE} "
                            f"{', '.join(sorted(QT_ENGINE_ALLOWED))})")
        target_room = room_of_module(found.target)
        if target_room is None or target_room in ALLOWED[room]:
            continue
        if room == "cli" and target_room == "ui" and found.in_function:
            continue  # the window loads lazily, for `studio gui` only
        problems.append(f"{where}: the {room} room may not import the {target_room} room")
    return problems


def _engine_qt(module: str, target: str) -> bool:
    """Whether ``target`` is a Qt module the twin's Qt WebEngine engine may import."""
    return module == QT_ENGINE and target in QT_ENGINE_ALLOWED


def studio_modules() -> list[Path]:
    return sorted(STUDIO.rglob("*.py"))


def floor_of(dotted: str) -> int | None:
    """Index in DOMAIN_FLOORS of a domain module (a package counts for its submodules)."""
    for index, (_, members) in enumerate(DOMAIN_FLOORS):
        if any(dotted == m or (m != "studio" and dotted.startswith(m + ".")) for m in members):
            return index
    return None


def floor_violations(source: str, module: str, is_package: bool = False) -> list[str]:
    own = floor_of(module)
    if own is None:
        return [f"{module} is in no floor of the domain: add it to DOMAIN_FLOORS"]
    problems = []
    for found in imports_of(source, module, is_package):
        target = floor_of(found.target) if room_of_module(found.target) == "domain" else None
        if target is not None and target > own:
            problems.append(f"{module}:{found.line} imports {found.target}: the "
                            f"{DOMAIN_FLOORS[own][0]} floor may not import the "
                            f"{DOMAIN_FLOORS[target][0]} floor above it")
    return problems


def resolve(target: str, known: set[str]) -> str | None:
    """The studio module an import runs: the named module, else its nearest known parent."""
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target or None


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in studio_modules()}
    known = set(modules)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        collector = ImportCollector(name, path.name == "__init__.py")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        collector.visit(tree)
        for found in collector.found:
            target = resolve(found.target, known)
            if target and target != name:
                graph[name].add(target)
        for node in ast.walk(tree):  # "from studio.x import sub" names the submodule
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    if sub in known and sub != name:
                        graph[name].add(sub)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def package_cycle_free(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Drop a package's edges to its own submodules: __init__ re-exporting them is no cycle."""
    return {name: {t for t in targets if not t.startswith(name + ".")}
            for name, targets in graph.items()}


SQL = re.compile(r"\.execute(many|script)?\(|\bsqlite3\b|\.conn\b|\bSELECT\b.*\bFROM\b"
                 r"|\bINSERT\s+INTO\b|\bDELETE\s+FROM\b|\bUPDATE\s+\[?\w+\]?\s+SET\b"
                 r"|\bcourse_row\s*\(|\bPRAGMA\b")


def test_every_room_is_recognised():
    modules = [module_name(path) for path in studio_modules()]
    assert "studio.store" in modules and "studio.jobs" in modules
    rooms = {room_of_module(name) for name in modules}
    assert {"domain", "media", "export", "ui"} <= rooms
    seen = [found.target for path in studio_modules()
            for found in imports_of(path.read_text(encoding="utf-8"), module_name(path))]
    assert "studio.errors" in seen and "sqlite3" in seen


def test_imports_point_one_way():
    problems = []
    for path in studio_modules():
        name = module_name(path)
        problems += violations(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
    assert problems == []


def test_domain_floors_do_not_point_upward():
    problems = []
    for path in studio_modules():
        name = module_name(path)
        if room_of_module(name) == "domain":
            problems += floor_violations(path.read_text(encoding="utf-8"), name,
                                         path.name == "__init__.py")
    assert problems == []


def test_the_floor_check_catches_upward_imports():
    assert floor_violations("from studio.commands import add_lesson\n", "studio.quiz.gift") != []
    assert floor_violations("from studio.store import Project\n", "studio.quiz.gift") != []
    assert floor_violations("from studio.store import dumps\n", "studio.model") != []
    assert floor_violations("from studio.model import Course\n", "studio.errors") != []
    assert floor_violations("from studio.quiz.questions import X\n", "studio.commands.x") == []
    assert floor_violations("from studio.model import Course\n", "studio.loader") == []
    assert floor_violations("", "studio.newcomer") != []  # every domain module has a floor


def test_no_import_cycles_in_studio():
    assert cycles(package_cycle_free(import_graph())) == []


def test_the_cycle_check_finds_cycles():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    graph = import_graph()
    assert "studio.store" in graph["studio.commands._base"]
    assert "studio.export.plan" in graph["studio.export.exporter"]


def test_the_export_room_holds_no_sql():
    problems = [f"{module_name(path)}:{number}: {line.strip()}"
                for path in sorted((STUDIO / "export").rglob("*.py"))
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if SQL.search(line)]
    assert problems == [], "the export room reads the model, never the database"


def test_the_sql_check_sees_sql():
    for line in ('rows = project.conn.execute("SELECT id FROM items")', "import sqlite3",
                 'q = "SELECT asset_id, language FROM captions"', "db.conn", 'x = "DELETE FROM t"'):
        assert SQL.search(line), line
    for line in ("# select the format", "from studio.model import Slide", "updates = 1"):
        assert not SQL.search(line), line


def test_the_check_catches_wrong_way_imports():
    hidden = "def render():\n    from studio.export import plan\n"
    assert violations(hidden, "studio.store") != []
    assert violations("from ..export import zipwriter\n", "studio.media.probe") != []
    assert violations("from studio import ui\n", "studio.export.plan") != []
    assert violations("import studio.cli\n", "studio.ui.window") != []
    assert violations("from PySide6 import QtCore\n", "studio.media.probe") != []
    assert violations("def f():\n    import PySide6.QtWidgets\n", "studio.cli") != []
    assert violations("from studio.ui.app import run\n", "studio.cli") != []
    assert violations("from studio.twin import runner\n", "studio.export.plan") != []
    assert violations("from studio.ui import app\n", "studio.twin.runner") != []
    assert violations("from studio import cli\n", "studio.twin.runner") != []
    assert violations("from PySide6 import QtCore\n", "studio.twin.runner") != []
    assert violations("from PySide6 import QtWidgets\n", QT_ENGINE) != []
    assert violations("import PySide6.QtWebEngineWidgets\n", QT_ENGINE) != []


def test_the_check_allows_the_right_way():
    assert violations("from . import probe\nfrom studio.store import Project\n",
                      "studio.media.importer") == []
    assert violations("from ..media import probe\n", "studio.export.plan") == []
    assert violations("def gui():\n    from studio.ui.app import run\n", "studio.cli") == []
    assert violations("from PySide6 import QtCore\nfrom studio import commands\n",
                      "studio.ui.window") == []
    assert violations("from ._base import new_id\n", "studio.commands.structure") == []
    assert violations("from studio.export import exporter\nfrom studio.media import probe\n"
                      "from . import journal\n", "studio.twin.runner") == []
    assert violations("from studio.twin import runner\n", "studio.cli") == []
    assert violations("from studio.twin.runner import run_paths\n", "studio.ui.window") == []
    assert violations("from PySide6.QtCore import QUrl\nfrom PySide6 import QtGui\n"
                      "import PySide6.QtWebEngineCore\n", QT_ENGINE) == []
