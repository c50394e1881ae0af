"""Caption tracks on video clips: one track per language, each a stored caption file."""

from __future__ import annotations

from studio.commands._base import _require
from studio.commands.timeline import _video
from studio.errors import InvalidEditError
from studio.language import language_tag
from studio.store import Project, dumps


def attach_captions(project: Project, item_id: str, asset_id: str, language: str = "en",
                    label: str = "") -> None:
    """Give a clip a caption track in ``language`` (a BCP 47 tag, stored normalised as
    :func:`studio.language.language_tag` gives it); a track in the same language is replaced.

    Raises NotFoundError for an unknown item or asset, InvalidEditError for a language that
    is not a tag, an item that is not a clip or an asset that is not a caption file.
    """
    language = language_tag(language)
    with project.edit("Attach captions") as tx:
        row, props, _ = _video(tx, item_id)
        asset = _require(tx, "assets", asset_id, "asset")
        if asset["kind"] != "captions":
            raise InvalidEditError(f"{asset['original_name']} is not a caption file.")
        tracks = [t for t in props.get("captions", []) if t["language"] != language]
        tracks.append({"asset_id": asset_id, "language": language,
                       "label": label.strip() or language})
        tx.update("items", item_id, props=dumps({**props, "captions": tracks}))


def detach_captions(project: Project, item_id: str, language: str) -> None:
    """Remove a clip's caption track in ``language`` (the caption asset stays in the
    project). Raises NotFoundError for an unknown item, InvalidEditError for an item that
    is not a clip or has no track in that language."""
    with project.edit("Remove captions") as tx:
        row, props, _ = _video(tx, item_id)
        tracks = props.get("captions", [])
        kept = [t for t in tracks if t["language"] != language]
        if len(kept) == len(tracks):
            raise InvalidEditError(f"{row['title']} has no {language} captions.")
        tx.update("items", item_id, props=dumps({**props, "captions": kept}))
