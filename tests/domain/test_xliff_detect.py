"""Translations left in the source language: segments of three words or more, by identity
or by lingua's detection (never by detection for pseudo-locales); shorter ones never ("Pause",
"Menu", names stay as they are)."""

from __future__ import annotations

from studio.translation.detect import MIN_WORDS, left_in_source, lingua_language

RULE = "Always wear your gloves when you handle the chemicals."
FRENCH = {
    "done": (RULE, "Portez toujours vos gants lorsque vous manipulez les produits chimiques."),
    "copied": (RULE, RULE),
    "copied-spacing": ("Press <b>Start</b> to begin.", "Press  <b>Start</b>\nto begin."),
    "edited-english": (RULE, "Always wear the gloves when you handle any chemicals."),
    "short-copied": ("Next", "Next"),  # one word: legitimately the same ("Pause", "Menu")
    "short-english": ("Click here", "Click now"),  # two words: identity only
    "short-french": ("Next", "Suivant"),
    "number": ("42", "42"),
    "codes": ("Read <i>each</i> rule before you start.",
              "Lisez <i>chaque</i> règle avant de commencer."),
}


def test_english_to_french():
    assert left_in_source(FRENCH, "en", "fr") == [
        "copied", "copied-spacing", "edited-english"]


def test_english_to_german_and_region_tags():
    pairs = [("de", RULE, "Tragen Sie immer Handschuhe, wenn Sie mit Chemikalien arbeiten."),
             ("en", RULE, "Always wear gloves whenever you handle chemicals at work."),
             ("same", "OK", "OK"), ("same-three", "Press OK now", "Press OK now")]
    assert left_in_source(pairs, "en-GB", "de-DE") == ["en", "same-three"]


def test_french_to_english():
    source = "Portez toujours vos gants lorsque vous manipulez les produits chimiques."
    pairs = {"en": (source, RULE),
             "fr": (source, "Portez toujours des gants quand vous manipulez des produits.")}
    assert left_in_source(pairs, "fr", "en") == ["fr"]


def test_pseudo_locales_only_by_identity():
    assert lingua_language("qps-ploc") is None and lingua_language("qps-plocm") is None
    pairs = {"pseudo": (RULE, "[Àļŵàýš ŵéàŕ ýöûŕ ĝļöṽéš ŵĥéñ ýöû ĥàñðļé ţĥé çĥéɱîçàļš. ~~~~]"),
             "english": (RULE, RULE.replace("your", "the")),
             "copied": (RULE, RULE)}
    assert left_in_source(pairs, "en", "qps-ploc") == ["copied"]
    assert left_in_source(pairs, "en", "qps-plocm") == ["copied"]


def test_short_segments_are_never_flagged_even_when_identical():
    assert MIN_WORDS == 3
    pairs = {"two": ("Start now", "Start today"), "same": ("Start now", "Start now"),
             "pause": ("Pause", "Pause"), "menu": ("<b>Menu</b>", "<b>Menu</b>"),
             "name": ("Anna Schmidt", "Anna Schmidt"),
             "three": ("Start it now", "Start it now")}
    assert left_in_source(pairs, "en", "fr") == ["three"]


def test_same_language_pair_and_unknown_tags_use_identity():
    pairs = {"a": (RULE, RULE.replace("your", "the")), "b": (RULE, RULE)}
    assert left_in_source(pairs, "en", "en-GB") == ["b"]
    assert left_in_source(pairs, "en", "x-klingon") == ["b"]
    assert lingua_language("zul") is not None and lingua_language("de-AT") is not None
    assert lingua_language("tlh") is None
