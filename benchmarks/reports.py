"""Report benchmarks: a year's report from the store, and from three sites' CSV exports."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from kiosk.config import load_config, parse_config
from kiosk.demo import fill
from kiosk.export import export_days
from kiosk.export_reader import read_exports
from kiosk.periods import year
from kiosk.report import as_html, build_report, report_visits
from kiosk.store import VisitStore


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def run(work: Path) -> list[str]:
    base = load_config()
    text = Path(base.path).read_text("utf-8") if Path(base.path).exists() else None
    from kiosk.config import default_config_text

    text = text or default_config_text()
    today = date(2027, 1, 1)
    sites, export_dirs = [], []
    for site_id in ("leidsche-rijn", "vleuten", "terwijde"):
        site = parse_config(text.replace('id = "leidsche-rijn"', f'id = "{site_id}"'), "bench")
        data = work / site_id
        with VisitStore.open_writer(data, fsync=False) as store:
            fill(store, site, days=365, visits_per_day=190 if site_id == "leidsche-rijn" else 60,
                 today=today, seed=len(sites))
        out = work / f"exports-{site_id}"
        export_days(VisitStore.open_reader(data).visits(), out)
        sites.append((site, data))
        export_dirs.append(out)
    site, data = sites[0]
    period = year(2026)
    visits_in_store = len(VisitStore.open_reader(data).visits(period.first, period.last))

    def report_from_store():
        # As `kiosk report` does: one read reaching back to the periods compared with.
        visits, complete_from = report_visits(VisitStore.open_reader(data), period)
        as_html([build_report(visits, period, site, "nl", complete_from=complete_from)], today)

    def report_from_exports():
        visits = read_exports(export_dirs, site.timezone)
        reports = [build_report([v for v in visits if v.site == s], period, site, "nl", site=s)
                   for s in sorted({v.site for v in visits})]
        reports.append(build_report(visits, period, site, "nl"))
        as_html(reports, today)

    store_ms = min(timed(report_from_store) for _ in range(3))
    exports_ms = min(timed(report_from_exports) for _ in range(3))
    files = sum(len(list(d.glob("*.csv"))) for d in export_dirs)
    return ["| report | input | time | goal | |", "|---|---|---|---|---|",
            f"| a year, from the store (HTML) | {visits_in_store:,} visits | {store_ms:.0f} ms "
            f"| <= 300 ms | {'ok' if store_ms <= 300 else 'MISSED'} |",
            f"| a year, three sites, from CSV exports (per site + combined) | {files} daily "
            f"files | {exports_ms:.0f} ms | <= 3000 ms | "
            f"{'ok' if exports_ms <= 3000 else 'MISSED'} |"]
