"""The question queue at the door, through real touches: the queue number that nobody
loses (OK after 3 s, or the site's timeout; said once; the visitor's own digits), the
"nu aan de beurt" strip on the welcome screen, and the coordinator's Vragen tab."""

from __future__ import annotations

import threading

import pytest

from kiosk.visits import QUESTION_HELPED
from tests.test_ui_door_rules import hold_corner, type_pin
from tests.test_ui_speech import spoken  # noqa: F401  (fixture: what the app says aloud)
from tests.ui import find, press, pump, release, screenshot, tap

pytestmark = pytest.mark.ui


class ScreenClock:
    """The queue number screen's clock, moved by the test instead of waiting."""

    def __init__(self):
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def ask(app, topic="money", clock=None) -> ScreenClock:
    clock = clock or ScreenClock()
    app.manager.get_screen("queue_number").clock = clock
    tap(app, "question")
    tap(app, f"topic:{topic}")
    assert app.manager.current == "queue_number"
    return clock


def from_a_phone(action, *args) -> None:
    """What the staff page does: the queue changed on the web server's thread."""
    thread = threading.Thread(target=action, args=args)
    thread.start()
    thread.join()
    pump(frames=3)


def test_the_number_ignores_taps_for_3_s_and_then_stays_until_ok(make_app):
    app = make_app()
    clock = ask(app)
    clock.now += 2.9
    tap(app, "queue:ok")
    release(press(app.manager.current_screen))
    tap(app, "home")
    assert app.manager.current == "queue_number"  # the next in line cannot dismiss it
    clock.now += 12.0  # past the 12 s the number used to stay
    pump(seconds=0.4)
    release(press(app.manager.current_screen))  # beside OK: not "I have read it"
    assert app.manager.current == "queue_number"
    tap(app, "queue:ok")
    assert app.manager.current == "home"


def test_a_finger_held_from_the_first_3_s_does_not_press_ok(make_app):
    app = make_app()
    clock = ask(app)
    touch = press(find(app, "queue:ok"))
    clock.now += 4
    release(touch)
    assert app.manager.current == "queue_number"


@pytest.mark.parametrize("seconds", [30, 45])
def test_the_number_goes_home_after_the_sites_time(make_app, seconds):
    app = make_app() if seconds == 30 else make_app(queue_number_seconds=seconds)
    clock = ask(app)
    clock.now += seconds - 0.5
    pump(seconds=0.4)
    assert app.manager.current == "queue_number"
    clock.now += 0.6
    pump(seconds=0.4)
    assert app.manager.current == "home"


def test_a_long_queue_number_time_is_not_cut_short_by_the_idle_question(make_app):
    app = make_app(queue_number_seconds=300)
    idle = ScreenClock()
    app.idle.clock = idle
    clock = ask(app)
    for _ in range(12):  # two minutes without a touch, in steps the idle watch sees
        idle.now += 10
        clock.now += 10
        pump(seconds=0.3)
    assert app.manager.current == "queue_number" and app.idle.overlay.parent is None


def test_the_number_is_said_once_in_the_visitors_language(make_app, spoken):  # noqa: F811
    said, played, _ = spoken
    app = make_app()
    tap(app, "language")
    tap(app, "lang:en")
    clock = ask(app)
    clock.now += 10
    pump(seconds=0.6)
    numbers = [entry for entry in said if "number" in entry[1]]
    assert numbers == [("en", "You are number 1. Someone will come to you. "
                              "Please take a seat.")]
    assert played and played[-1].played


@pytest.mark.parametrize("language, number, digits", [
    ("ar", 7, "٧"), ("fa", 7, "۷"), ("fa", 12, "۱۲")])
