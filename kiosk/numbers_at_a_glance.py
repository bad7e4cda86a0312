"""The coordinator's numbers at a glance: per activity where the room stands against its
pro-rata target, and whether it is ahead of, on or behind schedule for today.

The Cijfers tab opens on a kiosk with years of history, so counts are kept per month:
a month summary holds, per activity, the set of card tokens and the number of check-ins.
Unique people over a tertiaal or a year are the union of those sets, never a sum of
monthly counts: someone who came in March and in April is one person in the tertiaal.
The summaries come from the tallies the store keeps of each month file (month_counts):
on disk beside the month file, holding the same card tokens it does, and deleted with it
at retention; so even the first opening after a restart reads no closed month again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from .config import SiteConfig
from .counting import Answers, Tally
from .month_counts import month_tallies
from .periods import Period, months_between
from .visits import CHECKIN, FEEDBACK, SHIFT_END, SHIFT_START, Visit

# Against the share of the target expected by today: 110% and more is ahead, 90% and more
# is on schedule. A room that works "energiegericht" is never exactly on the line.
AHEAD = 1.10
ON_SCHEDULE = 0.90

STATUS_AHEAD, STATUS_ON_SCHEDULE, STATUS_BEHIND = "ahead", "on_schedule", "behind"


@dataclass
class MonthSummary:
    """What one local month contributes to any period that holds it."""
    checkins: dict[str, int] = field(default_factory=dict)
    cards: dict[str, set[str]] = field(default_factory=dict)
    new_cards: set[str] = field(default_factory=set)
    volunteer_cards: set[str] = field(default_factory=set)
    volunteer_minutes: int = 0
    # "Hoe was het vandaag?": every answer of the month, for the room.
    answers: Answers = field(default_factory=Answers)

    @classmethod
    def of_tallies(cls, tallies: Iterable[Tally]) -> "MonthSummary":
        """The summary of a month's tallies (one per site): the same numbers `add` makes
        of its visits."""
        summary = cls()
        for tally in tallies:
            for activity, counted in tally.activities.items():
                summary.checkins[activity] = summary.checkins.get(activity, 0) + counted.visits
                if counted.cards:
                    summary.cards.setdefault(activity, set()).update(counted.cards)
            summary.new_cards |= tally.new_cards
            summary.volunteer_cards |= tally.volunteers.cards
            summary.volunteer_minutes += tally.volunteers.minutes
            room = tally.room_answers
            summary.answers = Answers(summary.answers.count + room.count,
                                      summary.answers.faces_total + room.faces_total,
                                      summary.answers.positive + room.positive)
        return summary

    def add(self, visit: Visit) -> None:
        if visit.first_visit and visit.card is not None:
            self.new_cards.add(visit.card)
        if visit.kind in (SHIFT_START, SHIFT_END):
            self.volunteer_cards.add(visit.card)
            if visit.kind == SHIFT_END:
                self.volunteer_minutes += visit.shift_minutes or 0
            return
        if visit.kind == FEEDBACK:
            self.answers.add(visit.answer)
            return
        if visit.kind != CHECKIN:
            return
        self.checkins[visit.activity] = self.checkins.get(visit.activity, 0) + 1
        if visit.card is not None:
            self.cards.setdefault(visit.activity, set()).add(visit.card)


def summarise(visits: Iterable[Visit]) -> dict[str, MonthSummary]:
    """Summaries per local month ("2026-11") of the visits given."""
    months: dict[str, MonthSummary] = {}
    # Visit.month is strftime, about 10 us a visit: a fifth of the running month's first
    # read after a restart. It is asked once per month met, the summary found by number.
    by_number: dict[tuple[int, int], MonthSummary] = {}
    for visit in visits:
        local = visit.local
        summary = by_number.get((local.year, local.month))
        if summary is None:
            summary = by_number[local.year, local.month] = \
                months.setdefault(visit.month, MonthSummary())
        summary.add(visit)
    return months


@dataclass(frozen=True)
class Bar:
    activity: str               # an activity id, or "*" for all activities together
    name: str
    unit: str                   # "unique" (people) or "jobs"
    actual: int
    target: float | None        # the yearly target, pro rata for the period
    expected: float             # share of the period passed by today (1.0 when closed)

    @property
    def percent(self) -> float | None:
        """Of the whole period's target, not capped: 41 of 3 is 1367%."""
        return None if not self.target else 100.0 * self.actual / self.target

    @property
    def status(self) -> str | None:
        if not self.target:
            return None
        ratio = self.actual / (self.target * self.expected)
        if ratio >= AHEAD:
            return STATUS_AHEAD
        return STATUS_ON_SCHEDULE if ratio >= ON_SCHEDULE else STATUS_BEHIND


@dataclass(frozen=True)
class Glance:
    period: Period
    today: date
    bars: list[Bar]
    total: Bar
    visits: int
    new_people: int
    volunteers: int
    volunteer_hours: float
    answers: Answers = field(default_factory=Answers)

    @property
    def running(self) -> bool:
        return self.period.first <= self.today < self.period.last


def expected_share(period: Period, today: date) -> float:
    """How much of the period has passed, today included; a closed period counts whole."""
    if today >= period.last:
        return 1.0
    if today < period.first:
        return 0.0
    return ((today - period.first).days + 1) / period.days


