"""The export room's shape: writers that share only the floor, and a format registry that cannot
drift from the player's tracking adapters (no SQL and no cycle: tests/test_layers.py)."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import studio.export
from studio.export import formats
from studio.export.package import DATA_FILE, LAUNCH_FILE, PackageFormat
from studio.resources import resources_dir

EXPORT = Path(studio.export.__file__).resolve().parent
PLAYER = resources_dir() / "player"
# What the writers may import of their own room: the vocabulary and the shared XML parts.
WRITER_FLOOR = {"studio.export.package", "studio.export.xml", "studio.export.content_package"}

ADAPTER = re.compile(r"""\bregister\(\s*["']([^"']+)["']""")


def export_modules() -> dict[str, Path]:
    return {f"studio.export.{path.stem}": path for path in sorted(EXPORT.glob("*.py"))
            if path.stem != "__init__"}


def imported_modules(source: str, known: set[str]) -> set[str]:
    """Names of ``known`` modules a source imports, anywhere (functions and TYPE_CHECKING too)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative to the studio.export package
                anchor = "studio.export".split(".")[: 2 - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found & known


def import_graph() -> dict[str, set[str]]:
    modules = export_modules()
    return {name: imported_modules(path.read_text(encoding="utf-8"), set(modules)) - {name}
            for name, path in modules.items()}


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        src = dict(attrs).get("src")
        if tag == "script" and src:
            self.sources.append(src)


def index_scripts() -> list[str]:
    """The ``src`` of every <script> of the player's launch page, in page order."""
    parser = _Scripts()
    parser.feed((PLAYER / LAUNCH_FILE).read_text(encoding="utf-8"))
    return parser.sources


def adapters_of(script: str) -> set[str]:
    """Names of the tracking adapters a player script registers."""
    return set(ADAPTER.findall((PLAYER / script).read_text(encoding="utf-8")))


# ---- imports --------------------------------------------------------------------------------
def test_writers_import_only_the_floor_of_their_room():
    graph = import_graph()
    for module in formats.WRITERS:
        assert graph[module.__name__] <= WRITER_FLOOR, module.__name__


def test_the_floor_imports_nothing_of_the_export_room():
    graph = import_graph()
    # the vocabulary holds the LMS profiles' own vocabulary, itself on the floor
    assert graph["studio.export.package"] == {"studio.export.lms_switches"}
    assert graph["studio.export.lms_switches"] == set()
    assert graph["studio.export.xml"] == set()


# ---- the format registry and the player ---------------------------------------------------
def test_every_writer_declares_one_format_with_a_unique_name():
    declared = [module.FORMAT for module in formats.WRITERS]
    assert all(isinstance(fmt, PackageFormat) for fmt in declared)
    names = [fmt.name for fmt in declared]
    assert len(set(names)) == len(names)
    assert formats.available_formats() == sorted(names)
    assert all(formats.get_format(fmt.name) is fmt for fmt in declared)


def test_every_listed_player_script_is_installed():
    missing = [src for src in index_scripts()
               if src != DATA_FILE and not (PLAYER / src).is_file()]
    assert missing == []


def test_the_player_loads_the_adapter_of_every_registered_format():
    loaded = {name for src in index_scripts() if src != DATA_FILE for name in adapters_of(src)}
    needed = {name: formats.get_format(name).tracking for name in formats.available_formats()}
    assert {fmt: tracking for fmt, tracking in needed.items() if tracking not in loaded} == {}


def test_every_adapter_the_player_loads_belongs_to_a_registered_format():
    tracking = {formats.get_format(name).tracking for name in formats.available_formats()}
    strays = {src: adapters_of(src) - tracking
              for src in index_scripts() if src != DATA_FILE and adapters_of(src) - tracking}
    assert strays == {}


def test_every_adapter_script_of_the_player_is_listed_in_its_page():
    listed = set(index_scripts())
    scripts = [path.relative_to(PLAYER).as_posix() for path in PLAYER.rglob("*.js")]
    unlisted = [src for src in sorted(scripts) if adapters_of(src) and src not in listed]
    assert unlisted == []
