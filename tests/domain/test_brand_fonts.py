"""Brand-kit fonts: WOFF2 files taken as they are, TTF converted to WOFF2 by fontTools with the
same bytes every time, weight and style read from the OS/2 table, bad files refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from studio.brand import builtin_dir, load_kit, read_font
from studio.brand.fonts import font_from_bytes
from studio.commands.brand import course_kit, set_theme

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
LIGHT = DEJAVU / "DejaVuSans-ExtraLight.ttf"  # the smallest DejaVu: Brotli takes seconds
needs_dejavu = pytest.mark.skipif(not LIGHT.is_file(), reason="the DejaVu fonts are missing")


def small_copy(source: Path, target: Path) -> Path:
    """``source`` cut down to a few glyphs (quick to convert), its OS/2 table kept."""
    from fontTools import subset

    font = TTFont(source)
    subsetter = subset.Subsetter()
    subsetter.populate(text="Aa")
    subsetter.subset(font)
    font.save(target)
    return target


@needs_dejavu
def test_a_ttf_becomes_woff2_that_reads_back_with_its_weight():
    face = read_font(LIGHT)
    assert face.data[:4] == b"wOF2" and face.name == "DejaVuSans-ExtraLight.woff2"
    assert (face.family, face.weight, face.style) == ("DejaVu Sans", 200, "normal")
    back = TTFont(io.BytesIO(face.data))
    assert back.flavor == "woff2" and back["OS/2"].usWeightClass == 200
    assert back.getGlyphOrder() == TTFont(LIGHT).getGlyphOrder()
    assert font_from_bytes.__wrapped__(LIGHT.read_bytes(), LIGHT.stem, ".ttf") == face  # same
    # bytes on every conversion, not only from the cache


@needs_dejavu
def test_weight_and_italic_are_read_from_the_os2_table(tmp_path):
    bold_italic = read_font(small_copy(DEJAVU / "DejaVuSerif-BoldItalic.ttf",
                                       tmp_path / "serif-bi.ttf"))
    assert (bold_italic.weight, bold_italic.style) == (700, "italic")


def test_a_woff2_is_kept_byte_for_byte():
    path = builtin_dir("clear") / "fonts" / "atkinson-hyperlegible-next-400.woff2"
    face = read_font(path, "Atkinson Hyperlegible Next")
    assert face.data == path.read_bytes() and face.weight == 400


@needs_dejavu
def test_files_that_are_not_what_they_claim_are_refused(tmp_path):
    fake = tmp_path / "fake.woff2"
    fake.write_bytes(b"not a font")
    with pytest.raises(ValueError, match="fake.woff2 is not a readable font"):
        read_font(fake)
    renamed = small_copy(LIGHT, tmp_path / "DejaVu.woff2")
    with pytest.raises(ValueError, match="is not a WOFF2 font"):
        read_font(renamed)
    with pytest.raises(ValueError, match="not a font file"):
        read_font(tmp_path / "font.pdf")


@needs_dejavu
def test_a_kit_with_ttf_files_ships_them_as_woff2(tmp_path):
    for name in ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"):
        small_copy(DEJAVU / name, tmp_path / name)
    (tmp_path / "kit.toml").write_text(
        '[colors.light]\nprimary = "#0B57A4"\naccent = "#C25E00"\nbackground = "#F2F4F7"\n'
        'surface = "#FFFFFF"\ntext = "#1B1F24"\n[fonts]\n'
        'heading = { family = "DejaVu Serif", files = ["DejaVuSerif.ttf", '
        '"DejaVuSerif-Bold.ttf"] }\n', encoding="utf-8")
    kit = load_kit(tmp_path)
    assert kit.body_family == "" and kit.heading_family == "DejaVu Serif"
    assert [(f.name, f.weight) for f in kit.faces] == [("DejaVuSerif-Bold.woff2", 700),
                                                        ("DejaVuSerif.woff2", 400)]


@needs_dejavu
def test_a_body_font_from_the_shell_is_a_font_asset_named_by_its_face(project):
    set_theme(project, overrides={"body_font": str(LIGHT)})
    course = project.course()
    asset = course.assets[course.settings.theme_dict()["body_font"]]
    assert asset.kind == "font" and asset.original_name == LIGHT.name
    stored = (project.media_dir / asset.filename).read_bytes()
    assert stored[:4] == b"wOF2" and asset.filename.endswith(".woff2")  # converted once
    kit = course_kit(course, project.media_dir)
    assert kit.body_family == "DejaVu Sans" == kit.heading_family
    assert [face.name for face in kit.faces] == ["dejavu-sans-200.woff2"]
    set_theme(project, overrides={"body_family": "Brand Sans"})
    kit = course_kit(project.course(), project.media_dir)
    assert kit.body_family == "Brand Sans" and kit.faces[0].family == "Brand Sans"
