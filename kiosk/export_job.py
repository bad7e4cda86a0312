"""One export run, as `kiosk export` and the coordinator's USB button both do it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from .config import SiteConfig
from .doctor import record_export
from .export import export_days
from .periods import tertiaal_of
from .report import as_html, build_report
from .store import VisitStore
from .atomic import write_atomic


@dataclass(frozen=True)
class ExportRun:
    files: list[Path]
    rows: int
    problems: list[str]


def run_export(site: SiteConfig, data_dir: Path, out: Path, since: date | None = None,
               until: date | None = None, dialect: str = "excel-nl") -> ExportRun:
    """Finished days only (until yesterday by default); records the result for the doctor.
    Raises OSError when the files cannot be written (and records that too)."""
    until = until or (datetime.now(site.timezone).date() - timedelta(days=1))
    store = VisitStore.open_reader(data_dir)
    visits = store.visits(since=since, until=until)
    try:
        files = export_days(visits, out, dialect=dialect)
    except OSError as error:
        record_export(data_dir, out, 0, 0, error.strerror or str(error))
        raise
    record_export(data_dir, out, len(files), len(visits), None)
    return ExportRun(files, len(visits), list(store.health.problems))


def write_tertiaal_report(site: SiteConfig, data_dir: Path, out: Path, today: date,
                          language: str = "nl") -> Path:
    period = tertiaal_of(today)
    visits = VisitStore.open_reader(data_dir).visits(period.first, period.last)
    report = build_report(visits, period, site, language)
    path = Path(out) / f"rapport-{period.label}.html"
    write_atomic(path, as_html([report], today).encode("utf-8"))
    return path
