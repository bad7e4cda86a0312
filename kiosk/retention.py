"""Keeping visit rows no longer than the site promises (AVG/GDPR storage limitation).

A month whose rows are older than `[privacy] retention_months` is first summarised into
`summary-YYYY-MM.json` (the month's counts, no card codes), then its month file is
deleted, and cards not seen since are dropped from the card index. Reports for a period
that includes a purged month are refused: unique people cannot be counted across months
from summaries.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from .counting import count
from .export import delete_month_files, unexported_days
from .periods import month as month_period
from .store import VisitStore

# A kiosk whose clock is this far past the newest stored visit is more likely wrong than
# idle: a room closed all summer still waits a few weeks before anything is deleted.
FAR_BEYOND_NEWEST_VISIT = timedelta(days=45)
# Time moves one month at a time: more months due at once means the retention period was
# shortened, the kiosk was off for months, or the clock is wrong (a jump to 2029 followed
# by one visit passes the check above). A coordinator confirms such a purge by hand.
MAX_MONTHS_AT_ONCE = 2


def first_kept_month(today: date, retention_months: int) -> str:
    """The oldest month still kept: a month is purged once its last day is more than
    `retention_months` months ago (24 months on 2026-11-26 keeps 2024-11 and later)."""
    index = today.year * 12 + (today.month - 1) - retention_months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def pause_reason(today: date, clock_synchronised: bool, newest: date | None,
                 months_due: int = 0, confirmed: bool = False) -> str | None:
    """Why retention must not delete anything today, or None when it may.

    Deleting is the one thing the kiosk cannot undo, and a Pi's clock can be wrong: a
    clock that jumped to 2029 once made the upkeep delete every month file. So only a
    synchronised clock, and only a date close to what the store itself has seen.
    """
    if not clock_synchronised:
        return "the clock is not synchronised, so nothing old is deleted until it is"
    if newest is not None and today - newest > FAR_BEYOND_NEWEST_VISIT:
        return (f"today ({today.isoformat()}) is far beyond the newest visit "
                f"({newest.isoformat()}); nothing old is deleted until the clock is "
                "checked or a new visit is stored")
    if months_due > MAX_MONTHS_AT_ONCE and not confirmed:
        return (f"{months_due} months are due at once, which only happens after the "
                "retention period was shortened, the kiosk was off for months, or with a "
                f"wrong clock: if today ({today.isoformat()}) is right, a coordinator "
                "confirms it on the Gezondheid tab")
    return None


def months_due(store: VisitStore, today: date, retention_months: int) -> list[str]:
    keep_from = first_kept_month(today, retention_months)
    return [month for month in store.months() if month < keep_from]


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
          exports: Path | None = None, clock_synchronised: bool = True,
          confirmed: bool = False) -> list[str]:
    """Summarise and delete the months past retention; returns the months purged.

    With an exports folder, a month is only deleted once every one of its visits is in
    its day's CSV there: rows are never purged before they were exported. Nothing is
    deleted when `pause_reason` gives a reason (then a health flag says it)."""
    store.compact()  # old visits still in the journal must reach their month first
    due = months_due(store, today, retention_months)
    reason = pause_reason(today, clock_synchronised, store.newest_visit_date(), len(due),
                          confirmed)
    if reason is not None:
        return []
    keep_from = first_kept_month(today, retention_months)
    purged = []
    for month in store.months():
        if month >= keep_from:
            continue
        visits = store.read_month(month)
        if exports is not None and unexported_days(visits, exports):
            store.health.raise_flag(f"{month} is past the retention period but not all its "
                                    "visits were exported; run kiosk export")
            continue
        store.write_summary(month, summarise(visits, month))
        store.drop_month(month)
        if exports is not None:
            # The exported day files hold the same rows: they go too. (Copies already
            # on a USB stick or an off-site remote are the coordinator's to delete.)
            delete_month_files(exports, month)
        purged.append(month)
    cutoff = date.fromisoformat(keep_from + "-01")
    store.purge_asides(cutoff)
    if purged:
        store.forget_cards_before(cutoff.isoformat())
    return purged
