"""Reading the daily CSV exports back, from one kiosk or several, without a Pi.

Both dialects are read (the delimiter is taken from the header line; a byte-order mark is
ignored), also after a spreadsheet saved the file again (kiosk/export_values.py: the
spellings it writes). A visit held by several files is counted once
(kiosk/export_copies.py). A row that cannot be read is reported with its file, line and
column, never guessed at; an empty row (a spreadsheet's ";;;;") is no row.
"""

from __future__ import annotations

import csv
import gc
import io
import re
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from . import export_values
from .csv_cells import original_text
from .export import ADDED_COLUMNS, COLUMNS
from .export_copies import OnceEach
from .export_values import CellError
from .visits import ANSWERS, FEEDBACK, KINDS, Visit, assemble


class ExportError(ValueError):
    pass


# The name the kiosk gives a day file: read before a copy's "visits-2026-11-02 (1).csv",
# so that when the two differ, the visit is counted as the kiosk's own file has it.
_KIOSK_NAME = re.compile(r"visits-[0-9]{4}-[0-9]{2}-[0-9]{2}\.csv")


def read_exports(folders: list[Path], zone: ZoneInfo,
                 warnings: list[str] | None = None) -> list[Visit]:
    """Every visit in the day files of the folders, each once; what the coordinator should
    know (a visit whose copies differ) is added to `warnings`."""
    files = sorted({f for folder in folders for f in Path(folder).glob("visits-*.csv")},
                   key=lambda f: (not _KIOSK_NAME.fullmatch(f.name), str(f)))
    if not files:
        raise ExportError("no visits-*.csv files in " + ", ".join(str(f) for f in folders))
    seen = _Seen()
    once = OnceEach()
    # The bytes themselves, not a digest: a set compares them on a hash match, so two
    # files are only taken for the same when they are.
    contents: set[bytes] = set()
    # Every visit read is a new object that Python's cycle collector would otherwise scan
    # again and again while the list grows (a fifth of a year's read); a visit holds no
    # reference back to anything, so it can form no cycle: the collector waits until the
    # read is done. (Only `kiosk report --exports` reads exports, never the kiosk itself
    # with its threads.)
    collecting = gc.isenabled()
    gc.disable()
    try:
        for path in files:
            data = path.read_bytes()
            # A byte-for-byte copy (the same stick copied twice) holds the same visits:
            # not read again.
            if data in contents:
                continue
            contents.add(data)
            once.add(path, *_read(path, data, zone, seen))
    finally:
        if collecting:
            gc.enable()
    if warnings is not None:
        warnings.extend(once.warnings())
    return once.visits


def read_export(path: Path, zone: ZoneInfo, seen: _Seen | None = None) -> list[Visit]:
    """The visits of one day file, in its order (a visit twice in it is there twice)."""
    visits, _ = _read(path, Path(path).read_bytes(), zone, seen or _Seen())
    return visits


def _read(path: Path, data: bytes, zone: ZoneInfo, seen: _Seen) -> tuple[list[Visit], list[int]]:
    """The visits of a file and the line each ends on."""
    try:
        text = data.decode("utf-8-sig")
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
        return _visits(path, reader, zone, seen, quoted="'" in text)
    except csv.Error as error:  # a field past the csv module's limit, a stray quote
        # line_num counts the lines read before the one that failed.
        raise ExportError(f"{path}, line {reader.line_num + 1}: cannot be read ({error})") \
            from None


def _visits(path: Path, reader, zone: ZoneInfo, seen: _Seen,
            quoted: bool) -> tuple[list[Visit], list[int]]:
    columns = Columns(next(reader, None) or [], zone, seen)
    if columns.missing:
        raise ExportError(f"{path}: not a kiosk export (missing columns: "
                          f"{', '.join(columns.missing)})")
    visits, lines = [], []
    keep, keep_line = visits.append, lines.append
    quick, width, site = columns.quick, len(columns.names), columns.at["site_id"]
    for cells in reader:
        if len(cells) == width and cells[site]:
            visit = quick([original_text(c) for c in cells] if quoted else cells)
        elif len(cells) < width:
            # An old Excel leaves a row's last empty cells off (and a blank line has none).
            cells = cells + [""] * (width - len(cells))
            visit = quick([original_text(c) for c in cells] if quoted else cells)
        else:
            visit = None
        if visit is None:
            if not "".join(cells).strip():
                continue   # a blank line, or a spreadsheet's empty row: ";;;;"
            visit = columns.checked(path, reader.line_num, cells)
        keep(visit)
        # The line in the file (in a spreadsheet, the row's number), blank lines counted.
        keep_line(reader.line_num)
    return visits, lines


class _Seen:
    """Dates and times met so far in one read: a day file holds one date, and a year of
    exports a few thousand distinct times, so each is parsed once, not once a row. With
    each date, its offset from UTC when it is the same all day (None on the two days a
    year the clocks change): subtracting it is half the cost of astimezone, which a
    year's read otherwise asks a hundred thousand times."""

    def __init__(self):
        self.dates: dict[str, tuple[date, timedelta | None]] = {}
        self.times: dict[str, time] = {}


