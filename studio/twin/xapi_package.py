"""What an LMS reads from an xAPI package before launching it: ``tincan.xml`` or ``cmi5.xml``.

Only the facts the twin needs: for Tin Can the launchable activity and its launch file; for
cmi5 the course, its blocks and its AUs with their ``moveOn``, ``masteryScore``, launch URL and
launch parameters (cmi5 §13).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from studio.errors import TwinError
from studio.export.cmi5 import MANIFEST as CMI5_MANIFEST
from studio.export.cmi5 import NS_CMI5
from studio.export.tincan import MANIFEST as TINCAN_MANIFEST
from studio.export.tincan import NS_TINCAN
from studio.twin.cmi5_rules import MOVE_ON_VALUES

XAPI = "xapi"
CMI5 = "cmi5"


@dataclass(frozen=True)
class Au:
    """A cmi5 Assignable Unit (cmi5 §13.1.4): its publisher ``id``, ``url`` relative to the
    package, ``move_on`` (Completed, Passed, CompletedAndPassed, CompletedOrPassed,
    NotApplicable), ``mastery_score`` (0..1, None when absent), ``launch_parameters``
    (verbatim, "" when absent) and the ids of the blocks around it, outermost first."""

    id: str
    title: str
    url: str
    move_on: str = "NotApplicable"
    mastery_score: float | None = None
    launch_parameters: str = ""
    blocks: tuple[str, ...] = ()


@dataclass(frozen=True)
class XapiPackage:
    """An unpacked xAPI package as an LMS sees it.

    ``standard`` is ``"xapi"`` (Tin Can) or ``"cmi5"``; ``course_id`` the course activity's
    IRI; ``launch`` the Tin Can launch file (relative, "" for cmi5); ``aus`` the cmi5 AUs in
    course order (empty for Tin Can); ``blocks`` the cmi5 block ids.
    """

    folder: Path
    standard: str
    course_id: str
    title: str
    launch: str = ""
    aus: tuple[Au, ...] = ()
    blocks: tuple[str, ...] = ()


def _first_text(node: etree._Element, path: str, ns: dict[str, str]) -> str:
    found = node.find(path, ns)
    return "" if found is None else " ".join((found.text or "").split())


def _parse(path: Path) -> etree._Element:
    try:
        return etree.parse(str(path), etree.XMLParser(resolve_entities=False,
                                                      no_network=True)).getroot()
    except (OSError, etree.XMLSyntaxError) as error:
        raise TwinError(f"{path.name} cannot be read: {error}") from error


def _tincan(folder: Path) -> XapiPackage:
    root = _parse(folder / TINCAN_MANIFEST)
    ns = {"t": NS_TINCAN}
    for activity in root.iterfind("t:activities/t:activity", ns):
        launch = _first_text(activity, "t:launch", ns)
        if launch:
            return XapiPackage(folder, XAPI, activity.get("id", ""),
                               _first_text(activity, "t:name", ns), launch=launch)
    raise TwinError(f"{TINCAN_MANIFEST} has no activity with a launch file.")


def _mastery(text: str | None) -> float | None:
    try:
        return None if text is None else float(text)
    except ValueError:
        return None


def _cmi5(folder: Path) -> XapiPackage:
    root = _parse(folder / CMI5_MANIFEST)
    ns = {"c": NS_CMI5}
    course = root.find("c:course", ns)
    if course is None:
        raise TwinError(f"{CMI5_MANIFEST} has no course.")
    aus: list[Au] = []
    blocks: list[str] = []

    def walk(node: etree._Element, around: tuple[str, ...]) -> None:
        for child in node:
            if child.tag == f"{{{NS_CMI5}}}block":
                blocks.append(child.get("id", ""))
                walk(child, (*around, child.get("id", "")))
            elif child.tag == f"{{{NS_CMI5}}}au":
                move_on = child.get("moveOn", "NotApplicable")
                if move_on not in MOVE_ON_VALUES:
                    raise TwinError(f"{CMI5_MANIFEST}: moveOn '{move_on}' is none of "
                                    f"{', '.join(MOVE_ON_VALUES)} (cmi5 §13.1.4).")
                aus.append(Au(
                    id=child.get("id", ""),
                    title=_first_text(child, "c:title/c:langstring", ns),
                    url=_first_text(child, "c:url", ns),
                    move_on=move_on,
                    mastery_score=_mastery(child.get("masteryScore")),
                    launch_parameters=_first_text(child, "c:launchParameters", ns),
                    blocks=around))

    walk(root, ())
    if not aus:
        raise TwinError(f"{CMI5_MANIFEST} has no AU to launch.")
    return XapiPackage(folder, CMI5, course.get("id", ""),
                       _first_text(course, "c:title/c:langstring", ns),
                       aus=tuple(aus), blocks=tuple(blocks))


def read_xapi_package(folder: Path) -> XapiPackage:
    """The package unpacked in ``folder``: ``cmi5.xml`` makes it cmi5, ``tincan.xml`` Tin Can.

    Raises ``TwinError`` when the folder holds neither, or the file cannot be read or names
    nothing to launch.
    """
    folder = Path(folder)
    if (folder / CMI5_MANIFEST).is_file():
        return _cmi5(folder)
    if (folder / TINCAN_MANIFEST).is_file():
        return _tincan(folder)
    raise TwinError(f"{folder.name} holds neither {CMI5_MANIFEST} nor {TINCAN_MANIFEST}: "
                    "not an xAPI package.")
