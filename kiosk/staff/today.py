"""Today's numbers beside the queue on the staff page, as a small read-only snapshot.

The door's thread computes it from today's visits and hands it over; the web thread only
ever reads the last one handed over (the store has one writer thread and is not read
from the web). Counts only: no card token leaves the door.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable

from kiosk.config import SiteConfig
from kiosk.listeners import Listeners
from kiosk.visits import CHECKIN, QUESTION, SHIFT_END, SHIFT_START, Visit


@dataclass(frozen=True)
class ActivityCount:
    activity: str
    name: str            # Dutch: the volunteers' language
    pictogram: str
    checkins: int


@dataclass(frozen=True)
class TodaySummary:
    day: date | None = None
    checkins: int = 0
    activities: tuple[ActivityCount, ...] = ()
    different_cards: int = 0            # visitor cards seen today, any activity
    anonymous_checkins: int = 0
    questions: int = 0
    volunteers_on_shift: int = 0

    def to_json(self) -> dict:
        return {"day": self.day.isoformat() if self.day else None,
                "checkins": self.checkins, "different_cards": self.different_cards,
                "anonymous_checkins": self.anonymous_checkins, "questions": self.questions,
                "volunteers_on_shift": self.volunteers_on_shift,
                "activities": [{"activity": a.activity, "name": a.name,
                                "pictogram": a.pictogram, "checkins": a.checkins}
                               for a in self.activities]}


def summarise(site: SiteConfig, day: date, visits: Iterable[Visit]) -> TodaySummary:
    """Today's visits (door.todays_visits()) -> the counts; tokens are only counted."""
    per_activity: dict[str, int] = {}
    cards: set[str] = set()
    on_shift: set[str] = set()
    checkins = anonymous = questions = 0
    for visit in visits:
        if visit.kind == CHECKIN:
            checkins += 1
            per_activity[visit.activity] = per_activity.get(visit.activity, 0) + 1
            if visit.card:
                cards.add(visit.card)
            else:
                anonymous += 1
        elif visit.kind == QUESTION:
            questions += 1
        elif visit.kind == SHIFT_START:
            on_shift.add(visit.card)
        elif visit.kind == SHIFT_END:
            on_shift.discard(visit.card)
    names = {a.id: a for a in site.activities}
    activities = tuple(
        ActivityCount(activity_id, names[activity_id].name("nl") if activity_id in names
                      else activity_id,
                      names[activity_id].pictogram if activity_id in names else "", count)
        for activity_id, count in sorted(per_activity.items(), key=lambda item: -item[1]))
    return TodaySummary(day, checkins, activities, len(cards), anonymous, questions,
                        len(on_shift))


class SummaryHolder:
    """The last summary the door published; listeners hear of a new one (the page's
    event streams), on the publishing thread."""

    def __init__(self):
        self._summary = TodaySummary()
        self._lock = threading.Lock()
        self._listeners = Listeners()

    def publish(self, summary: TodaySummary) -> None:
        with self._lock:
            if summary == self._summary:
                return
            self._summary = summary
        self._listeners.notify()

    def get(self) -> TodaySummary:
        with self._lock:
            return self._summary

    def subscribe(self, listener: Callable[[], None]) -> Callable[[], None]:
        return self._listeners.subscribe(listener)


class TodayCounter:
    """Today's visits kept in memory on the door's thread, fed one by one as the store
    appends them: reading the month files again (about 0.1 s on a Pi's SD card) would
    hold up the door for every refresh. Loaded once from the store at start."""

    def __init__(self, site: SiteConfig):
        self.site = site
        self._visits: dict[int, Visit] = {}     # by seq: the load and a feed may overlap

    def load(self, visits: Iterable[Visit]) -> None:
        for visit in visits:
            self.add(visit)

    def add(self, visit: Visit) -> None:
        self._visits[visit.seq if visit.seq is not None else -len(self._visits) - 1] = visit

    def summary(self, day: date) -> TodaySummary:
        # Yesterday's visits are dropped here, at the first look after midnight.
        self._visits = {seq: v for seq, v in self._visits.items() if v.local_date >= day}
        return summarise(self.site, day, (v for v in self._visits.values()
                                          if v.local_date == day))
