"""The theme editor's live player: the course exported once as an HTML5 site (a job, the
imported media as they are, nothing rendered), shown in Qt WebEngine, and re-themed in place.

The site is exported with the default kit, whatever the course's own: the page is themed live
anyway, and a course whose shared kit file is missing or broken (or fails contrast, which
the export refuses) still gets its preview.

Every edit sets the page's ``--cp-*`` custom properties on its root element through
``runJavaScript`` (inline values win over the package's ``theme/theme.css``), with the button
style on ``body[data-button-style]``; font files and the logo go in as ``data:`` URLs only
when they change. Nothing is exported again while the theme is edited. The light/dark switch
chooses which palette the page gets, whatever the system's preference.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

from PySide6.QtCore import QUrl, QUrlQuery, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.media.ffmpeg_args import ORIGINAL
from studio.ui.session import ProjectSession
from studio.ui.workers import Job

PALETTE_ROLES = ("primary", "on_primary", "accent", "background", "surface", "text", "muted",
                 "line", "success", "error", "partial")
LOGO_TYPES = {"svg": "image/svg+xml", "png": "image/png"}
# sets the variables, the button style, the fonts and the logo; answers --cp-primary as read
APPLY = """(function (vars, style, scheme, fonts, logo) {
  var root = document.documentElement;
  Object.keys(vars).forEach(function (name) { root.style.setProperty(name, vars[name]); });
  root.style.colorScheme = scheme;
  if (document.body) { document.body.dataset.buttonStyle = style; }
  if (fonts !== null) {
    var sheet = document.getElementById("studio-preview-fonts");
    if (!sheet) {
      sheet = document.createElement("style");
      sheet.id = "studio-preview-fonts";
      document.head.appendChild(sheet);
    }
    sheet.textContent = fonts;
  }
  var img = document.getElementById("brand-logo");
  if (img && logo !== null) {
    if (logo.src) { img.src = logo.src; img.alt = logo.alt; img.hidden = false; }
    else { img.removeAttribute("src"); img.hidden = true; }
  }
  return getComputedStyle(root).getPropertyValue("--cp-primary").trim();
})(%s)"""


def css_variables(kit, dark: bool) -> dict[str, str]:
    """The ``--cp-*`` properties for ``kit`` (a BrandKit) in its light or dark scheme (the
    light one when the kit has no dark palette): colours as '#RRGGBB', radius in pixels,
    the two font stacks."""
    palette = kit.dark if dark and kit.dark is not None else kit.light
    values = {f"--cp-{role.replace('_', '-')}": getattr(palette, role) for role in PALETTE_ROLES}
    values["--cp-radius"] = f"{kit.radius}px"
    for key, family in (("body", kit.body_family), ("heading", kit.heading_family)):
        values[f"--cp-font-{key}"] = (f'"{family}", ' if family else "") + \
            "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
    return values


def font_rules(kit) -> str:
    """``@font-face`` rules carrying each of the kit's WOFF2 files as a data: URL."""
    rules = []
    for face in kit.faces:
        data = base64.b64encode(face.data).decode("ascii")
        rules.append(f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
                     f"font-style: {face.style}; font-display: swap; "
                     f'src: url(data:font/woff2;base64,{data}) format("woff2"); }}')
    return "\n".join(rules)


def logo_data(kit) -> dict[str, str]:
    """The logo as ``{src, alt}`` (src a data: URL, '' when the kit has none)."""
    if not kit.logo or kit.logo_type not in LOGO_TYPES:
        return {"src": "", "alt": ""}
    data = base64.b64encode(kit.logo).decode("ascii")
    return {"src": f"data:{LOGO_TYPES[kit.logo_type]};base64,{data}", "alt": kit.logo_alt}


class Unthemed:
    """A project whose course reads with the default kit and no theme overrides; everything
    else is the project's own."""

    def __init__(self, project):
        self._project = project

    def __getattr__(self, name: str):
        return getattr(self._project, name)

    def course(self):
        course = self._project.course()
        settings = dataclasses.replace(course.settings, kit="", theme=())
        return dataclasses.replace(course, settings=settings)


def export_preview_site(session: ProjectSession, folder: Path) -> Job:
    """Export the course as an HTML5 site into ``folder``/site (a job whose value is the
    site's ``index.html``) with the default kit; media are packed as imported, so nothing is
    rendered."""
    def work(project, progress, token):
        archive = folder / "preview.zip"
        export_course(Unthemed(project), ExportOptions(format="html", preset=ORIGINAL,
                                                       include_schemas=False),
                      archive, progress, token)
        site = folder / "site"
        with zipfile.ZipFile(archive) as package:
            package.extractall(site)
        archive.unlink()
        return site / "index.html"

    return session.start_job("Theme preview", work)


