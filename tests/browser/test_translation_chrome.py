"""What the player draws once and keeps follows a language switch: the tracking banner's
title and its Try again button; slide picture descriptions reach screen readers in the
chosen language."""

from __future__ import annotations

from playwright.sync_api import expect
from test_honest_tracking import RECORDING_API, banner, open_player, scorm_course
from test_translation_player import FRENCH, PICKER, pick, translated, write_data

FRENCH_TRACKING = {**FRENCH, "trackingTitle": "Votre progression n'est pas enregistrée.",
                   "trackingRetry": "Réessayer",
                   "trackingBlocked": "Ce cours doit enregistrer votre progression."}


def test_a_switch_says_the_tracking_banner_in_the_new_language(page, server, package):
    course = scorm_course()
    english, french = translated(course, "en", {}), translated(course, "fr", FRENCH_TRACKING)
    for data in (english, french):
        data["languages"] = PICKER[:2]
    folder = package(english)
    write_data(folder, "course-data.fr.js", french)
    page.add_init_script(RECORDING_API)
    open_player(page, server, folder)
    title = banner(page).locator(".tracking-title")
    expect(title).to_have_text("Your progress is not being recorded.")
    expect(banner(page).get_by_role("button")).to_have_text("Try again")
    pick(page, "Language", "fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(title).to_have_text(FRENCH_TRACKING["trackingTitle"])
    expect(banner(page).get_by_role("button")).to_have_text("Réessayer")
    expect(banner(page).locator(".tracking-blocked")).to_have_text(
        FRENCH_TRACKING["trackingBlocked"])
    pick(page, FRENCH["language"], "en")
    expect(title).to_have_text("Your progress is not being recorded.")
    expect(banner(page).get_by_role("button")).to_have_text("Try again")
