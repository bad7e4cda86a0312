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

from .cards import CardKind
from .periods import Period
from .visits import CHECKIN, FEEDBACK, QUESTION, SHIFT_END, SHIFT_START, Visit

# A card's token starts with its kind's letter (cards.Card.token).
KEY_HOLDER_TOKEN = CardKind.KEY_HOLDER.value
# Below this many answers a score says more about who happened to tap than about the room.
ENOUGH_ANSWERS = 10
# The faces 4 and 5 (of 1..5) are the positive answers.
POSITIVE_FROM = 4


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
    # The cards among them that carry the key-holder role (kiosk cards --kind key-holder).
    key_holder_cards: set[str] = field(default_factory=set)

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclass
class Answers:
    """The door survey's faces (1 saddest .. 5 happiest) for an activity or the room."""

    count: int = 0
    faces_total: int = 0
    positive: int = 0

    def add(self, face: int) -> None:
        self.count += 1
        self.faces_total += face
        self.positive += face >= POSITIVE_FROM

    @property
    def score(self) -> float | None:
        """Out of 10: the faces are worth 2, 4, 6, 8 and 10, so all-happy is a 10 and
        all-sad a 2 (the proposal promises "above 8")."""
        return 2.0 * self.faces_total / self.count if self.count else None

    @property
    def positive_share(self) -> float | None:
        return self.positive / self.count if self.count else None

    @property
    def enough(self) -> bool:
        return self.count >= ENOUGH_ANSWERS


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
    # "Hoe was het vandaag?": per activity (answers given with a card that checked in to
    # it that day) and for the room (every answer, with a card or not).
    answers: dict[str, Answers] = field(default_factory=dict)
    room_answers: Answers = field(default_factory=Answers)

    @property
    def new_people(self) -> int:
        return len(self.total.first_time_cards)

    @property
    def returning_people(self) -> int:
        return self.total.unique_cards - self.new_people

    @property
    def any(self) -> bool:
        return bool(self.total.visits or self.questions or self.volunteers.shifts
                    or self.volunteers.cards or self.room_answers.count)


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
                 "volunteers", "languages", "months", "answers", "room_answers", "seen",
                 "_month_of_day")

    def __init__(self, period: Period):
        self.period, self.first, self.last = period, period.first, period.last
        self.seen = 0   # visits of any kind: whether a site was there at all
        # "2026-11" of each day seen: formatted once a day, not once a visit.
        self._month_of_day: dict[date, str] = {}
        self.activities: dict[str, ActivityCount] = {}
        self.total = ActivityCount("*")
        self.questions: dict[str, int] = defaultdict(int)
        # Cards whose first visit ever (at that site) falls in the period: the kiosk marks
        # that visit, so no older history is needed to know it.
        self.new_cards: set[str] = set()
        self.volunteers = VolunteerCount()
        self.languages: dict[str, int] = defaultdict(int)
        self.months: dict[str, ActivityCount] = {}
        self.answers: dict[str, Answers] = {}
        self.room_answers = Answers()

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
            if card.startswith(KEY_HOLDER_TOKEN):
                volunteers.key_holder_cards.add(card)
            if kind == SHIFT_END:
                volunteers.shifts += 1
                volunteers.minutes += visit.shift_minutes or 0
                volunteers.auto_closed += visit.auto_closed
            return
        if kind == FEEDBACK:
            self.room_answers.add(visit.answer)
            if visit.activity is not None:
                answers = self.answers.get(visit.activity)
                if answers is None:
                    answers = self.answers[visit.activity] = Answers()
                answers.add(visit.answer)
            return
        if kind != CHECKIN:
            return
        self.languages[visit.language] += 1
        counted = self.activities.get(visit.activity)
        if counted is None:
            counted = self.activities[visit.activity] = ActivityCount(visit.activity)
        label = self._month_of_day.get(day)
        if label is None:
            label = self._month_of_day[day] = f"{day.year:04d}-{day.month:02d}"
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
                      self.volunteers, dict(self.languages), dict(sorted(self.months.items())),
                      self.answers, self.room_answers)

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
        volunteers.key_holder_cards |= theirs.key_holder_cards
        _add_answers(self.room_answers, other.room_answers)
        for activity, answers in other.answers.items():
            mine = self.answers.get(activity)
            if mine is None:
                mine = self.answers[activity] = Answers()
            _add_answers(mine, answers)

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
            "key_holder_cards": sorted(volunteers.key_holder_cards),
            "answers": [[activity, a.count, a.faces_total, a.positive]
                        for activity, a in self.answers.items()],
            "room_answers": [self.room_answers.count, self.room_answers.faces_total,
                             self.room_answers.positive],
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
        tally.volunteers.key_holder_cards = set(data["key_holder_cards"])
        for activity, answered, faces_total, positive in data["answers"]:
            tally.answers[activity] = Answers(int(answered), int(faces_total), int(positive))
        answered, faces_total, positive = data["room_answers"]
        tally.room_answers = Answers(int(answered), int(faces_total), int(positive))
        return tally


def _add_row(row: ActivityCount, other: ActivityCount) -> None:
    row.visits += other.visits
    row.anonymous_visits += other.anonymous_visits
    row.cards |= other.cards
    row.days |= other.days


def _add_answers(answers: Answers, other: Answers) -> None:
    answers.count += other.count
    answers.faces_total += other.faces_total
    answers.positive += other.positive
