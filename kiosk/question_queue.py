"""Today's question queue as the volunteers see it: who waits, who is being helped by whom.

Shared by the door (the Kivy thread: questions asked, the day rolling over), the staff
page (a web server thread: a volunteer's phone claims a question, marks it helped, undoes
that) and the coordinator's Vragen tab. Plain Python, no Kivy, guarded by one lock.

What is stored is decided on the door's thread only: a question marked helped stays
undoable for UNDO_SECONDS, and only `settle()` (called by the door's clock) hands it to
`on_helped`, which records it. So the web thread never touches the store, and an undo
within the window leaves no trace. Claims are not stored: they say who walks to whom now.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Callable

from .listeners import Listeners

UNDO_SECONDS = 10.0


@dataclass(frozen=True)
class Question:
    number: int
    topic: str
    language: str
    asked: datetime                     # when, aware (UTC)
    claimed_by: str | None = None       # the volunteer device that said "Ik help"
    claimed_at: datetime | None = None
    helped_at: datetime | None = None   # marked helped; undoable until + UNDO_SECONDS
    # Who helped, when it was not the one who claimed it (or nobody had): an undo puts
    # the claim back as it was, so the kiosk's own "Geholpen" + undo claims nothing.
    helped_by: str | None = None

    @property
    def helped(self) -> bool:
        return self.helped_at is not None

    def minutes_waiting(self, now: datetime) -> int:
        return max(0, int((now - self.asked).total_seconds() // 60))


class QueueError(Exception):
    """An action that no longer applies (already helped, undo too late); the message
    says so in words a volunteer understands."""


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class QuestionQueue:
    def __init__(self, on_helped: Callable[[Question], None] | None = None,
                 now: Callable[[], datetime] = _utc_now):
        self.on_helped = on_helped or (lambda question: None)
        self.now = now
        self._lock = threading.RLock()
        self._questions: dict[int, Question] = {}
        self._listeners = Listeners()
        self.version = 0                 # goes up with every change: a page's cursor

    # -- what the door tells ---------------------------------------------------------

    def reset(self, waiting: list[Question]) -> None:
        """A new day, or the kiosk started: these are the questions still waiting."""
        with self._lock:
            self._questions = {question.number: question for question in waiting}
        self._changed()

    def asked(self, number: int, topic: str, language: str, at: datetime) -> Question:
        question = Question(number, topic, language, at)
        with self._lock:
            self._questions[number] = question
        self._changed()
        return question

    def forget(self, number: int) -> None:
        """Recorded as helped by the door itself: off the list, no undo."""
        with self._lock:
            gone = self._questions.pop(number, None)
        if gone is not None:
            self._changed()

    # -- what a volunteer does -------------------------------------------------------

    def claim(self, number: int, device: str) -> Question:
        """ "Ik help": this device walks to that person (another device may take over)."""
        with self._lock:
            question = self._open(number)
            question = replace(question, claimed_by=device, claimed_at=self.now())
            self._questions[number] = question
        self._changed()
        return question

    def unclaim(self, number: int) -> Question:
        with self._lock:
            question = replace(self._open(number), claimed_by=None, claimed_at=None)
            self._questions[number] = question
        self._changed()
        return question

    def mark_helped(self, number: int, device: str | None = None) -> Question:
        with self._lock:
            question = replace(self._open(number), helped_at=self.now(), helped_by=device)
            self._questions[number] = question
        self._changed()
        return question

    def undo(self, number: int) -> Question:
        """Back into the queue, as it was before "Geholpen", within UNDO_SECONDS."""
        with self._lock:
            question = self._questions.get(number)
            if question is None or not question.helped:
                raise QueueError(f"Nummer {number} staat niet op geholpen.")
            if (self.now() - question.helped_at).total_seconds() > UNDO_SECONDS:
                raise QueueError(f"Nummer {number} is al geholpen; terugzetten kan niet meer.")
            question = replace(question, helped_at=None, helped_by=None)
            self._questions[number] = question
        self._changed()
        return question

    def _open(self, number: int) -> Question:
        question = self._questions.get(number)
        if question is None:
            raise QueueError(f"Nummer {number} wacht niet (meer).")
        if question.helped:
            raise QueueError(f"Nummer {number} is al geholpen.")
        return question

    # -- reading -----------------------------------------------------------------------

    def questions(self) -> list[Question]:
        """Everyone still on the list, oldest first: waiting, claimed, and those marked
        helped within the undo window (a page shows them with their undo button)."""
        with self._lock:
            return sorted(self._questions.values(), key=lambda q: q.number)

    def waiting(self) -> list[Question]:
        return [q for q in self.questions() if not q.helped]

    def being_helped(self) -> list[int]:
        """The numbers a volunteer has claimed: "nu aan de beurt" at the door."""
        return [q.number for q in self.waiting() if q.claimed_by]

    # -- the door's clock --------------------------------------------------------------

    def settle(self) -> list[Question]:
        """Hand questions past their undo window to on_helped (on the door's thread)."""
        now = self.now()
        with self._lock:
            done = [q for q in self._questions.values() if q.helped
                    and (now - q.helped_at) >= timedelta(seconds=UNDO_SECONDS)]
            for question in done:
                del self._questions[question.number]
        recorded = []
        for question in done:
            try:
                self.on_helped(question)
                recorded.append(question)
            except Exception:  # noqa: BLE001  (tried again at the next tick, never lost)
                with self._lock:
                    self._questions.setdefault(question.number, question)
        if done:
            self._changed()
        return recorded

    # -- listeners -----------------------------------------------------------------

    def subscribe(self, listener: Callable[[], None]) -> Callable[[], None]:
        """`listener()` after every change, on the thread that made it; it must only hand
        the news on (schedule a redraw, wake an event stream). Returns the unsubscribe."""
        return self._listeners.subscribe(listener)

    def _changed(self) -> None:
        with self._lock:
            self.version += 1
        self._listeners.notify()
