"""Reading the daily CSV exports back, from one kiosk or several, without a Pi.

Both dialects are read (the delimiter is taken from the header line; a byte-order mark is
ignored). A row that cannot be read is reported with its file and line, never guessed at.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from .csv_cells import original_text
from .export import ADDED_COLUMNS, COLUMNS
from .visits import Visit


class ExportError(ValueError):
    pass


def read_exports(folders: list[Path], zone: ZoneInfo) -> list[Visit]:
    visits: list[Visit] = []
    files = sorted({f for folder in folders for f in Path(folder).glob("visits-*.csv")})
    if not files:
        raise ExportError("no visits-*.csv files in " + ", ".join(str(f) for f in folders))
    for path in files:
        visits.extend(read_export(path, zone))
    return visits


def read_export(path: Path, zone: ZoneInfo) -> list[Visit]:
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ExportError(f"{path}: not a kiosk export (not UTF-8 text: {error.reason} at "
                          f"byte {error.start})") from None
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _visits(path, reader, zone)
    except csv.Error as error:  # a field past the csv module's limit, a stray quote
        # line_num counts the lines read before the one that failed.
        raise ExportError(f"{path}, line {reader.line_num + 1}: cannot be read ({error})") \
            from None


def _visits(path: Path, reader: csv.DictReader, zone: ZoneInfo) -> list[Visit]:
    missing = [c for c in COLUMNS
               if c not in (reader.fieldnames or []) and c not in ADDED_COLUMNS]
    if missing:
        raise ExportError(f"{path}: not a kiosk export (missing columns: {', '.join(missing)})")
    visits = []
    for line, cells in enumerate(reader, start=2):
        # Undoes the quote the kiosk put before formula-like text (kiosk/csv_cells.py).
        row = {key: original_text(value) if isinstance(value, str) else value
               for key, value in cells.items()}
        try:
            local = datetime.combine(date.fromisoformat(row["date"]),
                                     time.fromisoformat(row["time"]), zone)
            visits.append(Visit(
                kind=row["kind"], site=row["site_id"], utc=local.astimezone(timezone.utc),
                local=local, language=row["language"], clock_synced=row["clock_synced"] == "1",
                activity=row["activity"] or None, topic=row["topic"] or None,
                card=row["card"] or None, first_visit=row["first_visit"] == "1",
                queue_number=int(row["queue_number"]) if row["queue_number"] else None,
                seq=int(row["seq"]), clock_suspect=row["clock_suspect"] == "1",
                shift_minutes=int(row["shift_minutes"]) if row["shift_minutes"] else None,
                auto_closed=row["auto_closed"] == "1",
                answer=int(row["answer"]) if row.get("answer") else None))
        except (ValueError, KeyError, TypeError, OverflowError) as error:
            raise ExportError(f"{path}, line {line}: cannot be read ({error})") from None
    return visits
