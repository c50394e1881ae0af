"""Stand-ins for the accessibility checks (author, media, player) with findings chosen by the
test, installed as modules through pytest's monkeypatch, so the report, the use case and the
command line are tested on their own. ``calls`` records what each check was given."""

from __future__ import annotations

import sys
import types
from pathlib import Path

from studio.a11y.findings import FAIL, NOT_APPLICABLE, PASS, REVIEW, Finding
from studio.media.a11y_media import package_items

AUTHOR = [
    Finding("1.1.1", PASS, "3 of 3 slide pictures have a description or are decorative"),
    Finding("3.1.1", PASS, "The course language en is a valid BCP 47 tag"),
    Finding("1.2.4", NOT_APPLICABLE, "No live media: a course package holds recorded media "
            "only"),
    Finding("3.1.5", REVIEW, "Prompt reads at grade 11", item="itm_q"),
]
MEDIA = [Finding("2.3.1", PASS, "1 clip, 12.0 s analysed, at most 0 flashes in a second",
                 source="media")]
PLAYER = [
    Finding("4.1.2", PASS, "axe: 0 violations of name-role-value in 14 states", source="axe"),
    Finding("2.1.2", PASS, "Tab leaves every state", source="keyboard"),
]
LOW_CONTRAST = Finding("1.4.3", FAIL, "Slide 2: 'Welcome' has contrast 2.1:1; make it at "
                       "least 4.5:1", item="itm_slide", source="media")


class Checks:
    """The fake checks' findings (edit the lists before a run) and their calls."""

    def __init__(self) -> None:
        self.author = list(AUTHOR)
        self.media = list(MEDIA)
        self.player = list(PLAYER)
        self.calls: list[tuple[str, object]] = []
        self.hook = None  # called with (name, token) by each check: to cancel, to raise

    def _ran(self, name: str, subject: object, token) -> None:
        self.calls.append((name, subject))
        if self.hook is not None:
            self.hook(name, token)

    def install(self, monkeypatch) -> Checks:
        author = types.ModuleType("studio.a11y.author")
        media = types.ModuleType("studio.media.a11y_media")
        player = types.ModuleType("studio.twin.a11y_player")

        def course_findings(course, assets=None):
            self._ran("author", course.title, None)
            return list(self.author)

        def media_findings(course, bundle: Path, progress=None, token=None):
            self._ran("media", Path(bundle).name, token)
            return list(self.media)

        def package_media_findings(package_dir: Path, course_data: dict, progress=None,
                                   token=None):
            self._ran("package-media", course_data["course"]["title"], token)
            return list(self.media)

        def player_findings(package_dir: Path, *, engine, progress=None, token=None):
            folder = Path(package_dir)
            self._ran("player", sorted(p.name for p in folder.iterdir()), token)
            return list(self.player)

        author.course_findings = course_findings
        media.media_findings = media_findings
        media.package_media_findings = package_media_findings
        media.package_items = package_items
        player.player_findings = player_findings
        for module in (author, media, player):
            monkeypatch.setitem(sys.modules, module.__name__, module)
        return self


class FakeEngine:
    """An engine the fake player audit accepts; records whether it was closed."""

    name = "chromium"
    closed = False

    def close(self) -> None:
        self.closed = True
