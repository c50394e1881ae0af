"""The conformance report as a tagged PDF (PDF/UA-1, ISO 14289-1), printed from its HTML page
(:func:`studio.a11y.report_html.report_html`) by WeasyPrint: the headings, tables with their
header cells and the document language and title reach the PDF's structure tree.

A PDF's bytes differ from run to run (its creation date and identifiers); the HTML and JSON
are the reports that stay the same.
"""

from __future__ import annotations

from pathlib import Path

from studio.a11y.report import Report
from studio.a11y.report_html import report_html
from studio.errors import StudioError
from studio.files import replacing

PDF_VARIANT = "pdf/ua-1"


def report_pdf(report: Report, target: Path) -> Path:
    """Write ``report`` as a PDF/UA-1 file at ``target``, whole or not at all
    (:func:`studio.files.replacing`), and return ``target``. Raises
    :class:`~studio.errors.StudioError` when WeasyPrint or the Pango library it needs is not
    installed, or the file cannot be written."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError):  # OSError: WeasyPrint found no Pango library
        raise StudioError("The PDF report needs WeasyPrint and Pango: run make setup.") from None
    target = Path(target)

    def unwritable(exc: OSError) -> StudioError:
        return StudioError(f"{target} cannot be written ({exc.strerror or exc}).")

    try:
        with replacing(target, error=unwritable) as part:
            HTML(string=report_html(report)).write_pdf(part, pdf_variant=PDF_VARIANT)
    except OSError as exc:
        raise unwritable(exc) from None
    return target
