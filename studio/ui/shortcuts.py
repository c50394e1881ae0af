"""Every keyboard shortcut of the window, declared once.

The window's actions take their keys from :data:`SHORTCUTS` (:func:`keys`), the Help menu's
Keyboard shortcuts dialog lists it, and the timeline's own keys are documented in it (the
timeline view handles those itself while it has the focus).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

WINDOW = "Window"
TIMELINE = "Timeline"


@dataclass(frozen=True)
class Shortcut:
    name: str  # the action's key in this table
    keys: str  # portable text: one QKeySequence for window actions, a description for the timeline
    does: str
    where: str = WINDOW


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("new", "Ctrl+N", "New course"),
    Shortcut("open", "Ctrl+O", "Open a course"),
    Shortcut("build", "Ctrl+Shift+O",
             "New course from a folder of materials or a spec file"),
    Shortcut("rebuild", "Ctrl+Alt+R", "Rebuild the course from its spec or folder"),
    Shortcut("write_spec", "Ctrl+Alt+W", "Write the spec of a folder-built course to edit"),
    Shortcut("save_copy", "Ctrl+Shift+S", "Save a copy of the course as…"),
    Shortcut("cancel_job", "Esc", "Cancel the running job (shown in the status bar)"),
    Shortcut("quit", "Ctrl+Q", "Quit"),
    Shortcut("undo", "Ctrl+Z", "Undo"),
    Shortcut("redo", "Ctrl+Shift+Z", "Redo"),
    Shortcut("rename", "F2", "Rename the selected module, lesson or item"),
    Shortcut("remove", "Del", "Remove the selected module, lesson or item (outline, bin)"),
    Shortcut("import", "Ctrl+I", "Import media (into the selected lesson)"),
    Shortcut("add_to_lesson", "Ctrl+Shift+Return",
             "Add the media selected in the bin to the lesson"),
    Shortcut("deck", "Ctrl+Shift+I", "Import a PowerPoint deck"),
    Shortcut("add_module", "Ctrl+Shift+M", "Add a module"),
    Shortcut("add_lesson", "Ctrl+L", "Add a lesson"),
    Shortcut("add_page", "Ctrl+Shift+P", "Add a page"),
    Shortcut("add_quiz", "Ctrl+Shift+Q", "Add a quiz"),
    Shortcut("settings", "Ctrl+,", "Course settings"),
    Shortcut("theme", "Ctrl+Shift+B", "Brand and theme"),
    Shortcut("export", "Ctrl+E", "Export a package"),
    Shortcut("twin_check", "Ctrl+Shift+K", "Check the package in the LMS twin"),
    Shortcut("learner", "Ctrl+P", "Preview as learner"),
    Shortcut("render", "Ctrl+R", "Render the selected clip for the web"),
    Shortcut("narration", "Ctrl+Shift+N", "Show the narration panel (script, voice, sentences)"),
    Shortcut("revoice", "Ctrl+Shift+R", "Re-voice the selected slide or page"),
    Shortcut("glossary", "Ctrl+Shift+G", "The course glossary: how words are pronounced"),
    Shortcut("translation", "Ctrl+Shift+L",
             "Show the translation panel (languages, drift, text side by side)"),
    Shortcut("xliff_export", "Ctrl+Shift+X", "Export XLIFF for translators"),
    Shortcut("xliff_import", "Ctrl+Alt+X", "Import a translated XLIFF file"),
    Shortcut("pseudo", "Ctrl+Alt+L", "Pseudo-localise the course (qps-ploc, qps-plocm)"),
    Shortcut("accessibility", "Ctrl+Shift+Y",
             "Show the accessibility panel (issues by WCAG criterion, statements)"),
    Shortcut("a11y_check", "Ctrl+Alt+Y", "Run the full accessibility check"),
    Shortcut("xray", "Ctrl+Shift+J",
             "Show the X-ray panel (drop-offs, flagged questions, cold segments)"),
    Shortcut("xray_load", "Ctrl+Alt+J", "Load learner data (an LRS, statements, SCORM reports)"),
    Shortcut("xray_timeline", "Ctrl+Shift+H",
             "Show or hide X-ray on the timeline (heat strips, question badges)"),
    Shortcut("guide", "F1", "Getting started"),
    Shortcut("shortcuts", "Ctrl+/", "Keyboard shortcuts"),
    Shortcut("about", "Ctrl+F1", "About Course Studio"),
    Shortcut("next_panel", "F6", "Next panel: outline, media bin, preview, inspector, timeline"),
    Shortcut("previous_panel", "Shift+F6", "Previous panel"),
    Shortcut("play", "Space", "Play or pause from the playhead", TIMELINE),
    Shortcut("shuttle", "J / K / L", "Shuttle: reverse, stop, forward (repeat for faster)",
             TIMELINE),
    Shortcut("frame_step", "Alt+Left / Alt+Right", "One frame back / forward", TIMELINE),
    Shortcut("ends", "Home / End", "Go to the lesson's start / end", TIMELINE),
    Shortcut("mark", "I / O", "Set the in / out point at the playhead", TIMELINE),
    Shortcut("split", "S", "Split the clip at the playhead", TIMELINE),
    Shortcut("cue", "M", "Add a cue point at the playhead", TIMELINE),
    Shortcut("delete_clip", "Del", "Remove the selected clip (or cue point)", TIMELINE),
    Shortcut("nudge", "Left / Right",
             "Nudge the out point (Shift: the in point; Ctrl: by 1 s)", TIMELINE),
    Shortcut("select_item", "Up / Down",
             "Select the previous / next item and put the playhead at its start", TIMELINE),
    Shortcut("zoom", "Ctrl+wheel or + / -", "Zoom the timeline", TIMELINE),
)

_BY_NAME = {shortcut.name: shortcut for shortcut in SHORTCUTS}


def find(name: str) -> Shortcut:
    """The table's row called ``name``; KeyError when there is none."""
    return _BY_NAME[name]


def keys(name: str) -> QKeySequence:
    """The key sequence of the row called ``name``, for ``QAction.setShortcut``."""
    return QKeySequence(find(name).keys, QKeySequence.SequenceFormat.PortableText)


def shown_keys(shortcut: Shortcut) -> str:
    """The keys as this platform writes them (``Ctrl+N``, ``⌘N`` on macOS)."""
    if shortcut.where != WINDOW:
        return shortcut.keys
    return QKeySequence(shortcut.keys).toString(QKeySequence.SequenceFormat.NativeText)
