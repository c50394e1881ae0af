"""Front doors are documented: every public function, class and method of the domain, media and
export rooms has a docstring (what it takes and returns, units, errors, standard sections)."""

from __future__ import annotations

import ast
from pathlib import Path

import studio

STUDIO = Path(studio.__file__).resolve().parent
FACES = {"ui", "cli"}


def public_definitions(source: str) -> list[tuple[str, int, bool]]:
    """(qualified name, line, has a docstring) of each public def and class, methods included.

    Public: no leading underscore on it or on any class around it; nested functions are private
    to their function. Dunder methods other than ``__init__`` are left out (their meaning is
    Python's), and ``__init__`` counts as documented when its class is.
    """
    found: list[tuple[str, int, bool]] = []

    def walk(body: list[ast.stmt], prefix: str, class_doc: bool) -> None:
        for node in body:
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            name = node.name
            if name.startswith("__") and name.endswith("__"):
                if name == "__init__" and not class_doc:
                    found.append((prefix + name, node.lineno, ast.get_docstring(node) is not None))
                continue
            if name.startswith("_"):
                continue
            if any(isinstance(d, ast.Name) and d.id == "overload" for d in node.decorator_list):
                continue
            documented = ast.get_docstring(node) is not None
            found.append((prefix + name, node.lineno, documented))
            if isinstance(node, ast.ClassDef):
                walk(node.body, f"{prefix}{name}.", documented)

    walk(ast.parse(source).body, "", False)
    return found


def undocumented() -> list[str]:
    missing = []
    for path in sorted(STUDIO.rglob("*.py")):
        relative = path.relative_to(STUDIO)
        if relative.parts[0] in FACES or any(p.startswith("_") and p != "__init__.py"
                                             for p in relative.parts):
            continue
        for name, line, documented in public_definitions(path.read_text(encoding="utf-8")):
            if not documented:
                missing.append(f"studio/{relative}:{line} {name}")
    return missing


def test_every_public_definition_of_the_core_rooms_has_a_docstring():
    missing = undocumented()
    assert missing == [], f"{len(missing)} undocumented:\n" + "\n".join(missing)


def test_the_check_sees_what_is_public():
    source = ('def a():\n    """Doc."""\n\ndef b():\n    pass\n\ndef _c():\n    pass\n\n'
              'class D:\n    def e(self):\n        pass\n    def _f(self):\n        pass\n'
              '    def __init__(self):\n        pass\n    def __eq__(self, other):\n'
              '        pass\n\nclass _G:\n    def h(self):\n        pass\n')
    assert public_definitions(source) == [("a", 1, True), ("b", 4, False), ("D", 10, False),
                                          ("D.e", 11, False), ("D.__init__", 15, False)]
