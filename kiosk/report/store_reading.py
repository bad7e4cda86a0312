"""Which visits a report reads from the store: its period, and as far back as the periods
it is compared with, but never into months whose rows retention already deleted."""

from __future__ import annotations

from datetime import date

from ..periods import Period, a_year_earlier, months_between, previous
from ..store import VisitStore


def report_visits(store: VisitStore, period: Period) -> tuple[list, date]:
    """(visits, complete_from) for build_report: one read of the store for the period and
    its comparisons. complete_from is the first day whose visits are all there."""
    gone = store.summarised_months()
    start = min(previous(period).first, a_year_earlier(period).first)
    complete_from = start
    for label in months_between(start, period.first):
        if label in gone:
            year, number = int(label[:4]), int(label[5:7])
            complete_from = date(year + number // 12, number % 12 + 1, 1)
    complete_from = min(max(complete_from, start), period.first)
    return store.visits(complete_from, period.last), complete_from
