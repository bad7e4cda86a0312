"""The report as a PDF for A4, from the same HTML: WeasyPrint lays out HTML and CSS
(@page, page breaks, inline SVG) without a browser, so a Pi can make it at the door."""

from __future__ import annotations

from datetime import date

from .html import as_html
from .model import Report


def as_pdf(reports: list[Report], generated: date) -> bytes:
    # Imported here: WeasyPrint needs Debian's pango, and only this format needs it.
    from weasyprint import HTML

    return HTML(string=as_html(reports, generated)).write_pdf()
