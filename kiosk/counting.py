"""Counting for the funders: unique people per activity, without knowing who they are.

A card token stands for one person. "Unique" counts distinct tokens; anonymous visits
count as visits but can never be unique people. The total row counts distinct tokens
across all activities: someone at the cooking club and the language class is one person.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from .periods import Period
from .visits import CHECKIN, QUESTION, SHIFT_END, SHIFT_START, Visit


@dataclass
class ActivityCount:
    activity: str
    visits: int = 0
    anonymous_visits: int = 0
    cards: set[str] = field(default_factory=set)
    first_time_cards: set[str] = field(default_factory=set)
    # Days with at least one check-in: the sessions held (a card or not).
    days: set[date] = field(default_factory=set)

    @property
    def unique_cards(self) -> int:
        return len(self.cards)

    @property
    def sessions(self) -> int:
        return len(self.days)


@dataclass
class VolunteerCount:
    minutes: int = 0
    shifts: int = 0
    auto_closed: int = 0
    cards: set[str] = field(default_factory=set)

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclass
class Counts:
    period: Period
    activities: dict[str, ActivityCount]
    total: ActivityCount
    questions: dict[str, int]
    volunteers: VolunteerCount = field(default_factory=VolunteerCount)
    # Check-ins and questions by the language the screen was in: which communities come.
    languages: dict[str, int] = field(default_factory=dict)
    # Month ("2026-11") -> all check-ins of that month, for the trend charts.
    months: dict[str, ActivityCount] = field(default_factory=dict)

    @property
    def new_people(self) -> int:
        return len(self.total.first_time_cards)

    @property
    def returning_people(self) -> int:
        return self.total.unique_cards - self.new_people

    @property
    def any(self) -> bool:
        return bool(self.total.visits or self.questions or self.volunteers.shifts
                    or self.volunteers.cards)


def count(visits: Iterable[Visit], period: Period) -> Counts:
    """Counts for the visits whose local date falls in the period."""
    return count_periods(visits, [period])[0]


def count_periods(visits: Iterable[Visit], periods: list[Period]) -> list[Counts]:
    """Counts for several periods (this one, the one before, last year's) in one pass over
    the visits: a year's report reads and walks its tens of thousands of visits once."""
    tallies = [Tally(period) for period in periods]
    for visit in visits:
        day = visit.local.date()
        for tally in tallies:
            if tally.first <= day <= tally.last:
                tally.add(visit, day)
    return [tally.finish() for tally in tallies]


class Tally:
    """Counts being made for one period: visits added one by one, or whole tallies of
    shorter periods inside it (a month's, kept by the store as a digest) absorbed, since
    every part of it is a sum or a union. `finish` gives the Counts."""

    __slots__ = ("period", "first", "last", "activities", "total", "questions", "new_cards",
                 "volunteers", "languages", "months", "seen")

    def __init__(self, period: Period):
        self.period, self.first, self.last = period, period.first, period.last
        self.seen = 0   # visits of any kind: whether a site was there at all
        self.activities: dict[str, ActivityCount] = {}
        self.total = ActivityCount("*")
        self.questions: dict[str, int] = defaultdict(int)
        # Cards whose first visit ever (at that site) falls in the period: the kiosk marks
        # that visit, so no older history is needed to know it.
        self.new_cards: set[str] = set()
        self.volunteers = VolunteerCount()
        self.languages: dict[str, int] = defaultdict(int)
        self.months: dict[str, ActivityCount] = {}

    def add(self, visit: Visit, day: date) -> None:
        kind, card = visit.kind, visit.card
        self.seen += 1
        if visit.first_visit and card is not None:
            self.new_cards.add(card)
        if kind == QUESTION:
            self.questions[visit.topic] += 1
            self.languages[visit.language] += 1
            return
        if kind == SHIFT_START or kind == SHIFT_END:
            # Hours count on the day the shift ended; anyone who scanned is active.
            volunteers = self.volunteers
            volunteers.cards.add(card)
            if kind == SHIFT_END:
                volunteers.shifts += 1
                volunteers.minutes += visit.shift_minutes or 0
                volunteers.auto_closed += visit.auto_closed
            return
        if kind != CHECKIN:
            return
        self.languages[visit.language] += 1
        counted = self.activities.get(visit.activity)
        if counted is None:
            counted = self.activities[visit.activity] = ActivityCount(visit.activity)
        label = f"{day.year:04d}-{day.month:02d}"
        in_month = self.months.get(label)
        if in_month is None:
            in_month = self.months[label] = ActivityCount(label)
        counted.days.add(day)
        self.total.days.add(day)
        for row in (counted, self.total, in_month):
            row.visits += 1
            if card is None:
                row.anonymous_visits += 1
            else:
                row.cards.add(card)

    def finish(self) -> Counts:
        for row in list(self.activities.values()) + [self.total]:
            row.first_time_cards = row.cards & self.new_cards
        return Counts(self.period, self.activities, self.total, dict(self.questions),
                      self.volunteers, dict(self.languages), dict(sorted(self.months.items())))

    def absorb(self, other: "Tally") -> None:
        """Add what `other` counted (a period inside this one; nothing of it is shared)."""
        self.seen += other.seen
        for activity, counted in other.activities.items():
            mine = self.activities.get(activity)
            if mine is None:
                mine = self.activities[activity] = ActivityCount(activity)
            _add_row(mine, counted)
        _add_row(self.total, other.total)
        for label, counted in other.months.items():
            mine = self.months.get(label)
            if mine is None:
                mine = self.months[label] = ActivityCount(label)
            _add_row(mine, counted)
        for topic, number in other.questions.items():
            self.questions[topic] += number
        for language, number in other.languages.items():
            self.languages[language] += number
        self.new_cards |= other.new_cards
        volunteers, theirs = self.volunteers, other.volunteers
        volunteers.minutes += theirs.minutes
        volunteers.shifts += theirs.shifts
        volunteers.auto_closed += theirs.auto_closed
        volunteers.cards |= theirs.cards

    def to_json(self) -> dict:
        """Everything `absorb` needs, JSON-able. Ids go in pairs, not as object keys: an
        activity or topic may be None, which a JSON key would turn into "null". The total
        and the month rows are left out: from_json makes them from the activities."""
        volunteers = self.volunteers
        return {
            "seen": self.seen,
            "activities": [[a.activity, a.visits, a.anonymous_visits, sorted(a.cards),
                            sorted(day.isoformat() for day in a.days)]
                           for a in self.activities.values()],
            "questions": [[topic, number] for topic, number in self.questions.items()],
            "new_cards": sorted(self.new_cards),
            "volunteers": [volunteers.minutes, volunteers.shifts, volunteers.auto_closed,
                           list(volunteers.cards)],
            "languages": [[language, number] for language, number in self.languages.items()],
        }

    @classmethod
    def from_json(cls, data: dict, month: Period) -> "Tally":
        """The tally of one month (`month`) that to_json wrote. KeyError, TypeError or
        ValueError when it is not one."""
        tally = cls(month)
        tally.seen = int(data["seen"])
        for activity, visits, anonymous, cards, days in data["activities"]:
            counted = ActivityCount(activity, int(visits), int(anonymous), set(cards), set(),
                                    {date.fromisoformat(day) for day in days})
            tally.activities[activity] = counted
            _add_row(tally.total, counted)
        total = tally.total
        if total.visits:
            # (A month's row keeps no days: add() gives it none.)
            label = f"{month.first.year:04d}-{month.first.month:02d}"
            tally.months[label] = ActivityCount(label, total.visits, total.anonymous_visits,
                                                set(total.cards))
        for topic, number in data["questions"]:
            tally.questions[topic] += int(number)
        tally.new_cards = set(data["new_cards"])
        minutes, shifts, auto_closed, cards = data["volunteers"]
        tally.volunteers = VolunteerCount(int(minutes), int(shifts), int(auto_closed), set(cards))
        for language, number in data["languages"]:
            tally.languages[language] += int(number)
        return tally


def _add_row(row: ActivityCount, other: ActivityCount) -> None:
    row.visits += other.visits
    row.anonymous_visits += other.anonymous_visits
    row.cards |= other.cards
    row.days |= other.days
