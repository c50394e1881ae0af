"""The interface strings a brand kit may replace are exactly the plain-text entries of the
player's ``CP.strings``, read from core.js as Chromium runs it."""

from __future__ import annotations

from studio.brand import PLAYER_STRING_KEYS
from studio.resources import resources_dir


def test_player_string_keys_are_the_plain_strings_of_core_js(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!DOCTYPE html><title>Strings</title>")
    page.add_script_tag(path=str(resources_dir() / "player" / "player" / "core.js"))
    keys = page.evaluate("""() => {
        const strings = window.CoursePlayer.strings;
        return Object.keys(strings).filter((key) => typeof strings[key] === "string");
    }""")
    functions = page.evaluate("""() => {
        const strings = window.CoursePlayer.strings;
        return Object.keys(strings).filter((key) => typeof strings[key] === "function");
    }""")
    context.close()
    assert set(keys) == PLAYER_STRING_KEYS
    assert functions and not PLAYER_STRING_KEYS & set(functions)
