"""Counting for the funders: unique people per activity, without knowing who they are.

A card token stands for one person. "Unique" counts distinct tokens; anonymous visits
count as visits but can never be unique people. The total row counts distinct tokens
across all activities: someone at the cooking club and the language class is one person.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
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

    @property
    def unique_cards(self) -> int:
        return len(self.cards)


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


def count(visits: Iterable[Visit], period: Period) -> Counts:
    """Counts for the visits whose local date falls in the period."""
    activities: dict[str, ActivityCount] = {}
    total = ActivityCount("*")
    questions: dict[str, int] = defaultdict(int)
    # Cards whose first visit ever (at that site) falls in the period: the kiosk marks
    # that visit, so no older history is needed to know it.
    new_cards: set[str] = set()
    volunteers = VolunteerCount()
    for visit in visits:
        if not (period.first <= visit.local_date <= period.last):
            continue
        if visit.first_visit and visit.card is not None:
            new_cards.add(visit.card)
        if visit.kind == QUESTION:
            questions[visit.topic] += 1
            continue
        if visit.kind in (SHIFT_START, SHIFT_END):
            # Hours count on the day the shift ended; anyone who scanned is active.
            volunteers.cards.add(visit.card)
            if visit.kind == SHIFT_END:
                volunteers.shifts += 1
                volunteers.minutes += visit.shift_minutes or 0
                volunteers.auto_closed += visit.auto_closed
            continue
        if visit.kind != CHECKIN:
            continue
        counted = activities.get(visit.activity)
        if counted is None:
            counted = activities[visit.activity] = ActivityCount(visit.activity)
        for row in (counted, total):
            row.visits += 1
            if visit.card is None:
                row.anonymous_visits += 1
            else:
                row.cards.add(visit.card)
    for row in list(activities.values()) + [total]:
        row.first_time_cards = row.cards & new_cards
    return Counts(period, activities, total, dict(questions), volunteers)
