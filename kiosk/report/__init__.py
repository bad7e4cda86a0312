"""The funders' report: unique people per activity against the promised targets, the
proposal's other results, and how the room is used; as text, CSV, HTML or PDF.

Built from the store or from CSV exports. Every number is explained under its table,
because funders ask what "unique" means. The coordinator's screens use `build_report`
and `bar` (the same 0-150% bars).
"""

from .model import (AHEAD, BAR_MAX, BEHIND, Bar, Figure, Line, Report, Result, bar,
                    build_report, compared_periods, elapsed_fraction, report_from_counts,
                    status_of)
from .html import as_html
from .pdf import as_pdf
from .plain import as_table
from .spreadsheet import COLUMNS, as_csv
from .store_reading import StoreCounts, report_counts, report_visits

__all__ = ["AHEAD", "BAR_MAX", "BEHIND", "Bar", "COLUMNS", "Figure", "Line", "Report",
           "Result", "StoreCounts", "as_csv", "as_html", "as_pdf", "as_table", "bar",
           "build_report", "compared_periods", "elapsed_fraction", "report_counts",
           "report_from_counts", "report_visits", "status_of"]
