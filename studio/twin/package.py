"""A package as the twin LMS sees it: unpacked safely, its standard, its units and its course data.

A zip is unpacked into a temporary folder the way a careful LMS unpacks it (studio.zipcheck's
limits, no member path leaving the folder, no links); an unpacked folder is used as it is.
The units (SCOs) are read from ``imsmanifest.xml`` in manifest order (IMS CP 1.1.4: the
default organization's items, depth first), each with its launch URL (resource ``href`` +
item ``parameters``) and the mastery the LMS hands the SCO (SCORM 1.2 CAM
``adlcp:masteryscore`` -> ``cmi.student_data.mastery_score``; SCORM 2004 SN
``imsss:minNormalizedMeasure`` -> ``cmi.scaled_passing_score``).
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from studio.errors import TwinError
from studio.export.package import DATA_FILE
from studio.export.package_source import PACKAGE_LIMITS
from studio.export.player_data import PREFIX
from studio.zipcheck import READ_ERRORS, damage_reason, zip_problem

MANIFEST = "imsmanifest.xml"
# What marks a Tin Can (xAPI) or cmi5 package at its root.
XAPI_FILE, CMI5_FILE = "tincan.xml", "cmi5.xml"


@dataclass(frozen=True)
class LaunchUnit:
    """One launchable unit (SCO): its manifest item ``id``, ``title``, ``href`` (relative to
    the package root, parameters included) and the ``mastery`` the LMS delivers: SCORM 1.2
    mastery score 0..100, SCORM 2004 scaled passing score -1..1, "" when none."""

    id: str
    title: str
    href: str
    mastery: str = ""


@dataclass(frozen=True)
class TwinPackage:
    """An unpacked package: its ``root`` folder, ``standard`` (``scorm12``, ``scorm2004``,
    ``xapi``, ``cmi5``), SCORM 2004 ``edition`` ("2nd", "3rd", "4th"; "" otherwise), the
    manifest ``identifier``, its ``units`` in manifest order (empty for xAPI and cmi5) and
    ``course_data`` (the document of ``course-data.js``; {} when it cannot be read)."""

    root: Path
    standard: str
    edition: str
    identifier: str
    units: tuple[LaunchUnit, ...]
    course_data: dict

    @property
    def launch_mode(self) -> str:
        """How the package asks to be launched (``COURSE_DATA.lms.launch``: ``frameset``,
        ``iframe``, ``new_window``), "" when it does not say."""
        lms = self.course_data.get("lms")
        return str(lms.get("launch", "")) if isinstance(lms, dict) else ""


def unpack(package: Path, into: Path) -> Path:
    """The folder holding ``package``'s files: ``package`` itself when it is a folder, else
    the zip unpacked into ``into`` (created). Raises :class:`TwinError` for a zip that is
    damaged, a zip bomb (``PACKAGE_LIMITS``), or holds a path leaving the package."""
    package = Path(package)
    if package.is_dir():
        return package
    try:
        archive = zipfile.ZipFile(package)
    except (OSError, zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise TwinError(f"{package.name} is not a package the twin can open "
                        f"({damage_reason(exc)}).") from None
    with archive:
        problem = zip_problem(archive.infolist(), PACKAGE_LIMITS)
        if problem is not None:
            raise TwinError(f"{problem.member or package.name} {problem.message}.")
        into.mkdir(parents=True, exist_ok=True)
        root = into.resolve()
        for info in archive.infolist():
            name = info.filename
            parts = name.split("/")
            if "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name) \
                    or ".." in parts:
                raise TwinError(f"{package.name} holds {name}, whose path leaves the package.")
            target = (root / name).resolve()
            if root not in target.parents:
                raise TwinError(f"{package.name} holds {name}, whose path leaves the package.")
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(info) as source, open(target, "wb") as out:
                    shutil.copyfileobj(source, out, 1024 * 1024)
            except READ_ERRORS as exc:
                raise TwinError(f"{name} in {package.name} cannot be unpacked "
                                f"({damage_reason(exc)}).") from None
    return into


def open_package(package: Path, workdir: Path | None = None) -> TwinPackage:
    """Unpack ``package`` (zip or folder; a zip goes into ``workdir``, a new temporary folder
    when None) and read what the twin needs. Raises :class:`TwinError` for a package that
    cannot be unpacked, that is no SCORM, xAPI or cmi5 package, or whose manifest is not
    well-formed XML."""
    folder = Path(package)
    root = unpack(folder, (workdir or Path(tempfile.mkdtemp(prefix="twin-"))) / "package")
    data = read_course_data(root)
    if (root / MANIFEST).is_file():
        standard, edition, identifier, units = _manifest(root / MANIFEST, folder.name)
        return TwinPackage(root, standard, edition, identifier, units, data)
    for marker, standard in ((CMI5_FILE, "cmi5"), (XAPI_FILE, "xapi")):
        if (root / marker).is_file():
            return TwinPackage(root, standard, "", "", (), data)
    raise TwinError(f"{folder.name} has no imsmanifest.xml, tincan.xml or cmi5.xml: it is no "
                    "package an LMS can launch.")


def read_course_data(root: Path) -> dict:
    """The document ``course-data.js`` assigns (``window.COURSE_DATA = {...};``); {} when the
    file is missing or is not the player's course data."""
    try:
        text = (root / DATA_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return {}
    if not text.startswith(PREFIX):
        return {}
    try:
        data = json.loads(text[len(PREFIX):].rstrip().rstrip(";"))
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _manifest(path: Path, label: str) -> tuple[str, str, str, tuple[LaunchUnit, ...]]:
    try:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False,
                                                      no_network=True)).getroot()
    except etree.XMLSyntaxError as exc:
        raise TwinError(f"The manifest of {label} is not well-formed XML ({exc}).") from None
    version = next((e.text or "" for e in root.iter(etree.Element)
                    if _local(e) == "schemaversion"), "").strip()
    if version == "1.2":
        standard, edition = "scorm12", ""
    else:
        standard = "scorm2004"
        edition = "4th" if "4th" in version else "3rd" if "3rd" in version else "2nd"
    resources = {r.get("identifier"): r for r in root.iter(etree.Element)
                 if _local(r) == "resource"}
    organizations = [o for o in root.iter(etree.Element) if _local(o) == "organization"]
    parent = next((o for o in root.iter(etree.Element) if _local(o) == "organizations"), None)
    default = parent.get("default") if parent is not None else None
    chosen = next((o for o in organizations if o.get("identifier") == default),
                  organizations[0] if organizations else None)
    units = []
    for item in chosen.iter(etree.Element) if chosen is not None else ():
        if _local(item) != "item" or not item.get("identifierref"):
            continue
        resource = resources.get(item.get("identifierref"))
        if resource is None or not resource.get("href"):
            continue
        title = next((c.text or "" for c in item if _local(c) == "title"), "")
        units.append(LaunchUnit(item.get("identifier", ""), title.strip(),
                                _launch_url(resource.get("href"), item.get("parameters")),
                                _mastery(item)))
    if not units:
        raise TwinError(f"The manifest of {label} launches nothing: no item points to a "
                        "resource with a launch file.")
    return standard, edition, root.get("identifier", ""), tuple(units)


def _launch_url(href: str, parameters: str | None) -> str:
    """``href`` with an item's ``parameters`` joined as SCORM 2004 CAM 3.4.1.12 says: a
    leading '?' or '#' kept, else joined by '&' or '?'."""
    if not parameters:
        return href
    if parameters[0] in "?#":
        return href + ("&" + parameters[1:] if parameters[0] == "?" and "?" in href
                       else parameters)
    return href + ("&" if "?" in href else "?") + parameters


def _mastery(item: etree._Element) -> str:
    for element in item.iter(etree.Element):
        if _local(element) in ("masteryscore", "minNormalizedMeasure") and element.text:
            return element.text.strip()
    return ""
