"""Questions in a spreadsheet: an Excel workbook (.xlsx) or a CSV file, one row a question.

The first non-empty row names the columns (any order, any case; ``option_1``, ``Option 1``
and ``option1`` are one column); each later non-empty row is one question. The columns
(declared in :mod:`studio.quiz.sheet_layout`, which the template's "How to fill" sheet
prints):

========================  ==========================================================
``type``                  choice, multiple, truefalse, fill, numeric, matching,
                          sequencing, likert, dragdrop, essay, description (or the
                          type's label, "Single choice"); required
``prompt``                the question (a description's text); required
``points``                0..10000; empty: 1
``option 1`` ..           answers offered (choice, multiple); items in their right order
``option 8``              (sequencing); scale points (likert); ``left = right``
                          (matching); ``item = category`` (dragdrop); more option
                          columns may be added
``correct``               choice: the right option's number or text; multiple: the right
                          options' numbers (``1,3``); truefalse: true/false; fill: the
                          accepted answers ``a|b``; numeric: a value, or a range
                          ``1..2``; essay: a model answer
``weights``               percent per option (choice, multiple: ``100,50,0``; negative
                          for wrong picks) or per accepted answer (fill: ``100,50``)
``tolerance``             numeric: how far from the value still counts
``scoring``               multiple: all-or-nothing, partial, weighted; matching,
                          sequencing, dragdrop: all-or-nothing, per-item
``case sensitive``        fill: yes or no
``feedback correct``,     feedback when right, when wrong, and for everyone
``feedback incorrect``,
``general feedback``
``picture``,              the prompt's picture, sound or video: a file beside the
``picture alt``           spreadsheet (the importer stores it), and its alternative text
``category``, ``title``   kept with the question
========================  ==========================================================

Hotspot questions need regions drawn on a picture: a hotspot row is skipped with a notice.
A filled cell the row's type does not read is ignored with a notice.

Reading is all or nothing: every problem of every row is collected, and when there is one
the file imports nothing; the :class:`~studio.errors.ImportFileError` lists them, each
naming its row (as the spreadsheet numbers it) and column: "row 7, column 'correct': 'E' is
not one of the options 1-4".
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from studio.errors import ExportError, ImportFileError
from studio.files import read_input, replacing
from studio.quiz.sheet_layout import (
    COLUMN_NAMES,
    COLUMNS,
    EXAMPLES,
    NOT_EXPRESSIBLE,
    USES,
    column_key,
    option_number,
)
from studio.quiz.sheet_rows import Row, read_row
from studio.quiz.source import Notice, ParsedFile, decode
from studio.quiz.types import QUESTION_TYPES
from studio.zipcheck import READ_ERRORS, MiB, ZipLimits, damage_reason, zip_problem

SHEET_SUFFIXES = (".xlsx", ".csv")
QUESTIONS_SHEET = "Questions"  # the sheet read when a workbook has one of that name
HELP_SHEET = "How to fill"
SHOWN_ERRORS = 12  # errors the message lists in full; the rest are counted
WORKBOOK_LIMITS = ZipLimits(max_unpacked=512 * MiB, max_ratio=200, max_members=10_000)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, or an encrypted workbook
_CHECK_EVERY = 200  # rows between cancellation checks


def parse_sheet(source: Path | bytes, name: str,
                check: Callable[[], None] | None = None) -> ParsedFile:
    """The questions of a spreadsheet (.xlsx, or .csv in UTF-8 with or without BOM, or
    UTF-16 with a BOM, its delimiter ``;``, ``,`` or tab found from the header row),
    in row order, each with ``line`` = its row number; the kind is chosen by the suffix of
    ``name`` (of the path when ``source`` is one).

    Raises :class:`~studio.errors.ImportFileError` for a file that cannot be read, a header
    without ``type`` and ``prompt``, or any row with errors (all of them listed, nothing
    kept); ``check`` (called every few hundred rows) may raise Cancelled.
    """
    raw = read_input(source) if isinstance(source, Path) else source
    rows = _xlsx_rows(raw, name) if name.lower().endswith(".xlsx") else _csv_rows(raw, name)
    parsed, errors = ParsedFile(), []
    header: dict[int, str] | None = None
    for number, values in rows:
        if check and number % _CHECK_EVERY == 0:
            check()
        if not any(_present(v) for v in values):
            continue
        if header is None:
            header = _header(values, name, parsed.notices, number)
            continue
        result = read_row(_row(number, header, values))
        errors += result.errors
        parsed.notices += result.notices
        if result.question is not None:
            parsed.questions.append(result.question)
    if header is None:
        raise ImportFileError(f"{name} is empty: its first row names the columns (type, "
                              "prompt, ...) and each row after it is one question.")
    if errors:
        shown = errors[:SHOWN_ERRORS]
        more = len(errors) - len(shown)
        raise ImportFileError(
            f"{name} has {len(errors)} error(s); nothing was imported:\n  "
            + "\n  ".join(shown) + (f"\n  … and {more} more" if more else ""))
    return parsed


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    """A cell's value as the author typed it: integers without ``.0``, booleans as TRUE or
    FALSE (as the spreadsheet shows them), text stripped with its line breaks kept."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return str(value)


