"""The course's brand kit in the package: theme.css, fonts, logo and favicon, the theme block
and cover facts of the course data, the same bytes for the same kit, a failing kit refused."""

from __future__ import annotations

import json
import zipfile

import pytest

from studio import commands
from studio.brand import BUILTIN_KITS, builtin_kit
from studio.commands.brand import set_theme
from studio.errors import ExportError
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.export.theme import (
    PAGE_MINIMUM_SECONDS,
    QUESTION_SECONDS,
    READING_WORDS_PER_MINUTE,
    course_duration,
    theme_css,
)
from tests.brand_kits import DARK, FAMILY, LIGHT, LOGO, LOGO_ALT, STRINGS, write_custom_kit

ORIGINAL = "original"


def export(project, target, fmt="scorm12"):
    export_course(project, ExportOptions(fmt, preset=ORIGINAL), target)
    with zipfile.ZipFile(target) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def course_data(members: dict[str, bytes]) -> dict:
    text = members["course-data.js"].decode("utf-8")
    return json.loads(text[text.index("{"): text.rindex("}") + 1])


def test_a_course_without_a_kit_wears_the_studio_kit(sample, tmp_path):
    members = export(sample, tmp_path / "p.zip")
    css = members["theme/theme.css"].decode()
    studio = builtin_kit("studio")
    assert f"--cp-primary: {studio.light.primary};" in css
    assert "@font-face" not in css and "prefers-color-scheme" not in css
    assert not any(name.startswith("theme/") and name != "theme/theme.css" for name in members)
    theme = course_data(members)["theme"]
    assert theme == {"name": studio.name, "logo": None, "logoAlt": "", "favicon": None,
                     "buttonStyle": "solid", "strings": {}}
    manifest = members["imsmanifest.xml"].decode()
    assert '<file href="theme/theme.css"/>' in manifest


def test_a_custom_kit_ships_its_colours_fonts_logo_and_favicon(sample, tmp_path):
    set_theme(sample, kit=str(write_custom_kit(tmp_path / "kit")), overrides={})
    members = export(sample, tmp_path / "p.zip", "xapi")
    css = members["theme/theme.css"].decode()
    light, dark = css.split("@media screen and (prefers-color-scheme: dark)")
    for role, value in LIGHT.items():
        assert f"--cp-{role}: {value};" in light
    for role, value in DARK.items():
        assert f"--cp-{role}: {value};" in dark
    assert "color-scheme: dark;" in dark
    assert f'font-family: "{FAMILY}";' in css and "font-display: swap;" in css
    assert 'src: url("fonts/acme-400.woff2") format("woff2");' in css
    assert f'--cp-font-body: "{FAMILY}";' in css and "--cp-radius: 12px;" in css
    assert members["theme/fonts/acme-400.woff2"][:4] == b"wOF2"
    assert members["theme/logo.svg"] == LOGO
    assert members["theme/favicon.png"][:8] == b"\x89PNG\r\n\x1a\n"
    theme = course_data(members)["theme"]
    assert theme == {"name": "Acme", "logo": "theme/logo.svg", "logoAlt": LOGO_ALT,
                     "favicon": "theme/favicon.png", "buttonStyle": "outline",
                     "strings": STRINGS}


def test_the_same_kit_exports_the_same_bytes(sample, tmp_path):
    set_theme(sample, kit=str(write_custom_kit(tmp_path / "kit")), overrides={})
    export(sample, tmp_path / "a.zip")
    export(sample, tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


@pytest.mark.parametrize("name", BUILTIN_KITS)
def test_every_built_in_kit_writes_the_same_css_twice(name):
    assert theme_css(builtin_kit(name)) == theme_css(builtin_kit(name))


def test_a_shared_kit_edited_to_fail_contrast_refuses_the_export(sample, tmp_path):
    kit = write_custom_kit(tmp_path / "kit")
    set_theme(sample, kit=str(kit), overrides={})
    write_custom_kit(tmp_path / "kit", light={**LIGHT, "text": "#BBBBBB"})
    target = tmp_path / "p.zip"
    with pytest.raises(ExportError) as caught:
        export_course(sample, ExportOptions("scorm12", preset=ORIGINAL), target)
    message = str(caught.value)
    assert "\n" not in message and "fails WCAG 2.2 AA contrast" in message
    assert "light text on surface" in message
    assert not target.exists()


def test_a_missing_shared_kit_refuses_the_export_naming_it(sample, tmp_path):
    kit = write_custom_kit(tmp_path / "kit")
    set_theme(sample, kit=str(kit), overrides={})
    kit.unlink()
    with pytest.raises(ExportError, match="kit"):
        export_course(sample, ExportOptions("scorm12", preset=ORIGINAL), tmp_path / "p.zip")


def test_the_cover_facts_reach_the_course_data(sample, tmp_path):
    commands.set_course(sample, resume="ask", unrecorded="block", cover=True,
                        certificate=True, objectives=("Spot a hazard", "Report it"),
                        end_message="Well done.")
    course = course_data(export(sample, tmp_path / "p.zip"))["course"]
    assert {key: course[key] for key in ("resume", "unrecorded", "cover", "certificate",
                                         "objectives", "endMessage")} == {
        "resume": "ask", "unrecorded": "block", "cover": True, "certificate": True,
        "objectives": ["Spot a hazard", "Report it"], "endMessage": "Well done."}
    assert course["duration"] == course_duration(sample.course())


def test_the_duration_counts_cuts_slides_and_the_declared_estimates(sample):
    # the fire course: a clip cut 2..30 s with one cue question, a 6 s slide, two pages,
    # a quiz of four questions (conftest.build_fire_course)
    pages = [len(i.text.split()) * 60 / READING_WORDS_PER_MINUTE
             for i in sample.course().items() if i.kind == "page"]
    expected = (28 + QUESTION_SECONDS + 6 + sum(max(PAGE_MINIMUM_SECONDS, p) for p in pages)
                + 4 * QUESTION_SECONDS)
    assert course_duration(sample.course()) == pytest.approx(expected, abs=0.1)


@pytest.mark.parametrize("name", ["clear", "editorial"])
def test_the_fonts_licence_ships_beside_the_fonts(sample, tmp_path, name):
    from studio.brand import builtin_dir

    set_theme(sample, kit=name, overrides={})
    members = export(sample, tmp_path / "p.zip")
    assert members["theme/fonts/OFL.txt"] == (builtin_dir(name) / "OFL.txt").read_bytes()
    assert '<file href="theme/fonts/OFL.txt"/>' in members["imsmanifest.xml"].decode()
    assert export(sample, tmp_path / "q.zip") == members  # deterministic
