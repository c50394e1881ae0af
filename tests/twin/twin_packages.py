"""Packages and profiles the LMS twin's tests run: profiles with one switch changed, SCOs
written by hand, and player packages of plain pages."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from studio.export.lms_profiles import LmsProfile, load_profile
from studio.export.package import DATA_FILE
from studio.export.player_data import data_js
from studio.resources import resources_dir


def profile_with(name: str, **lms) -> LmsProfile:
    """The profile ``name`` with some of its [lms] behaviour changed."""
    profile = load_profile(name)
    return dataclasses.replace(profile, lms=dataclasses.replace(profile.lms, **lms))


MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="handmade" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>Handmade</title>
    <item identifier="item_sco" identifierref="res_sco"><title>Handmade SCO</title></item>
  </organization></organizations>
  <resources>
    <resource identifier="res_sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""


def handmade_sco(folder: Path, script: str) -> Path:
    """A SCORM 1.2 package folder of one hand-written SCO page running ``script`` (``api`` is
    the LMS's API object)."""
    folder.mkdir(parents=True)
    (folder / "imsmanifest.xml").write_text(MANIFEST_12, encoding="utf-8")
    (folder / "index.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>SCO</title>"
        "</head><body><p>Handmade</p><script>var api = window.parent.API;\n"
        f"{script}\n</script></body></html>", encoding="utf-8")
    return folder


def player_package(folder: Path, course: dict) -> Path:
    """A SCORM 1.2 package folder of one SCO: the player and ``course`` as its course data
    (a dict shaped like ``course-data.js``'s document)."""
    shutil.copytree(resources_dir() / "player", folder)
    (folder / DATA_FILE).write_bytes(data_js(course))
    (folder / "imsmanifest.xml").write_text(MANIFEST_12, encoding="utf-8")
    return folder


def pages_course(count: int) -> dict:
    """Course data of ``count`` text pages in one lesson, tracked by SCORM 1.2."""
    return {"schema": 1, "tracking": "scorm12",
            "course": {"id": "pages", "title": "Pages", "completion": "all_items",
                       "masteryScore": None},
            "modules": [{"id": "m1", "title": "Module", "lessons": [
                {"id": "l1", "title": "Lesson", "items": [
                    {"id": f"p{n}", "kind": "page", "title": f"Page {n}",
                     "blocks": [{"type": "paragraph", "text": f"Text {n}."}]}
                    for n in range(1, count + 1)]}]}]}
