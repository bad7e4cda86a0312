"""What a spreadsheet does to a kiosk's day file when a coordinator opens it and saves it
again: flags as TRUE/FALSE or WAAR/ONWAAR, dates and times in the spreadsheet's own
format, empty rows at the end, trailing empty cells left off. For the reader's tests."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, time

FLAG_COLUMNS = ("first_visit", "clock_synced", "clock_suspect", "auto_closed")
# Each spelling pair as some spreadsheet writes true and false.
FLAG_STYLES = {"kiosk": ("1", "0"), "excel-en": ("TRUE", "FALSE"),
               "excel-nl": ("WAAR", "ONWAAR"), "calc-lower": ("true", "false")}
DATE_STYLES = {
    "kiosk": date.isoformat,
    "excel-nl": lambda d: f"{d.day}-{d.month}-{d.year}",          # d-m-jjjj
    "calc-nl": lambda d: f"{d.day:02d}-{d.month:02d}-{d.year % 100:02d}",   # dd-mm-jj
    "excel-nl-long": lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
}
TIME_STYLES = {
    "kiosk": lambda t: t.strftime("%H:%M:%S"),
    "h:mm:ss": lambda t: f"{t.hour}:{t.minute:02d}:{t.second:02d}",
    "h:mm": lambda t: f"{t.hour}:{t.minute:02d}",                 # seconds dropped
}


@dataclass(frozen=True)
class Spreadsheet:
    flags: str = "excel-nl"
    dates: str = "excel-nl"
    times: str = "h:mm:ss"
    delimiter: str = ";"
    bom: bool = True
    empty_rows: int = 1          # ";;;;" rows left at the end
    trailing_cells_left_off: bool = False   # an old Excel's rows without their last ";"

    @property
    def drops_seconds(self) -> bool:
        return self.times == "h:mm"


def resave(data: bytes, sheet: Spreadsheet) -> bytes:
    text = data.decode("utf-8-sig")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    names = rows[0]
    at = {name: i for i, name in enumerate(names)}
    true, false = FLAG_STYLES[sheet.flags]
    out = [names]
    for cells in rows[1:]:
        cells = list(cells)
        for name in FLAG_COLUMNS:
            cells[at[name]] = true if cells[at[name]] == "1" else false
        cells[at["date"]] = DATE_STYLES[sheet.dates](date.fromisoformat(cells[at["date"]]))
        cells[at["time"]] = TIME_STYLES[sheet.times](time.fromisoformat(cells[at["time"]]))
        if sheet.trailing_cells_left_off:
            while cells and cells[-1] == "":
                cells.pop()
        out.append(cells)
    out += [[""] * len(names)] * sheet.empty_rows
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=sheet.delimiter, lineterminator="\r\n").writerows(out)
    return (("\ufeff" if sheet.bom else "") + buffer.getvalue()).encode("utf-8")
