"""The staff page's server as the door sees it, without a browser: it starts in the
background, a port already taken is a health flag and nothing more, it stops cleanly
with pages still listening, and the kiosk app runs it when [staff] says so."""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.request

import pytest

from kiosk.question_queue import QuestionQueue
from kiosk.staff.server import StaffServer
from kiosk.staff.today import TodayCounter, summarise
from kiosk.visits import CHECKIN, SHIFT_END, SHIFT_START


def taken_port():
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    return holder, holder.getsockname()[1]


def test_a_port_in_use_is_reported_and_the_caller_is_not_kept_waiting(site, tmp_path):
    holder, port = taken_port()
    problems = []
    server = StaffServer(site, QuestionQueue(), tmp_path, port=port, bind="127.0.0.1",
                         on_failure=problems.append)
    started = time.monotonic()
    server.start()
    assert time.monotonic() - started < 0.05      # the door's thread never waits for it
    assert server.ready.wait(10)
    assert problems and f"cannot listen on 127.0.0.1:{port}" in problems[0]
    assert "the door works as usual" in problems[0]
    server.stop()
    holder.close()


def test_stop_ends_the_server_with_event_streams_open(site, tmp_path):
    server = StaffServer(site, QuestionQueue(), tmp_path, port=0, bind="127.0.0.1")
    server.access.guard.set_pin("2468")
    server.start()
    assert server.ready.wait(10) and server.problem is None
    token = server.access.login("2468").token
    streams = [urllib.request.urlopen(urllib.request.Request(
        f"http://127.0.0.1:{server.port}/api/events",
        headers={"Cookie": f"staff_session={token}"}), timeout=5) for _ in range(3)]
    assert all(b"event: state" in stream.read1(65536) for stream in streams)
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 4
    assert not server._thread.is_alive()
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{server.port}/", timeout=1)


def test_todays_numbers_count_cards_not_show_them(site, store, door_visits):
    summary = summarise(site, door_visits[0].local_date, door_visits)
    assert summary.checkins == 3 and summary.different_cards == 1
    assert summary.anonymous_checkins == 1 and summary.volunteers_on_shift == 1
    assert {a.activity: a.checkins for a in summary.activities} == {"inloop": 2, "kookclub": 1}
    shown = repr(summary.to_json())
    assert all(v.card not in shown for v in door_visits if v.card)


def test_the_counter_keeps_only_today(site, door_visits):
    counter = TodayCounter(site)
    counter.load(door_visits)
    counter.load(door_visits)            # the start's read and a feed may overlap
    day = door_visits[0].local_date
    assert counter.summary(day).checkins == 3
    from datetime import timedelta

    assert counter.summary(day + timedelta(days=1)).checkins == 0


@pytest.fixture
def door_visits(site, store, now):
    from kiosk.cards import CardKind, new_card
    from kiosk.door import Door
    from tests.conftest import FakeClockWatch

    door = Door(site, store, clock=FakeClockWatch(), now=now)
    card = new_card(CardKind.VISITOR)
    volunteers = [new_card(CardKind.VOLUNTEER) for _ in range(2)]
    door.check_in("inloop", "nl", card)
    door.check_in("kookclub", "nl", card)
    door.check_in("inloop", "ar")
    for volunteer in volunteers:
        door.volunteer_scan(volunteer, "nl")
    now.advance(minutes=30)
    door.volunteer_scan(volunteers[1], "nl")
    visits = door.todays_visits()
    assert [v.kind for v in visits].count(CHECKIN) == 3
    assert [v.kind for v in visits].count(SHIFT_START) == 2
    assert [v.kind for v in visits].count(SHIFT_END) == 1
    return visits


@pytest.mark.ui
def test_the_kiosk_runs_the_page_and_a_taken_port_only_raises_a_flag(make_app, monkeypatch):
    from tests.ui import pump

    holder, port = taken_port()
    monkeypatch.setenv("KIOSK_STAFF_PORT", str(port))
    app = make_app(staff_page=True)
    pump(1.5)
    for _ in range(100):
        pump(0.05)
        if app.store.health.problems:
            break
    assert any("staff page cannot listen" in p for p in app.store.health.problems)
    assert app.manager.current == "home"
    app.staff_page.stop()
    holder.close()


@pytest.mark.ui
def test_the_kiosk_serves_todays_numbers_and_settles_helped_questions(make_app, monkeypatch,
                                                                      now):
    from tests.ui import pump

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("KIOSK_STAFF_PORT", str(port))
    app = make_app(staff_page=True)
    pump(1.5)
    server = app.staff_page.server
    assert server is not None and server.ready.wait(10) and server.problem is None
    server.access.guard.set_pin("2468")
    app.door.check_in("inloop", "nl")
    result = app.door.ask_question("letter", "tr")
    pump(0.5)
    assert app.staff_page.today.get().checkins == 1
    app.door.queue.mark_helped(result.number, "Telefoon 1")   # as the web thread would
    now.advance(seconds=11)
    pump(1.2)
    assert app.door.waiting_questions() == []
    token = server.access.login("2468").token
    with urllib.request.urlopen(urllib.request.Request(
            f"http://127.0.0.1:{port}/api/state",
            headers={"Cookie": f"staff_session={token}"}), timeout=5) as response:
        body = response.read().decode()
    assert '"checkins":1' in body.replace(" ", "")
