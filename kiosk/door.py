"""What happens at the door, without any screen: the visitor flow's rules.

The UI calls these methods and shows what they return. Everything a test needs to check
about counting (duplicates, first visits, queue numbers) is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from typing import Callable

from .activity_overrides import ActivityOverrides
from .cards import Card, CardKind, parse_payload
from .clock import ClockWatch
from .config import Activity, SiteConfig, Topic
from .store import VisitStore
from .question_queue import Question, QuestionQueue
from .visits import (
    ANSWERS, CHECKIN, FEEDBACK, QUESTION, QUESTION_HELPED, SHIFT_END, SHIFT_START, Visit,
)

# A second scan this soon after a shift began is the same scan twice, not the end.
SHIFT_DOUBLE_SCAN = timedelta(minutes=2)


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


@dataclass(frozen=True)
class FeedbackResult:
    visit: Visit
    counted: bool                  # False: this card already answered today


@dataclass(frozen=True)
class ShiftResult:
    started: bool                  # True: a shift began (or runs); False: it ended
    visit: Visit
    minutes: int | None = None     # the length of the shift that ended
    # The start of this shift, in the site's time: shown on an end ("you began at 13:05").
    began: datetime | None = None
    # A second scan within SHIFT_DOUBLE_SCAN of the start: nothing recorded, and the
    # volunteer is told so rather than finding their shift silently ended.
    repeated: bool = False


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
        self._waiting: dict[int, Visit] = {}
        # What the volunteers' phones and the Vragen tab show; a question marked helped
        # there is recorded (mark_helped) once its undo window has passed (settle).
        self.queue = QuestionQueue(on_helped=lambda q: self.mark_helped(q.number), now=now)
        self.overrides = ActivityOverrides(store.directory)
        self._last_number = 0
        # (card token, activity or "?"+topic) -> the visit that counted last
        self._recent: dict[tuple[str, str], Visit] = {}
        # volunteer card token -> the SHIFT_START of their open shift (None: not loaded)
        self._open_shifts: dict[str, Visit] | None = None

    # -- the day -------------------------------------------------------------------

    def local_now(self) -> datetime:
        return self.now().astimezone(self.config.timezone)

    def today(self) -> date:
        return self.local_now().date()

    def todays_activities(self, include_off: bool = False) -> list[Activity]:
        """The schedule's activities for today, as the key holders arranged them."""
        return self.overrides.apply(self.config.activities_on(self.today()), self.today(),
                                    include_off=include_off)

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
        self._waiting = {}
        for visit in self.store.visits(since=today, until=today):
            if visit.kind == QUESTION:
                self._waiting[visit.queue_number] = visit
            elif visit.kind == QUESTION_HELPED:
                self._waiting.pop(visit.queue_number, None)
            if visit.queue_number:
                self._last_number = max(self._last_number, visit.queue_number)
            if visit.card:
                self._recent[(visit.card, self._subject(visit))] = visit
        self.queue.reset([Question(v.queue_number, v.topic or "", v.language, v.utc)
                          for v in sorted(self._waiting.values(), key=lambda v: v.queue_number)])

    @staticmethod
    def _subject(visit: Visit) -> str:
        if visit.kind == FEEDBACK:
            return "!"
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

    def _visit(self, kind: str, language: str, card: Card | str | None, **fields) -> Visit:
        at = self.now()
        token = card.token if isinstance(card, Card) else card
        return Visit(
            kind=kind, site=self.config.site_id, utc=at,
            local=at.astimezone(self.config.timezone), language=language,
            clock_synced=self.clock.synchronised(), card=token,
            first_visit=token is not None and token not in self.store.cards,
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
        self._waiting[number] = visit
        self.queue.asked(number, topic_id, language, visit.utc)
        if card is not None:
            self._recent[(card.token, "?" + topic_id)] = visit
        return QuestionResult(visit, number, counted=True)

    def feedback(self, answer: int, language: str, card: Card | None = None) -> FeedbackResult:
        """"Hoe was het vandaag?" answered with one of the faces (1 saddest .. 5 happiest).

        With a card it counts for the activity that card checked in to last today (the
        report gives a score per activity), and once a day; without one, for the room.
        """
        self._roll_day()
        if type(answer) is not int or answer not in ANSWERS:  # not True, not 2.0
            raise ValueError(f"an answer is one of {ANSWERS}, not {answer!r}")
        if card is not None and card.kind is not CardKind.VISITOR:
            raise ValueError("volunteers are not asked how their visit was")
        if card is not None:
            earlier = self._recent.get((card.token, "!"))
            if earlier is not None and earlier.local.date() == self.today():
                return FeedbackResult(earlier, counted=False)
        visit = self.store.append(self._visit(FEEDBACK, language, card, answer=answer,
                                              activity=self._last_activity_today(card)))
        if card is not None:
            self._recent[(card.token, "!")] = visit
        return FeedbackResult(visit, counted=True)

    def _last_activity_today(self, card: Card | None) -> str | None:
        if card is None:
            return None
        today = self.today()
        check_ins = [visit for (token, _), visit in self._recent.items()
                     if token == card.token and visit.kind == CHECKIN
                     and visit.local.date() == today]
        return max(check_ins, key=lambda v: v.seq or 0).activity if check_ins else None

    def waiting_questions(self) -> list[Visit]:
        """Today's questions nobody has marked as helped yet, oldest first."""
        self._roll_day()
        return sorted(self._waiting.values(), key=lambda v: v.queue_number)

    def mark_helped(self, number: int) -> None:
        self._roll_day()
        question = self._waiting.pop(number, None)
        self.queue.forget(number)
        if question is not None:
            self.store.append(self._visit(QUESTION_HELPED, question.language, None,
                                          topic=question.topic, queue_number=number))

    def todays_visits(self) -> list[Visit]:
        return self.store.visits(since=self.today(), until=self.today())

    # -- volunteers ------------------------------------------------------------------

    def _shifts(self) -> dict[str, Visit]:
        """Open shifts, read once from the last days of visits (they survive a restart)."""
        if self._open_shifts is None:
            self._open_shifts = {}
            # A month back: a shift left open while the Pi was off for weeks still closes.
            since = self.today() - timedelta(days=31)
            for visit in self.store.visits(since=since):
                if visit.kind == SHIFT_START:
                    self._open_shifts[visit.card] = visit
                elif visit.kind == SHIFT_END:
                    self._open_shifts.pop(visit.card, None)
        return self._open_shifts

    def volunteer_scan(self, card: Card, language: str) -> ShiftResult:
        """A volunteer card at the door: start a shift, or end the open one."""
        if not card.kind.volunteers:
            raise ValueError("only volunteer cards have shifts")
        self.close_forgotten_shifts()
        shifts = self._shifts()
        start = shifts.get(card.token)
        now = self.now()
        if start is not None and now - start.utc < SHIFT_DOUBLE_SCAN:
            return ShiftResult(True, start, began=self._local(start.utc), repeated=True)
        if start is None:
            visit = self.store.append(self._visit(SHIFT_START, language, card))
            shifts[card.token] = visit
            return ShiftResult(True, visit, began=self._local(visit.utc))
        minutes = max(0, round((now - start.utc).total_seconds() / 60))
        del shifts[card.token]
        visit = self.store.append(self._visit(SHIFT_END, language, card, shift_minutes=minutes))
        return ShiftResult(False, visit, minutes, began=self._local(start.utc))

    def _local(self, utc: datetime) -> datetime:
        return utc.astimezone(self.config.timezone)

    def close_forgotten_shifts(self) -> list[Visit]:
        """Shifts nobody scanned out of end at the cap, flagged as closed by the kiosk."""
        cap = timedelta(hours=self.config.volunteers.max_shift_hours)
        closed = []
        shifts = self._shifts()
        for token, start in list(shifts.items()):
            if self.now() - start.utc >= cap:
                del shifts[token]
                # Dated at start + cap, so the hours land in the shift's own period.
                end = start.utc + cap
                visit = replace(self._visit(SHIFT_END, start.language, token,
                                            shift_minutes=round(cap.total_seconds() / 60),
                                            auto_closed=True),
                                utc=end, local=end.astimezone(self.config.timezone))
                closed.append(self.store.append(visit))
        return closed