def glance(visits: Iterable[Visit], period: Period, site: SiteConfig, today: date,
           language: str = "nl") -> Glance:
    """The numbers of `period` from the visits given (any visits: those outside it are
    left out)."""
    months = summarise(v for v in visits if period.first <= v.local_date <= period.last)
    return combine(list(months.values()), period, site, today, language)


def combine(months: list[MonthSummary], period: Period, site: SiteConfig, today: date,
            language: str = "nl") -> Glance:
    checkins: dict[str, int] = {}
    cards: dict[str, set[str]] = {}
    new_cards: set[str] = set()
    volunteer_cards: set[str] = set()
    minutes = 0
    answers = Answers()
    for summary in months:
        answers.count += summary.answers.count
        answers.faces_total += summary.answers.faces_total
        answers.positive += summary.answers.positive
        for activity, number in summary.checkins.items():
            checkins[activity] = checkins.get(activity, 0) + number
        for activity, tokens in summary.cards.items():
            cards.setdefault(activity, set()).update(tokens)
        new_cards |= summary.new_cards
        volunteer_cards |= summary.volunteer_cards
        minutes += summary.volunteer_minutes
    everyone = set().union(*cards.values()) if cards else set()
    fraction = period.year_fraction()
    expected = expected_share(period, today)
    bars = []
    for activity in site.activities:
        mine = cards.get(activity.id, set())
        actual = len(mine) if activity.unit == "unique" else checkins.get(activity.id, 0)
        target = activity.target * fraction if activity.target else None
        bars.append(Bar(activity.id, activity.name(language), activity.unit, actual, target,
                        expected))
    total_target = site.total_target * fraction if site.total_target else None
    total = Bar("*", "*", "unique", len(everyone), total_target, expected)
    return Glance(period, today, bars, total, sum(checkins.values()),
                  len(everyone & new_cards), len(volunteer_cards), minutes / 60, answers)


class MonthSummaries:
    """Month summaries kept for as long as the kiosk runs, asked from the store.

    A month file is summarised when its identity (the store's word for "this exact
    file") is new: a closed month once, the running month again after each compaction.
    Visits not yet in a month file are counted fresh each time; they are a day's worth.
    """

    def __init__(self):
        self._months: dict[str, tuple[object, MonthSummary, int]] = {}

    def glance(self, store, period: Period, site: SiteConfig, today: date,
               language: str = "nl") -> Glance:
        wanted = set(months_between(period.first, min(period.last, today)))
        if not wanted:
            return combine([], period, site, today, language)
        parts: list[MonthSummary] = []
        filed_up_to: dict[str, int] = {}
        running = f"{today.year:04d}-{today.month:02d}"
        for month in store.months():
            if month not in wanted:
                continue
            summary, top = self._summary(store, month, kept=month < running)
            filed_up_to[month] = top
            parts.append(summary)
        fresh = MonthSummary()
        for visit in store.unfiled_visits():
            # After a crash the journal may still hold visits its month file already has.
            if visit.month in wanted and visit.seq > filed_up_to.get(visit.month, 0) \
                    and period.first <= visit.local_date <= period.last:
                fresh.add(visit)
        parts.append(fresh)
        return combine(parts, period, site, today, language)

    def prepare(self, store, running: str, budget_seconds: float = 0.05) -> bool:
        """Summarise the months not summarised as they are now, for about `budget_seconds`:
        the kiosk's upkeep calls it at idle, right after its compaction, so the tab's
        first opening finds every month ready. Closed months come from the store's kept
        tallies; the running month ("2026-11") is read once and then follows each
        compaction by what it added. True when none is left."""
        started = time.monotonic()
        left = [month for month in store.months() if month <= running
                and (self._months.get(month) or (None,))[0] != store.month_identity(month)]
        for done, month in enumerate(left, start=1):
            # At least one a call, however long it takes.
            self._summary(store, month, kept=month < running)
            if time.monotonic() - started > budget_seconds:
                return done == len(left)
        return True

    def _summary(self, store, month: str, kept: bool = True) -> tuple[MonthSummary, int]:
        """kept=False for the running month: its file changes at every compaction, so
        the store's digest of it would be made and thrown away all day; it is read, and
        after that follows what each compaction added."""
        identity = store.month_identity(month)
        known = self._months.get(month)
        if known is not None and identity is not None and known[0] == identity:
            return known[1], known[2]
        added = None if kept or known is None else store.month_additions(month, known[0])
        if added is not None:
            summary, top = known[1], known[2]
            for visit in added:
                summary.add(visit)
                top = max(top, visit.seq)
        elif kept:
            tallies = month_tallies(store, month)
            summary = MonthSummary.of_tallies(tallies.tallies.values()) if tallies \
                else MonthSummary()
            top = tallies.top_seq if tallies else 0
        else:
            visits = store.read_month(month)
            summary = summarise(visits).get(month, MonthSummary())
            top = max((v.seq for v in visits), default=0)
        # Making it may have set a damaged record aside: remember the file as it is now.
        self._months[month] = (store.month_identity(month), summary, top)
        return summary, top

    def forget(self) -> None:
        self._months.clear()
