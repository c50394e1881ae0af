"""What the player draws once and keeps follows a language switch: the tracking banner's
title and its Try again button; slide picture descriptions reach screen readers in the
chosen language."""

from __future__ import annotations

import zipfile

import pytest
from player_courses import short_course
from playwright.sync_api import expect
from test_honest_tracking import RECORDING_API, banner, open_player, scorm_course
from test_kits_axe import ORIGINAL
from test_translation_player import FRENCH, HEBREW, PICKER, pick, translated, write_data

from studio import commands
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.media.sample import build_sample
from studio.translation.segments import course_segments
from studio.translation.units import Translation

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


PSEUDO_RTL = {"tag": "qps-plocm", "name": "Pseudo-locale (mirrored, right to left)",
              "dir": "rtl", "src": "course-data.qps-plocm.js"}
FITS = """() => { const select = document.getElementById('cp-language');
  const probe = document.createElement('span');
  probe.style.cssText = 'position: absolute; visibility: hidden; white-space: nowrap';
  probe.style.font = getComputedStyle(select).font;
  let widest = 0;
  for (const option of select.options) {
    probe.textContent = option.text; document.body.append(probe);
    widest = Math.max(widest, probe.getBoundingClientRect().width); probe.remove(); }
  const header = document.querySelector('header.bar').getBoundingClientRect();
  const box = select.getBoundingClientRect();
  return {room: select.clientWidth - widest, inside: box.left >= header.left - 1
          && box.right <= header.right + 1}; }"""


@pytest.mark.parametrize("width", [1024, 420])
def test_the_picker_shows_a_long_language_name_whole_in_a_right_to_left_header(
        page, server, package, width):
    course = short_course()
    english, mirrored = translated(course, "en", {}), translated(course, "he", HEBREW)
    mirrored["course"].update(language="qps-plocm", dir="rtl")
    for data in (english, mirrored):
        data["languages"] = [PICKER[0], PSEUDO_RTL]
    folder = package(english)
    write_data(folder, "course-data.qps-plocm.js", mirrored)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(server.mount(folder) + "index.html?tracking=local")
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    pick(page, "Language", "qps-plocm")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    fits = page.evaluate(FITS)
    assert fits["inside"] and fits["room"] >= 0, fits
    title = page.locator("#course-title").bounding_box()
    assert title["width"] > 100  # the title stays readable beside or above the picker


def test_the_french_package_describes_the_slide_pictures_in_french(page, server, tmp_path):
    alts = ("A course outline with three modules", "The export dialog")
    french = ("Le plan d'un cours en trois modules", "La fenêtre d'exportation")
    with build_sample(tmp_path / "Sample.course") as project:
        slide = next(i for i in project.course().items() if i.kind.value == "slide"
                     and i.asset_id)
        commands.update_slide(project, slide.id, alt_texts=list(alts))
        found = {s.id: s for s in course_segments(project.course())}
        ids = [f"{slide.id}.alt.{k}" for k in range(len(alts))]
        commands.store_translations(project, "fr", [
            Translation("fr", seg, text, found[seg].source_hash, alt)
            for seg, alt, text in zip(ids, alts, french, strict=True)])
        target = tmp_path / "fr.zip"
        export_course(project, ExportOptions("html", preset=ORIGINAL, languages=("fr",)),
                      target)
    with zipfile.ZipFile(target) as archive:
        archive.extractall(tmp_path / "fr")
    page.goto(server.mount(tmp_path / "fr") + "index.html?tracking=local")
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    while page.locator("#item-title").text_content() != slide.title:
        page.locator("#next").click()
    pictures = page.locator("main figure.slide-figure figcaption li")
    expect(pictures).to_have_text(list(french))
    caption = page.locator("main figure.slide-figure figcaption")
    expect(caption).to_have_class("visually-hidden")
    box = caption.bounding_box()
    assert box is None or box["width"] <= 1  # for screen readers, not on screen
    names = page.evaluate("""() => [...document.querySelectorAll(
        'main figure.slide-figure figcaption li')].map(li => li.closest('figure') !== null)""")
    assert names == [True, True]
