"""The inspector builds an item's setting fields from studio.item_kinds: labels, ranges,
choices and the values a new item starts with are the table's, and an edit is a command."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox

from studio import commands
from studio.item_kinds import CHOICE, INTEGER, NUMBER, SWITCH, settings_of


def shown(window, qtbot, item_id: str):
    window.session.select(item_id)
    qtbot.waitUntil(lambda: window.inspector.shown == item_id, timeout=3000)
    qtbot.wait(10)
    return window.inspector.fields


def value_of(widget):
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    return widget.toPlainText()


def test_new_items_show_the_tables_fields_and_defaults(window, qtbot):
    lesson = window.session.course().lessons()[0].id
    made = {"quiz": window.session.run(commands.add_quiz, lesson, "Check").value,
            "slide": window.session.run(commands.add_slide, lesson, "Slide").value,
            "page": window.session.run(commands.add_page, lesson, "Page").value}
    for kind, item_id in made.items():
        fields = shown(window, qtbot, item_id)
        labelled = [s for s in settings_of(kind).settings if s.label]
        assert list(fields) == [s.name for s in labelled]
        for setting in labelled:
            widget = fields[setting.name]
            assert widget.accessibleName() == setting.label
            empty = 0 if setting.optional else setting.default
            assert value_of(widget) == (empty if setting.default is None else setting.default)
            if setting.type == NUMBER:
                assert (widget.minimum(), widget.maximum()) == (setting.low, setting.high)
                assert widget.suffix() == setting.unit
            elif setting.type == INTEGER:
                assert widget.maximum() == setting.high
                assert widget.specialValueText() == setting.none_label
            elif setting.type == CHOICE:
                assert [(widget.itemData(i), widget.itemText(i))
                        for i in range(widget.count())] == list(setting.choices)
            elif setting.type == SWITCH:
                assert widget.text() == setting.label


def test_a_field_edit_is_the_set_item_command(window, qtbot):
    lesson = window.session.course().lessons()[0].id
    quiz = window.session.run(commands.add_quiz, lesson, "Check").value
    shown(window, qtbot, quiz)["pass_mark"].setValue(85)
    qtbot.waitUntil(lambda: window.session.find(quiz).pass_mark == 85, timeout=3000)
    shown(window, qtbot, quiz)["draw"].setValue(3)
    qtbot.waitUntil(lambda: window.session.find(quiz).draw == 3, timeout=3000)
    shown(window, qtbot, quiz)["draw"].setValue(0)  # the "all" end of the field
    qtbot.waitUntil(lambda: window.session.find(quiz).draw is None, timeout=3000)
    shown(window, qtbot, quiz)["show_answers"].setCurrentIndex(2)
    qtbot.waitUntil(lambda: window.session.find(quiz).show_answers == "never", timeout=3000)
