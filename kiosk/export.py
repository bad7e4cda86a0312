"""CSV export: one file per day, `visits-YYYY-MM-DD.csv`, one row per check-in or question.

The default dialect opens correctly when a Dutch coordinator double-clicks it in Excel
(semicolons, UTF-8 with a byte-order mark); `rfc4180` is plain comma-separated UTF-8 for
machines. Columns are documented in docs/export.md. No personal data is in any column.
"""

from __future__ import annotations

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
           "auto_closed")


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
            flag(visit.auto_closed)]


def render_day(visits: list[Visit], dialect: Dialect) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv_cells.writer(buffer, dialect.delimiter)
    writer.writerow(COLUMNS)
    for visit in sorted(visits, key=lambda v: v.seq):
        writer.writerow(row(visit))
    return buffer.getvalue().encode(dialect.encoding)


def exported_days(out_dir: Path) -> set[date]:
    """The days that already have a file in the exports folder."""
    days = set()
    for path in Path(out_dir).glob("visits-*.csv"):
        try:
            days.add(date.fromisoformat(path.stem[len("visits-"):]))
        except ValueError:
            continue
    return days


def export_days(visits: list[Visit], out_dir: Path, dialect: str = "excel-nl",
                skip: set[date] = frozenset()) -> list[Path]:
    """Write one file per day that has visits (but not the days in `skip`); returns the
    files written, oldest first."""
    chosen = DIALECTS[dialect]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    by_day: dict[date, list[Visit]] = defaultdict(list)
    for visit in visits:
        by_day[visit.local_date].append(visit)
    written = []
    for day in sorted(set(by_day) - set(skip)):
        path = out_dir / f"visits-{day.isoformat()}.csv"
        write_atomic(path, render_day(by_day[day], chosen))
        written.append(path)
    return written
