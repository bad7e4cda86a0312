"""Cells for every CSV the kiosk writes, safe to double-click open in a spreadsheet.

Activity and topic ids, names and site ids come from site files, and `kiosk report
--exports` reads files from other kiosks: text such as `=HYPERLINK(...)` or `-2+3` would
be taken as a formula by Excel and LibreOffice (CSV or "formula" injection). As OWASP
recommends, a text cell that starts with = + - @, a tab or a carriage return (or the
full-width ＝＋－＠ that some spreadsheets also accept) gets one leading single quote,
which makes a spreadsheet show it as text.

A cell that is only a number (`-3`, `83,3`) is never a formula and stays a number, so a
count or percentage keeps working in a spreadsheet even if it were ever negative.

The kiosk reads its own day files back (`kiosk report --exports`), so the quote is undone
there: `original_text` is the exact inverse of `safe_cell` for any text. For that, text
that already starts with quotes before a trigger (`'=x`) gets one more, so it is never
mistaken for a quote the kiosk added.
"""

from __future__ import annotations

import csv
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
CONTROL_STARTS = ("\t", "\r")
_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")


def _needs_quote(text: str) -> bool:
    # Depends only on what follows the leading quotes, so adding one never changes the
    # answer: that is what makes original_text(safe_cell(x)) == x.
    body = text.lstrip("'")
    if body.startswith(CONTROL_STARTS):
        return True
    body = body.lstrip()  # leading spaces do not stop every spreadsheet reading a formula
    return body.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(body)


def safe_cell(value):
    """What to hand the csv module for one cell: numbers as they are, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    return "'" + text if _needs_quote(text) else text


def original_text(cell: str) -> str:
    """The text a cell held before safe_cell: for reading the kiosk's own files back."""
    return cell[1:] if cell.startswith("'") and _needs_quote(cell) else cell


class SafeWriter:
    """csv.writer with every cell passed through safe_cell, so no writer can forget one."""

    def __init__(self, buffer, delimiter: str):
        self._writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")

    def writerow(self, cells) -> None:
        self._writer.writerow([safe_cell(cell) for cell in cells])


def writer(buffer, delimiter: str) -> SafeWriter:
    """The one way the kiosk writes CSV: CRLF line ends (RFC 4180), safe cells."""
    return SafeWriter(buffer, delimiter)
