"""The interface strings a brand kit may replace are exactly the entries of the player's
``CP.strings``, read from core.js as Chromium runs it: every one a plain text (texts built
from numbers are templates that ``CP.say`` fills, with plural forms chosen by
``Intl.PluralRules``)."""

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
    assert functions == []


def test_say_fills_placeholders_and_picks_the_plural_form_of_the_texts_language(browser):
    """CP.say fills placeholders once (a value's braces stay), picks "_one"/"_other" by the
    plural rules of the language the texts are in, and CP.applyStrings refuses a text that
    drops or invents a placeholder."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!DOCTYPE html><html lang='en'><title>Say</title></html>")
    page.add_script_tag(path=str(resources_dir() / "player" / "player" / "core.js"))
    said = page.evaluate("""() => {
        const CP = window.CoursePlayer;
        const out = [CP.say("itemOf", {current: 1, total: 6}),
                     CP.say("trackingWaiting", {count: 1}, 1),
                     CP.say("trackingWaiting", {count: 3}, 3),
                     CP.say("hotspotPicked", {label: "{total} & <b>"}),
                     CP.say("itemOf", {current: 2}),
                     CP.points(1.5, 3), CP.points(2, 1)];
        document.documentElement.lang = "fr";  // still English words: English plural rules
        out.push(CP.say("trackingWaiting", {count: 0}, 0), CP.points(1.5, 3));
        CP.applyStrings({"trackingWaiting_one": "{count} envoi",
                         "trackingWaiting_other": "{count} envois"});
        document.documentElement.lang = "fr";  // French: 0 and 1 are "one"
        out.push(CP.say("trackingWaiting", {count: 0}, 0));
        document.documentElement.lang = "pl";  // Polish "few": no such form, so "other"
        out.push(CP.say("trackingWaiting", {count: 3}, 3));
        document.documentElement.lang = "en-x-ploc";
        out.push(CP.say("trackingWaiting", {count: 1}, 1));
        CP.applyStrings({itemOf: "Item {current}", passMark: "{mark} {bad}%"});  // refused
        out.push(CP.say("itemOf", {current: 1, total: 6}), CP.say("passMark", {mark: 50}));
        CP.applyStrings({itemOf: "{total} : {current}"});
        out.push(CP.say("itemOf", {current: 1, total: 6}));
        return out;
    }""")
    context.close()
    assert said == ["Item 1 of 6", "1 record waiting to be sent", "3 records waiting to be sent",
                    "Picked: {total} & <b>", "Item 2 of {total}", "1.5 of 3 points",
                    "2 of 1 point", "0 records waiting to be sent", "1.5 of 3 points",
                    "0 envoi", "3 envois", "1 envoi", "Item 1 of 6", "Pass mark 50%.",
                    "6 : 1"]