def test_arabic_and_farsi_show_their_own_digits_beside_the_latin_ones(
        make_app, language, number, digits):
    app = make_app()
    for _ in range(number - 1):
        app.door.ask_question("letter", "nl")
    tap(app, "language")
    tap(app, f"lang:{language}")
    ask(app)
    latin, local = find(app, "number"), find(app, "local_number")
    assert (latin.text, local.text) == (str(number), digits)
    assert local.opacity == 1 and local.font_name == "Kiosk-arabic"
    # Read first: on the right of a screen mirrored for a right-to-left reader.
    assert local.to_window(*local.center)[0] > latin.to_window(*latin.center)[0]
    screenshot(f"queue_number_{language}" if number == 7 else f"queue_number_{language}_{number}")


def test_dutch_shows_the_latin_number_alone(make_app):
    app = make_app()
    ask(app)
    assert find(app, "number").text == "1"
    assert find(app, "local_number").text == "" and find(app, "local_number").width == 0


def test_the_welcome_screen_shows_whom_the_volunteers_are_helping(make_app, now):
    app = make_app()
    for topic in ("money", "letter", "work"):
        app.door.ask_question(topic, "nl")
    strip = find(app, "now_serving")
    assert strip.opacity == 0
    from_a_phone(app.door.queue.claim, 2, "Telefoon Anna")
    from_a_phone(app.door.queue.claim, 3, "Tablet balie")
    assert strip.opacity == 1 and find(app, "now_serving:numbers").text == "2  3"
    screenshot("home_now_serving")
    tap(app, "language")
    tap(app, "lang:ar")
    assert find(app, "now_serving:numbers").text == "2  3"
    screenshot("ar/home_now_serving")
    from_a_phone(app.door.queue.mark_helped, 2, "Telefoon Anna")
    assert find(app, "now_serving:numbers").text == "3"
    now.advance(seconds=11)
    pump(seconds=1.2)  # the app settles the queue on its own thread
    assert [v.queue_number for v in app.store.visits() if v.kind == QUESTION_HELPED] == [2]
    from_a_phone(app.door.queue.mark_helped, 3, "Tablet balie")
    assert strip.opacity == 0


def open_questions(app, monkeypatch):
    app.pin_guard.set_pin("2468")
    hold_corner(app, monkeypatch)
    type_pin(app, "2468")
    tap(app, "admin:questions")


def row_labels(app, name) -> list[str]:
    return [w.text for w in find(app, name).walk(restrict=True)
            if hasattr(w, "text") and w.text and w is not find(app, name)]


def test_the_vragen_tab_shows_language_and_claims_and_undoes_helped(
        make_app, monkeypatch, now):
    app = make_app()
    app.door.ask_question("money", "ar")
    now.advance(minutes=4)
    app.door.ask_question("letter", "fa")
    app.door.ask_question("work", "nl")
    now.advance(minutes=2)
    open_questions(app, monkeypatch)
    first = row_labels(app, "helped:1")
    assert first[0].startswith("1.  Geld of schulden  -  wacht 6 min")
    assert first[1:] == ["العربية", "(Arabisch)"]
    assert row_labels(app, "helped:2")[1:] == ["دری / فارسی", "(Dari/Farsi)"]
    from_a_phone(app.door.queue.claim, 2, "Telefoon Anna")
    assert row_labels(app, "helped:2")[0].startswith(
        "2.  Brief of formulier  -  Telefoon Anna helpt  -  wacht 2 min")
    assert row_labels(app, "helped:3")[1:] == ["Nederlands"]
    tap(app, "helped:1")
    assert row_labels(app, "undo:1")[0] == ("1.  Geld of schulden  -  "
                                            "geholpen - tik om terug te zetten")
    screenshot("admin_questions")
    tap(app, "undo:1")
    assert "wacht 6 min - tik als geholpen" in row_labels(app, "helped:1")[0]
    assert [q.number for q in app.door.queue.waiting()] == [1, 2, 3]
    tap(app, "helped:1")
    now.advance(seconds=11)
    pump(seconds=1.2)
    assert [v.queue_number for v in app.door.waiting_questions()] == [2, 3]
    with pytest.raises(LookupError):
        find(app, "undo:1")
    # A phone marks helped while the tab is open: the row turns into its undo.
    from_a_phone(app.door.queue.mark_helped, 2, "Telefoon Anna")
    find(app, "undo:2")
