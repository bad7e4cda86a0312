import threading
from datetime import timedelta

import pytest

from kiosk.question_queue import UNDO_SECONDS, QueueError, QuestionQueue
from tests.conftest import THURSDAY_MORNING, FakeNow


@pytest.fixture
def now():
    return FakeNow(THURSDAY_MORNING)


def test_claim_helped_and_the_undo_window(now):
    recorded = []
    queue = QuestionQueue(on_helped=recorded.append, now=now)
    queue.asked(1, "money", "ar", now())
    queue.asked(2, "letter", "ti", now())
    assert queue.claim(1, "telefoon-anna").claimed_by == "telefoon-anna"
    assert queue.being_helped() == [1]
    queue.mark_helped(1)
    assert [q.number for q in queue.waiting()] == [2]
    now.advance(seconds=UNDO_SECONDS - 1)
    assert queue.settle() == [] and recorded == []
    queue.undo(1)
    assert [q.number for q in queue.waiting()] == [1, 2]
    queue.mark_helped(1)
    now.advance(seconds=UNDO_SECONDS)
    assert [q.number for q in queue.settle()] == [1]
    assert [q.number for q in recorded] == [1]
    with pytest.raises(QueueError, match="niet op geholpen"):
        queue.undo(1)
    with pytest.raises(QueueError):
        queue.claim(1, "x")


def test_listeners_hear_every_change_and_a_failing_one_harms_nothing(now):
    queue = QuestionQueue(now=now)
    heard = []
    queue.subscribe(lambda: 1 / 0)
    stop = queue.subscribe(lambda: heard.append(queue.version))
    queue.asked(1, "money", "nl", now())
    queue.claim(1, "a")
    stop()
    queue.mark_helped(1)
    assert heard == [1, 2]


def test_actions_from_many_threads_keep_the_queue_whole(now):
    queue = QuestionQueue(now=now)
    for number in range(1, 51):
        queue.asked(number, "money", "nl", now())

    def volunteer(name):
        for number in range(1, 51):
            try:
                queue.claim(number, name)
                queue.mark_helped(number)
            except QueueError:
                pass

    threads = [threading.Thread(target=volunteer, args=(f"v{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert queue.waiting() == [] and len(queue.questions()) == 50
    now.advance(seconds=UNDO_SECONDS)
    assert len(queue.settle()) == 50 and queue.questions() == []


def test_the_door_records_a_question_helped_on_a_phone_once_the_undo_window_passed(
        site, store, now):
    from kiosk.door import Door
    from tests.conftest import FakeClockWatch

    door = Door(site, store, clock=FakeClockWatch(), now=now)
    door.ask_question("money", "ar")
    door.ask_question("letter", "nl")
    assert [q.number for q in door.queue.waiting()] == [1, 2]
    door.queue.mark_helped(1, "telefoon")
    assert [v.queue_number for v in door.waiting_questions()] == [1, 2]  # not yet recorded
    now.advance(seconds=UNDO_SECONDS)
    door.queue.settle()
    assert [v.queue_number for v in door.waiting_questions()] == [2]
    assert [v.queue_number for v in store.visits() if v.kind == "question_helped"] == [1]
    door.mark_helped(2)  # the kiosk's own tab, directly
    assert door.queue.questions() == []


def test_helped_then_undone_on_the_kiosk_claims_nothing(now):
    queue = QuestionQueue(now=now)
    queue.asked(1, "money", "nl", now())
    queue.mark_helped(1, "kiosk")
    queue.undo(1)
    assert queue.being_helped() == [] and queue.questions()[0].claimed_by is None
    queue.claim(1, "telefoon")
    queue.mark_helped(1, "kiosk")
    assert queue.undo(1).claimed_by == "telefoon"


def test_a_question_whose_record_failed_stays_and_is_tried_again(now):
    calls = []

    def record(question):
        calls.append(question.number)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")

    queue = QuestionQueue(on_helped=record, now=now)
    queue.asked(1, "money", "nl", now())
    queue.mark_helped(1)
    now.advance(seconds=UNDO_SECONDS)
    assert queue.settle() == [] and len(queue.questions()) == 1
    assert [q.number for q in queue.settle()] == [1] and calls == [1, 1]
