"""The drag-and-drop question's editor: its categories (a list) and its items (a table of
text, the category each belongs in, and optional media), with the scoring drop-down."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QTableWidgetItem, QWidget

from studio.errors import InvalidEditError
from studio.quiz.types import QuestionType
from studio.ui.question_media import MediaButton, asset_kind, require_alt, session_of
from studio.ui.question_rows import ID_ROLE, AnswerEditor, ListEditor, TableEditor


class _Categories(ListEditor):
    """The categories: texts with kept ids k1, k2..."""

    offers_scoring = False

    def data(self) -> dict:
        texts = self.texts()
        if any(not t for t in texts):
            raise InvalidEditError(f"Category {texts.index('') + 1} is empty; write it or "
                                   "remove it.")
        if len(texts) < 2:
            raise InvalidEditError("A drag-and-drop question needs at least two categories.")
        return {"categories": [{"id": self.list.item(r).data(ID_ROLE), "text": t}
                               for r, t in enumerate(texts)]}


class _Items(TableEditor):
    """The items: text, category (a drop-down of the categories) and media."""

    columns = ("Item", "Goes into", "Media")
    noun = "item"
    id_prefix = "d"
    offers_scoring = False

    def __init__(self, kind: QuestionType, categories: _Categories,
                 parent: QWidget | None = None):
        super().__init__(kind, parent)
        self.categories = categories
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

    def combo(self, row: int) -> QComboBox:
        return self.table.cellWidget(row, 1)

    def media_button(self, row: int) -> MediaButton:
        return self.table.cellWidget(row, 2)

    def fill_combo(self, combo: QComboBox, chosen: str | None) -> None:
        """List the categories as they are now, ``chosen`` kept chosen when it still is."""
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("Choose…", None)
        for row in range(self.categories.list.count()):
            entry = self.categories.list.item(row)
            combo.addItem(entry.text() or f"Category {row + 1}", entry.data(ID_ROLE))
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    def refresh_categories(self) -> None:
        for row in range(self.table.rowCount()):
            self.fill_combo(self.combo(row), self.combo(row).currentData())

    def row_values(self, row: int) -> list:
        text = self.table.item(row, 0).text() if self.table.item(row, 0) else ""
        return [text, self.combo(row).currentData()]

    def row_state(self, row: int) -> list:
        button = self.media_button(row)
        return [*self.row_values(row), button.media, button.alt]

    def set_row(self, row: int, values: list, entry_id: str) -> None:
        text, category, media, alt = (list(values) + [None, None, ""])[:4]
        item = QTableWidgetItem(text)
        item.setData(ID_ROLE, entry_id)
        self.table.setItem(row, 0, item)
        self.table.setItem(row, 1, QTableWidgetItem(""))
        combo = self.combo(row)
        if combo is None:
            combo = QComboBox(self.table)
            self.table.setCellWidget(row, 1, combo)
        combo.setAccessibleName(f"Category of item {row + 1}")
        self.fill_combo(combo, category)
        button = self.media_button(row)
        if button is None:
            button = MediaButton(f"item {row + 1}", parent=self.table)
            self.table.setCellWidget(row, 2, button)
        button.what = f"item {row + 1}"
        button.set_media(media, alt)

    def blank_row(self) -> list:
        return ["", None]


class DragDropEditor(AnswerEditor):
    """Drag and drop into categories: the categories, then the items and where each goes."""

    def __init__(self, kind: QuestionType, parent: QWidget | None = None):
        super().__init__(kind, parent)
        self.layout_.addWidget(QLabel("Categories", self))
        self.categories = _Categories(kind, "category", "categories", "k", self)
        self.categories.list.setAccessibleName("Categories")
        self.categories.list.setMinimumHeight(90)
        self.layout_.addWidget(self.categories)
        self.layout_.addWidget(QLabel("Items to sort", self))
        self.items = _Items(kind, self.categories, self)
        self.items.table.setAccessibleName("Items to sort")
        self.layout_.addWidget(self.items)
        model = self.categories.list.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved,
                       model.dataChanged):
            signal.connect(lambda *_: self.items.refresh_categories())

    def load(self, data: dict) -> None:
        self.categories.load(data)
        self.items.clear()
        for entry in data.get("items", []):
            self.items.append([entry.get("text", ""), entry.get("category"),
                               entry.get("media"), entry.get("mediaAlt", "")], entry.get("id"))
        self.load_scoring(data)

    def data(self) -> dict:
        categories = self.categories.data()["categories"]
        items = []
        for row in range(self.items.table.rowCount()):
            text, category = self.items.row_values(row)
            if not text.strip():
                raise InvalidEditError(f"Item {row + 1} has no text; write it or remove it.")
            if category is None:
                raise InvalidEditError(f"Choose the category item {row + 1} goes into.")
            button = self.items.media_button(row)
            require_alt(asset_kind(session_of(self), button.media), button.alt,
                        f"item {row + 1}'s picture")
            items.append({"id": self.items.row_id(row), "text": text.strip(),
                          "category": category, **button.entry_fields()})
        if len(items) < 2:
            raise InvalidEditError("A drag-and-drop question needs at least two items.")
        return {"categories": categories, "items": items, **self.scoring_data()}
