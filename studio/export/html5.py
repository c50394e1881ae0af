"""Plain HTML5 sites: the player with progress kept in the learner's browser.

No manifest: the site is the player, the course data and the media. ``index.html`` works
from any web server and from a folder opened over file:// (the player is classic scripts and
the course data a script, never fetched).
"""

from __future__ import annotations

from studio.export.package import ExportPlan, PackageFile, PackageFormat


class Html5(PackageFormat):
    """A plain web site: the player with its ``local`` adapter, no manifest."""

    name = "html"
    label = "HTML5 (any web server)"
    tracking = "local"

    def format_files(self, plan: ExportPlan) -> list[PackageFile]:
        """Nothing: the player, the course data and the media are the whole site."""
        return []


FORMAT = Html5()
