"""The hotspot question's editor: its picture shown scaled to fit, regions drawn on it with
the mouse (rectangles, circles, polygons), listed beside it with their label and Correct box.

Coordinates are stored as fractions of the picture's width and height (0..1), so they hold
at any size the player draws the picture: rect ``[x, y, w, h]``, circle ``[cx, cy, r]`` (r a
fraction of the width), polygon ``[x1, y1, x2, y2, ...]``. Keys on the picture: arrows nudge
the selected region by a pixel (Shift: ten), Delete removes it, Enter closes a polygon being
drawn and Escape drops it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from studio.errors import InvalidEditError
from studio.quiz.types import QuestionType
from studio.ui.dialog_parts import error_label
from studio.ui.hotspot_canvas import HotspotCanvas, PictureLoaded, ReadPicture
from studio.ui.question_media import MediaChooser, require_alt, session_of
from studio.ui.question_rows import AnswerEditor

TOOLS = (("select", "Select"), ("rect", "Rectangle"), ("circle", "Circle"),
         ("polygon", "Polygon"))
SHAPE_WORDS = {"rect": "Rectangle", "circle": "Circle", "polygon": "Polygon"}


class HotspotEditor(AnswerEditor):
    """Hotspot: the picture (with its required alternative text), the drawing tools, the
    canvas and the regions' table (Correct, Label, Shape)."""

    def __init__(self, kind: QuestionType, parent: QWidget | None = None):
        super().__init__(kind, parent)
        self.session = session_of(parent)
        self.chooser = MediaChooser(self.session, ("image",), name="Hotspot picture",
                                    parent=self)
        self.image_alt = QLineEdit(self)
        self.image_alt.setAccessibleName("Hotspot picture's alternative text")
        self.image_alt.setPlaceholderText("What the picture shows, for learners who cannot "
                                          "see it")
        self.note = error_label(self)
        self.note.hide()
        self.chooser.message.connect(self._say)
        self.chooser.chosen.connect(self._picture_chosen)
        form = QFormLayout()
        form.addRow("Picture", self.chooser)
        form.addRow("Alternative text", self.image_alt)
        self.layout_.addLayout(form)
        self.layout_.addWidget(self.note)
        tools = QHBoxLayout()
        self.tools = QButtonGroup(self)
        self.tool_buttons: dict[str, QPushButton] = {}
        for key, text in TOOLS:
            button = QPushButton(text, self)
            button.setCheckable(True)
            button.setAccessibleName(f"{text} tool")
            button.setToolTip({"select": "Click a region to select it; drag to move it",
                               "polygon": "Click each corner; double-click or Enter closes it",
                               "circle": "Drag a box on the picture; the circle fits in it"}
                              .get(key, f"Drag on the picture to draw a {text.lower()}"))
            self.tools.addButton(button)
            button.clicked.connect(lambda _c=False, k=key: self.set_tool(k))
            tools.addWidget(button)
            self.tool_buttons[key] = button
        self.add = QPushButton("Add region", self)
        self.add.setToolTip("Add a rectangle in the middle of the picture; move it with the "
                            "arrow keys")
        self.add.clicked.connect(self.add_region)
        tools.addWidget(self.add)
        self.remove = QPushButton("Remove region", self)
        self.remove.clicked.connect(lambda: self.canvas.remove_current())
        tools.addWidget(self.remove)
        tools.addStretch(1)
        self.layout_.addLayout(tools)
        self.canvas = HotspotCanvas(self)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(("Correct", "Label", "Shape"))
        self.table.setAccessibleName("Hotspot regions")
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumWidth(230)
        beside = QHBoxLayout()
        beside.addWidget(self.canvas, 3)
        beside.addWidget(self.table, 2)
        self.layout_.addLayout(beside)
        self.canvas.changed.connect(self._list_regions)
        self.canvas.selected.connect(self._canvas_selected)
        self.table.currentCellChanged.connect(self._row_chosen)
        self.table.itemChanged.connect(self._label_edited)
        self.table.installEventFilter(self)
        self._loaded = PictureLoaded(self)
        self._loaded.done.connect(self._picture_read)
        self._filling = False
        self._waiting: list[dict] = []  # a new question's regions, kept until a picture is in
        self.set_tool("rect")

    def set_tool(self, key: str) -> None:
        """Choose the drawing tool: "select", "rect", "circle" or "polygon"."""
        self.canvas.tool = key
        self.canvas._points = []
        self.tool_buttons[key].setChecked(True)
        self.canvas.setCursor(Qt.CursorShape.ArrowCursor if key == "select"
                              else Qt.CursorShape.CrossCursor)

    def add_region(self) -> None:
        """A rectangle in the middle of the picture, selected, with the picture focused so
        the arrow keys move it: drawing without a mouse."""
        self.canvas.add_region("rect", [0.4, 0.4, 0.2, 0.2])
        self.set_tool("select")
        self.canvas.setFocus()

    # ---- the picture ---------------------------------------------------------------------------
    def _picture_chosen(self, asset_id: str | None) -> None:
        self.canvas.set_image(QImage())
        self.add.setEnabled(asset_id is not None)
        if asset_id is not None and not self.canvas.regions and self._waiting:
            self.canvas.regions, self._waiting = self._waiting, []  # shown with a picture
            self._list_regions()
        asset = self.session.course().assets.get(asset_id) if self.session and asset_id \
            else None
        if asset is None:
            return
        path = str(self.session.project.media_dir / asset.filename)
        QThreadPool.globalInstance().start(ReadPicture(path, asset.id, self._loaded))

    def _picture_read(self, asset_id: str, image: QImage) -> None:
        if asset_id == self.chooser.current():
            self.canvas.set_image(image)
            if image.isNull():
                self._say("The picture cannot be read; choose another one.")

    def _say(self, message: str) -> None:
        self.note.setText(message)
        self.note.setVisible(bool(message))

    # ---- the regions' table ----------------------------------------------------------------------
    def _list_regions(self) -> None:
        self._filling = True
        self.table.setRowCount(len(self.canvas.regions))
        for row, region in enumerate(self.canvas.regions):
            if self.table.cellWidget(row, 0) is None:
                holder = QWidget()
                box = QCheckBox(holder)
                box.toggled.connect(lambda on, b=box: self._ticked(b, on))
                line = QHBoxLayout(holder)
                line.setContentsMargins(0, 0, 0, 0)
                line.setAlignment(Qt.AlignmentFlag.AlignCenter)
                line.addWidget(box)
                self.table.setCellWidget(row, 0, holder)
            box = self.correct_box(row)
            box.blockSignals(True)
            box.setChecked(bool(region.get("correct")))
            box.blockSignals(False)
            box.setAccessibleName(f"Region {row + 1} is correct")
            self.table.setItem(row, 1, QTableWidgetItem(region.get("label", "")))
            shape = QTableWidgetItem(SHAPE_WORDS.get(region["shape"], region["shape"]))
            shape.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.table.setItem(row, 2, shape)
        self._filling = False
        self.canvas.update()

    def correct_box(self, row: int) -> QCheckBox:
        """The Correct box of a region's row."""
        return self.table.cellWidget(row, 0).findChild(QCheckBox)

    def _ticked(self, box: QCheckBox, on: bool) -> None:
        for row in range(self.table.rowCount()):
            if self.correct_box(row) is box:
                self.canvas.regions[row]["correct"] = on
        self.canvas.update()

    def _label_edited(self, item: QTableWidgetItem) -> None:
        if not self._filling and item.column() == 1:
            self.canvas.regions[item.row()]["label"] = item.text().strip()
            self.canvas.update()  # the picture shows each region's label

    def _canvas_selected(self, index: int) -> None:
        if index == self.table.currentRow():
            return
        if index >= 0:
            self.table.setCurrentCell(index, 1)
        else:
            self.table.setCurrentCell(-1, -1)

    def _row_chosen(self, row: int, *_cells) -> None:
        if row != self.canvas.current:
            self.canvas.select(row)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.table and event.type() == event.Type.KeyPress \
                and event.key() == Qt.Key.Key_Delete and self.table.state() \
                != QAbstractItemView.State.EditingState:
            self.canvas.remove_current()
            return True
        return super().eventFilter(watched, event)

    # ---- stored data -----------------------------------------------------------------------------
    def load(self, data: dict) -> None:
        self.chooser.fill(data.get("image"))
        self.image_alt.setText(data.get("imageAlt", "") or "")
        self.canvas.regions = []
        self._waiting = []
        for region in data.get("regions", []):  # a new question's regions have no ids yet
            self.canvas.regions.append({"id": region.get("id") or self.canvas.fresh_id(),
                                        "label": region.get("label", ""),
                                        "shape": region.get("shape", "rect"),
                                        "coords": list(region.get("coords", [])),
                                        "correct": bool(region.get("correct"))})
        if not data.get("image"):
            self.canvas.regions, self._waiting = [], self.canvas.regions
        self.load_scoring(data)
        self._list_regions()
        self._picture_chosen(data.get("image"))

    def data(self) -> dict:
        image = self.chooser.current()
        if not image:
            raise InvalidEditError("Choose the hotspot picture the learner clicks on.")
        require_alt(self.chooser.kind() or "image", self.image_alt.text(),
                    "the hotspot picture")
        regions = self.canvas.regions
        if not regions:
            raise InvalidEditError("Draw at least one region on the picture.")
        for number, region in enumerate(regions, start=1):
            if not region.get("label", "").strip():
                raise InvalidEditError(f"Region {number} has no label; name it (learners who "
                                       "cannot click the picture choose regions by label).")
        if not any(r.get("correct") for r in regions):
            raise InvalidEditError("Tick the Correct box of at least one region.")
        return {"image": image, "imageAlt": self.image_alt.text().strip(),
                "regions": [{"id": r["id"], "label": r["label"].strip(), "shape": r["shape"],
                             "coords": list(r["coords"]), "correct": bool(r.get("correct"))}
                            for r in regions], **self.scoring_data()}
