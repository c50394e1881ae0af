"""What the LMS twin reads from a package before it runs it: format, manifest, units, files,
the LMS profile recorded in it and the course's tracking policy.

Only the package's own documents are read: ``imsmanifest.xml`` (SCORM 1.2 CAM 2.3, SCORM 2004
CAM 3.4), ``tincan.xml``, ``cmi5.xml`` (cmi5 §13.1) and the player's ``course-data.js``
(``COURSE_DATA``, written by :mod:`studio.export.player_data`).
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from studio.errors import NotFoundError, PackageInvalidError
from studio.export import schemas
from studio.export.package import DATA_FILE
from studio.export.package_source import MAX_DOCUMENT_BYTES

MANIFESTS = ("imsmanifest.xml", "cmi5.xml", "tincan.xml")
# validate's kinds -> the twin's standards (the journal's "standard") and SCORM 2004 editions.
STANDARDS = {"scorm12": "scorm12", "scorm2004-3rd": "scorm2004", "scorm2004-4th": "scorm2004",
             "cmi5": "cmi5", "tincan": "xapi"}
EDITIONS = {"scorm2004-3rd": "3rd", "scorm2004-4th": "4th"}


@dataclass(frozen=True)
class UnitFacts:
    """One launchable unit of the manifest: its item ``id``, ``title``, ``href`` (launch file
    with parameters) and the mastery it declares: ``mastery_score`` (SCORM 1.2
    ``adlcp:masteryscore``, percent) or ``min_measure`` (SCORM 2004 ``imsss:minNormalizedMeasure``,
    0..1), None when absent; ``scored`` whether its lessons hold a scored quiz."""

    id: str
    title: str
    href: str
    mastery_score: float | None = None
    min_measure: float | None = None
    scored: bool = False  # it holds a quiz that counts towards the score


@dataclass(frozen=True)
class TrackingFacts:
    """The course's tracking policy as the player reads it (``COURSE_DATA.course``):
    ``completion`` rule (``all_items`` | ``percent_viewed`` | ``quizzes_passed``), its
    ``threshold`` (0..1), ``mastery_score`` (percent, None: no pass/fail) and the ids of the
    quizzes that count towards the score (``scored_quizzes``, weight > 0 and a scored
    question)."""

    completion: str = "all_items"
    threshold: float = 1.0
    mastery_score: float | None = None
    scored_quizzes: tuple[str, ...] = ()
    items: int = 0

    @property
    def scored(self) -> bool:
        """Whether the course reports a score at all."""
        return bool(self.scored_quizzes)

    @property
    def pass_fail(self) -> bool:
        """Whether the course reports passed/failed (a mastery score and a scored quiz)."""
        return self.mastery_score is not None and self.scored


@dataclass(frozen=True)
class RecordedProfile:
    """The LMS profile a package was exported for (``COURSE_DATA.lms``): name, version and
    the player switches it set (``player``, verbatim)."""

    name: str
    version: str
    player: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class PackageFacts:
    """Everything the twin knows of a package before running it.

    ``standard`` is ``scorm12`` | ``scorm2004`` | ``xapi`` | ``cmi5``; ``edition`` ``3rd`` |
    ``4th`` for SCORM 2004, else None; ``identifier`` the manifest's identifier ('' for Tin Can
    and cmi5 packages, where the course IRI is ``identifier``); ``sequencing`` whether the
    manifest holds IMS Simple Sequencing elements; ``files`` every member path.
    """

    path: Path
    kind: str
    standard: str
    edition: str | None
    identifier: str
    units: tuple[UnitFacts, ...]
    sequencing: bool
    files: tuple[str, ...]
    profile: RecordedProfile | None
    tracking: TrackingFacts

    @property
    def multi_unit(self) -> bool:
        """Whether the LMS launches more than one unit (a SCO per lesson)."""
        return len(self.units) > 1


def read_facts(package: Path) -> PackageFacts:
    """Read a package (.zip or unpacked folder) without trusting it.

    Raises ``NotFoundError`` when ``package`` does not exist and ``PackageInvalidError`` when
    it is not a SCORM, Tin Can or cmi5 package (no manifest, unreadable zip, unknown root)."""
    package = Path(package)
    if not package.exists():
        raise NotFoundError(f"{package} does not exist.")
    if package.is_dir():
        files = sorted(p.relative_to(package).as_posix() for p in package.rglob("*")
                       if p.is_file())
        return _facts(package, files, lambda name: _read_limited((package / name).open("rb")))
    try:
        with zipfile.ZipFile(package) as archive:
            files = sorted(i.filename for i in archive.infolist() if not i.is_dir())
            return _facts(package, files, lambda name: _read_limited(archive.open(name)))
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise PackageInvalidError(f"{package.name} is not a package: not a readable zip "
                                  f"or folder ({exc}).") from None


def _read_limited(handle) -> bytes:
    with handle:
        data = handle.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise PackageInvalidError("A package document is too large to read.")
    return data


def _facts(path: Path, files: list[str], read) -> PackageFacts:
    manifest = next((name for name in MANIFESTS if name in files), None)
    if manifest is None:
        raise PackageInvalidError(f"{path.name} is not a package: it has no imsmanifest.xml, "
                                  "cmi5.xml or tincan.xml at its top level.")
    try:
        doc = etree.ElementTree(etree.fromstring(read(manifest), schemas.safe_parser()))
    except etree.XMLSyntaxError as exc:
        raise PackageInvalidError(f"{path.name}: {manifest} is not well-formed XML "
                                  f"({exc.msg}).") from None
    kind = schemas.document_kind(doc)
    if kind not in STANDARDS:
        raise PackageInvalidError(f"{path.name}: {manifest} is not a SCORM, cmi5 or Tin Can "
                                  "manifest.")
    root = doc.getroot()
    data = _course_data(read(DATA_FILE)) if DATA_FILE in files else {}
    tracking = _tracking(data)
    units = _units(root, kind)
    return PackageFacts(
        path=path, kind=kind, standard=STANDARDS[kind], edition=EDITIONS.get(kind),
        identifier=root.get("identifier") or root.get("id") or "",
        units=tuple(replace(u, scored=_scored(u, data, tracking, len(units))) for u in units),
        sequencing=any(etree.QName(e).namespace == schemas.NS_IMSSS
                       for e in root.iter(etree.Element)),
        files=tuple(files), profile=_profile(data), tracking=tracking)


def _local(elem: etree._Element, name: str) -> list[etree._Element]:
    return [e for e in elem if isinstance(e.tag, str) and etree.QName(e).localname == name]


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None and text.strip() else None
    except ValueError:
        return None


def _units(root: etree._Element, kind: str) -> list[UnitFacts]:
    if kind == "cmi5":
        return [UnitFacts(au.get("id") or "", _title(au), _url(au),
                          min_measure=_number(au.get("masteryScore")))
                for au in root.iter(etree.Element) if etree.QName(au).localname == "au"]
    if kind == "tincan":
        return [UnitFacts(a.get("id") or "", _title(a), _url(a, "launch"))
                for a in root.iter(etree.Element) if etree.QName(a).localname == "activity"
                and _local(a, "launch")]
    hrefs = {r.get("identifier"): r.get("href") or ""
             for r in root.iter(etree.Element) if etree.QName(r).localname == "resource"}
    units = []
    for item in root.iter(etree.Element):
        if etree.QName(item).localname != "item" or not item.get("identifierref"):
            continue
        mastery = next((e.text for e in item if isinstance(e.tag, str)
                        and etree.QName(e).localname == "masteryscore"), None)
        measure = next((e.text for e in item.iter(etree.Element)
                        if etree.QName(e).localname == "minNormalizedMeasure"), None)
        href = hrefs.get(item.get("identifierref"), "") + (item.get("parameters") or "")
        units.append(UnitFacts(item.get("identifier") or "", _title(item), href,
                               _number(mastery), _number(measure)))
    return units


def _title(elem: etree._Element) -> str:
    for title in _local(elem, "title") or _local(elem, "name"):
        text = (title.text or "").strip() or "".join(
            t.text or "" for t in _local(title, "langstring"))
        return " ".join(text.split())
    return ""


def _url(elem: etree._Element, name: str = "url") -> str:
    found = _local(elem, name)
    return (found[0].text or "").strip() if found else ""


def _course_data(raw: bytes) -> dict:
    """``window.COURSE_DATA = {...};`` as a dict ({} when it cannot be read)."""
    text = raw.decode("utf-8", errors="replace")
    start, end = text.find("{"), text.rfind("}")
    try:
        data = json.loads(text[start:end + 1]) if 0 <= start < end else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _profile(data: dict) -> RecordedProfile | None:
    lms = data.get("lms")
    if not isinstance(lms, dict) or not lms.get("name"):
        return None
    player = lms.get("player") if isinstance(lms.get("player"), dict) else {}
    return RecordedProfile(str(lms["name"]), str(lms.get("version", "")), player)


def _items(data: dict) -> list[dict]:
    return [item for module in data.get("modules") or [] for lesson in module.get("lessons") or []
            for item in lesson.get("items") or [] if isinstance(item, dict)]


def _tracking(data: dict) -> TrackingFacts:
    course = data.get("course") if isinstance(data.get("course"), dict) else {}
    items = _items(data)
    scored = tuple(
        str(item.get("id")) for item in items
        if item.get("kind") == "quiz" and (item.get("weight", 1) or 0) > 0
        and any(q.get("type") != "likert" for q in item.get("questions") or []))
    threshold = course.get("completionThreshold")
    return TrackingFacts(
        completion=str(course.get("completion") or "all_items"),
        threshold=float(threshold) if isinstance(threshold, (int, float)) else 1.0,
        mastery_score=_number(str(course["masteryScore"]))
        if isinstance(course.get("masteryScore"), (int, float)) else None,
        scored_quizzes=scored, items=len(items))


def _scored(unit: UnitFacts, data: dict, tracking: TrackingFacts, count: int) -> bool:
    """Whether a unit launches a lesson holding a scored quiz (the whole course: any)."""
    if count == 1 or not tracking.scored:
        return tracking.scored
    match = re.search(r"[?&]unit=([^&#]+)", unit.href)
    if not match:
        return tracking.scored
    lessons = [lesson for module in data.get("modules") or []
               for lesson in module.get("lessons") or [] if lesson.get("id") == match.group(1)]
    return any(str(item.get("id")) in tracking.scored_quizzes
               for lesson in lessons for item in lesson.get("items") or [])