def _header(values: list, name: str, notices: list[Notice], number: int) -> dict[int, str]:
    """Column index -> layout key; raises ImportFileError for a repeated or missing column."""
    header, seen = {}, {}
    for index, value in enumerate(values):
        if not _present(value):
            continue
        key = column_key(_text(value))
        if key in seen:
            raise ImportFileError(f"{name}, row {number}: the column '{key}' appears twice "
                                  f"(columns {seen[key] + 1} and {index + 1}).")
        seen[key] = index
        if key in COLUMN_NAMES or option_number(key):
            header[index] = key
        else:
            notices.append(Notice(number, f"column '{_text(value)}' is not one the layout "
                                          "knows; ignored"))
    missing = [key for key in ("type", "prompt") if key not in seen]
    if missing:
        raise ImportFileError(
            f"{name}, row {number}: no column {' or '.join(repr(m) for m in missing)}; the "
            "first row names the columns (write a template with `studio quiz template`).")
    return header


def _row(number: int, header: dict[int, str], values: list) -> Row:
    row = Row(number, {}, {})
    for index, key in header.items():
        value = values[index] if index < len(values) else None
        if isinstance(value, datetime.datetime | datetime.date | datetime.time):
            row.dates[key] = value.isoformat()
            continue
        text = _text(value)
        if not text:
            continue
        n = option_number(key)
        if n:
            row.options[n] = text
        else:
            row.cells[key] = text
    return row


