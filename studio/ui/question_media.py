"""Media on a question and on its choices and items: a picture, a sound or a short video,
chosen from the course's media or brought in from a file through the media import (one
writing job, one undo step), with its alternative text.

A picture needs its alternative text before the form stores it; a sound or a video may have
one (it becomes the player's label for it). Questions offer no "decorative" picture: what a
question shows is part of what it asks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.errors import InvalidEditError
from studio.ui.dialog_parts import error_label, ok_cancel

MEDIA_KINDS = ("image", "audio", "video")
PICTURES = "Pictures (*.png *.jpg *.jpeg *.gif *.webp *.svg)"
MEDIA_FILES = (f"Pictures, sounds and videos (*.png *.jpg *.jpeg *.gif *.webp *.svg *.mp3 "
               f"*.m4a *.wav *.ogg *.aac *.mp4 *.m4v *.mov *.webm);;{PICTURES};;"
               "Sounds (*.mp3 *.m4a *.wav *.ogg *.aac);;Videos (*.mp4 *.m4v *.mov *.webm);;"
               "All files (*)")
KIND_WORDS = {"image": "picture", "audio": "sound", "video": "video"}


def session_of(widget: QWidget | None):
    """The project session of the panel a dialog was opened from, if any."""
    while widget is not None:
        session = getattr(widget, "session", None)
        if session is not None and hasattr(session, "course"):
            return session
        widget = widget.parentWidget()
    return None


def asset_kind(session, asset_id: str | None) -> str | None:
    """The kind of a course asset ("image", "audio", "video"); None when unknown."""
    if session is None or not asset_id:
        return None
    asset = session.course().assets.get(asset_id)
    return asset.kind if asset is not None else None


def require_alt(kind: str | None, alt: str, where: str) -> None:
    """Refuse a picture without its alternative text. ``where`` names it in the message
    ("the question's picture", "choice 2's picture"). Raises InvalidEditError."""
    if kind == "image" and not alt.strip():
        raise InvalidEditError(f"Describe {where} in its alternative text, for learners who "
                               "cannot see it.")


class MediaChooser(QWidget):
    """A drop-down of the course's media of some kinds and a "From file…" button.

    ``chosen`` is emitted with the asset id (None: no media) when the author picks one or a
    file has been brought in; ``message`` with a one-line message for the form."""

    chosen = Signal(object)
    message = Signal(str)

    def __init__(self, session, kinds: tuple[str, ...] = MEDIA_KINDS, current: str | None = None,
                 name: str = "Media", parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.kinds = session, kinds
        self.imported: list[str] = []  # assets brought in from files here, newest last
        only_pictures = kinds == ("image",)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(name)
        self.button = QPushButton("From file…", self)
        self.button.setAccessibleName(f"{name} from a file")
        self.button.clicked.connect(self.choose_file)
        self.none_text = "No picture" if only_pictures else "No media"
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.combo, 1)
        line.addWidget(self.button)
        self.fill(current)
        self.combo.currentIndexChanged.connect(lambda _i: self.chosen.emit(self.current()))

    def current(self) -> str | None:
        """The chosen asset id (None: none)."""
        return self.combo.currentData()

    def kind(self) -> str | None:
        """The chosen asset's kind, or None."""
        return asset_kind(self.session, self.current())

    def fill(self, current: str | None) -> None:
        """List the course's media of the chooser's kinds, with ``current`` chosen (an id
        this project does not hold is listed by its id, so it is kept as it is)."""
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.none_text, None)
        assets = self.session.course().assets if self.session is not None else {}
        order = {kind: n for n, kind in enumerate(MEDIA_KINDS)}  # pictures first
        for asset in sorted(assets.values(), key=lambda a: (order.get(a.kind, len(order)),
                                                              a.original_name.lower())):
            if asset.kind in self.kinds or asset.id == current:
                word = "" if asset.kind == "image" else f" ({KIND_WORDS.get(asset.kind, '')})"
                self.combo.addItem(asset.original_name + word, asset.id)
        if current is not None and self.combo.findData(current) < 0:
            self.combo.addItem(current, current)
        self.combo.setCurrentIndex(max(0, self.combo.findData(current)))
        self.combo.blockSignals(False)

    def choose_file(self) -> None:
        filters = PICTURES + ";;All files (*)" if self.kinds == ("image",) else MEDIA_FILES
        path, _ = QFileDialog.getOpenFileName(self, "Media for the question", "", filters)
        if path:
            self.add_file(Path(path))

    def add_file(self, path: Path):
        """Bring a file into the course's media (a background writing job) and choose it
        when it is in. Returns the job (None without a project)."""
        if self.session is None:
            self.message.emit("Open a course to add media from files.")
            return None
        from studio.media.import_report import FileKind, ImportTarget  # noqa: PLC0415
        from studio.ui.imports import start_import  # noqa: PLC0415

        job = start_import(self.session, [path], ImportTarget())
        self.button.setEnabled(False)
        self.message.emit(f"Adding {path.name}…")
        done: dict = {}

        def ended() -> None:  # after the session has read the new asset back
            self.button.setEnabled(True)
            if "report" not in done:  # failed: the message is shown already
                return
            media = done["report"].of_kind(FileKind.MEDIA)
            asset = self.session.course().assets.get(media[0].asset_id or "") if media else None
            if asset is None or asset.kind not in self.kinds:
                wanted = " or ".join(KIND_WORDS[k] for k in self.kinds)
                self.message.emit(f"{path.name} is not a {wanted}.")
                return
            self.imported.append(asset.id)
            self.fill(asset.id)
            self.message.emit("")
            self.chosen.emit(asset.id)

        job.succeeded.connect(lambda report: done.update(report=report))
        job.failed.connect(lambda message: self.message.emit(message.splitlines()[0]))
        job.ended.connect(ended)
        return job


