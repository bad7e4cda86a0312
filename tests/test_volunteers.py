"""Volunteer shifts: scan in, scan out, across midnight and restarts, closed at the cap."""

from datetime import datetime, timedelta, timezone

import pytest

from kiosk.cards import CardKind, new_card
from kiosk.counting import count
from kiosk.door import Door
from kiosk.periods import parse_period
from kiosk.store import VisitStore
from tests.conftest import AMSTERDAM, FakeClockWatch, FakeNow


@pytest.fixture
def volunteer():
    return new_card(CardKind.VOLUNTEER)


def door_for(site, store, now):
    return Door(site, store, clock=FakeClockWatch(), now=now)


def test_first_scan_starts_the_next_ends_with_the_length(site, store, now, volunteer):
    door = door_for(site, store, now)
    assert door.volunteer_scan(volunteer, "nl").started
    now.advance(hours=4, minutes=15)
    ended = door.volunteer_scan(volunteer, "nl")
    assert not ended.started and ended.minutes == 255
    assert door.volunteer_scan(volunteer, "nl").started  # a new shift


def test_a_double_scan_does_not_end_the_shift_at_once(site, store, now, volunteer):
    door = door_for(site, store, now)
    first = door.volunteer_scan(volunteer, "nl")
    assert not first.repeated
    now.advance(seconds=20)
    again = door.volunteer_scan(volunteer, "nl")
    assert again.started and again.repeated and again.visit == first.visit
    assert len(store.visits()) == 1
    now.advance(minutes=1, seconds=39)  # 1:59 after the start: still the same scan twice
    assert door.volunteer_scan(volunteer, "nl").repeated
    now.advance(seconds=1)              # two minutes: the shift ends
    ended = door.volunteer_scan(volunteer, "nl")
    assert not ended.started and not ended.repeated and ended.minutes == 2


def test_an_end_knows_when_the_shift_began_in_the_rooms_time(site, store, now, volunteer):
    door = door_for(site, store, now)
    started = door.volunteer_scan(volunteer, "nl")
    assert started.began.strftime("%H:%M") == "10:00"  # THURSDAY_MORNING, Amsterdam
    now.advance(hours=3, minutes=5)
    ended = door.volunteer_scan(volunteer, "nl")
    assert ended.began.strftime("%H:%M") == "10:00" and ended.began.tzinfo == AMSTERDAM


def test_a_shift_across_midnight_ends_normally(site, store, volunteer):
    now = FakeNow(datetime(2026, 11, 26, 21, 30, tzinfo=AMSTERDAM))
    door = door_for(site, store, now)
    door.volunteer_scan(volunteer, "nl")
    now.advance(hours=3)  # 00:30 the next day
    ended = door.volunteer_scan(volunteer, "nl")
    assert not ended.started and ended.minutes == 180


def test_a_shift_survives_a_restart(site, data_dir, now, volunteer):
    with VisitStore.open_writer(data_dir) as store:
        door_for(site, store, now).volunteer_scan(volunteer, "nl")
    now.advance(hours=2)
    with VisitStore.open_writer(data_dir) as store:
        ended = door_for(site, store, now).volunteer_scan(volunteer, "nl")
    assert not ended.started and ended.minutes == 120


def test_a_forgotten_shift_is_closed_at_the_cap_and_flagged(site, store, now, volunteer):
    door = door_for(site, store, now)
    door.volunteer_scan(volunteer, "nl")
    now.advance(hours=9)
    assert door.close_forgotten_shifts() == []
    now.advance(hours=2)  # 11 hours: past the 10-hour cap
    [closed] = door.close_forgotten_shifts()
    assert closed.auto_closed and closed.shift_minutes == 600
    [start] = [v for v in store.visits() if v.kind == "shift_start"]
    assert closed.utc - start.utc == timedelta(hours=10)  # dated in the shift's own period
    assert door.volunteer_scan(volunteer, "nl").started  # next morning: a new shift


def test_volunteer_hours_are_counted_per_period(site, store, now):
    door = door_for(site, store, now)
    cards = [new_card(CardKind.VOLUNTEER) for _ in range(3)]
    expected_minutes = 0
    for day in range(5):
        for index, card in enumerate(cards):
            door.volunteer_scan(card, "nl")
            now.advance(minutes=60 * (index + 1))
            expected_minutes += 60 * (index + 1)
            door.volunteer_scan(card, "nl")
        now.advance(days=1, hours=-6)
    counts = count(store.visits(), parse_period("2026-11-01..2026-12-31"))
    assert counts.volunteers.minutes == expected_minutes
    assert counts.volunteers.shifts == 15
    assert len(counts.volunteers.cards) == 3
    assert counts.activities == {}  # shifts are not visits


def test_the_report_shows_hours_and_their_value(site, store, now, tmp_path, monkeypatch,
                                                capsys):
    from kiosk.cli import main

    door = door_for(site, store, now)
    card = new_card(CardKind.VOLUNTEER)
    door.volunteer_scan(card, "nl")
    now.advance(hours=5)
    door.volunteer_scan(card, "nl")
    store.compact()
    monkeypatch.setenv("KIOSK_DATA_DIR", str(store.directory))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    assert main(["report", "--period", "2026-11"]) == 0
    text = capsys.readouterr().out.replace("\xa0", " ")  # Babel: € and amount stay together
    assert "Actieve vrijwilligers: 1 / 40" in text
    assert "Vrijwilligersuren: 5 / 822" in text             # 10,000 a year, for 30 days
    assert "Waarde vrijwilligersuren: € 44,00" in text     # 5 hours at EUR 8.80
