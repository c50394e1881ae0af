"""Guards against a Qt binding that corrupts the interpreter (seen with PySide6 6.12.0 on
Python 3.11: every Qt call returning nothing dropped a reference to None until Python
aborted mid-session)."""

import sys

from PySide6.QtWidgets import QLabel


def test_qt_calls_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for index in range(20_000):
        label.setText(str(index))
    assert sys.getrefcount(None) >= before - 100
