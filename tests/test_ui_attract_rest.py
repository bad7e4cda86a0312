"""The attract loop rests while nobody could walk in, through the real app: after
ATTRACT_MINUTES with nobody, and while the room is shut by its opening hours; home then
stands still and draws nothing, a touch or a scan works as before, the next idle reset
(or the room's opening) brings the loop back, and a jumped clock never keeps it on or off."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from kivy.core.window import Window

from kiosk.attract_schedule import ATTRACT_MINUTES
from kiosk.cards import new_card
from kiosk.config import parse_config
from tests.conftest import AMSTERDAM, site_text
from tests.ui import find, pump, screenshot, tap, type_scan

pytestmark = pytest.mark.ui

RUN = ATTRACT_MINUTES * 60
HOURS = """
[door.opening_hours]
ma = "09:00-17:00"
di = "09:00-17:00"
wo = "09:00-17:00"
do = "09:00-17:00"
vr = "09:00-12:30, 13:30-17:00"
"""


def with_hours(theme: str = "standard", first_language: str = "nl"):
    """The default site with opening hours; its first (the home screen's own) language
    may be another, as a room of Arabic speakers might write it."""
    text = site_text().replace("show_cursor = false\n", "show_cursor = false\n" + HOURS, 1)
    codes = ["nl", "en", "ar", "fa", "ti", "so", "tr", "pl", "uk"]
    codes.remove(first_language)
    text = text.replace('languages = ["nl", "en", "ar", "fa", "ti", "so", "tr", "pl", "uk"]',
                        f"languages = {[first_language] + codes}".replace("'", '"'), 1)
    return parse_config(text.replace('theme = "standard"', f'theme = "{theme}"'), "site.toml")


@pytest.fixture
def door(make_app, monkeypatch, now):
    """Start an app (with or without opening hours) whose idle watch and attract schedule
    read one monotonic clock the test moves; `leave(s)` lets s seconds pass with nobody."""
    from kiosk.ui import card_prompt
    from kiosk.ui.screens import home

    monkeypatch.setattr(home, "ATTRACT_SECONDS", 0.1)
    monkeypatch.setattr(home, "OPENING_CHECK_SECONDS", 0.1)
    monkeypatch.setattr(card_prompt, "REST_SECONDS", 0.2)
    monkeypatch.setattr(card_prompt, "ATTRACT_REST_SECONDS", 0.1)

    def start(site_config=None, at: datetime | None = None):
        if at is not None:
            now.current = at
        app = make_app(site_config=site_config)
        clock = [1000.0]
        app.idle.clock = lambda: clock[0]
        app.attract_schedule.clock = lambda: clock[0]
        app.idle.touched()

        def leave(seconds):
            clock[0] += seconds
            pump(0.6)

        return app, app.manager.get_screen("home"), leave

    return start


def frames_drawn(seconds: float) -> int:
    """How many frames the window draws in `seconds`: Kivy draws one only when something
    on it changed, so a screen standing still draws none."""
    count = [0]

    def counted(*args):
        count[0] += 1

    Window.bind(on_flip=counted)
    try:
        pump(seconds)
    finally:
        Window.unbind(on_flip=counted)
    return count[0]


def assert_standing_still(app, home) -> None:
    assert home.resting and not home.attract
    assert find(app, "attract_welcome").opacity == 0
    prompt = find(app, "card_prompt")
    assert not prompt.running and prompt.phase == 0.0  # the card in the hand
    assert frames_drawn(1.0) == 0
    assert prompt.phase == 0.0 and home.attract_language == ""


def test_after_half_an_hour_with_nobody_home_stands_still(door):
    app, home, leave = door()
    leave(app.site.door.idle_seconds + 1)
    assert home.attract and not home.resting
    assert frames_drawn(1.0) > 0  # the loop draws while it runs
    leave(RUN - 60)
    assert home.attract  # not yet
    leave(61)
    assert_standing_still(app, home)
    # The same home: every button there and usable, the language the room's own.
    for name in ("checkin", "question", "language", "privacy", "speaker", "card_prompt"):
        assert find(app, name).opacity == 1 and not find(app, name).disabled
    assert app.language == app.site.default_language
    screenshot("attract_rest/home_resting")


def test_a_touch_on_a_resting_home_does_what_it_touched_and_the_next_reset_invites(door):
    app, home, leave = door()
    leave(app.site.door.idle_seconds + 1)
    leave(RUN + 1)
    assert home.resting
    tap(app, "checkin")
    assert app.manager.current == "activities"  # as before the rest
    assert not home.resting
    # The visitor walks away: the idle reset invites the next one again.
    leave(app.site.door.idle_seconds + app.site.door.still_there_seconds + 1)
    assert app.manager.current == "home" and home.attract and not home.resting
    assert find(app, "card_prompt").running


def test_a_touch_on_empty_home_moves_the_card_again(door):
    app, home, leave = door()
    leave(app.site.door.idle_seconds + 1)
    leave(RUN + 1)
    assert home.resting
    tap(app, "speaker")  # stays on home
    assert app.manager.current == "home" and not home.resting
    assert find(app, "card_prompt").running
    leave(app.site.door.idle_seconds + 1)  # settled again on home: the loop again
    assert home.attract


def test_a_scan_on_a_resting_home_reads_the_card(door):
    app, home, leave = door()
    leave(app.site.door.idle_seconds + 1)
    leave(RUN + 1)
    assert home.resting
    type_scan(new_card().payload)
    assert app.manager.current == "activities" and app.card_scan is not None
    assert not home.resting


def test_a_shut_room_rests_at_the_idle_reset_and_invites_again_at_opening(door, now):
    # Thursday 17:30: the room closed at 17:00.
    app, home, leave = door(with_hours(), at=datetime(2026, 11, 26, 17, 30, tzinfo=AMSTERDAM))
    tap(app, "checkin")  # the last visitor of the day walks away
    leave(app.site.door.idle_seconds + app.site.door.still_there_seconds + 1)
    assert app.manager.current == "home"
    assert_standing_still(app, home)
    now.current = datetime(2026, 11, 27, 8, 59, tzinfo=AMSTERDAM)
    leave(60 * 60)
    assert home.resting  # not open yet
    now.current = datetime(2026, 11, 27, 9, 0, tzinfo=AMSTERDAM)  # Friday: open
    leave(1)
    assert home.attract and not home.resting
    leave(RUN + 1)  # and rests again after half an hour with nobody, though open
    assert home.resting


def test_closing_time_ends_a_running_loop(door, now):
    app, home, leave = door(with_hours(), at=datetime(2026, 11, 27, 12, 0, tzinfo=AMSTERDAM))
    leave(app.site.door.idle_seconds + 1)
    assert home.attract
    now.current = datetime(2026, 11, 27, 12, 30, tzinfo=AMSTERDAM)  # Friday's lunch break
    leave(1)
    assert home.resting and not home.attract
    now.current = datetime(2026, 11, 27, 13, 30, tzinfo=AMSTERDAM)  # open again
    leave(1)
    assert home.attract


def test_a_clock_that_is_not_synchronised_never_keeps_the_loop_off(door, now):
    # After a power cut the Pi may start with a night-time clock it has not synchronised:
    # the hours are not believed, the loop runs, and still ends after half an hour.
    app, home, leave = door(with_hours(), at=datetime(2026, 11, 26, 3, 0, tzinfo=AMSTERDAM))
    app.door.clock.answer = False
    leave(app.site.door.idle_seconds + 1)
    assert home.attract
    leave(RUN + 1)
    assert home.resting


def test_a_clock_jumping_into_opening_hours_never_keeps_the_loop_on(door, now):
    app, home, leave = door(with_hours(), at=datetime(2026, 11, 26, 22, 0, tzinfo=AMSTERDAM))
    leave(app.site.door.idle_seconds + 1)
    assert home.resting
    # NTP steps the clock (or a wrong one jumps) into Thursday afternoon, open hours.
    now.current = datetime(2026, 11, 26, 14, 0, tzinfo=AMSTERDAM)
    leave(1)
    assert home.attract
    # The wall clock now stands still in opening hours (a stuck RTC, a test): the run is
    # measured on the monotonic clock and ends all the same, and stays ended.
    leave(RUN + 1)
    assert home.resting
    leave(RUN * 4)
    assert home.resting and not home.attract


def test_a_clock_jumping_back_out_of_opening_hours_ends_the_loop(door, now):
    app, home, leave = door(with_hours(), at=datetime(2026, 11, 26, 10, 0, tzinfo=AMSTERDAM))
    leave(app.site.door.idle_seconds + 1)
    assert home.attract
    now.current -= timedelta(hours=8)  # 02:00: a jump back to the night
    leave(1)
    assert home.resting
    now.current += timedelta(hours=8)  # and forward again: the room is open
    leave(1)
    assert home.attract


@pytest.mark.parametrize("language, theme", [("nl", "standard"), ("ar", "standard"),
                                             ("fa", "standard"), ("ti", "standard"),
                                             ("nl", "high_contrast")])
def test_a_resting_home_in_pictures(door, language, theme):
    """Resting home is the ordinary home: the look of it in each script and theme."""
    from kiosk import messages

    app, home, leave = door(with_hours(theme, first_language=language))
    leave(app.site.door.idle_seconds + 1)
    leave(RUN + 1)
    assert home.resting and app.language == language
    assert find(app, "checkin").text == app.t(messages.CHECKIN, language)
    assert frames_drawn(0.5) == 0
    screenshot(f"attract_rest/{theme}_{language}")
