"""When the welcome screen's invitation runs and when it rests, with clocks the test
moves: the monotonic one bounds every run, the wall clock only counts when synchronised."""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.attract_schedule import ATTRACT_MINUTES, AttractSchedule
from kiosk.opening_hours import OpeningHours, parse_spans
from tests.conftest import AMSTERDAM, FakeClockWatch, FakeNow

RUN = ATTRACT_MINUTES * 60
WEEKDAYS_9_TO_5 = OpeningHours({day: parse_spans("09:00-17:00") for day in range(5)})
THURSDAY = datetime(2026, 11, 26, 10, 0, tzinfo=AMSTERDAM)


class Ticks:
    def __init__(self):
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def schedule(hours=WEEKDAYS_9_TO_5, start=THURSDAY, synchronised=True):
    wall, ticks, watch = FakeNow(start), Ticks(), FakeClockWatch(synchronised)
    return AttractSchedule(lambda: hours, wall, watch.synchronised, clock=ticks), wall, ticks, watch


def test_without_opening_hours_a_run_lasts_half_an_hour():
    plan, wall, ticks, _ = schedule(hours=None, start=THURSDAY.replace(hour=3))
    assert plan.start()  # the site does not say: the room may be open at 03:00
    ticks.now += RUN - 1
    assert plan.keep_running()
    ticks.now += 1
    assert not plan.keep_running()
    ticks.now += 24 * 3600
    wall.advance(days=1)
    assert not plan.opens_now()  # no hours, no opening: only the next idle reset


def test_a_shut_room_does_not_start_and_starts_again_at_opening():
    plan, wall, ticks, _ = schedule(start=THURSDAY.replace(hour=18))
    assert not plan.start()
    wall.current = THURSDAY.replace(day=27, hour=8, minute=59)
    assert not plan.opens_now()
    wall.advance(minutes=1)
    assert plan.opens_now()
    assert not plan.opens_now()  # once per opening
    ticks.now += RUN
    assert not plan.keep_running()


def test_closing_time_ends_a_run():
    plan, wall, ticks, _ = schedule(start=THURSDAY.replace(hour=16, minute=50))
    assert plan.start()
    wall.advance(minutes=10)
    assert not plan.keep_running()


def test_an_unsynchronised_clock_is_not_believed_either_way():
    plan, wall, ticks, watch = schedule(start=THURSDAY.replace(hour=2), synchronised=False)
    assert plan.start()  # 02:00 on a clock nobody set: invite anyway
    ticks.now += RUN
    assert not plan.keep_running()  # and still only for half an hour
    watch.answer = True  # NTP answers: it really is the night
    assert not plan.opens_now()


def test_no_wall_clock_jump_keeps_a_run_going():
    plan, wall, ticks, _ = schedule()
    assert plan.start()
    # Years back, years ahead, an hour back: always a Thursday morning, open hours.
    for jump in (timedelta(weeks=-400), timedelta(weeks=400), timedelta(hours=-1)):
        wall.current = THURSDAY + jump
        ticks.now += RUN / 4
        assert plan.keep_running()
    ticks.now += RUN / 4
    assert not plan.keep_running()


def test_a_monotonic_clock_going_back_ends_the_run_rather_than_stretching_it():
    plan, wall, ticks, _ = schedule()
    assert plan.start()
    ticks.now -= 10
    assert not plan.keep_running()


def test_someone_at_the_door_ends_the_run():
    plan, wall, ticks, _ = schedule()
    assert plan.start()
    plan.stop()
    assert not plan.keep_running()
