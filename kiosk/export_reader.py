"""Reading the daily CSV exports back, from one kiosk or several, without a Pi.

Both dialects are read (the delimiter is taken from the header line; a byte-order mark is
ignored). A row that cannot be read is reported with its file and line, never guessed at.
"""

from __future__ import annotations

import csv
import gc
import io
from datetime import date, datetime, time, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from .csv_cells import original_text
from .export import ADDED_COLUMNS, COLUMNS
from .visits import Visit, assemble


class ExportError(ValueError):
    pass


def read_exports(folders: list[Path], zone: ZoneInfo) -> list[Visit]:
    visits: list[Visit] = []
    files = sorted({f for folder in folders for f in Path(folder).glob("visits-*.csv")})
    if not files:
        raise ExportError("no visits-*.csv files in " + ", ".join(str(f) for f in folders))
    seen = _Seen()
    # Every visit read is a new object that Python's cycle collector would otherwise scan
    # again and again while the list grows (a fifth of a year's read); a visit holds no
    # reference back to anything, so it can form no cycle: the collector waits until the
    # read is done. (Only `kiosk report --exports` reads exports, never the kiosk itself
    # with its threads.)
    collecting = gc.isenabled()
    gc.disable()
    try:
        for path in files:
            visits.extend(read_export(path, zone, seen))
    finally:
        if collecting:
            gc.enable()
    return visits


def read_export(path: Path, zone: ZoneInfo, seen: _Seen | None = None) -> list[Visit]:
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ExportError(f"{path}: not a kiosk export (not UTF-8 text: {error.reason} at "
                          f"byte {error.start})") from None
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # The quote the kiosk puts before formula-like text (kiosk/csv_cells.py) is the
        # only change original_text undoes, so a file without a single quote character
        # anywhere (every file of a kiosk whose ids hold none) has no cell to look at.
        return _visits(path, reader, zone, seen or _Seen(), quoted="'" in text)
    except csv.Error as error:  # a field past the csv module's limit, a stray quote
        # line_num counts the lines read before the one that failed.
        raise ExportError(f"{path}, line {reader.line_num + 1}: cannot be read ({error})") \
            from None


def _visits(path: Path, reader, zone: ZoneInfo, seen: _Seen, quoted: bool) -> list[Visit]:
    columns = Columns(next(reader, None) or [], zone, seen)
    if columns.missing:
        raise ExportError(f"{path}: not a kiosk export (missing columns: "
                          f"{', '.join(columns.missing)})")
    visits = []
    quick, width = columns.quick, len(columns.names)
    line = 1
    for cells in reader:
        if not cells:
            continue  # a blank line is no row (as csv.DictReader has always skipped it)
        line += 1
        visit = None
        if len(cells) == width:
            visit = quick([original_text(c) for c in cells] if quoted else cells)
        if visit is None:
            visit = columns.checked(path, line, cells)
        visits.append(visit)
    return visits


class _Seen:
    """Dates and times met so far in one read: a day file holds one date, and a year of
    exports a few thousand distinct times, so each is parsed once, not once a row."""

    def __init__(self):
        self.dates: dict[str, date] = {}
        self.times: dict[str, time] = {}


class Columns:
    """One file's header, and the two ways to turn its rows into visits.

    `checked` is the precise path: a row as a dict (as csv.DictReader gives it), each text
    cell through original_text, each field converted on its own, and an error naming
    what is wrong. `quick` is the same conversion for a row of exactly the header's
    width whose cells are already original text, with the column positions found once
    per file and dates and times parsed once per read; it returns None for anything it
    does not build exactly as `checked` would, which then decides (and words the
    message). tests/test_export_reader.py holds the two to the same result."""

    def __init__(self, names: list[str], zone: ZoneInfo, seen: _Seen | None = None):
        self.names = names
        self.zone = zone
        self.missing = [c for c in COLUMNS if c not in names and c not in ADDED_COLUMNS]
        # Position of each column; a name twice in the header is read from its last
        # place, as a dict built from the header and the row keeps it.
        self.at = {name: i for i, name in enumerate(names)}
        self._seen = seen or _Seen()
        self.quick = None if self.missing else self._quick()

    def checked(self, path: Path, line: int, cells: list[str]) -> Visit:
        # The row as csv.DictReader made it, which this reader used before it had a quick
        # path: a short row's missing cells are None, a long row's extra ones a list.
        row = dict(zip(self.names, cells))
        if len(cells) > len(self.names):
            row[None] = cells[len(self.names):]
        for name in self.names[len(cells):]:
            row[name] = None
        return self.visit_of_row(path, line, row)

    def visit_of_row(self, path: Path, line: int, row: dict) -> Visit:
        # Undoes the quote the kiosk put before formula-like text (kiosk/csv_cells.py).
        row = {key: original_text(value) if isinstance(value, str) else value
               for key, value in row.items()}
        try:
            local = datetime.combine(date.fromisoformat(row["date"]),
                                     time.fromisoformat(row["time"]), self.zone)
            return Visit(
                kind=row["kind"], site=row["site_id"], utc=local.astimezone(timezone.utc),
                local=local, language=row["language"], clock_synced=row["clock_synced"] == "1",
                activity=row["activity"] or None, topic=row["topic"] or None,
                card=row["card"] or None, first_visit=row["first_visit"] == "1",
                queue_number=int(row["queue_number"]) if row["queue_number"] else None,
                seq=int(row["seq"]), clock_suspect=row["clock_suspect"] == "1",
                shift_minutes=int(row["shift_minutes"]) if row["shift_minutes"] else None,
                auto_closed=row["auto_closed"] == "1",
                answer=int(row["answer"]) if row.get("answer") else None)
        except (ValueError, KeyError, TypeError, OverflowError) as error:
            raise ExportError(f"{path}, line {line}: cannot be read ({error})") from None

    def _quick(self):
        """The row-to-visit function for this header (a closure: its column positions are
        local names, the cheapest lookup Python has)."""
        at, zone, utc_zone = self.at, self.zone, timezone.utc
        dates, times = self._seen.dates, self._seen.times
        (site, day, clock, kind, activity, topic, card, first_visit, language,
         clock_synced, queue_number, seq, clock_suspect, shift_minutes,
         auto_closed) = (at[name] for name in COLUMNS if name not in ADDED_COLUMNS)
        answer = at.get("answer")

        def quick(cells: list[str]) -> Visit | None:
            try:
                text = cells[day]
                when = dates.get(text)
                if when is None:
                    when = dates[text] = date.fromisoformat(text)
                text = cells[clock]
                hour = times.get(text)
                if hour is None:
                    hour = times[text] = time.fromisoformat(text)
                local = datetime.combine(when, hour, zone)
                text = cells[queue_number]
                number = int(text) if text else None
                text = cells[shift_minutes]
                minutes = int(text) if text else None
                text = cells[answer] if answer is not None else ""
                face = int(text) if text else None
                return assemble(Visit, {
                    "kind": cells[kind], "site": cells[site],
                    "utc": local.astimezone(utc_zone), "local": local,
                    "language": cells[language], "clock_synced": cells[clock_synced] == "1",
                    "activity": cells[activity] or None, "topic": cells[topic] or None,
                    "card": cells[card] or None, "first_visit": cells[first_visit] == "1",
                    "queue_number": number, "shift_minutes": minutes,
                    "auto_closed": cells[auto_closed] == "1", "answer": face,
                    "seq": int(cells[seq]), "clock_suspect": cells[clock_suspect] == "1"})
            except (ValueError, TypeError, OverflowError):
                return None  # the precise path says what is wrong

        return quick