def _csv_rows(raw: bytes, name: str) -> Iterator[tuple[int, list]]:
    text = decode(raw, name).lstrip("\ufeff")
    first, _, rest = text.partition("\n")
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        delimiter, text = first.strip()[4], rest  # Excel's own "sep=;" line
    else:
        delimiter = max(";,\t", key=lambda d: (first.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as exc:
        raise ImportFileError(f"{name}, row {reader.line_num}: not CSV ({exc}).") from None


def _xlsx_rows(raw: bytes, name: str) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook  # noqa: PLC0415 (loaded on first use)

    if raw.startswith(_OLE_MAGIC):
        raise ImportFileError(f"{name} is an old Excel .xls file or a password-protected "
                              "workbook; save it as an Excel Workbook (.xlsx) without a "
                              "password, or as CSV UTF-8, and import it again.")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            problem = zip_problem(archive.infolist(), WORKBOOK_LIMITS)
    except READ_ERRORS as exc:
        raise ImportFileError(f"{name} is not an Excel workbook (.xlsx): "
                              f"{damage_reason(exc)}.") from None
    if problem is not None:
        subject = f"{name}: {problem.member}" if problem.member else name
        raise ImportFileError(f"{subject} {problem.message}; nothing was imported.")
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (KeyError, *READ_ERRORS) as exc:
        raise ImportFileError(f"{name} is not a readable Excel workbook (.xlsx): "
                              f"{damage_reason(exc)}.") from None
    try:
        sheets = book.worksheets
        if not sheets:
            raise ImportFileError(f"{name} holds no worksheet.")
        sheet = book[QUESTIONS_SHEET] if QUESTIONS_SHEET in book.sheetnames else sheets[0]
        try:
            yield from ((n, list(values)) for n, values in enumerate(
                sheet.iter_rows(values_only=True), start=1))
        except (KeyError, *READ_ERRORS) as exc:
            raise ImportFileError(f"{name} is damaged: {damage_reason(exc)}.") from None
    finally:
        book.close()


# ---- the template ----------------------------------------------------------------------

def template_rows() -> list[list[str]]:
    """The template's rows as text: the header (:data:`~studio.quiz.sheet_layout.COLUMNS`),
    then one example per question type a row can hold, in the registry's order."""
    rows = [list(COLUMN_NAMES)]
    for kind in QUESTION_TYPES.values():
        if kind.name in NOT_EXPRESSIBLE:
            continue
        example = {"type": kind.name, **EXAMPLES[kind.name]}
        rows.append([example.get(column, "") for column in COLUMN_NAMES])
    return rows


def help_rows() -> list[list[str]]:
    """The "How to fill" sheet: each column and what it holds, then each type and the
    columns it reads, then the types a sheet cannot hold."""
    rows = [["Column", "What it holds"]]
    rows += [[c.name, c.help] for c in COLUMNS if not c.name.startswith("option ")
             or c.name == "option 1"]
    rows += [[], ["Type", "Label", "What to fill (besides prompt)", "Scoring modes"]]
    for kind in QUESTION_TYPES.values():
        if kind.name in USES:
            rows.append([kind.name, kind.label, USES[kind.name][1],
                         ", ".join(kind.scoring_modes)])
    rows += [[], ["Not in a spreadsheet", "Why"]]
    rows += [[name, reason] for name, reason in NOT_EXPRESSIBLE.items()]
    rows += [[], ["One row is one question. Rows with an error import nothing: the studio "
                  "lists every error by row and column."]]
    return rows


def write_template(path: Path | str) -> None:
    """Write the question template: an Excel workbook (a "Questions" sheet with the header
    row and one example per type, and a "How to fill" sheet), or, when ``path`` ends in
    .csv, the questions alone as CSV (UTF-8 with BOM, comma-separated, as Excel writes
    "CSV UTF-8"). Written whole or not at all; raises ExportError if it cannot be written,
    ImportFileError for another suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SHEET_SUFFIXES:
        raise ImportFileError(f"{path.name}: a template is an Excel workbook (.xlsx) or a "
                              "CSV file (.csv).")
    try:
        with replacing(path) as part:
            if suffix == ".csv":
                _write_csv(part, template_rows())
            else:
                _write_xlsx(part)
    except OSError as exc:
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}.") from exc


def _write_csv(target: Path, rows: Iterable[list[str]]) -> None:
    with open(target, "w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream, lineterminator="\r\n").writerows(rows)


def _write_xlsx(target: Path) -> None:
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    book = Workbook()
    questions = book.active
    questions.title = QUESTIONS_SHEET
    for row in template_rows():
        questions.append(row)
    for cell in questions[1]:
        cell.font = Font(bold=True)
    questions.freeze_panes = "A2"
    for index, name in enumerate(COLUMN_NAMES, start=1):
        column = questions.column_dimensions[get_column_letter(index)]
        column.width = 40 if name == "prompt" else 18
        if name not in ("points", "tolerance"):
            column.number_format = "@"  # text: Excel keeps "1,3" and "1/2" as typed
    kinds = DataValidation(type="list", allow_blank=True, formula1='"' + ",".join(
        k for k in QUESTION_TYPES if k not in NOT_EXPRESSIBLE) + '"')
    kinds.add("A2:A5000")
    questions.add_data_validation(kinds)
    guide = book.create_sheet(HELP_SHEET)
    for row in help_rows():
        guide.append(row)
    for letter, width in zip("ABCD", (22, 60, 60, 30), strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.value in ("Column", "Type", "Not in a spreadsheet"):
                cell.font = Font(bold=True)
    book.save(target)
