"""The `studio` command line's grammar: every subcommand with its --help."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from studio import __version__
from studio.cli.a11y import add_a11y_parsers, add_export_gate
from studio.cli.align import add_align_parser
from studio.cli.alt import add_alt_parser
from studio.cli.batch import add_batch_parsers
from studio.cli.build import add_build_parser
from studio.cli.check_lms import ENGINES, cmd_check_lms
from studio.cli.edits import edit_handler
from studio.cli.handlers import (
    ALL_FORMATS,
    cmd_captions,
    cmd_check,
    cmd_copy,
    cmd_export,
    cmd_export_gift,
    cmd_export_quiz,
    cmd_gui,
    cmd_history,
    cmd_import,
    cmd_ls,
    cmd_new,
    cmd_quiz_template,
    cmd_recover,
    cmd_sample,
    cmd_validate,
)
from studio.cli.lms import cmd_lms_list, cmd_lms_show
from studio.cli.lrs_service import add_lrs_parser
from studio.cli.narrate import add_narration_parsers
from studio.cli.recording import add_recording_parser
from studio.cli.render_place import add_render_place
from studio.cli.theme import add_theme_parser
from studio.cli.translate import add_translate_parser
from studio.cli.voices import add_voices_parser
from studio.cli.xray import add_xray_parser
from studio.commands.properties import OBJECTIVES_SEPARATOR
from studio.errors import StudioError
from studio.item_kinds import QUIZ
from studio.media.ffmpeg_args import DEFAULT_PRESET, ORIGINAL, PRESET_NAMES
from studio.model import RESUME_CHOICES, UNRECORDED_CHOICES
from studio.narration.voice import ENGINE_NAMES, LOUDNESS_RANGE, PITCH_RANGE, RATE_RANGE
from studio.publish import PUBLISH_FIELDS
from studio.quiz.types import QUESTION_TYPES
from studio.timecode import parse_time


class _Formats:
    """The export room's registered formats, read when ``export`` is parsed or its help shown,
    so the package writers are not imported at start-up."""

    def __contains__(self, name: object) -> bool:
        return name in self._names()

    def __iter__(self):
        return iter(self._names())

    @staticmethod
    def _names() -> list[str]:
        from studio.export.formats import available_formats

        return [*available_formats(), ALL_FORMATS]


class _QuizFormats:
    """The question-file writers' names, read from the registry when they are needed."""

    def __contains__(self, name: object) -> bool:
        return name in self._names()

    def __iter__(self):
        return iter(self._names())

    @staticmethod
    def _names() -> list[str]:
        from studio.quiz.exchange import WRITERS

        return list(WRITERS)


def _time(text: str) -> float:
    """A time option read as the window reads it (25, 0:25, 1:02.5, 25s), in seconds."""
    try:
        return parse_time(text)
    except StudioError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


