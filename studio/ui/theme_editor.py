"""Brand and theme: the course's kit and its overrides, edited beside the player previewed live.

The editor holds what :func:`studio.commands.brand.set_theme` stores: a kit reference (a
built-in name, or a kit file chosen with "Open kit…") and the overrides (``light.primary``,
``radius``, ``logo_alt``… as ``CourseSettings.theme`` keys them). Every edit recomputes the
effective kit the way the export does (:func:`~studio.commands.brand.course_kit`), lists each
colour pair the player uses with its WCAG 2.2 AA ratio (failing ones first, in words) and
re-themes the preview in place (:mod:`studio.ui.theme_preview`). A kit with a failing pair
cannot be applied: OK and Apply are disabled with the reason beside them, and "Adjust failing
colours" moves each failing colour to its nearest passing shade. OK/Apply is one undo step.
Choosing another kit starts from that kit as it is (the overrides are dropped). Logo, favicon
and font files are read from where they were chosen, and stored in the course when applied.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studio.brand import (
    BUILTIN_KITS,
    DEFAULT_KIT,
    adjust_kit,
    contrast_report,
    load_kit,
    resolve_kit,
    write_kit,
)
from studio.brand.kit import BUTTON_STYLES, RADIUS_RANGE, REQUIRED_ROLES
from studio.brand.writer import KitExistsError
from studio.commands.brand import set_theme, theme_paths
from studio.errors import StudioError
from studio.ui.session import ProjectSession
from studio.ui.theme_fields import (
    OPEN_KIT,
    ColourField,
    ContrastList,
    FileField,
    KitPicker,
    remember_kit,
)
from studio.ui.theme_preview import ThemePreview

ROLE_LABELS = {"primary": "Primary (buttons, links)", "accent": "Accent (focus, markers)",
               "background": "Background (page)", "surface": "Surface (cards, bars)",
               "text": "Text"}
IMAGE_FILTER = "Logos (*.svg *.png)"
FAVICON_FILTER = "Icons (*.png *.svg *.ico)"
FONT_FILTER = "Fonts (*.woff2 *.woff *.ttf *.otf)"


class ThemeEditor(QDialog):
    """The course's brand and theme, with the player beside it (see the module)."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Brand and theme")
        settings = session.course().settings
        self.ref: str = settings.kit
        # as set_theme takes them: a file key holds an asset id, or a path chosen here
        self.overrides: dict[str, str] = dict(settings.theme)
        self.kit = None
        self.failing: list = []
        self._filling = False
        self.kit_picker = KitPicker(self)
        self.kit_picker.activated.connect(self._kit_chosen)
        self.colours: dict[str, ColourField] = {}
        colours = QGroupBox("Colours", self)
        grid = QGridLayout(colours)
        grid.addWidget(QLabel("<b>Light</b>"), 0, 1)
        grid.addWidget(QLabel("<b>Dark</b>"), 0, 2)
        for row, role in enumerate(REQUIRED_ROLES, 1):
            grid.addWidget(QLabel(ROLE_LABELS.get(role, role)), row, 0)
            for column, scheme in enumerate(("light", "dark"), 1):
                field = ColourField(f"{scheme} {role}", optional=scheme == "dark")
                field.changed.connect(lambda value, key=f"{scheme}.{role}":
                                      self._set(key, value))
                field.refused.connect(self.say)
                self.colours[f"{scheme}.{role}"] = field
                grid.addWidget(field, row, column)
        self.body_font = FileField("Body font", FONT_FILTER)
        self.heading_font = FileField("Heading font", FONT_FILTER)
        self.logo = FileField("Logo", IMAGE_FILTER)
        self.logo_alt = QLineEdit(self)
        self.logo_alt.setAccessibleName("Logo alternative text")
        self.logo_alt.setPlaceholderText("What the logo says, for screen readers")
        self.logo_alt.textEdited.connect(lambda text: self._set("logo_alt", text.strip()))
        self.favicon = FileField("Favicon", FAVICON_FILTER)
        for key, field in self._file_fields().items():
            field.changed.connect(lambda path, key=key: self._file_chosen(key, path))
        self.radius = QSpinBox(self)
        self.radius.setRange(*RADIUS_RANGE)
        self.radius.setSuffix(" px")
        self.radius.setAccessibleName("Corner radius")
        self.radius.valueChanged.connect(lambda value: self._set("radius", str(value)))
        self.button_style = QComboBox(self)
        self.button_style.setAccessibleName("Button style")
        for style in BUTTON_STYLES:
            self.button_style.addItem(style.capitalize(), style)
        self.button_style.activated.connect(
            lambda _i: self._set("button_style", self.button_style.currentData()))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.contrast = ContrastList(self)
        self.contrast.setMinimumHeight(150)
        self.adjust = QPushButton("Ad&just failing colours", self)
        self.adjust.setToolTip("Move each failing colour to its nearest shade that passes")
        self.adjust.clicked.connect(self.adjust_colours)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Theme message")
        self.save_kit = QPushButton("&Save as kit…", self)
        self.save_kit.setToolTip("Write this theme as a kit folder other courses can use")
        self.save_kit.clicked.connect(self.save_as_kit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Apply
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.apply_button.clicked.connect(self.apply)
        self.refusal = QLabel(self)
        self.refusal.setWordWrap(True)
        self.preview = ThemePreview(session, self)
        self._lay_out(colours)
        self._fill_picker()
        self._refresh()

    # ---- layout ------------------------------------------------------------------------------
    def _file_fields(self) -> dict[str, FileField]:
        return {"logo": self.logo, "favicon": self.favicon, "body_font": self.body_font,
                "heading_font": self.heading_font}

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    @property
    def apply_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Apply)

    def _lay_out(self, colours: QGroupBox) -> None:
        form = QWidget(self)
        column = QVBoxLayout(form)
        top = QFormLayout()
        kit_label = QLabel("&Kit:", form)
        kit_label.setBuddy(self.kit_picker)
        top.addRow(kit_label, self.kit_picker)
        column.addLayout(top)
        column.addWidget(colours)
        for title, rows in (("Fonts", (("Body", self.body_font), ("Headings", self.heading_font))),
                            ("Logo", (("Logo", self.logo), ("Alt text", self.logo_alt),
                                      ("Favicon", self.favicon))),
                            ("Shape", (("Corner radius", self.radius),
                                       ("Buttons", self.button_style)))):
            box = QGroupBox(title, form)
            box_form = QFormLayout(box)
            for label, widget in rows:
                box_form.addRow(label, widget)
            column.addWidget(box)
        column.addStretch(1)
        checks = QGroupBox("Contrast (WCAG 2.2 AA)", self)
        check_column = QVBoxLayout(checks)
        check_column.addWidget(self.summary)
        check_column.addWidget(self.contrast, 1)
        check_column.addWidget(self.adjust, 0, Qt.AlignmentFlag.AlignLeft)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.preview)
        right.addWidget(checks)
        right.setStretchFactor(0, 1)
        right.setSizes([560, 200])
        right.setChildrenCollapsible(False)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes through its fields
        scroll.setWidget(form)
        scroll.setMinimumWidth(form.sizeHint().width() + 24)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(scroll)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_kit)
        bottom.addWidget(self.refusal, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.resize(1280, 820)
        # Tab in reading order: the form's column, then the player and its contrast list,
        # then the buttons
        order = [self.kit_picker]
        for role in REQUIRED_ROLES:
            for scheme in ("light", "dark"):
                field = self.colours[f"{scheme}.{role}"]
                order += [field.swatch, field.text]
        for field in (self.body_font, self.heading_font, self.logo):
            order += [field.pick, field.clear]
        order += [self.logo_alt, self.favicon.pick, self.favicon.clear, self.radius,
                  self.button_style, self.preview.dark, self.contrast, self.adjust,
                  self.save_kit, *self.buttons.buttons()]
        for before, after in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _fill_picker(self) -> None:
        self.kit_picker.fill(self.ref)

    # ---- edits -------------------------------------------------------------------------------
    def say(self, text: str) -> None:
        """A one-line message under the editor ('' clears it)."""
        self.message.setText(text)

    def _kit_chosen(self, index: int) -> None:
        value = self.kit_picker.itemData(index)
        if value == OPEN_KIT:
            path, _ = QFileDialog.getOpenFileName(self, "Open a brand kit", "",
                                                  "Brand kits (kit.toml *.toml)")
            if not path:
                self._fill_picker()
                return
            value = path
        self.choose_kit(value)

    def choose_kit(self, ref: str) -> bool:
        """Start from kit ``ref`` (a built-in name or a kit file), dropping the overrides;
        a kit that cannot be read is refused with its reason and the editor keeps its own."""
        if ref not in BUILTIN_KITS:
            try:
                load_kit(Path(ref))
            except StudioError as exc:
                self.say(exc.message)
                self._fill_picker()
                return False
            remember_kit(ref)
        self.ref = "" if ref == DEFAULT_KIT else ref
        self.overrides = {}
        self._fill_picker()
        self.say("")
        self._refresh()
        return True

    def _set(self, key: str, value: str) -> None:
        if self._filling:
            return
        if value:
            self.overrides[key] = value
        else:
            self.overrides.pop(key, None)
        self._refresh(fill=False)

    def _file_chosen(self, key: str, path: str) -> None:
        self._set(key, path)
        if self.kit is not None:
            self._fill(self.kit)  # a cleared file shows the kit's own again

    def adjust_colours(self) -> None:
        """Move each failing colour to its nearest passing shade (kept as overrides)."""
        if self.kit is None:
            return
        try:
            adjusted, changes = adjust_kit(self.kit)
        except StudioError as exc:
            self.say(exc.message)
            return
        for scheme, palette in adjusted.palettes():
            before = getattr(self.kit, scheme)
            for role in palette.__dataclass_fields__:
                if getattr(palette, role) != getattr(before, role):
                    self.overrides[f"{scheme}.{role}"] = getattr(palette, role)
        self._refresh()
        self.say("Adjusted: " + "; ".join(changes) + "." if changes else
                 "Every pair passes already: nothing to adjust.")

    # ---- the effective kit -------------------------------------------------------------------
    def effective_kit(self):
        """The kit the course gets if this is applied (files chosen here included). Raises
        StudioError (BrandKitError) for a kit or a value that cannot be used."""
        return resolve_kit(self.ref, theme_paths(self.overrides, self.session.course(),
                                                 self.session.project.media_dir, paths=True))

    def _file_name(self, key: str) -> str:
        value = self.overrides.get(key, "")
        asset = self.session.course().assets.get(value)
        return asset.original_name if asset else Path(value).name if value else ""

    def _refresh(self, fill: bool = True) -> None:
        try:
            kit = self.effective_kit()
        except StudioError as exc:
            self._refuse(exc.message)  # beside the buttons it holds back, and nowhere else
            return
        self.kit = kit
        if fill:
            self._fill(kit)
        self.failing = self.contrast.show_report(contrast_report(kit))
        total = self.contrast.count()
        if self.failing:
            self.summary.setText(f"{len(self.failing)} of {total} colour pairs fail: learners "
                                 "with low vision may not read them.")
            self._refuse(f"Cannot apply: {len(self.failing)} colour pair"
                         f"{'s' if len(self.failing) > 1 else ''} fail contrast (listed "
                         "above). Adjust them, or change the colours.")
        else:
            self.summary.setText(f"All {total} colour pairs pass.")
            self._refuse("")
        self.adjust.setEnabled(bool(self.failing))
        self.preview.show_kit(kit)

    def _refuse(self, reason: str) -> None:
        self.refusal.setText(reason)
        for button in (self.ok_button, self.apply_button):
            button.setEnabled(not reason)
            button.setToolTip(reason)

    def _fill(self, kit) -> None:
        """Show ``kit``'s values in the fields (without counting them as edits)."""
        self._filling = True
        try:
            for key, field in self.colours.items():
                scheme, role = key.split(".")
                palette = getattr(kit, scheme)
                field.set_value(getattr(palette, role) if palette is not None else "")
            self.radius.setValue(kit.radius)
            self.button_style.setCurrentIndex(max(0, self.button_style.findData(
                kit.button_style)))
            self.logo_alt.setText(kit.logo_alt)
            names = {"logo": f"{kit.logo_type.upper()} logo" if kit.logo else "",
                     "favicon": f"{kit.favicon_type.upper()} icon" if kit.favicon else "",
                     "body_font": kit.body_family, "heading_font": kit.heading_family}
            for key, field in self._file_fields().items():
                own = self._file_name(key)
                field.set_shown(own or names[key], bool(own))
        finally:
            self._filling = False

    # ---- storing -----------------------------------------------------------------------------
    def apply(self) -> bool:
        """Store the kit reference and overrides in one undoable edit; False when refused
        (the reason is shown, the editor keeps the edits)."""
        if self.failing or self.kit is None:
            return False
        # a kit given: the stored overrides are replaced by these
        outcome = self.session.run(set_theme, kit=self.ref, overrides=dict(self.overrides))
        if not outcome.ok:
            self.say(outcome.error)
            return False
        self.overrides = dict(self.session.course().settings.theme)
        self.say("Applied.")
        self._refresh()
        return True

    def accept(self) -> None:
        if self.apply():
            super().accept()

    def save_as_kit(self) -> Path | None:
        """Write the theme as a kit folder (kit.toml and its files) chosen by the person."""
        if self.kit is None:
            return None
        folder = QFileDialog.getExistingDirectory(self, "Save the theme as a kit in a folder")
        if not folder:
            return None
        try:
            try:
                path = write_kit(self.kit, Path(folder))
            except KitExistsError as exc:
                answer = QMessageBox.question(self, "Replace the kit?",
                                              f"{exc.message} Replace it?")
                if answer != QMessageBox.StandardButton.Yes:
                    self.say("The kit was not saved.")
                    return None
                path = write_kit(self.kit, Path(folder), replace=True)
        except (StudioError, OSError) as exc:
            self.say(getattr(exc, "message", None) or f"The kit cannot be written: {exc}.")
            return None
        remember_kit(str(path))
        self._fill_picker()
        self.say(f"Saved the kit as {path}.")
        return path

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                isinstance(self.focusWidget(), QLineEdit | QAbstractSpinBox):
            event.accept()  # Return in a field takes its value; it does not close the editor
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        self.preview.close_site()
        super().done(result)

