"""The export dialog's words match what it writes, and its access keys are all different."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QLabel


def access_keys(dialog) -> list[str]:
    texts = [w.text() for w in dialog.findChildren(QAbstractButton) if w.isVisible()]
    texts += [w.text() for w in dialog.findChildren(QLabel) if w.buddy() is not None]
    return [m.group(1).lower() for text in texts
            for m in [re.search(r"&([^&\s])", text)] if m]


def test_all_formats_names_the_target_a_folder(window, qtbot):
    dialog = window.export()
    assert dialog.target_label.text() == "Save as"
    assert dialog.target.accessibleName() == "Save the package as"
    dialog.all_formats.setChecked(True)
    assert dialog.target_label.text() == "Folder"
    assert dialog.target.accessibleName() == "Folder for the packages"
    dialog.all_formats.setChecked(False)
    assert dialog.target_label.text() == "Save as"
    assert dialog.target.text().endswith(".zip")
    dialog.close()


def test_all_formats_has_an_access_key_no_other_control_uses(window, qtbot):
    dialog = window.export()
    keys = access_keys(dialog)
    assert re.search(r"&([^&\s])", dialog.all_formats.text())
    assert len(keys) >= 5 and len(keys) == len(set(keys)), keys
    dialog.close()