class CommandParser(argparse.ArgumentParser):
    """A subcommand's parser; with ``intermixed`` its options may come anywhere among its
    positionals (`narrate DIR --engine festival ITEM` takes ITEM too)."""

    def __init__(self, *args, intermixed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.intermixed = intermixed
        self._mixing = False

    def parse_known_args(self, args=None, namespace=None):
        # the intermixed parse calls back here for each of its two passes
        if not self.intermixed or self._mixing:
            return super().parse_known_args(args, namespace)
        self._mixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._mixing = False


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studio", description="Course Studio: build courses and export LMS packages.")
    parser.add_argument("--version", action="version", version=f"studio {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                parser_class=CommandParser)

    def add(name: str, help_text: str, handler: Callable, project: bool = True,
            intermixed: bool = False):
        p = sub.add_parser(name, help=help_text, description=help_text, intermixed=intermixed)
        if project:
            p.add_argument("dir", metavar="DIR", help="the course project folder (Name.course)")
        p.set_defaults(handler=handler)
        return p

    p = add("new", "Create an empty course project.", cmd_new)
    p.add_argument("--title", required=True, help="the course title")
    p.add_argument("--language", default="en", help="the course language (default: en)")
    add("sample", "Write the bundled sample course into DIR.", cmd_sample)
    p = add("import", "Import files: video, audio, images, PowerPoint decks (.pptx) and "
            "questions (GIFT .gift, Aiken .txt, Moodle XML or QTI item .xml, QTI package "
            ".zip, spreadsheet .xlsx or .csv).", cmd_import)
    p.add_argument("files", nargs="+", metavar="FILE")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--lesson", metavar="ID", help="append the files to this lesson")
    where.add_argument("--new-lesson", metavar="TITLE", help="append them to a new lesson")
    p.add_argument("--quiz", metavar="ID", help="the quiz that receives imported questions "
                   "(default: a new quiz in the lesson)")
    p.add_argument("--renderer", choices=("auto", "libreoffice", "builtin"), default="auto",
                   help="how slides are drawn (auto: LibreOffice when installed)")
    p.add_argument("--script", metavar="FILE", help="the text spoken in the one video or sound "
                   "imported: its captions are aligned to it (see studio align)")
    p = add("ls", "Show the course outline.", cmd_ls)
    p.add_argument("--json", action="store_true", help="print the outline as JSON")

    p = add("add-module", "Add a module.", edit_handler("add-module"))
    p.add_argument("title")
    p.add_argument("--index", type=int, help="position among the modules (0 = first)")
    p = add("add-lesson", "Add a lesson to a module.", edit_handler("add-lesson"))
    p.add_argument("module", metavar="MODULE_ID")
    p.add_argument("title")
    p.add_argument("--index", type=int)
    p = add("add-page", "Add a text page to a lesson.", edit_handler("add-page"))
    p.add_argument("lesson", metavar="LESSON_ID")
    p.add_argument("title")
    text = p.add_mutually_exclusive_group()
    text.add_argument("--text", help="the page text ('# ' headings, '- ' bullets)")
    text.add_argument("--text-file", metavar="FILE", help="read the page text from a file")
    p.add_argument("--index", type=int)
    p = add("add-quiz", "Add a quiz to a lesson.", edit_handler("add-quiz"))
    p.add_argument("lesson", metavar="LESSON_ID")
    p.add_argument("title")
    p.add_argument("settings", nargs="*", metavar="KEY=VALUE",
                   help=", ".join(QUIZ.names()))
    p.add_argument("--index", type=int)
    p = add("add-cue", "Add a cue point (for in-video questions) to a clip or a slide.",
            edit_handler("add-cue"))
    p.add_argument("item", metavar="ITEM_ID")
    p.add_argument("--at", type=_time, required=True, metavar="TIME",
                   help="seconds of the source (a slide: of the slide): 25, 0:25 or 1:02.5")
    p.add_argument("--title")
    p.add_argument("--must-answer", action="store_true")
    p = add("set-cue", "Change a clip's or slide's cue point: title, time (seconds of the source; "
            "of a slide: of the slide) or "
            "must_answer (true/false); several at once are one undo step.",
            edit_handler("set-cue"))
    p.add_argument("item", metavar="ITEM_ID")
    p.add_argument("cue", metavar="CUE_ID")
    p.add_argument("settings", nargs="+", metavar="KEY=VALUE")
    p = add("rm-cue", "Remove a cue point and the questions asked at it.",
            edit_handler("rm-cue"))
    p.add_argument("item", metavar="ITEM_ID")
    p.add_argument("cue", metavar="CUE_ID")
    p = add("copy-question", "Ask a copy of a quiz's question at a clip's or slide's cue point.",
            edit_handler("copy-question"))
    p.add_argument("id", metavar="QUESTION_ID")
    p.add_argument("--to", required=True, metavar="ITEM_ID", help="the video clip or slide")
    p.add_argument("--cue", required=True, metavar="CUE_ID")

    p = add("add-question", "Add a question to a quiz (or to a clip's or slide's cue point).",
            edit_handler("add-question"))
    p.add_argument("item", metavar="ITEM_ID", help="the quiz, or the clip or slide with --cue")
    *others, last = QUESTION_TYPES
    p.add_argument("--type", required=True, help=f"{', '.join(others)} or {last}")
    p.add_argument("--prompt", required=True)
    p.add_argument("--points", type=float, default=1.0)
    p.add_argument("--data", metavar="JSON", help="the answers, e.g. '{\"answer\": true}' "
                   "(default: a starter the editor fills in)")
    p.add_argument("--pool", choices=("quiz", "bank"), default="quiz")
    p.add_argument("--cue", metavar="CUE_ID", help="for questions at a cue point")
    p.add_argument("--index", type=int)
    p = add("rm-question", "Remove a question.", edit_handler("rm-question"))
    p.add_argument("id", metavar="QUESTION_ID")
    p = add("move-question", "Reorder a question within its quiz.",
            edit_handler("move-question"))
    p.add_argument("id", metavar="QUESTION_ID")
    p.add_argument("--index", type=int, required=True)
    p = add("set-question", "Change a question: prompt, points, data (JSON), type, pool, "
            "correct / incorrect / general feedback.", edit_handler("set-question"))
    p.add_argument("id", metavar="QUESTION_ID")
    p.add_argument("settings", nargs="+", metavar="KEY=VALUE")
    p = add("captions", "Attach a caption file (SRT, WebVTT, SBV, ASS/SSA, TTML/DFXP) to a "
            "clip, or --show the cues of a clip's captions.", cmd_captions)
    p.add_argument("item", metavar="ITEM_ID", nargs="?")
    p.add_argument("file", metavar="FILE", nargs="?")
    p.add_argument("--language", default=None,
                   help="the captions' language, also a hint to their text encoding "
                        "(default: en; with --show: every track)")
    p.add_argument("--label")
    p.add_argument("--encoding", metavar="CODEC",
                   help="the file's text encoding when it is not UTF-8, e.g. cp1251")
    p.add_argument("--show", metavar="ITEM_ID",
                   help="print the cues of this clip's captions as stored")
    p = add("export-gift", "Write a quiz's questions as GIFT (Moodle's format).",
            cmd_export_gift)
    p.add_argument("quiz", metavar="QUIZ_ID")
    p.add_argument("-o", "--output", metavar="FILE.gift", help="default: standard output")
    p = add("export-quiz", "Write a quiz's questions as a question file another system "
            "imports: GIFT, Moodle XML, or a QTI 2.1 or 3.0 package.", cmd_export_quiz)
    p.add_argument("quiz", metavar="QUIZ_ID")
    p.add_argument("--format", choices=_QuizFormats(), metavar="FORMAT",
                   help="%(choices)s (default: from the output's suffix, .gift or .xml)")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="the file to write (.gift, .xml, .zip)")
    p = add("quiz", "Question files.", cmd_quiz_template, project=False)
    actions = p.add_subparsers(dest="quiz_command", required=True, metavar="ACTION")
    q = actions.add_parser("template", help="write the spreadsheet template for questions: "
                           "one example row per question type and a 'How to fill' sheet")
    q.add_argument("-o", "--output", required=True, metavar="FILE.xlsx",
                   help="an Excel workbook (.xlsx) or a CSV file (.csv)")
    q.set_defaults(handler=cmd_quiz_template)

    p = add("trim", "Set a clip's in and out points (seconds of the source).",
            edit_handler("trim"))
    p.add_argument("id", metavar="ITEM_ID")
    p.add_argument("--in", type=_time, metavar="TIME", help="e.g. 25, 0:25 or 1:02.5")
    p.add_argument("--out", type=_time, metavar="TIME")
    p = add("nudge", "Move one edge of a clip by a few seconds.", edit_handler("nudge"))
    p.add_argument("id", metavar="ITEM_ID")
    p.add_argument("--edge", choices=("in", "out"), required=True)
    p.add_argument("--by", type=float, required=True, metavar="SEC")
    p = add("split", "Split a clip in two at a time of its source.", edit_handler("split"))
    p.add_argument("id", metavar="ITEM_ID")
    p.add_argument("--at", type=_time, required=True, metavar="TIME")
    p = add("move", "Move an item to a lesson, a lesson to a module, or reorder.",
            edit_handler("move"))
    p.add_argument("id", metavar="ID")
    p.add_argument("--to", metavar="PARENT_ID", help="the lesson or module to move into")
    p.add_argument("--index", type=int, help="position in the target (0 = first)")
    p = add("rm", "Remove a module, lesson or item (undo brings it back).", edit_handler("rm"))
    p.add_argument("id", metavar="ID")
    p = add("rename", "Rename a module, lesson or item.", edit_handler("rename"))
    p.add_argument("id", metavar="ID")
    p.add_argument("title")
    p = add("set", "Change settings of the course (TARGET=course) or of an item. The "
            "course's publish settings (" + ", ".join(PUBLISH_FIELDS) + ") are kept for "
            "export and are not undo steps.", edit_handler("set"))
    p.add_argument("target", metavar="TARGET", help="'course' or an item id")
    p.add_argument("settings", nargs="+", metavar="KEY=VALUE",
                   help="course settings include mastery_score, completion, resolution, "
                   f"resume ({'|'.join(RESUME_CHOICES)}: what a relaunch does with the "
                   f"saved position), unrecorded ({'|'.join(UNRECORDED_CHOICES)}: whether "
                   "learning goes on while tracking fails), cover (true|false: a cover "
                   "page at a fresh launch), certificate (true|false: a certificate of "
                   "completion on the end page), objectives (learning objectives for the "
                   f"cover, separated by {OBJECTIVES_SEPARATOR}), end_message (text of the "
                   "end page; empty = the player's own), narration_engine "
                   f"({'|'.join(ENGINE_NAMES)}), narration_voice (the engine's voice id; "
                   "empty = its default for the course language), narration_rate (words "
                   f"per minute, {RATE_RANGE[0]}..{RATE_RANGE[1]}), narration_pitch "
                   f"({PITCH_RANGE[0]}..{PITCH_RANGE[1]}), loudness (narration's target "
                   f"loudness, LUFS, {LOUDNESS_RANGE[0]:g}..{LOUDNESS_RANGE[1]:g})")

    add("undo", "Undo the last edit.", edit_handler("undo"))
    add("redo", "Redo the last undone edit.", edit_handler("redo"))
    add("history", "List the edits that undo and redo walk through.", cmd_history)

    p = add("export", "Export a package for an LMS. What is not given comes from the "
            "course's publish settings (studio set DIR course format=...), which the "
            "window's export dialog keeps.", cmd_export)
    p.add_argument("--format", choices=_Formats(), metavar="FORMAT",
                   help="%(choices)s (default: the publish settings' format); all: one "
                   "package per format, each clip rendered once")
    p.add_argument("-o", "--output", metavar="OUT.zip",
                   help="default: the publish settings' folder and file name; with --format "
                   "all, the folder the packages go into, named NAME-FORMAT.zip")
    p.add_argument("--single-sco", action=argparse.BooleanOptionalAction, default=None,
                   help="the whole course as one launchable unit, or (--no-single-sco) one "
                   "per lesson (default: as the publish settings say)")
    p.add_argument("--preset", default=DEFAULT_PRESET, choices=PRESET_NAMES,
                   help=f"video renders (default {DEFAULT_PRESET}; {ORIGINAL}: copy the "
                   "imported files)")
    p.add_argument("--loudness", action="store_true",
                   help="normalise clip loudness to -16 LUFS (EBU R128, two passes)")
    p.add_argument("--lms", metavar="NAME",
                   help="the LMS the package is made for (studio lms list): its best format "
                   "unless --format names another it takes, and its switches (default: the "
                   "publish settings' LMS; '' for none)")
    language = p.add_mutually_exclusive_group()
    language.add_argument("--language", metavar="TAG", help="the package in this language: "
                          "the course's, or one it is translated into (studio translate)")
    language.add_argument("--languages", metavar="A,B,...", help="one package holding these "
                          "languages with a language picker; it opens in A")
    add_export_gate(p)
    add_render_place(p)
    add_batch_parsers(add)
    p = add("lms", "The LMS profiles an export can follow.", cmd_lms_list, project=False)
    actions = p.add_subparsers(dest="lms_command", required=True, metavar="ACTION")
    q = actions.add_parser("list", help="every profile with the switches it changes")
    q.add_argument("--json", action="store_true", help="print the profiles as JSON")
    q.set_defaults(handler=cmd_lms_list)
    q = actions.add_parser("show", help="every switch of one profile, its value and source")
    q.add_argument("name", metavar="NAME", help="a profile name, e.g. moodle")
    q.add_argument("--json", action="store_true", help="print the profile as JSON")
    q.set_defaults(handler=cmd_lms_show)
    add_lrs_parser(add)
    add_theme_parser(add)
    add_alt_parser(add)
    add_narration_parsers(add)
    add_build_parser(add)
    add_recording_parser(add)
    add_translate_parser(add)
    add_voices_parser(add)
    add_align_parser(add)
    add_xray_parser(add)
    p = add("validate", "Check a package (ours or anyone's) before upload.", cmd_validate,
            project=False)
    p.add_argument("package", metavar="PKG.zip", help="a .zip package or an unpacked folder")
    p = add("check-lms", "Run a package's learner paths in the LMS twin of one LMS and "
            "print what it will record; exit status 0 only when every path records what the "
            "course intends.", cmd_check_lms, project=False)
    p.add_argument("package", metavar="PKG.zip", help="a .zip package or an unpacked folder")
    p.add_argument("--lms", required=True, metavar="NAME", help="the LMS profile (studio lms "
                   "list)")
    p.add_argument("--html", metavar="REPORT.html", help="also write the report as a page")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--engine", choices=ENGINES, help="the browser engine (default: qt)")
    p.add_argument("--path", action="append", metavar="NAME",
                   help="run only this path (repeatable; default: every path)")
    add_a11y_parsers(add)
    p = add("copy", "Save a consistent copy of the project (database and media, not the "
            "caches) to a new .course folder, even while it is being edited.", cmd_copy)
    p.add_argument("target", metavar="NEW.course", help="a folder that does not exist yet")
    add("check", "Check the project file for damage (SQLite's full integrity check).",
        cmd_check)
    p = add("recover", "Copy what can be read from a damaged project into a new one "
            "(the original is left as it is).", cmd_recover)
    p.add_argument("-o", "--output", metavar="NEW.course",
                   help="the new project (default: NAME-recovered.course beside it)")
    p = add("gui", "Open the studio window.", cmd_gui, project=False)
    p.add_argument("dir", metavar="DIR", nargs="?")
    return parser
