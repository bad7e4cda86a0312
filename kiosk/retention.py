"""Keeping visit rows no longer than the site promises (AVG/GDPR storage limitation).

A month whose rows are older than `[privacy] retention_months` is first summarised into
`summary-YYYY-MM.json` (the month's counts, no card codes), then its month file is
deleted, and cards not seen since are dropped from the card index. Reports for a period
that includes a purged month are refused: unique people cannot be counted across months
from summaries.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

from .atomic import fsync_directory, write_json_atomic
from .counting import count
from .export import exported_days
from .periods import month as month_period
from .store import PARTITION_PREFIX, VisitStore, partition_name

SUMMARY_PREFIX = "summary-"


def first_kept_month(today: date, retention_months: int) -> str:
    """The oldest month still kept: a month is purged once its last day is more than
    `retention_months` months ago (24 months on 2026-11-26 keeps 2024-11 and later)."""
    index = today.year * 12 + (today.month - 1) - retention_months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def summarise(visits, month: str) -> dict:
    period = month_period(int(month[:4]), int(month[5:]))
    counts = count(visits, period)
    return {
        "month": month,
        "activities": {activity: {"visits": row.visits, "anonymous_visits": row.anonymous_visits,
                                  "unique_cards": row.unique_cards,
                                  "first_time_cards": len(row.first_time_cards)}
                       for activity, row in counts.activities.items()},
        "total": {"visits": counts.total.visits, "unique_cards": counts.total.unique_cards},
        "questions": counts.questions,
        "volunteers": {"minutes": counts.volunteers.minutes, "shifts": counts.volunteers.shifts,
                       "auto_closed": counts.volunteers.auto_closed,
                       "people": len(counts.volunteers.cards)},
    }


def purge(store: VisitStore, today: date, retention_months: int,
          exports: Path | None = None) -> list[str]:
    """Summarise and delete the months past retention; returns the months purged.

    With an exports folder, a month is only deleted once every one of its days with
    visits has its CSV there: rows are never purged before they were exported."""
    keep_from = first_kept_month(today, retention_months)
    store.compact()  # old visits still in the journal must reach their month first
    done = exported_days(exports) if exports is not None else None
    purged = []
    for month in store.months():
        if month >= keep_from:
            continue
        summary = store.directory / f"{SUMMARY_PREFIX}{month}.json"
        visits = [v for v in store._partition_visits([month])]
        if done is not None and not {v.local_date for v in visits} <= done:
            store.health.raise_flag(f"{month} is past the retention period but not all its "
                                    "days were exported; run kiosk export")
            continue
        write_json_atomic(summary, summarise(visits, month))
        (store.directory / partition_name(month)).unlink()
        if exports is not None:
            # The exported day files hold the same rows: they go too. (Copies already
            # on a USB stick or an off-site remote are the coordinator's to delete.)
            for day_file in Path(exports).glob(f"visits-{month}-*.csv"):
                day_file.unlink()
        purged.append(month)
    if purged:
        fsync_directory(store.directory)
        cutoff = keep_from + "-01"
        store.forget_cards_last_seen_before(cutoff)
    return purged


def purged_months(directory: Path) -> set[str]:
    names = (p.name for p in Path(directory).glob(f"{SUMMARY_PREFIX}*.json"))
    months = {name[len(SUMMARY_PREFIX):-len(".json")] for name in names}
    present = {p.name[len(PARTITION_PREFIX):-len(".json")]
               for p in Path(directory).glob(f"{PARTITION_PREFIX}*.json")}
    return months - present


def read_summary(directory: Path, month: str) -> dict:
    return json.loads((Path(directory) / f"{SUMMARY_PREFIX}{month}.json").read_text("utf-8"))
