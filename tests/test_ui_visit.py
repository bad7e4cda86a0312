"""The visitor's path through the door (issue 13, items 2, 3, 4, 6 and 9), through real
touches and scans: every language one tap away, home keeps the visit, the card prompt and
its sounds, a volunteer's start and end told apart, and the attract loop."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cards import CardKind, new_card
from kiosk.config import parse_config
from kiosk.i18n import language_name
from kiosk import messages
from tests.conftest import site_text
from tests.ui import (
    find, names, press, pump, record_speech, release, screenshot, tap, type_scan)

pytestmark = pytest.mark.ui

SCREENS = [((1280, 720), 210), ((800, 480), 133)]


class FakeAudio:
    """Stands in for the speaker: remembers what was played, on which channel."""

    def __init__(self):
        self.played: list[tuple[str, str]] = []

    def play(self, path, volume, channel="speech"):
        assert Path(path).is_file(), path
        self.played.append((Path(path).stem, channel))

    def signals(self) -> list[str]:
        return [name for name, channel in self.played if channel == "signal"]


def listening(app) -> FakeAudio:
    app.audio = FakeAudio()
    return app.audio


def app_at(make_app, size=(1280, 720), dpi=210, theme="standard"):
    text = site_text().replace("dpi = 210", f"dpi = {dpi}").replace(
        'theme = "standard"', f'theme = "{theme}"')
    return make_app(site_config=parse_config(text, "site.toml"), size=size)


def window_box(widget):
    x, y = widget.to_window(widget.x, widget.y)
    return x, y, x + widget.width, y + widget.height


def on_screen(widget) -> bool:
    from kivy.core.window import Window

    x0, y0, x1, y1 = window_box(widget)
    return (widget.opacity > 0 and widget.width > 0 and 0 <= x0 and 0 <= y0
            and x1 <= Window.width + 0.5 and y1 <= Window.height + 0.5)


# -- 2: every language one tap away ----------------------------------------------------

@pytest.mark.parametrize("size, dpi", SCREENS)
def test_all_nine_languages_are_on_one_screen_each_at_least_25_mm(make_app, size, dpi):
    app = app_at(make_app, size, dpi)
    assert len(app.site.languages) == 9
    tap(app, "language")
    assert names(app, "lang:") == [f"lang:{code}" for code in app.site.languages]
    mm = 25.4 / dpi
    for code in app.site.languages:
        tile = find(app, f"lang:{code}")
        assert on_screen(tile), code
        assert min(tile.size) * mm >= 25, f"lang:{code} is {min(tile.size) * mm:.1f} mm"
        assert tile.text == language_name(code)
    # No arrow to a second page: nothing is hidden.
    assert names(app, "page:") == []
    tap(app, "lang:uk")  # the last one, one tap away
    assert app.language == "uk" and app.manager.current == "home"


@pytest.mark.parametrize("size, dpi", SCREENS)
def test_the_welcome_screen_names_every_language_in_its_own_script(make_app, size, dpi):
    app = app_at(make_app, size, dpi)
    button = find(app, "language")
    x0, y0, x1, y1 = window_box(button)
    for code in app.site.languages:
        label = find(app, f"language_name:{code}")
        # Inside the button, whole, and in the font of its own script (no empty boxes).
        lx0, ly0, lx1, ly1 = window_box(label)
        assert x0 <= lx0 and lx1 <= x1 and y0 <= ly0 and ly1 <= y1, code
        assert label.text == language_name(code)
        assert label.font_name == app.font_for_text(label.text)
        assert label.bold == (code == "nl")  # the language shown now is marked
    tap(app, "language")
    tap(app, "lang:ti")
    assert find(app, "language_name:ti").bold and not find(app, "language_name:nl").bold


# -- 3: home keeps the visit -------------------------------------------------------------

def test_home_keeps_the_language_and_the_card_until_the_visit_ends(make_app):
    app = make_app()
    tap(app, "language")
    tap(app, "lang:ar")
    card = new_card()
    type_scan(card.payload)
    assert app.manager.current == "activities"
    tap(app, "home")
    tap(app, "question")              # opened by mistake
    tap(app, "home")                  # back to the start...
    assert app.manager.current == "home"
    assert app.language == "ar" and app.card_scan.card == card   # ...still this visitor
    assert find(app, "checkin").text == app.t(messages.CHECKIN, "ar")
    tap(app, "checkin")
    tap(app, "activity:kookclub")
    [visit] = app.store.visits()
    assert visit.language == "ar" and visit.card == card.token
    # The confirmation ends the visit: the next person starts in Dutch, without a card.
    tap(app, "home")
    assert app.language == "nl" and app.card_scan is None


def test_start_over_ends_the_visit_and_shows_only_during_one(make_app):
    app = make_app()
    start_over = find(app, "start_over")
    assert start_over.disabled and start_over.opacity == 0   # nobody's visit to end
    tap(app, "language")
    tap(app, "lang:ti")
    type_scan(new_card().payload)
    tap(app, "home")
    assert on_screen(find(app, "start_over")) and not find(app, "start_over").disabled
    screenshot("door/ti/home_during_a_visit")
    tap(app, "start_over")
    assert app.manager.current == "home"
    assert app.language == "nl" and app.card_scan is None
    assert find(app, "start_over").disabled
    assert app.store.visits() == []


def test_the_home_button_from_the_language_screen_keeps_the_card(make_app):
    app = make_app()
    card = new_card()
    type_scan(card.payload)
    tap(app, "home")
    tap(app, "language")
    tap(app, "lang:fa")              # choosing a language is not a new visitor
    assert app.card_scan.card == card and app.language == "fa"


# -- 4: the card prompt and its sounds ----------------------------------------------------

def test_the_card_prompt_moves_on_home_and_on_the_activities_screen(make_app, monkeypatch):
    from kiosk.ui import card_prompt

    monkeypatch.setattr(card_prompt, "REST_SECONDS", 0.05)
    monkeypatch.setattr(card_prompt, "MOVE_SECONDS", 1.2)
    app = make_app()
    for screen in ("home", "activities"):
        if screen == "activities":
            tap(app, "checkin")
        prompt = find(app, "card_prompt")
        assert on_screen(prompt) and prompt.running and not prompt.read
        phases = set()
        prompt.bind(phase=lambda widget, value: phases.add(round(value, 2)))
        for _ in range(40):
            pump(0.1)
            if 1.0 in phases:
                break
        assert len(phases) >= 3, screen               # it moves...
        assert max(phases) == 1.0                      # ...all the way under the scanner
        # Under the scanner: the card's centre is below the scanner's, in its beam.
        sx, sy, sw, sh = prompt.scanner_box
        prompt.phase = 1.0
        cx, cy, cw, ch = prompt.card_box
        assert abs((cx + cw / 2) - (sx + sw / 2)) < 1 and cy + ch <= sy + sh * 0.2
    tap(app, "home")
    assert not app.manager.get_screen("activities").ids.rail.ids.card_prompt.running


def test_the_prompt_draws_few_frames_and_none_while_it_rests(make_app):
    from kiosk.ui import card_prompt

    app = make_app()
    prompt = find(app, "card_prompt")
    prompt.stop()
    changes = []
    prompt.bind(phase=lambda *args: changes.append(1))
    prompt.start()
    pump(card_prompt.REST_SECONDS * 0.8)
    assert changes == []                               # resting: the screen stands still
    pump(card_prompt.REST_SECONDS * 0.2 + card_prompt.MOVE_SECONDS + 0.2)
    # A gentle step rate, not the screen's 60 frames a second.
    assert 0 < len(changes) <= card_prompt.FRAMES_PER_SECOND * (card_prompt.MOVE_SECONDS + 0.5)


def test_a_read_card_chimes_and_lies_under_the_scanner(make_app):
    app = make_app()
    audio = listening(app)
    type_scan(new_card().payload)
    assert audio.signals() == ["card_read"]
    prompt = find(app, "card_prompt")       # on the activities screen
    assert prompt.read and prompt.lit and prompt.phase == 1.0
    tap(app, "home")
    assert find(app, "card_prompt").read
    assert find(app, "card_prompt_text").text == app.t(messages.CARD_READ, "nl")


@pytest.mark.parametrize("screen", ["home", "activities"])
@pytest.mark.parametrize("scanned, message", [
    ("8712345678906", messages.CARD_FOREIGN),
    ("BWKB7K3MQ9X2HT4DZ", messages.CARD_UNREADABLE),
])
def test_a_bad_scan_sounds_the_error_and_shows_the_crossed_card(make_app, screen, scanned,
                                                                message):
    app = make_app()
    audio = listening(app)
    if screen == "activities":
        tap(app, "checkin")
    type_scan(scanned)
    assert audio.signals() == ["card_error"]
    assert app.hint == app.t(message, "nl") and app.hint_picture == "card_crossed"
    hint = next(w for w in app.manager.current_screen.walk(restrict=True)
                if type(w).__name__ == "ScanHint" and w.text)
    assert on_screen(hint)
    # The crossed card, big enough to see across the room: in the hint on home, in the
    # card prompt's place in the rail on the activities screen.
    crossed = app.picture("card_crossed")
    shown = [w for w in app.manager.current_screen.walk(restrict=True)
             if getattr(w, "texture", None) is crossed and w.opacity > 0 and on_screen(w)]
    assert max(min(w.width, w.height) for w in shown) >= 100
    assert app.store.visits() == [] and app.card_scan is None


def test_a_half_scan_sounds_the_error_too(make_app):
    app = make_app()
    audio = listening(app)
    type_scan(new_card().payload[:8], enter=False)
    pump(seconds=0.8)
    assert audio.signals() == ["card_error"]


def test_the_signal_does_not_cut_a_sentence_short(make_app):
    app = make_app()
    audio = listening(app)
    app._play(Path(__file__))  # any file: speech goes on its own channel
    type_scan(new_card().payload)
    assert [channel for _, channel in audio.played] == ["speech", "signal"]


# -- 6: a volunteer's shift ----------------------------------------------------------------

def test_a_second_scan_within_two_minutes_does_not_end_the_shift(make_app, now):
    app = make_app()
    audio = listening(app)
    card = new_card(CardKind.VOLUNTEER)
    type_scan(card.payload)
    assert find(app, "shift_message").text == app.t(messages.SHIFT_STARTED, "nl")
    assert find(app, "shift_picture").picture == "shift_start"
    assert find(app, "shift_began").opacity == 0       # a start is now: no time to show
    now.advance(seconds=40)
    type_scan(card.payload)                           # the same card again, by accident
    assert app.manager.current == "volunteer"
    assert find(app, "shift_message").text == app.t(messages.SHIFT_ALREADY_STARTED, "nl")
    assert find(app, "shift_began").text == "Je begon om 10:00."
    assert find(app, "shift_picture").picture == "shift_start"
    screenshot("door/nl/volunteer_twice")
    assert [v.kind for v in app.store.visits()] == ["shift_start"]
    assert audio.signals() == ["card_read", "card_read"]
    tap(app, "home")
    now.advance(hours=3, minutes=4, seconds=20)  # 3 h 5 min after the start
    type_scan(card.payload)
    assert find(app, "shift_message").text == app.t(messages.SHIFT_ENDED, "nl")
    assert find(app, "shift_picture").picture == "shift_end"
    assert find(app, "shift_began").text == "Je begon om 10:00."
    assert find(app, "shift_length").text == "3 uur en 5 minuten"
    assert [(v.kind, v.shift_minutes) for v in app.store.visits()] == [
        ("shift_start", None), ("shift_end", 185)]


def test_start_and_end_look_different(make_app, now):
    app = make_app()
    card = new_card(CardKind.VOLUNTEER)
    type_scan(card.payload)
    start_colour = tuple(find(app, "shift_message").color)
    start_texture = find(app, "shift_picture").texture
    tap(app, "home")
    now.advance(hours=1)
    type_scan(card.payload)
    assert tuple(find(app, "shift_message").color) != start_colour
    assert start_colour == tuple(app.theme.checkin)
    assert find(app, "shift_picture").texture is not start_texture


# -- 9: the attract loop --------------------------------------------------------------------

@pytest.fixture
def idle_app(make_app, monkeypatch):
    from kiosk.ui.screens import home

    monkeypatch.setattr(home, "ATTRACT_SECONDS", 0.1)
    app = make_app()
    clock = [1000.0]
    app.idle.clock = lambda: clock[0]
    app.idle.touched()

    def leave(seconds):
        clock[0] += seconds
        pump(0.6)

    return app, leave


def test_after_the_idle_reset_home_greets_in_every_language_in_turn(idle_app):
    app, leave = idle_app
    home = app.manager.get_screen("home")
    tap(app, "language")
    tap(app, "lang:pl")
    assert not home.attract
    leave(app.site.door.idle_seconds + 1)
    assert home.attract and app.language == "nl"
    welcomes = set()
    welcome = find(app, "attract_welcome")
    welcome.bind(text=lambda label, text: welcomes.add(text))
    for _ in range(100):
        pump(0.05)
        if len(welcomes) == len(app.site.languages):
            break
    assert welcomes == {app.t(messages.WELCOME, code) for code in app.site.languages}
    assert welcome.opacity == 1
    assert find(app, "card_prompt").attract


def test_the_first_touch_stops_the_loop_and_still_taps_the_tile(idle_app):
    app, leave = idle_app
    home = app.manager.get_screen("home")
    leave(app.site.door.idle_seconds + 1)
    assert home.attract
    touch = press(find(app, "checkin"))
    assert not home.attract and find(app, "attract_welcome").opacity == 0
    release(touch)
    assert app.manager.current == "activities"  # the tap did what the visitor meant
    assert app.language == "nl"


def test_a_scan_stops_the_loop(idle_app):
    app, leave = idle_app
    home = app.manager.get_screen("home")
    leave(app.site.door.idle_seconds + 1)
    assert home.attract
    type_scan(new_card().payload)
    assert not home.attract and app.manager.current == "activities"


def test_a_kiosk_just_switched_on_starts_the_loop_too(make_app):
    app = make_app()
    clock = [1000.0]
    # Nobody has touched the kiosk since it started (no touched() here, only the clock).
    app.idle.clock = lambda: clock[0]
    app.idle.last_activity = clock[0]
    home = app.manager.get_screen("home")
    assert not home.attract
    clock[0] += app.site.door.idle_seconds + 1
    pump(0.6)
    assert home.attract and app.manager.current == "home"


def test_tapping_the_card_picture_says_the_prompt(make_app, monkeypatch):
    app = make_app()
    said = record_speech(app, monkeypatch)
    tap(app, "card_prompt")
    assert said[-1] == ("nl", app.t(messages.SCAN_YOUR_CARD, "nl"))
    tap(app, "checkin")
    tap(app, "card_prompt")
    assert said[-1] == ("nl", app.t(messages.SCAN_YOUR_CARD, "nl"))


# -- how it looks: nl, ar (mirrored), ti (Ethiopic) and the high-contrast theme ----------

@pytest.mark.parametrize("language, theme", [("nl", "standard"), ("ar", "standard"),
                                             ("ti", "standard"), ("nl", "high_contrast")])
def test_the_door_path_in_pictures(make_app, now, monkeypatch, language, theme):
    """Screenshots of every screen this path changed, checked for English left over and
    for characters the font lacks; make screenshots puts them in docs/screenshots/."""
    from kiosk.ui import card_prompt
    from tests.test_ui_languages import assert_no_empty_boxes, assert_nothing_untranslated

    monkeypatch.setattr(card_prompt, "REST_SECONDS", 60)  # still frames: the card at rest
    app = app_at(make_app, theme=theme)
    folder = language if theme == "standard" else theme
    try:
        def shot(name):
            assert_nothing_untranslated(app, language, name)
            assert_no_empty_boxes(app, f"{folder} {name}")
            screenshot(f"{folder}/door_{name}")

        if language != "nl":
            tap(app, "language")
            shot("language_nine")
            tap(app, f"lang:{language}")
        shot("home")
        tap(app, "checkin")
        shot("activities_card_prompt")
        app.manager.current_screen.ids.rail.ids.card_prompt.phase = 1.0
        app.manager.current_screen.ids.rail.ids.card_prompt.lit = True
        shot("activities_card_under_the_scanner")
        app.manager.current_screen.ids.rail.ids.card_prompt.stop()  # back in the hand
        type_scan("8712345678906")
        shot("activities_bad_scan")
        tap(app, "home")
        type_scan("BWKB7K3MQ9X2HT4DZ")
        shot("home_bad_scan")
        app.set_hint("")
        type_scan(new_card().payload)
        tap(app, "home")
        shot("home_card_read")
        volunteer = new_card(CardKind.VOLUNTEER)
        type_scan(volunteer.payload)
        shot("volunteer_start")
        now.advance(seconds=30)
        type_scan(volunteer.payload)
        shot("volunteer_twice")
        now.advance(hours=4, minutes=12)
        type_scan(volunteer.payload)
        shot("volunteer_end")
        app._nobody_there()  # the idle reset
        home = app.manager.current_screen
        for index, code in enumerate(["nl", "ar", "ti"]):
            home.attract_language = code
            app.screen("home").ids.card_prompt.phase = index / 2
            assert_no_empty_boxes(app, f"{folder} attract {code}")
            screenshot(f"{folder}/door_attract_{code}")
    finally:
        app.theme.use("standard")
