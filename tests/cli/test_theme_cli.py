"""`studio theme DIR`: the effective kit and its contrast table, a kit chosen by name or file,
single values, refusals that change nothing, --adjust, --logo, --save-kit and undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run_main, studio

from studio.brand import BUILTIN_KITS, builtin_dir, load_kit
from studio.store import Project

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("theme") / "Sample.course"
    studio("sample", path)
    return path


@pytest.fixture
def course(sample, tmp_path) -> Path:
    copy = tmp_path / "Copy.course"
    studio("copy", sample, copy)
    return copy


def theme(course: Path, *args) -> dict:
    done = run_main("theme", course, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def settings_row(course: Path) -> str:
    with Project.open(course) as project:
        return project.course_row()["settings"]


def test_list_names_the_builtin_kits():
    done = run_main("theme", "--list")
    assert done.returncode == 0
    assert [line.split(":")[0] for line in done.stdout.splitlines()] == list(BUILTIN_KITS)
    listed = json.loads(run_main("theme", "--list", "--json").stdout)
    assert [kit["name"] for kit in listed] == list(BUILTIN_KITS)
    assert [kit["default"] for kit in listed] == [True, False, False]


def test_theme_shows_the_default_kit_and_its_contrast_table(course):
    done = run_main("theme", course)
    assert done.returncode == 0
    assert done.stdout.startswith("Kit: Studio (built-in studio, the default)")
    assert "Contrast (WCAG 2.2 AA): every pair passes" in done.stdout
    assert "light       text on surface    16.56:1 (needs 4.5:1)  body text" in done.stdout
    shown = theme(course)
    assert shown["kit"] == "" and shown["passed"] and len(shown["contrast"]) == 12


@pytest.mark.parametrize("name", BUILTIN_KITS)
def test_a_builtin_kit_is_chosen_by_name(course, name):
    shown = theme(course, "--kit", name)
    assert shown["kit"] == name and shown["passed"]
    assert theme(course)["name"] == shown["name"]


def test_a_kit_file_is_referenced_by_its_absolute_path(course, tmp_path):
    shown = theme(course, "--kit", builtin_dir("clear") / "kit.toml")
    assert shown["kit"] == str((builtin_dir("clear") / "kit.toml").resolve())
    assert shown["name"] == "Clear" and len(shown["fonts"]["files"]) == 2


def test_single_values_from_the_shell(course):
    shown = theme(course, "--primary", "#1f7a3a", "--radius", "10", "--button-style", "pill",
                  "--dark-primary", "#8CC4FF", "--dark-accent", "#FFB35C",
                  "--dark-background", "#0E1116", "--dark-surface", "#171B22",
                  "--dark-text", "#F2F4F7")
    assert shown["light"]["primary"] == "#1F7A3A" and shown["dark"]["surface"] == "#171B22"
    assert (shown["radius"], shown["button_style"]) == (10, "pill")
    assert shown["theme"]["light.primary"] == "#1F7A3A" and shown["theme"]["radius"] == "10"
    assert theme(course)["light"]["primary"] == "#1F7A3A"  # kept in the course


def test_a_failing_kit_exits_1_with_its_pairs_and_stores_nothing(course):
    before = settings_row(course)
    done = run_main("theme", course, "--primary", "#7FB2E5", "--text", "#8A8A8A")
    assert done.returncode == 1 and done.stdout == ""
    lines = done.stderr.splitlines()
    assert lines[0] == "studio: Kit Studio fails WCAG 2.2 AA contrast:"
    assert "  light text on surface 3.45:1 (needs 4.5:1)" in lines
    assert "  light primary on background 2.02:1 (needs 3:1)" in lines
    assert lines[-1].startswith("Nothing was changed")
    assert settings_row(course) == before


def test_a_bad_value_is_refused_in_one_line(course):
    before = settings_row(course)
    done = run_main("theme", course, "--primary", "blue")
    assert done.returncode == 1
    assert done.stderr == "studio: Theme: light.primary: 'blue' is not a colour written " \
                          "#RRGGBB.\n"
    done = run_main("theme", course, "--kit", "corporate")
    assert done.returncode == 1
    assert done.stderr.startswith("studio: No built-in kit or kit file 'corporate' (built-in "
                                  "kits: studio, clear, editorial;")
    assert settings_row(course) == before


def test_adjust_moves_failing_colours_and_says_what_changed(course):
    done = run_main("theme", course, "--primary", "#7FB2E5", "--adjust")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Adjusted light primary #7FB2E5 -> #")
    assert "every pair passes" in done.stdout
    shown = theme(course)
    assert shown["passed"] and shown["light"]["primary"] != "#7FB2E5"
    assert shown["light"]["background"] == "#F2F4F7"  # anchors stay


def test_logo_is_stored_as_an_image_asset(course, tmp_path):
    logo = tmp_path / "acme.svg"
    logo.write_bytes(SVG)
    done = run_main("theme", course, "--logo", logo)
    assert done.returncode == 1 and "logo_alt" in done.stderr  # alternative text required
    shown = theme(course, "--logo", logo, "--logo-alt", "Acme")
    assert shown["logo"] == {"type": "svg", "alt": "Acme"}
    with Project.open(course) as project:
        course_model = project.course()
        asset = course_model.assets[course_model.settings.theme_dict()["logo"]]
        assert (asset.kind, asset.original_name) == ("image", "acme.svg")
        assert (project.media_dir / asset.filename).read_bytes() == SVG
    done = run_main("theme", course, "--favicon", tmp_path / "none.png")
    assert done.returncode == 1 and "not found" in done.stderr


def test_save_kit_then_kit_gives_the_same_effective_kit(course, tmp_path):
    logo = tmp_path / "acme.svg"
    logo.write_bytes(SVG)
    first = theme(course, "--kit", "editorial")
    first = theme(course, "--primary", "#1F5A8A", "--logo", logo, "--logo-alt", "Acme",
                  "--save-kit", tmp_path / "acme", "--kit-name", "Editorial")
    assert first["saved"] == str(tmp_path / "acme" / "kit.toml")
    second = theme(course, "--kit", tmp_path / "acme")
    for key in ("kit", "theme", "saved", "changes"):
        first.pop(key, None)
        second.pop(key, None)
    assert second == first


def test_undo_restores_the_previous_theme(course):
    before = theme(course)
    theme(course, "--kit", "clear", "--radius", "12")
    assert theme(course)["name"] == "Clear"
    assert run_main("undo", course).returncode == 0
    assert theme(course) == before


def test_reset_goes_back_to_the_default_kit(course):
    theme(course, "--kit", "clear", "--radius", "12")
    shown = theme(course, "--reset")
    assert shown["kit"] == "" and shown["theme"] == {} and shown["name"] == "Studio"


def test_a_bad_font_or_logo_from_the_shell_is_named_as_its_option(course, tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_bytes(SVG)
    before = settings_row(course)
    done = run_main("theme", course, "--kit", "clear", "--body-font", logo)
    assert done.returncode == 1
    assert done.stderr == ("studio: --body-font logo.svg: not a font file "
                           "(use .woff2, .woff, .ttf, .otf).\n")
    fake = tmp_path / "fake.png"
    fake.write_bytes(b"nope")
    done = run_main("theme", course, "--logo", fake, "--logo-alt", "Acme")
    assert done.stderr == "studio: --logo fake.png: not a PNG file.\n"
    done = run_main("theme", course, "--heading-font", tmp_path / "none.woff2")
    assert done.stderr.startswith("studio: --heading-font: file ")
    assert settings_row(course) == before


def test_save_kit_refuses_a_kit_folder_unless_replace_and_never_a_builtin(course, tmp_path):
    shared = tmp_path / "shared"
    assert theme(course, "--save-kit", shared)["saved"] == str(shared / "kit.toml")
    assert load_kit(shared).name == "shared"  # the folder's name, not the source kit's
    before = (shared / "kit.toml").read_bytes()
    done = run_main("theme", course, "--kit", "clear", "--save-kit", shared)
    assert done.returncode == 1 and "other courses may use it" in done.stderr
    assert "--replace" in done.stderr
    assert (shared / "kit.toml").read_bytes() == before
    assert theme(course)["kit"] == ""  # refused before anything was changed
    theme(course, "--kit", "clear", "--save-kit", shared, "--replace", "--kit-name", "Acme")
    assert load_kit(shared).name == "Acme" and (shared / "OFL.txt").is_file()
    theme(course, "--kit", "studio", "--save-kit", shared, "--replace")
    assert not (shared / "OFL.txt").exists()  # the old kit's files it no longer names
    assert not list((shared / "fonts").iterdir())
    for name in BUILTIN_KITS:
        done = run_main("theme", course, "--save-kit", builtin_dir(name), "--replace")
        assert done.returncode == 1 and f"built-in kit '{name}'" in done.stderr


def test_adjust_on_a_shared_kit_says_the_values_are_this_courses_only(course, tmp_path):
    shared = tmp_path / "shared"
    theme(course, "--kit", "clear", "--save-kit", shared)
    text = (shared / "kit.toml").read_text(encoding="utf-8")
    (shared / "kit.toml").write_text(text.replace("#0A4F99", "#7FB2E5", 1), encoding="utf-8")
    done = run_main("theme", course, "--kit", shared, "--adjust")
    assert done.returncode == 0, done.stderr
    assert (f"These colours are stored for this course only; fix {shared / 'kit.toml'} to "
            "change every course that uses it.") in done.stdout
    assert "Fonts: text Atkinson Hyperlegible Next, headings Atkinson Hyperlegible Next " \
           "(2 font files)" in done.stdout


def test_one_font_file_is_counted_in_the_singular(course):
    font = builtin_dir("clear") / "fonts" / "atkinson-hyperlegible-next-400.woff2"
    done = run_main("theme", course, "--body-font", font)
    assert done.returncode == 0, done.stderr
    assert "(1 font file)" in done.stdout
