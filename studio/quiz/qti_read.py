"""Reading QTI 2.1 and 3.0 question files: an IMS content package (zip) or a lone item.

A package's ``imsmanifest.xml`` lists its items (resources of type
``imsqti_item_xmlv2p1``/``imsqti_item_xmlv3p0``) and tests; the items a test holds come in
the test's order, each with the title of the section holding it as its category (the
outermost section of a test this studio wrote is the bank itself, not a category), then the
items no test holds. The version is told by each document's namespace (QTI 2.0 and 2.2
read as 2.1). Pictures and sounds the items show are returned in ``ParsedFile.files`` under
their package path. Nothing is fetched and no entity is expanded.

Notices carry the item's position in the package as their line and name its identifier.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable

from lxml import etree

from studio.errors import ImportFileError, InvalidEditError
from studio.quiz.qti_read_item import ItemContext, ItemReader
from studio.quiz.qti_read_parts import Skip
from studio.quiz.qti_xml import READ_NS, TOOL_NAME, canonical, parse_xml
from studio.quiz.questions import normalise_question
from studio.quiz.source import Notice, ParsedFile, ParsedQuestion
from studio.zipcheck import READ_ERRORS, ZipLimits, damage_reason, zip_problem

_LIMITS = ZipLimits(max_unpacked=2 * 1024**3)
_ITEM_TYPES = ("imsqti_item_xmlv2p", "imsqti_item_xmlv3p0")
_TEST_TYPES = ("imsqti_test_xmlv2p", "imsqti_test_xmlv3p0")


def parse_qti_package(data: bytes, name: str,
                      check: Callable[[], None] | None = None) -> ParsedFile:
    """The questions of a QTI package (zip bytes) or of one item's XML, in package order.

    ``name`` is the file name messages quote; ``check`` is called between items (a
    cancellation token's check may raise there). Items that cannot become questions are
    skipped with a notice naming their identifier and why. Raises ImportFileError for a
    damaged or oversized zip, a manifest listing an item file the zip lacks (IMS CP 1.1.4
    resource ``href``), XML that is not well-formed or declares entities, a file
    that holds no QTI item, or a zip without QTI items."""
    if data[:2] == b"PK":
        return _Package(data, name).read(check)
    root = parse_xml(data, name)
    version = READ_NS.get(etree.QName(root).namespace or "")
    if version is None or etree.QName(root).localname not in ("assessmentItem",
                                                               "qti-assessment-item"):
        raise ImportFileError(f"{name} is not a QTI 2.1 or 3.0 item or package.")
    parsed = ParsedFile()
    _add_item(parsed, canonical(root, version), ItemContext(None, lambda _path: None), 1, None)
    return parsed


def _add_item(parsed: ParsedFile, root: etree._Element, context: ItemContext, position: int,
              category: str | None) -> None:
    """Read one canonical item into ``parsed`` (a question, or a skip notice)."""
    reader = ItemReader(root, context)
    label = f"item '{reader.identifier}'" + (f" ({context.path})" if context.path else "")
    try:
        qtype, prompt, points, data = reader.read()
        if category:
            data["category"] = category
        prompt, points, data = normalise_question(qtype, prompt, points, data)
    except (Skip, InvalidEditError) as exc:
        parsed.notices.extend(Notice(position, f"{label}: {note}") for note in context.notes)
        parsed.notices.append(Notice(position, f"{label}: {exc}", skipped=True))
        return
    parsed.notices.extend(Notice(position, f"{label}: {note}") for note in context.notes)
    parsed.files.update(context.files)
    parsed.questions.append(ParsedQuestion(qtype, prompt, data, position, points,
                                           tuple(context.images), dict(context.media)))


class _Package:
    """A zip package: its members read on demand, after a zip-bomb check."""

    def __init__(self, data: bytes, name: str):
        self.name = name
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError) as exc:
            raise ImportFileError(f"{name} is not a readable zip ({damage_reason(exc)}).") \
                from None
        problem = zip_problem(self.archive.infolist(), _LIMITS)
        if problem:
            where = f"{name}: {problem.member}" if problem.member else name
            raise ImportFileError(f"{where} {problem.message}.")
        self.members = {posixpath.normpath(i.filename): i.filename
                        for i in self.archive.infolist() if not i.is_dir()}

    def fetch(self, path: str) -> bytes | None:
        """A member's bytes by its normalised path, or None when the package lacks it."""
        member = self.members.get(posixpath.normpath(path))
        if member is None:
            return None
        try:
            return self.archive.read(member)
        except READ_ERRORS as exc:
            raise ImportFileError(f"{self.name}: {member} cannot be read "
                                  f"({damage_reason(exc)}).") from None

    def xml(self, path: str) -> tuple[etree._Element, str] | None:
        """(canonical root, version) of a QTI document in the package, else None."""
        raw = self.fetch(path)
        if raw is None:
            return None
        root = parse_xml(raw, f"{self.name}: {path}")
        version = READ_NS.get(etree.QName(root).namespace or "")
        return (canonical(root, version), version) if version else None

    def read(self, check: Callable[[], None] | None) -> ParsedFile:
        items, tests = self._manifest()
        ordered: list[tuple[str, str | None]] = []
        for test in tests:
            ordered += [entry for entry in self._test(test) if entry[0] not in
                        {path for path, _ in ordered}]
        held = {path for path, _ in ordered}
        ordered += [(path, None) for path in items if path not in held]
        parsed = ParsedFile()
        for position, (path, category) in enumerate(ordered, start=1):
            if check:
                check()
            found = self.xml(path)
            if found is None or found[0].tag != "assessmentItem":
                parsed.notices.append(Notice(position, f"{path}: not a QTI item", skipped=True))
                continue
            _add_item(parsed, found[0], ItemContext(path, self.fetch), position, category)
        if not ordered:
            raise ImportFileError(f"{self.name} holds no QTI items.")
        wanted = {p for q in parsed.questions for p in q.media.values()}
        parsed.files = {p: b for p, b in parsed.files.items() if p in wanted}
        return parsed

    def _manifest(self) -> tuple[list[str], list[str]]:
        """(item paths, test paths) the manifest lists; without a manifest, every XML file
        whose root is an item or test, by name."""
        raw = self.fetch("imsmanifest.xml")
        if raw is None:
            items, tests = [], []
            for path in sorted(self.members):
                if path.lower().endswith(".xml"):
                    found = self.xml(path)
                    if found and found[0].tag == "assessmentItem":
                        items.append(path)
                    elif found and found[0].tag == "assessmentTest":
                        tests.append(path)
            return items, tests
        manifest = parse_xml(raw, f"{self.name}: imsmanifest.xml")
        items, tests = [], []
        for resource in manifest.iter(etree.Element):
            if etree.QName(resource).localname != "resource" or not resource.get("href"):
                continue
            base = "".join(a.get("{http://www.w3.org/XML/1998/namespace}base", "")
                           for a in reversed(list(resource.iterancestors()))
                           if isinstance(a.tag, str))
            base += resource.get("{http://www.w3.org/XML/1998/namespace}base", "")
            path = posixpath.normpath(posixpath.join(base, resource.get("href")))
            kind = resource.get("type", "")
            if kind.startswith(_ITEM_TYPES):
                items.append(path)
            elif kind.startswith(_TEST_TYPES):
                tests.append(path)
        absent = [path for path in items if path not in self.members]
        if absent:
            raise ImportFileError(
                f"{self.name}: the manifest lists {', '.join(absent)}, which the package does "
                "not hold; nothing was imported.")
        return items, tests

    def _test(self, path: str) -> list[tuple[str, str | None]]:
        """(item path, category) for each item the test holds, in order."""
        found = self.xml(path)
        if found is None or found[0].tag != "assessmentTest":
            return []
        test = found[0]
        ours = test.get("toolName") == TOOL_NAME
        out = []
        for ref in test.iter("assessmentItemRef"):
            section = ref.getparent()
            category = section.get("title") if section is not None else None
            if ours and section is not None and section.getparent() is not None \
                    and section.getparent().tag == "testPart":
                category = None
            href = posixpath.normpath(posixpath.join(posixpath.dirname(path), ref.get("href",
                                                                                     "")))
            out.append((href, category or None))
        return out
