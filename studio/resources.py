"""Where the files shipped with the studio live (player, schemas, sample course)."""

from pathlib import Path

import studio


def resources_dir() -> Path:
    return Path(studio.__file__).resolve().parents[1] / "resources"
