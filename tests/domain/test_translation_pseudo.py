"""Pseudo-locales and text direction: deterministic accented text, codes intact, at least
35 % longer, bracketed; right to left where CLDR (or the mirrored pseudo-locale) says so."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.errors import InvalidEditError
from studio.language import language_name, language_tag, text_direction
from studio.translation.pseudo import PDF, PSEUDO_LOCALES, RLO, pseudo_text
from studio.translation.units import INLINE_CODE

SAMPLES = ["Next", "A", "Hello <b>world</b>, {name}!", "<v Anna>Zoom in</v> now.",
           "Two\nlines", "Über straße — 9 a.m.", "x" * 300]


@pytest.mark.parametrize("locale", PSEUDO_LOCALES)
@pytest.mark.parametrize("text", SAMPLES)
def test_pseudo_text_is_bracketed_longer_and_keeps_codes(text, locale):
    out = pseudo_text(text, locale)
    assert out == pseudo_text(text, locale)  # deterministic
    assert out.startswith("[") and out.endswith("]")
    inner = out[1:-1]
    if locale == "qps-plocm":
        assert inner.startswith(RLO) and inner.endswith(PDF)
        inner = inner[1:-1]
    assert len(inner) >= 1.35 * len(text)
    assert INLINE_CODE.findall(out) == INLINE_CODE.findall(text)
    assert not any(c.isascii() and c.isalpha() for c in INLINE_CODE.sub("", out))


def test_pseudo_text_leaves_blank_text_and_refuses_other_locales():
    assert pseudo_text("", "qps-ploc") == "" and pseudo_text("  ", "qps-ploc") == "  "
    with pytest.raises(ValueError):
        pseudo_text("Hello", "fr")


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcXYZ <>/{}é.\n1"), max_size=40))
def test_pseudo_text_on_any_text(text):
    out = pseudo_text(text, "qps-ploc")
    if text.strip():
        assert len(out) - 2 >= 1.35 * len(text)
        assert INLINE_CODE.findall(out) == INLINE_CODE.findall(text)
    else:
        assert out == text


@pytest.mark.parametrize(("tag", "direction"), [
    ("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ar-EG", "rtl"), ("fr", "ltr"),
    ("en-GB", "ltr"), ("qps-plocm", "rtl"), ("qps-ploc", "ltr"), ("qaa", "ltr"),
    ("xx-unknown", "ltr"), ("", "ltr"),
])
def test_text_direction(tag, direction):
    assert text_direction(tag) == direction


def test_pseudo_tags_are_language_tags():
    assert language_tag("qps-ploc") == "qps-ploc"
    assert language_tag(" QPS-PLOCM ") == "qps-plocm"
    assert language_tag("qps_ploc") == "qps-ploc"
    assert language_name("qps-plocm") == "Pseudo-locale (mirrored, right to left)"
    with pytest.raises(InvalidEditError):
        language_tag("qps-plocx")
