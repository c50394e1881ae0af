"""Where the files shipped with the studio live (player, schemas, sample course)."""

from pathlib import Path

import studio


def resources_dir() -> Path:
    """The ``resources`` folder beside the ``studio`` package (``player/``, ``schemas/``,
    ``sample/``); not checked to exist."""
    return Path(studio.__file__).resolve().parents[1] / "resources"
