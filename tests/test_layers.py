"""Imports point one way: domain <- media <- export <- faces, and only studio/ui touches Qt.

Every module under studio/ is read with ``ast``, imports inside functions included.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import studio

STUDIO = Path(studio.__file__).resolve().parent
QT_PACKAGES = {"PySide6", "shiboken6"}

# Which rooms each room may import. The CLI's lazy import of the window is the one exception.
ALLOWED = {
    "domain": {"domain"},
    "media": {"domain", "media"},
    "export": {"domain", "media", "export"},
    "cli": {"domain", "media", "export", "cli"},
    "ui": {"domain", "media", "export", "ui"},
}


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
    return {"media": "media", "export": "export", "ui": "ui", "cli": "cli"}.get(parts[1], "domain")


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
            # "from studio import media" imports the studio.media package itself
            self._add(f"{base}.{alias.name}" if base == "studio" else base, node)


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
        if top in QT_PACKAGES and room != "ui":
            problems.append(f"{where}: only studio/ui may import Qt")
        target_room = room_of_module(found.target)
        if target_room is None or target_room in ALLOWED[room]:
            continue
        if room == "cli" and target_room == "ui" and found.in_function:
            continue  # the window loads lazily, for `studio gui` only
        problems.append(f"{where}: the {room} room may not import the {target_room} room")
    return problems


def studio_modules() -> list[Path]:
    return sorted(STUDIO.rglob("*.py"))


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


def test_the_check_catches_wrong_way_imports():
    hidden = "def render():\n    from studio.export import plan\n"
    assert violations(hidden, "studio.store") != []
    assert violations("from ..export import zipwriter\n", "studio.media.probe") != []
    assert violations("from studio import ui\n", "studio.export.plan") != []
    assert violations("import studio.cli\n", "studio.ui.window") != []
    assert violations("from PySide6 import QtCore\n", "studio.media.probe") != []
    assert violations("def f():\n    import PySide6.QtWidgets\n", "studio.cli") != []
    assert violations("from studio.ui.app import run\n", "studio.cli") != []


def test_the_check_allows_the_right_way():
    assert violations("from . import probe\nfrom studio.store import Project\n",
                      "studio.media.importer") == []
    assert violations("from ..media import probe\n", "studio.export.plan") == []
    assert violations("def gui():\n    from studio.ui.app import run\n", "studio.cli") == []
    assert violations("from PySide6 import QtCore\nfrom studio import commands\n",
                      "studio.ui.window") == []
    assert violations("from ._base import new_id\n", "studio.commands.structure") == []
