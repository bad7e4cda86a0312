"""CSV export: one file per day, `visits-YYYY-MM-DD.csv`, one row per check-in or question.

The default dialect opens correctly when a Dutch coordinator double-clicks it in Excel
(semicolons, UTF-8 with a byte-order mark); `rfc4180` is plain comma-separated UTF-8 for
machines. Columns are documented in docs/export.md. No personal data is in any column.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import csv_cells
from .atomic import write_atomic
from .visits import Visit

COLUMNS = ("site_id", "date", "time", "kind", "activity", "topic", "card", "first_visit",
           "language", "clock_synced", "queue_number", "seq", "clock_suspect", "shift_minutes",
           "auto_closed", "answer")
# Columns added after the first kiosks exported: their older day files lack them, and a
# reader takes such a file as it is (every visit in it predates the column).
ADDED_COLUMNS = ("answer",)


@dataclass(frozen=True)
class Dialect:
    name: str
    delimiter: str
    encoding: str


DIALECTS = {
    "excel-nl": Dialect("excel-nl", ";", "utf-8-sig"),
    "rfc4180": Dialect("rfc4180", ",", "utf-8"),
}


def row(visit: Visit) -> list[str]:
    def flag(value: bool) -> str:
        return "1" if value else "0"

    return [visit.site, visit.local_date.isoformat(), visit.local.strftime("%H:%M:%S"),
            visit.kind, visit.activity or "", visit.topic or "", visit.card or "",
            flag(visit.first_visit), visit.language, flag(visit.clock_synced),
            str(visit.queue_number or ""), str(visit.seq), flag(visit.clock_suspect),
            "" if visit.shift_minutes is None else str(visit.shift_minutes),
            flag(visit.auto_closed), "" if visit.answer is None else str(visit.answer)]


def render_day(visits: list[Visit], dialect: Dialect) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv_cells.writer(buffer, dialect.delimiter)
    writer.writerow(COLUMNS)
    for visit in sorted(visits, key=lambda v: v.seq):
        writer.writerow(row(visit))
    return buffer.getvalue().encode(dialect.encoding)


def day_file(out_dir: Path, day: date) -> Path:
    return Path(out_dir) / f"visits-{day.isoformat()}.csv"


def exported_seqs(path: Path) -> set[int]:
    """The visits (by seq) a day file holds, in either dialect; empty when unreadable."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return set()
    lines = text.splitlines()
    if not lines:
        return set()
    delimiter = ";" if ";" in lines[0] else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, [])
    if "seq" not in header:
        return set()
    column = header.index("seq")
    seqs = set()
    for cells in reader:
        if len(cells) > column and cells[column].isdigit():
            seqs.add(int(cells[column]))
    return seqs


def unexported_days(visits: list[Visit], out_dir: Path) -> set[date]:
    """The days with a visit that is not in its day file in the exports folder."""
    by_day: dict[date, set[int]] = defaultdict(set)
    for visit in visits:
        by_day[visit.local_date].add(visit.seq)
    return {day for day, seqs in by_day.items()
            if not seqs <= exported_seqs(day_file(out_dir, day))}


def delete_month_files(out_dir: Path, month: str) -> None:
    """Retention: a purged month's day files go with its rows."""
    for path in Path(out_dir).glob(f"visits-{month}-*.csv"):
        path.unlink()


def export_days(visits: list[Visit], out_dir: Path, dialect: str = "excel-nl",
                only_changed: bool = False, problems: list[str] | None = None) -> list[Path]:
    """Write one file per day that has visits; returns the files written, oldest first.

    With `only_changed`, a day whose file already holds exactly what would be written is
    left alone (byte for byte the same), and every other day is written: a missing day
    after the Pi was off, but also a day that got a visit after its file was written (a
    clock put back dates a new visit in the past: it must reach the export too)."""
    chosen = DIALECTS[dialect]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    by_day: dict[date, list[Visit]] = defaultdict(list)
    for visit in visits:
        by_day[visit.local_date].append(visit)
    written = []
    for day in sorted(by_day):
        path = day_file(out_dir, day)
        data = render_day(by_day[day], chosen)
        if only_changed and _holds(path, data, by_day[day]):
            continue
        if only_changed:
            lost = exported_seqs(path) - {v.seq for v in by_day[day]}
            if lost:
                # The file is now the better copy of those visits (the store set a damaged
                # record aside): it is not overwritten, and the coordinator hears of it.
                if problems is not None:
                    problems.append(f"{path.name} holds {len(lost)} visit(s) the store no "
                                    "longer has; the file was left as it is")
                continue
        write_atomic(path, data)
        written.append(path)
    return written


def _holds(path: Path, data: bytes, visits: list[Visit]) -> bool:
    """The file is current: the same bytes, or (written in the other dialect, by hand
    with --dialect) every visit of the day already in it."""
    try:
        if path.read_bytes() == data:
            return True
    except FileNotFoundError:
        return False
    except OSError:
        return False
    return {v.seq for v in visits} == exported_seqs(path)
