"""One export run, as `kiosk export` and the coordinator's USB button both do it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from .config import SiteConfig
from .export import day_file, export_days
from .periods import tertiaal_of
from .report import as_html, build_report
from .store import VisitStore
from .atomic import write_atomic


@dataclass(frozen=True)
class ExportRun:
    files: list[Path]          # the day files written in this run
    rows: int
    problems: list[str]
    summary: Path | None = None


def summary_period(today: date):
    """This month up to yesterday (on the 1st: the month that just ended)."""
    from .periods import Period, month

    last = today - timedelta(days=1)
    this_month = month(last.year, last.month)
    return Period(this_month.label, this_month.first, last)


def write_month_summary(site: SiteConfig, visits, out: Path, today: date,
                        dialect: str) -> Path:
    """This month up to yesterday, as the report's CSV: rewritten every night. `visits`
    must hold every visit of summary_period(today)."""
    from .report import as_csv

    period = summary_period(today)
    last = period.last
    report = build_report([v for v in visits if period.first <= v.local_date <= last],
                          period, site, "nl", site=site.site_id)
    path = Path(out) / f"summary-{period.label}.csv"
    write_atomic(path, as_csv([report], dialect))
    return path


def run_export(site: SiteConfig, data_dir: Path, out: Path, since: date | None = None,
               until: date | None = None, dialect: str = "excel-nl") -> ExportRun:
    """Finished days only (until yesterday by default): without --since, every finished
    day that has no file yet (catch-up after the Pi was off), with --since all days from
    there (written again, byte for byte the same). Also this month's summary. Records the
    result for the doctor; raises OSError when files cannot be written (recorded too)."""
    today = datetime.now(site.timezone).date()
    # A day still in progress is never exported: its file would be taken as final.
    until = min(until or today, today - timedelta(days=1))
    store = VisitStore.open_reader(data_dir)
    try:
        visits = store.visits(since=since, until=until)
        kept: list[str] = []
        files = export_days(visits, out, dialect=dialect, only_changed=since is None,
                            problems=kept)
        # The summary is the whole month so far, whatever days were asked for: built from
        # the days asked for alone, `--since` in the month shrank it and a range in
        # another month wrote zeros over it.
        month = summary_period(today)
        newest = store.newest_visit_date()
        if newest is not None and newest > today:
            # The store has seen a later day: the clock is behind (a Pi booted with
            # its saved time before the network's). The summary of a month that is over
            # would be rewritten with part of it, and never rewritten whole again.
            of_month = []
            kept.append(f"the clock ({today.isoformat()}) is behind the newest visit "
                        f"({newest.isoformat()}); summary-{month.label}.csv was left as it "
                        "was")
        elif (since or month.first) <= month.first and until >= month.last:
            of_month = [v for v in visits if month.first <= v.local_date <= month.last]
        else:
            of_month = store.visits(since=month.first, until=month.last)
        summary = write_month_summary(site, of_month, out, today, dialect) \
            if of_month else None
    except OSError as error:
        _record_failure(store, out, error.strerror or str(error))
        raise
    except Exception as error:
        # Whatever it was, the doctor must say the export did not happen.
        _record_failure(store, out, f"{type(error).__name__}: {error}")
        raise
    written = set(files)
    rows = sum(1 for v in visits if day_file(out, v.local_date) in written)
    store.record_export(out, len(files), rows, None)
    return ExportRun(files, rows, list(store.health.problems) + kept, summary)


def _record_failure(store: VisitStore, out: Path, reason: str) -> None:
    try:
        store.record_export(out, 0, 0, reason)
    except OSError:
        pass  # the disk that failed the export may refuse this too; the error is raised


def write_tertiaal_report(site: SiteConfig, data_dir: Path, out: Path, today: date,
                          language: str = "nl") -> Path:
    period = tertiaal_of(today)
    visits = VisitStore.open_reader(data_dir).visits(period.first, period.last)
    report = build_report(visits, period, site, language)
    path = Path(out) / f"rapport-{period.label}.html"
    write_atomic(path, as_html([report], today).encode("utf-8"))
    return path
