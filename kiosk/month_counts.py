"""Counts of whole months, made once and kept: what a year's report and the Cijfers tab add
up instead of walking every visit of the year.

A month's tally per site (counting.Tally) is kept by the store as the digest of its month
file (store.month_digest): made when first asked for, by whichever process asks, and made
again whenever the month file changes (a compaction, a late visit after a clock jump, a
restored backup). A month with visits still in the journal is counted visit by visit, as
the store gives them: the journal holds the last day or so, never a closed year.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable, NamedTuple

from .counting import Tally
from .periods import Period, month, months_between
from .store import VisitStore
from .visits import Visit

# The digest's format. Change it whenever Tally.to_json changes: old digests are then
# made again instead of being read the wrong way.
DIGEST = "tallies-3"  # 2: survey answers and key-holder cards; 3: a reader once kept
# the tally of a month file it found damaged (counted as what the damage left): every tally
# made before that fix is made again.


def month_period(label: str) -> Period:
    return month(int(label[:4]), int(label[5:7]))


def tally_month(visits: Iterable[Visit], period: Period) -> dict[str, Tally]:
    """Per site, the tally of a month's visits."""
    tallies: dict[str, Tally] = {}
    for visit in visits:
        tally = tallies.get(visit.site)
        if tally is None:
            tally = tallies[visit.site] = Tally(period)
        tally.add(visit, visit.local.date())
    return tallies


class KeptMonth(NamedTuple):
    """A month file's tallies per site, and the highest seq in it (a journal visit with a
    seq above it is not in the file yet)."""
    tallies: dict[str, Tally]
    top_seq: int


def month_tallies(store: VisitStore, label: str) -> KeptMonth | None:
    """The tallies of a month file (None when there is none), from its digest."""
    period = month_period(label)

    def make(visits: list[Visit]) -> dict:
        return {"top_seq": max((v.seq for v in visits), default=0),
                "sites": {site: tally.to_json()
                          for site, tally in tally_month(visits, period).items()}}

    def load(kept: dict) -> KeptMonth:
        return KeptMonth({site: Tally.from_json(part, period)
                          for site, part in kept["sites"].items()}, int(kept["top_seq"]))

    return store.month_digest(label, DIGEST, make, load)


def period_tallies(store: VisitStore, periods: list[Period], since: date,
                   until: date) -> dict[str, list[Tally]]:
    """Per site, one tally for each period, of the visits dated in [since, until]: the
    same numbers counting.count_periods gives for store.visits(since, until), made from
    the months' kept tallies wherever a period holds a whole month."""
    windows = [(max(p.first, since), min(p.last, until)) for p in periods]
    by_site: dict[str, list[Tally]] = {}

    def tallies_of(site: str) -> list[Tally]:
        found = by_site.get(site)
        if found is None:
            found = by_site[site] = [Tally(p) for p in periods]
        return found

    def add(visits: Iterable[Visit], wanted: list[bool]) -> None:
        for visit in visits:
            day = visit.local.date()
            for tally, (first, last), want in zip(tallies_of(visit.site), windows, wanted):
                if want and first <= day <= last:
                    tally.add(visit, day)

    loose = {v.month for v in store.unfiled_visits() if since <= v.local_date <= until}
    filed = set(store.months())
    for label in months_between(since, until):
        this = month_period(label)
        touched = [first <= this.last and this.first <= last for first, last in windows]
        if not any(touched):
            continue
        if label in loose:
            # The journal and the month file together, each visit once, as the store
            # reads them.
            add(store.visits(this.first, this.last), touched)
            continue
        if label not in filed:
            continue
        whole = [t and first <= this.first and this.last <= last
                 for t, (first, last) in zip(touched, windows)]
        partly = [t and not w for t, w in zip(touched, whole)]
        if any(partly):
            # A period holding part of the month (a range of dates): its visits one by one.
            add(store.read_month(label), partly)
        if any(whole):
            kept = month_tallies(store, label)
            for site, part in (kept.tallies if kept is not None else {}).items():
                for tally, want in zip(tallies_of(site), whole):
                    if want:
                        tally.absorb(part)
    return by_site