def make_view(parent: QWidget):
    """A web view on an off-the-record profile; the profile is made after the view, as its
    sibling, so the page (inside the view) goes first when ``parent`` is deleted. Raises
    ImportError or OSError where Qt WebEngine cannot be loaded."""
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from studio.ui import learner_web  # the sandbox setting and the view's name for readers

    view = QWebEngineView(parent)
    profile = QWebEngineProfile(parent)  # no storage name: off the record
    page = QWebEnginePage(profile, view)
    view.setPage(page)
    view.setAccessibleName("Player preview")
    view.installEventFilter(learner_web.HostName(view))
    return view, page


class ThemePreview(QWidget):
    """The player beside the theme editor. :meth:`show_kit` themes it; ``applied`` carries
    the page's ``--cp-primary`` after each theming (for whoever waits on it)."""

    applied = Signal(str)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.folder = Path(tempfile.mkdtemp(prefix="course-studio-theme-"))
        self.kit = None
        self.view = self.page = None
        self._loaded = False
        self._assets_key: object = None  # the fonts and logo the page has now
        self.dark = QCheckBox("&Dark scheme", self)
        self.dark.setToolTip("Preview the kit's dark colours, as learners whose system asks "
                             "for a dark appearance see them")
        self.dark.toggled.connect(lambda _on: self._apply())
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.status = QLabel("Preparing the player preview…", self)
        self.status.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setAccessibleName("Player preview progress")
        waiting = QWidget(self)
        lay = QVBoxLayout(waiting)
        lay.addStretch(1)
        lay.addWidget(self.status)
        lay.addWidget(self.bar)
        lay.addStretch(1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(waiting)
        top = QHBoxLayout()
        title = QLabel("<b>Player preview</b>", self)
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.dark)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)
        self.job: Job | None = export_preview_site(session, self.folder)
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(self._show_site)
        self.job.failed.connect(self._unavailable)
        self.job.ended.connect(self._job_ended)

    def _progressed(self, fraction: float, _message: str) -> None:
        self.bar.setValue(int(fraction * 1000))

    def _job_ended(self) -> None:
        self.job = None

    def _unavailable(self, reason: str) -> None:
        self.bar.hide()
        self.status.setText(f"The player preview cannot be shown: {reason}")

    def _show_site(self, index: Path) -> None:
        try:
            self.view, self.page = make_view(self)
        except (ImportError, OSError, RuntimeError) as exc:
            self._unavailable(f"Qt WebEngine is not available ({exc}).")
            return
        self.page.loadFinished.connect(self._page_loaded)
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        url = QUrl.fromLocalFile(str(index))
        query = QUrlQuery()
        query.addQueryItem("tracking", "local")
        url.setQuery(query)
        self.view.setUrl(url)

    def _page_loaded(self, ok: bool) -> None:
        if not ok:
            self._unavailable("the page could not be loaded.")
            return
        self._loaded = True
        self._assets_key = None
        self._apply()

    @property
    def ready(self) -> bool:
        """Whether the page is up and takes themes."""
        return self._loaded and self.page is not None

    def show_kit(self, kit) -> None:
        """Theme the page with ``kit`` (a BrandKit); kept for when the page is up."""
        self.kit = kit
        self._apply()

    def _apply(self) -> None:
        kit = self.kit
        if kit is None:
            return
        dark = self.dark.isChecked()
        self.note.setText("This kit has no dark scheme: learners see its light colours."
                          if dark and kit.dark is None else "")
        self.note.setVisible(bool(self.note.text()))
        if not self.ready:
            return
        key = (tuple((f.name, len(f.data)) for f in kit.faces), kit.logo, kit.logo_alt)
        fonts = logo = None
        if key != self._assets_key:
            fonts, logo = font_rules(kit), logo_data(kit)
            self._assets_key = key
        scheme = "dark" if dark and kit.dark is not None else "light"
        args = ", ".join(json.dumps(value) for value in (
            css_variables(kit, dark), kit.button_style, scheme, fonts, logo))
        self.page.runJavaScript(APPLY % args, 0, self._answered)

    def _answered(self, value: object) -> None:
        self.applied.emit(str(value or ""))

    def close_site(self) -> None:
        """Stop the export, let go of the page and remove the site."""
        folder = self.folder
        if self.job is not None and not self.job.done:
            for signal in (self.job.progressed, self.job.succeeded, self.job.failed):
                signal.disconnect()
            self.job.ended.connect(lambda: shutil.rmtree(folder, ignore_errors=True))
            self.job.cancel()
        if self.page is not None:
            self.page.deleteLater()
            self.page = None
        self._loaded = False
        shutil.rmtree(self.folder, ignore_errors=True)
        self.stack.setCurrentIndex(0)

