"""What happens at the door, without any screen: the visitor flow's rules.

The UI calls these methods and shows what they return. Everything a test needs to check
about counting (duplicates, first visits, queue numbers) is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Callable

from .cards import Card, CardKind, parse_payload
from .clock import ClockWatch
from .config import Activity, SiteConfig, Topic
from .store import VisitStore
from .visits import CHECKIN, QUESTION, Visit


@dataclass(frozen=True)
class CardScan:
    card: Card
    known: bool                    # seen before at this site
    last_activity: str | None      # to highlight on the activity grid
    language: str | None           # the language this card last used


@dataclass(frozen=True)
class CheckinResult:
    visit: Visit
    counted: bool                  # False: same card, same activity, inside the window
    first_visit: bool


@dataclass(frozen=True)
class QuestionResult:
    visit: Visit
    number: int
    counted: bool


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Door:
    def __init__(self, config: SiteConfig, store: VisitStore,
                 clock: ClockWatch | None = None, now: Callable[[], datetime] = utc_now):
        self.config = config
        self.store = store
        self.clock = clock or ClockWatch()
        self.now = now
        self._seeded_day: date | None = None
        self._last_number = 0
        # (card token, activity or "?"+topic) -> the visit that counted last
        self._recent: dict[tuple[str, str], Visit] = {}

    # -- the day -------------------------------------------------------------------

    def local_now(self) -> datetime:
        return self.now().astimezone(self.config.timezone)

    def today(self) -> date:
        return self.local_now().date()

    def todays_activities(self) -> list[Activity]:
        return self.config.activities_on(self.today())

    def topics(self) -> list[Topic]:
        return list(self.config.topics)

    def prepare_day(self) -> None:
        """Read today's visits now (at start, at idle) rather than on a visitor's tap."""
        self._roll_day()

    def _roll_day(self) -> None:
        """Queue numbers restart every day; the duplicate window forgets yesterday."""
        today = self.today()
        if self._seeded_day == today:
            return
        self._seeded_day = today
        self._last_number = 0
        self._recent.clear()
        for visit in self.store.visits(since=today, until=today):
            if visit.queue_number:
                self._last_number = max(self._last_number, visit.queue_number)
            if visit.card:
                self._recent[(visit.card, self._subject(visit))] = visit

    @staticmethod
    def _subject(visit: Visit) -> str:
        return visit.activity if visit.kind == CHECKIN else "?" + (visit.topic or "")

    # -- cards ---------------------------------------------------------------------

    def identify(self, scanned_text: str) -> CardScan:
        """What the scanner typed -> the card; raises cards.CardError on bad input."""
        card = parse_payload(scanned_text)
        info = self.store.cards.get(card.token)
        return CardScan(card, info is not None,
                        info.last_activity if info else None,
                        info.language if info else None)

    # -- recording -----------------------------------------------------------------

    def _duplicate_of(self, card: Card | None, subject: str, at: datetime) -> Visit | None:
        if card is None:
            return None
        previous = self._recent.get((card.token, subject))
        window = timedelta(minutes=self.config.door.duplicate_scan_minutes)
        if previous is not None and timedelta(0) <= at - previous.utc < window:
            return previous
        return None

    def _visit(self, kind: str, language: str, card: Card | None, **fields) -> Visit:
        at = self.now()
        return Visit(
            kind=kind, site=self.config.site_id, utc=at,
            local=at.astimezone(self.config.timezone), language=language,
            clock_synced=self.clock.synchronised(),
            card=card.token if card else None,
            first_visit=card is not None and card.token not in self.store.cards,
            **fields)

    def check_in(self, activity_id: str, language: str, card: Card | None = None) -> CheckinResult:
        self._roll_day()
        self.config.activity(activity_id)  # an unknown id is a programming error: fail loudly
        if card is not None and card.kind is not CardKind.VISITOR:
            raise ValueError("volunteer cards do not check in to activities")
        previous = self._duplicate_of(card, activity_id, self.now())
        if previous is not None:
            return CheckinResult(previous, counted=False, first_visit=False)
        visit = self.store.append(self._visit(CHECKIN, language, card, activity=activity_id))
        if card is not None:
            self._recent[(card.token, activity_id)] = visit
        return CheckinResult(visit, counted=True, first_visit=visit.first_visit)

    def ask_question(self, topic_id: str, language: str, card: Card | None = None) -> QuestionResult:
        self._roll_day()
        self.config.topic(topic_id)
        previous = self._duplicate_of(card, "?" + topic_id, self.now())
        if previous is not None:
            # Asked twice in a few minutes: the same place in the queue, not a second one.
            return QuestionResult(previous, previous.queue_number, counted=False)
        number = self._last_number + 1
        visit = self.store.append(self._visit(QUESTION, language, card, topic=topic_id,
                                              queue_number=number))
        self._last_number = number
        if card is not None:
            self._recent[(card.token, "?" + topic_id)] = visit
        return QuestionResult(visit, number, counted=True)
