"""The CLI's package formats and video presets are read from the export registry and from
media's presets, never listed again."""

from __future__ import annotations

from studio.cli.handlers import ALL_FORMATS
from studio.cli.parser import build_parser
from studio.export import media_plan
from studio.export.formats import available_formats
from studio.media import ffmpeg_args


def export_option(dest: str):
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return next(a for a in sub.choices["export"]._actions if a.dest == dest)


def test_the_format_choices_are_the_registrys():
    assert list(export_option("format").choices) == [*available_formats(), ALL_FORMATS]


def test_the_preset_choices_are_medias_presets_and_original():
    preset = export_option("preset")
    assert list(preset.choices) == [*ffmpeg_args.PRESETS, ffmpeg_args.ORIGINAL]
    assert preset.default == ffmpeg_args.DEFAULT_PRESET in ffmpeg_args.PRESETS
    assert media_plan.ORIGINAL is ffmpeg_args.ORIGINAL
