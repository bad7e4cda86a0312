"""What a report reads from the store: its period, and as far back as the periods it is
compared with, but never into months whose rows retention already deleted.

`report_counts` is what `kiosk report` uses: whole months come from the tallies the store
keeps of them (kiosk.month_counts), so a year's report reads no visit of a closed month
twice. `report_visits` reads every visit, for a report built from visits (build_report);
both give the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..counting import Counts, Tally
from ..month_counts import period_tallies
from ..periods import Period, a_year_earlier, months_between, previous
from ..store import VisitStore
from .model import compared_periods


def complete_from(store: VisitStore, period: Period) -> date:
    """The first day whose visits are all there, for the period and its comparisons."""
    gone = store.summarised_months()
    start = min(previous(period).first, a_year_earlier(period).first)
    first = start
    for label in months_between(start, period.first):
        if label in gone:
            year, number = int(label[:4]), int(label[5:7])
            first = date(year + number // 12, number % 12 + 1, 1)
    return min(max(first, start), period.first)


def report_visits(store: VisitStore, period: Period) -> tuple[list, date]:
    """(visits, complete_from) for build_report: one read of the store for the period and
    its comparisons. complete_from is the first day whose visits are all there."""
    since = complete_from(store, period)
    return store.visits(since, period.last), since


@dataclass
class StoreCounts:
    """The counts of compared_periods(period) per site, for report_from_counts."""

    period: Period
    complete_from: date
    tallies: dict[str, list[Tally]]

    @property
    def sites(self) -> list[str]:
        """The sites with any visit in the period itself."""
        return sorted(site for site, tallies in self.tallies.items() if tallies[0].seen)

    def counts(self, site: str | None = None) -> list[Counts]:
        """One site's counts, or (None) every site's together."""
        combined = [Tally(p) for p in compared_periods(self.period)]
        for name, tallies in self.tallies.items():
            if site is None or name == site:
                for into, part in zip(combined, tallies):
                    into.absorb(part)
        return [tally.finish() for tally in combined]


def report_counts(store: VisitStore, period: Period) -> StoreCounts:
    since = complete_from(store, period)
    return StoreCounts(period, since,
                       period_tallies(store, compared_periods(period), since, period.last))
