"""Ordered schema migrations of ``course.db``.

Each migration runs in one transaction together with its record (sqlite-utils'
migrations), and :func:`migration` stamps ``PRAGMA user_version`` with the migration's
number in that same transaction, so the version in the file header always names the newest
migration applied. Append new migrations with ``@migration("000N_what")``; never edit an
applied one. A migration that rewrites data must back the file up first.
"""

from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("course-studio")
MIGRATION_NAMES: list[str] = []  # in order: the Nth name is migration N

Step = Callable[[Database], None]


def migration(name: str) -> Callable[[Step], Step]:
    """Register the next schema migration, numbered in order from 1.

    ``name`` must start with the migration's four-digit number (``"0002_quiz_media"``). The
    decorated function changes the schema; the registered step also sets ``PRAGMA
    user_version`` to that number, inside the migration's transaction.

    Raises:
        ValueError: ``name`` does not start with the next number.
    """
    number = len(MIGRATION_NAMES) + 1
    if not name.startswith(f"{number:04d}_"):
        raise ValueError(f"migration {name!r} must be numbered {number:04d}")

    def register(step: Step) -> Step:
        @MIGRATIONS(name=name)
        def stamped(db: Database) -> None:
            step(db)
            db.conn.execute(f"PRAGMA user_version = {number}")

        MIGRATION_NAMES.append(name)
        return step

    return register


@migration("0001_initial")
def _initial(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE course (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            uid TEXT NOT NULL,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT 'en',
            author TEXT NOT NULL DEFAULT '',
            version TEXT NOT NULL DEFAULT '1.0',
            completion TEXT NOT NULL DEFAULT 'all_items',
            completion_threshold REAL NOT NULL DEFAULT 1.0,
            mastery_score REAL,
            settings TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE modules (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            position INTEGER NOT NULL
        );
        CREATE TABLE lessons (
            id TEXT PRIMARY KEY,
            module_id TEXT NOT NULL REFERENCES modules(id),
            title TEXT NOT NULL,
            position INTEGER NOT NULL
        );
        CREATE INDEX lessons_by_module ON lessons(module_id, position);
        CREATE TABLE assets (
            id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            filename TEXT NOT NULL,
            original_name TEXT NOT NULL,
            kind TEXT NOT NULL,
            size INTEGER NOT NULL,
            duration REAL,
            width INTEGER,
            height INTEGER,
            info TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE items (
            id TEXT PRIMARY KEY,
            lesson_id TEXT NOT NULL REFERENCES lessons(id),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('video', 'slide', 'quiz', 'page')),
            title TEXT NOT NULL,
            asset_id TEXT REFERENCES assets(id),
            in_point REAL NOT NULL DEFAULT 0,
            out_point REAL NOT NULL DEFAULT 0,
            props TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX items_by_lesson ON items(lesson_id, position);
        CREATE TABLE questions (
            id TEXT PRIMARY KEY,
            item_id TEXT NOT NULL REFERENCES items(id),
            position INTEGER NOT NULL,
            pool TEXT NOT NULL DEFAULT 'quiz' CHECK (pool IN ('quiz', 'bank')),
            cue_id TEXT,
            type TEXT NOT NULL,
            prompt TEXT NOT NULL,
            points REAL NOT NULL DEFAULT 1,
            data TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX questions_by_item ON questions(item_id, position);
        CREATE TABLE history (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            merge_key TEXT,
            changes TEXT NOT NULL,
            created REAL NOT NULL,
            undone INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE project_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """
    )


@migration("0002_translations")
def _translations(db: Database) -> None:
    # one row per (language, segment): id is "<language>:<segment>" (studio.translation.units)
    _run(
        db,
        """
        CREATE TABLE translations (
            id TEXT PRIMARY KEY,
            language TEXT NOT NULL,
            segment TEXT NOT NULL,
            text TEXT NOT NULL,
            source_hash TEXT NOT NULL,
            source_text TEXT NOT NULL
        );
        CREATE INDEX translations_by_language ON translations(language, segment);
        """
    )


@migration("0003_build_map")
def _build_map(db: Database) -> None:
    # what `studio build` made from a spec: id "course" or a spec key ("node:<key>"), the
    # project node it made and the values it last built (the base of a rebuild's merge);
    # an ordinary table, so a build's undo takes its map back with its edits
    _run(
        db,
        """
        CREATE TABLE build_map (
            id TEXT PRIMARY KEY,
            node_id TEXT,
            base TEXT NOT NULL DEFAULT '{}'
        );
        """
    )


def _run(db: Database, script: str) -> None:
    # conn.executescript() would COMMIT first and break the migration's transaction
    for statement in script.split(";"):
        if statement.strip():
            db.conn.execute(statement)


SCHEMA_VERSION = len(MIGRATION_NAMES)  # user_version of a project after it is opened