def _steady_offset(day: date, zone: ZoneInfo) -> timedelta | None:
    first = datetime.combine(day, time.min, zone).utcoffset()
    # A zone changes its offset at most once a day (twice a year in the Netherlands).
    return first if datetime.combine(day, time.max, zone).utcoffset() == first else None


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
        # The row as csv.DictReader makes it: a short row's missing cells are None, a long
        # row's extra ones a list under None.
        row = dict(zip(self.names, cells))
        if len(cells) > len(self.names):
            row[None] = cells[len(self.names):]
        for name in self.names[len(cells):]:
            row[name] = None
        return self.visit_of_row(path, line, row)

    def visit_of_row(self, path: Path, line: int, row: dict) -> Visit:
        """The visit of a row (a dict as csv.DictReader gives it), each cell checked on its
        own; an ExportError naming the file, line and column of the first wrong one."""
        extra = row.get(None) or []
        for place, cell in enumerate(extra, start=len(self.names) + 1):
            if cell.strip():
                # Most likely a cell holding the separator without quotes: every cell after
                # it is one column off.
                raise ExportError(
                    f"{path}, line {line}: {len(self.names) + len(extra)} cells under a "
                    f"header of {len(self.names)} columns (cell {place} holds {cell!r})")

        def text(name: str) -> str:
            value = row.get(name)   # an added column an older file lacks is empty
            # Undoes the quote the kiosk put before formula-like text (kiosk/csv_cells.py).
            return "" if value is None else original_text(value)

        def cell(name: str, read):
            try:
                return read(text(name))
            except CellError as error:
                raise ExportError(f"{path}, line {line}, column {name}: {error}") from None

        site = cell("site_id", _site)
        local = datetime.combine(cell("date", export_values.day), cell("time", export_values.clock),
                                 self.zone)
        try:
            utc = local.astimezone(timezone.utc)
        except OverflowError:   # year 1 in Amsterdam is before year 1 in UTC
            raise ExportError(f"{path}, line {line}, column date: found {text('date')!r}, "
                              "a date no kiosk has written") from None
        kind = cell("kind", _kind)
        flag, number = export_values.flag, export_values.optional_whole_number
        answer = cell("answer", number)
        if (kind == FEEDBACK) != (answer is not None) or \
                (answer is not None and answer not in ANSWERS):
            cell("answer", lambda found: _answer(kind, found))
        return Visit(
            kind=kind, site=site, utc=utc, local=local, language=text("language"),
            clock_synced=cell("clock_synced", flag), activity=text("activity") or None,
            topic=text("topic") or None, card=text("card") or None,
            first_visit=cell("first_visit", flag),
            queue_number=cell("queue_number", number),
            seq=cell("seq", export_values.whole_number),
            clock_suspect=cell("clock_suspect", flag),
            shift_minutes=cell("shift_minutes", number),
            auto_closed=cell("auto_closed", flag), answer=answer)

    def _quick(self):
        """The row-to-visit function for this header (a closure: its column positions are
        local names, the cheapest lookup Python has)."""
        at, zone, utc_zone = self.at, self.zone, timezone.utc
        dates, times = self._seen.dates, self._seen.times
        day_of, clock_of = export_values.day, export_values.clock
        combine = datetime.combine
        flags, small = export_values.FLAG_SPELLINGS, _SMALL_NUMBERS
        (site, day, clock, kind, activity, topic, card, first_visit, language,
         clock_synced, queue_number, seq, clock_suspect, shift_minutes,
         auto_closed) = (at[name] for name in COLUMNS if name not in ADDED_COLUMNS)
        answer = at.get("answer")

        def quick(cells: list[str]) -> Visit | None:
            try:
                where = cells[site]
                if not where:
                    return None
                text = cells[day]
                known = dates.get(text)
                if known is None:
                    when = day_of(text)
                    known = dates[text] = (when, _steady_offset(when, zone))
                when, offset = known
                text = cells[clock]
                hour = times.get(text)
                if hour is None:
                    hour = times[text] = clock_of(text)
                local = combine(when, hour, zone)
                # The same as local.astimezone(utc), also in its time zone object.
                utc = local.astimezone(utc_zone) if offset is None else \
                    combine(when, hour, utc_zone) - offset
                text = cells[queue_number]
                number = small[text] if text else None
                text = cells[shift_minutes]
                minutes = small[text] if text else None
                text = cells[answer] if answer is not None else ""
                face = small[text] if text else None
                text = cells[seq]
                if not (text.isdigit() and text.isascii()):
                    return None
                return assemble(Visit, {
                    "kind": cells[kind], "site": where,
                    "utc": utc, "local": local,
                    "language": cells[language], "clock_synced": flags[cells[clock_synced]],
                    "activity": cells[activity] or None, "topic": cells[topic] or None,
                    "card": cells[card] or None, "first_visit": flags[cells[first_visit]],
                    "queue_number": number, "shift_minutes": minutes,
                    "auto_closed": flags[cells[auto_closed]], "answer": face,
                    "seq": int(text), "clock_suspect": flags[cells[clock_suspect]]})
            except (KeyError, ValueError, OverflowError):
                return None  # the precise path says what is wrong

        return quick


# The numbers of the queue, shift minutes and survey columns as the kiosk writes them (a
# day has fewer questions, a shift fewer minutes): one look-up each instead of a check and
# a conversion. Anything else goes the precise way.
_SMALL_NUMBERS = {str(n): n for n in range(10_000)}


def _site(text: str) -> str:
    if not text:
        raise CellError("found nothing; expected the id of the kiosk's site, as in its site "
                        "file")
    return text


def _kind(text: str) -> str:
    if text not in KINDS:
        raise CellError(f"found {export_values.shown(text)}; expected one of "
                        f"{', '.join(KINDS)}")
    return text


def _answer(kind: str, found: str) -> None:
    """Raises what is wrong with a survey answer in a row of this kind."""
    if kind != FEEDBACK:
        raise CellError(f"found {export_values.shown(found)} in a {kind} row; only a "
                        f"{FEEDBACK} row has an answer")
    raise CellError(f"found {export_values.shown(found)}; a {FEEDBACK} row holds the face "
                    "tapped, 1 to 5")
