"""Brand kits: the strict kit-file reader, the built-in kits, overrides, the WCAG 2.2 AA
contrast check and adjustment, per-language strings, and the course's theme settings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from studio import commands
from studio.brand import (
    BUILTIN_KITS,
    PAIRS,
    adjust_kit,
    builtin_dir,
    builtin_kit,
    check_contrast,
    contrast_report,
    load_kit,
    resolve_kit,
    write_kit,
)
from studio.brand.colors import contrast
from studio.commands.brand import course_kit, set_theme
from studio.errors import BrandKitError, ContrastError, InvalidEditError
from studio.resources import resources_dir

GOOD = """\
format = 1
name = "Acme"
[colors.light]
primary = "#0B5CAD"
accent = "#C25E00"
background = "#F2F4F7"
surface = "#FFFFFF"
text = "#1A1A1A"
"""


def kit_at(folder: Path, text: str = GOOD) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kit.toml").write_text(text, encoding="utf-8")
    return folder


def test_the_studio_kit_is_the_players_own_look():
    kit = builtin_kit("studio")
    css = (resources_dir() / "player/player/player.css").read_text(encoding="utf-8")
    root = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", css.split("}")[0]))
    light = kit.light
    roles = ("primary", "accent", "background", "surface", "text", "on_primary", "muted", "line",
             "success", "error", "partial")
    assert {role: getattr(light, role) for role in roles} == {
        role: root["cp-" + role.replace("_", "-")].upper() for role in roles}
    assert kit.faces == () and kit.body_family == "" and kit.logo is None and kit.dark is None


@pytest.mark.parametrize("name", BUILTIN_KITS)
def test_every_builtin_kit_loads_and_passes_contrast(name):
    kit = builtin_kit(name)
    check_contrast(kit)
    assert all(result.passed for result in contrast_report(kit))


def test_an_unknown_builtin_kit_is_refused_naming_those_known():
    with pytest.raises(BrandKitError, match="studio, clear, editorial"):
        builtin_kit("corporate")


def test_a_kit_file_reads_with_derived_colours(tmp_path):
    kit = load_kit(kit_at(tmp_path / "acme"))
    assert kit.name == "Acme" and kit.light.primary == "#0B5CAD"
    assert kit.light.on_primary == "#FFFFFF"  # white beats near-black on a dark blue
    assert contrast(kit.light.muted, kit.light.surface) >= 4.5
    assert kit.light.muted != kit.light.text and kit.light.line == kit.light.muted
    assert kit.light.success == "#17602C"
    check_contrast(kit)


@pytest.mark.parametrize(("change", "key", "reason"), [
    (('name = "Acme"', 'name = "Acme"\ncolour = 1'), "colour", "unknown key"),
    (('primary = "#0B5CAD"', 'primary = "blue"'), "colors.light.primary",
     "'blue' is not a colour written #RRGGBB"),
    (('primary = "#0B5CAD"', "primary = 11"), "colors.light.primary", "not a colour"),
    (('text = "#1A1A1A"', ""), "colors.light.text", "missing"),
    (('text = "#1A1A1A"', 'text = "#1A1A1A"\nshadow = "#000000"'),
     "colors.light.shadow", "unknown key"),
    (("format = 1", "format = 2"), "format", "version 2 is not known"),
    (("format = 1", 'format = "1"'), "format", "must be a whole number"),
    (("", "[shape]\nradius = 30"), "shape.radius", "0..24"),
    (("", "[shape]\nradius = 4.5"), "shape.radius", "whole number"),
    (("", '[shape]\nbutton_style = "round"'), "shape.button_style",
     "solid, outline, pill"),
    (("", '[logo]\nfile = "logo.svg"\nalt = "Acme"'), "logo.file",
     "not found"),
    (("", '[logo]\nalt = 5'), "logo.alt", "must be text"),
    (("", '[fonts]\nbody = { family = "X", files = ["x.woff2"] }'),
     "fonts.body.files", "not found"),
    (("", '[fonts]\nbody = { files = [] }'), "fonts.body.family",
     "missing"),
    (("", '[strings.en]\nnxt = "Go"'), "strings.en.nxt",
     "not a player string"),
    (("", '[strings."not a tag"]\nnext = "Go"'), "strings.not a tag",
     "not a language tag"),
    (("", '[strings.fr]\nitemOf = "Élément {current}"'), "strings.fr.itemOf",
     'drops {total} (English: "Item {current} of {total}")'),
    (("", '[strings.fr]\ntrackingWaiting_one = "{count} envoi {n}"'),
     "strings.fr.trackingWaiting_one", "invents {n}"),
])
def test_a_bad_kit_file_is_refused_in_one_line_naming_file_and_key(tmp_path, change, key,
                                                                    reason):
    old, new = change  # old "": a table appended
    folder = kit_at(tmp_path / "bad", GOOD.replace(old, new, 1) if old else GOOD + new)
    with pytest.raises(BrandKitError) as caught:
        load_kit(folder)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{folder / 'kit.toml'}: {key}: "), message
    assert reason in message


def test_a_missing_or_broken_kit_file_is_named(tmp_path):
    with pytest.raises(BrandKitError, match=re.escape(str(tmp_path / "none" / "kit.toml"))):
        load_kit(tmp_path / "none" / "kit.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("name = ", encoding="utf-8")
    with pytest.raises(BrandKitError, match="not valid TOML"):
        load_kit(broken)


def test_a_logo_needs_its_alternative_text_and_its_own_format(tmp_path):
    folder = kit_at(tmp_path / "k", GOOD + '[logo]\nfile = "logo.png"\n')
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    with pytest.raises(BrandKitError, match=r"logo\.alt: .*required"):
        load_kit(folder)
    (folder / "kit.toml").write_text(GOOD + '[logo]\nfile = "logo.png"\nalt = "Acme"\n')
    kit = load_kit(folder)
    assert kit.logo_type == "png" and kit.logo_alt == "Acme"
    (folder / "logo.png").write_bytes(b"GIF89a")
    with pytest.raises(BrandKitError, match=r"logo\.file: logo\.png is not a PNG file"):
        load_kit(folder)


def test_strings_for_falls_back_to_the_primary_subtag(tmp_path):
    text = GOOD + '[strings.en]\nnext = "Continue"\n[strings.fr]\nnext = "Suivant"\n' \
        '[strings.fr-ca]\nnext = "Continuer"\n'
    kit = load_kit(kit_at(tmp_path / "k", text))
    assert set(kit.strings) == {"en", "fr", "fr-CA"}
    assert kit.strings_for("fr-CA") == {"next": "Continuer"}
    assert kit.strings_for("fr-BE") == {"next": "Suivant"}
    assert kit.strings_for("en-GB") == {"next": "Continue"}
    assert kit.strings_for("de") == {}


def test_a_kit_replaces_a_template_keeping_its_placeholders_in_any_order(tmp_path):
    text = GOOD + '[strings.fr]\nitemOf = "{total} éléments : voici le {current}"\n' \
        'trackingWaiting_other = "{count} envois en attente"\n'
    kit = load_kit(kit_at(tmp_path / "k", text))
    assert kit.strings_for("fr") == {"itemOf": "{total} éléments : voici le {current}",
                                     "trackingWaiting_other": "{count} envois en attente"}


def test_a_failing_kit_is_refused_with_exactly_its_failing_pairs(tmp_path):
    text = GOOD.replace("#0B5CAD", "#7FB2E5").replace("#1A1A1A", "#8A8A8A")
    kit = load_kit(kit_at(tmp_path / "pale", text))
    failing = {(r.scheme, r.foreground, r.background) for r in contrast_report(kit)
               if not r.passed}
    assert failing == {("light", "text", "background"), ("light", "text", "surface"),
                       ("light", "primary", "surface"), ("light", "primary", "background"),
                       ("light", "muted", "surface")}
    with pytest.raises(ContrastError) as caught:
        check_contrast(kit)
    message = str(caught.value)
    assert message.startswith("Kit Acme fails WCAG 2.2 AA contrast: ")
    assert "light text on surface 3.45:1 (needs 4.5:1)" in message
    assert len(caught.value.failures) == len(failing)
    assert len(contrast_report(kit)) == len(PAIRS)  # no dark scheme: light pairs only


def test_adjusting_makes_a_kit_pass_changing_only_its_failing_colours(tmp_path):
    text = GOOD.replace("#0B5CAD", "#7FB2E5")
    kit = load_kit(kit_at(tmp_path / "pale", text))
    adjusted, changes = adjust_kit(kit)
    check_contrast(adjusted)
    changed = {line.split()[1] for line in changes}
    assert "primary" in changed
    for role in ("accent", "background", "surface", "text", "muted", "line", "success"):
        assert getattr(adjusted.light, role) == getattr(kit.light, role)
    assert changes[0] == f"light primary #7FB2E5 -> {adjusted.light.primary}"
    assert adjust_kit(kit) == (adjusted, changes)  # deterministic
    assert adjust_kit(adjusted) == (adjusted, [])  # a passing kit comes back as it was


def test_overrides_replace_single_values_and_rederive_the_rest(tmp_path):
    kit = resolve_kit("", {"light.primary": "#1F7A3A", "radius": "0",
                           "button_style": "pill"})
    assert kit.light.primary == "#1F7A3A" and kit.radius == 0 and kit.button_style == "pill"
    assert kit.light.surface == builtin_kit("studio").light.surface
    with pytest.raises(BrandKitError, match=r"Theme: light\.primary: 'green' is not"):
        resolve_kit("", {"light.primary": "green"})
    with pytest.raises(BrandKitError, match="unknown setting 'shadow'"):
        resolve_kit("", {"shadow": "1"})
    with pytest.raises(BrandKitError, match="dark.primary"):
        resolve_kit("", {"dark.text": "#FFFFFF"})
    shared = kit_at(tmp_path / "acme")
    assert resolve_kit(str(shared), {}).name == "Acme"
    assert resolve_kit(str(shared / "kit.toml"), {}).name == "Acme"


def test_a_course_wears_the_default_kit_until_a_theme_is_set(project):
    assert course_kit(project.course(), project.media_dir) == builtin_kit("studio")


def test_set_theme_refuses_a_failing_kit_and_stores_nothing(project, dump):
    before = dump(project)
    with pytest.raises(ContrastError, match="light primary on surface"):
        set_theme(project, overrides={"light.primary": "#7FB2E5"})
    assert dump(project) == before


def test_set_theme_with_adjust_stores_the_passing_shades_in_one_undo_step(project, dump):
    before = dump(project)
    result = set_theme(project, overrides={"light.primary": "#7FB2E5"}, adjust=True)
    kit = course_kit(project.course(), project.media_dir)
    assert kit == result.kit and kit.light.primary != "#7FB2E5"
    assert result.changes[0].startswith("light primary #7FB2E5 -> ")
    check_contrast(kit)
    project.undo()
    assert dump(project) == before


def test_a_shared_kit_is_read_at_every_call_and_named_when_missing(project, tmp_path):
    shared = kit_at(tmp_path / "acme")
    set_theme(project, kit=str(shared))
    settings = project.course().settings
    assert settings.kit == str((shared / "kit.toml").resolve())
    (shared / "kit.toml").write_text(GOOD.replace('"Acme"', '"Acme 2"'), encoding="utf-8")
    assert course_kit(project.course(), project.media_dir).name == "Acme 2"
    (shared / "kit.toml").unlink()
    with pytest.raises(BrandKitError, match=re.escape(str(shared / "kit.toml"))):
        course_kit(project.course(), project.media_dir)
    assert project.course().settings.kit == settings.kit


def test_course_presentation_settings_are_validated_and_stored(project):
    commands.set_course(project, resume="ask", unrecorded="block", cover=True,
                        certificate="true", objectives="Spot a hazard| Report it |",
                        end_message=" Well done ")
    settings = project.course().settings
    assert (settings.resume, settings.unrecorded, settings.cover, settings.certificate) == (
        "ask", "block", True, True)
    assert settings.objectives == ("Spot a hazard", "Report it")
    assert settings.end_message == "Well done"
    stored = json.loads(project.course_row()["settings"])
    assert stored["objectives"] == ["Spot a hazard", "Report it"]
    for values, message in [({"resume": "sometimes"}, "always, never, ask"),
                            ({"unrecorded": "stop"}, "continue, block"),
                            ({"cover": 3}, "true or false"),
                            ({"objectives": 5}, "Objectives are texts"),
                            ({"end_message": 5}, "must be text"),
                            ({"kit": "clear"}, "theme command")]:
        with pytest.raises(InvalidEditError, match=message):
            commands.set_course(project, **values)
    assert project.course().settings == settings


@pytest.mark.parametrize("name", BUILTIN_KITS)
def test_a_kit_written_as_a_folder_reads_back_as_the_same_kit(tmp_path, name):
    kit = builtin_kit(name)
    written = write_kit(kit, tmp_path / "copy", name=kit.name)
    assert written == tmp_path / "copy" / "kit.toml"
    assert load_kit(tmp_path / "copy") == kit


def test_a_kit_with_logo_favicon_and_strings_round_trips(tmp_path):
    folder = kit_at(tmp_path / "k", GOOD + '[logo]\nfile = "l.svg"\nalt = "Acme"\n'
                    'favicon = "f.ico"\n[strings.fr]\nnext = "Suivant"\n')
    (folder / "l.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    (folder / "f.ico").write_bytes(b"\x00\x00\x01\x00" + b"\0" * 18)
    kit = load_kit(folder)
    write_kit(kit, tmp_path / "out", name=kit.name)
    assert load_kit(tmp_path / "out") == kit
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "favicon.ico", "kit.toml", "logo.svg"]


def test_an_asset_the_theme_uses_stays_in_the_media_bin(project, tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    set_theme(project, overrides={"logo": str(logo), "logo_alt": "Acme"})
    asset_id = project.course().settings.theme_dict()["logo"]
    with pytest.raises(InvalidEditError, match="used by “the course theme”"):
        commands.remove_asset(project, asset_id)
    set_theme(project, kit="")
    commands.remove_asset(project, asset_id)


def test_a_kit_folder_is_replaced_only_when_asked_and_loses_its_stale_files(tmp_path):
    from studio.brand.writer import KitExistsError

    folder = tmp_path / "shared"
    write_kit(builtin_kit("editorial"), folder)
    assert load_kit(folder).name == "shared"  # named after its folder by default
    before = (folder / "kit.toml").read_bytes()
    with pytest.raises(KitExistsError, match="other courses may use it"):
        write_kit(builtin_kit("clear"), folder, name="Acme")
    assert (folder / "kit.toml").read_bytes() == before
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    write_kit(builtin_kit("clear"), folder, name="Acme", replace=True)
    kit = load_kit(folder)
    assert kit.name == "Acme" and kit.body_family == "Atkinson Hyperlegible Next"
    assert sorted(p.name for p in (folder / "fonts").iterdir()) == [
        "atkinson-hyperlegible-next-400.woff2", "atkinson-hyperlegible-next-700.woff2"]
    assert (folder / "notes.txt").exists()  # files the old kit did not name stay


@pytest.mark.parametrize("name", BUILTIN_KITS)
def test_a_builtin_kit_folder_is_never_written(name):
    before = (builtin_dir(name) / "kit.toml").read_bytes()
    for folder in (builtin_dir(name), builtin_dir(name) / "fonts"):
        with pytest.raises(BrandKitError, match=f"is the built-in kit '{name}'"):
            write_kit(builtin_kit("studio"), folder, replace=True)
    assert (builtin_dir(name) / "kit.toml").read_bytes() == before


@pytest.mark.parametrize("name", ["clear", "editorial"])
def test_font_licences_are_read_and_travel_with_a_saved_kit(tmp_path, name):
    kit = builtin_kit(name)
    licence = (builtin_dir(name) / "OFL.txt").read_bytes()
    assert kit.font_licenses == (("OFL.txt", licence),)
    write_kit(kit, tmp_path / "copy")
    assert (tmp_path / "copy" / "OFL.txt").read_bytes() == licence
    assert load_kit(tmp_path / "copy").font_licenses == kit.font_licenses


def test_a_font_licence_must_be_a_file_name_or_a_list_of_them(tmp_path):
    folder = kit_at(tmp_path / "k", GOOD + "[fonts]\nlicense = 3\n")
    with pytest.raises(BrandKitError, match=r"fonts\.license: must be a list of file names"):
        load_kit(folder)
    kit_at(folder, GOOD + '[fonts]\nlicense = "OFL.txt"\n')
    with pytest.raises(BrandKitError, match=r"fonts\.license: file .*OFL\.txt not found"):
        load_kit(folder)


def test_a_file_given_as_an_override_is_blamed_not_the_kit(tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    with pytest.raises(BrandKitError) as caught:
        resolve_kit("clear", {"body_font": str(logo)})
    assert caught.value.message == ("Theme: body font logo.svg: not a font file "
                                    "(use .woff2, .woff, .ttf, .otf).")
    png = tmp_path / "fake.png"
    png.write_bytes(b"nope")
    with pytest.raises(BrandKitError) as caught:
        resolve_kit("clear", {"logo": str(png), "logo_alt": "Acme"})
    assert caught.value.message == "Theme: logo fake.png: not a PNG file."