def forget_imports(dialog: QWidget) -> None:
    """Take back out of the media bin what the dialog's choosers brought in from files,
    unless something in the course uses it meanwhile: a cancelled form leaves no asset."""
    from studio import commands  # noqa: PLC0415

    for chooser in dialog.findChildren(MediaChooser):
        for asset_id in reversed(chooser.imported):
            if chooser.session is not None and asset_id in chooser.session.course().assets:
                chooser.session.run(commands.remove_asset, asset_id)  # refused when in use
        chooser.imported.clear()


class EntryMediaDialog(QDialog):
    """The media of one choice or item and its alternative text; OK refuses a picture
    without alternative text, with a one-line message."""

    def __init__(self, session, what: str, media: str | None, alt: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.what = what
        self.setWindowTitle(f"Media of {what}")
        self.chooser = MediaChooser(session, current=media, name=f"Media of {what}",
                                    parent=self)
        self.alt = QLineEdit(alt, self)
        self.alt.setAccessibleName(f"Alternative text of {what}'s media")
        self.alt.setPlaceholderText("What it shows or says, for learners who cannot see or "
                                    "hear it")
        self.error = error_label(self)
        self.chooser.message.connect(self.error.setText)
        self.chooser.chosen.connect(lambda _id: self.alt.setFocus())
        form = QFormLayout()
        form.addRow("Media", self.chooser)
        form.addRow("Alternative text", self.alt)
        buttons, _ok = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, 150)

    def accept(self) -> None:
        try:
            require_alt(self.chooser.kind(), self.alt.text(), f"{self.what}'s picture")
        except InvalidEditError as exc:
            self.error.setText(exc.message)
            return
        super().accept()


class MediaButton(QPushButton):
    """A table cell's button that shows an entry's media (its name, or "Add…") and opens
    :class:`EntryMediaDialog` to change it. ``media``/``alt`` hold the current values."""

    changed = Signal()

    def __init__(self, what: str, media: str | None = None, alt: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.what, self.media, self.alt = what, media, alt
        self.dialog: EntryMediaDialog | None = None
        self.clicked.connect(self.open_dialog)
        self._show()

    def set_media(self, media: str | None, alt: str) -> None:
        self.media, self.alt = media, alt
        self._show()

    def _show(self) -> None:
        session = session_of(self)
        asset = session.course().assets.get(self.media) if session and self.media else None
        self.setText(asset.original_name if asset else (self.media or "Add…"))
        self.setAccessibleName(f"Media of {self.what}")
        self.setToolTip(self.alt or ("No media" if not self.media else "No alternative text"))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._show()  # the session is reachable once the cell is in the form

    def open_dialog(self) -> EntryMediaDialog:
        """Open the media dialog (not modal to the test driver: ``open``, not ``exec``)."""
        self.dialog = EntryMediaDialog(session_of(self), self.what, self.media, self.alt,
                                       self.window())
        self.dialog.accepted.connect(self._accepted)
        self.dialog.open()
        return self.dialog

    def _accepted(self) -> None:
        dialog = self.dialog
        self.set_media(dialog.chooser.current(), dialog.alt.text().strip()
                       if dialog.chooser.current() else "")
        self.changed.emit()

    def entry_fields(self) -> dict:
        """``{"media": id, "mediaAlt": text}`` as stored on a choice or item ({} none)."""
        if not self.media:
            return {}
        return {"media": self.media, **({"mediaAlt": self.alt} if self.alt else {})}
