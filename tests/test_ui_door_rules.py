"""Idle reset, the locked-down window, the coordinator's corner."""

import pytest
from kivy.core.window import Window

from kiosk.ui import app as app_module
from kiosk import messages
from tests.ui import (
    find, names, past_the_number_guard, press, pump, release, screenshot, tap, type_keys, type_scan)

pytestmark = pytest.mark.ui


class IdleClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def idle_app(make_app):
    app = make_app()
    clock = IdleClock()
    app.idle.clock = clock
    app.idle.touched()
    return app, clock


def test_after_a_minute_idle_the_overlay_asks_and_then_goes_home(idle_app):
    app, clock = idle_app
    tap(app, "checkin")
    type_scan("")  # nothing typed: no effect
    clock.now += 59
    pump(seconds=0.6)
    assert app.idle.overlay.parent is None
    clock.now += 2
    pump(seconds=0.6)
    assert app.idle.overlay.parent is not None
    assert find(app, "still_here")
    screenshot("still_there")
    clock.now += 20
    pump(seconds=0.6)
    assert app.idle.overlay.parent is None
    assert app.manager.current == "home"
    assert app.store.visits() == []


def test_the_overlay_goes_away_on_a_touch_and_the_visitor_carries_on(idle_app):
    app, clock = idle_app
    card_payload = __import__("kiosk.cards", fromlist=["new_card"]).new_card().payload
    type_scan(card_payload)
    clock.now += 65
    pump(seconds=0.6)
    tap(app, "still_here")
    assert app.idle.overlay.parent is None
    assert app.manager.current == "activities" and app.card_scan is not None
    clock.now += 30
    pump(seconds=0.6)
    assert app.manager.current == "activities"
    tap(app, "activity:inloop")
    assert app.store.visits()[0].card is not None


def test_idle_on_the_home_screen_never_shows_the_overlay(idle_app):
    app, clock = idle_app
    clock.now += 500
    pump(seconds=0.6)
    assert app.idle.overlay.parent is None and app.manager.current == "home"


def test_idle_reset_forgets_a_scanned_card_and_the_language(idle_app):
    app, clock = idle_app
    tap(app, "language")
    tap(app, "lang:en")
    type_scan(__import__("kiosk.cards", fromlist=["new_card"]).new_card().payload)
    clock.now += 200
    pump(seconds=0.6)
    pump(seconds=0.6)
    assert app.manager.current == "home" and app.card_scan is None and app.language == "nl"


@pytest.mark.parametrize("key", [27, 282])  # Escape, F1
def test_escape_and_f1_do_nothing(make_app, key, monkeypatch):
    import kivy.core.window as window_module

    stops, settings = [], []
    monkeypatch.setattr(window_module, "stopTouchApp", lambda: stops.append(key))
    app = make_app()
    monkeypatch.setattr(type(app), "open_settings", lambda self, *a: settings.append(key))
    tap(app, "checkin")
    Window.dispatch("on_key_down", key, 0, None, [])
    Window.dispatch("on_keyboard", key, 0, None, [])
    pump()
    assert app.manager.current == "activities"
    assert app.root.get_root_window() is not None
    assert stops == [] and settings == []


def test_closing_the_window_is_refused(make_app):
    app = make_app()
    assert Window.dispatch("on_request_close") is True
    assert app.root.get_root_window() is not None


def test_holding_the_top_right_corner_asks_for_the_coordinator(make_app, monkeypatch):
    monkeypatch.setattr(app_module, "ADMIN_HOLD_SECONDS", 0.3)
    app = make_app()
    requests = []
    app.bind(on_admin_request=lambda *a: requests.append(1))
    from kivy.tests.common import UnitTestTouch

    short = UnitTestTouch(Window.width - 10, Window.height - 10)
    short.touch_down()
    pump(seconds=0.1)
    short.touch_up()
    pump(seconds=0.4)
    assert requests == []
    held = UnitTestTouch(Window.width - 10, Window.height - 10)
    held.touch_down()
    pump(seconds=0.5)
    held.touch_up()
    pump()
    assert requests == [1]


def test_no_visitor_control_sits_in_the_coordinators_corner(make_app):
    app = make_app()
    for screen in ("home", "activities", "topics", "welcome", "queue_number", "language"):
        app.go(screen)
        pump()
        corner = (Window.width - 20, Window.height - 20)
        for widget in app.manager.current_screen.walk():
            if getattr(widget, "name", "") and hasattr(widget, "state"):
                x, y = widget.to_window(widget.x, widget.y)
                inside = x <= corner[0] <= x + widget.width and y <= corner[1] <= y + widget.height
                assert not inside, f"{widget.name} on {screen} covers the corner"


def test_an_unexpected_error_in_the_door_shows_a_gentle_message(make_app, monkeypatch):
    app = make_app()

    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(app.door, "check_in", broken)
    tap(app, "checkin")
    tap(app, "activity:inloop")
    assert app.manager.current == "home"
    assert "vrijwilliger" in app.hint


def test_pressing_shows_the_pressed_state_on_every_tile_kind(make_app):
    app = make_app()
    touch = press(find(app, "language"))
    assert find(app, "language").state == "down"
    release(touch)
    assert app.manager.current == "language"


def test_a_language_left_on_the_home_screen_falls_back_to_dutch(idle_app):
    app, clock = idle_app
    tap(app, "language")
    tap(app, "lang:en")
    assert app.manager.current == "home" and app.language == "en"
    clock.now += 30
    pump(seconds=0.6)
    assert app.language == "en"  # still choosing, perhaps
    clock.now += 40
    pump(seconds=0.6)
    assert app.language == "nl"
    assert app.idle.overlay.parent is None


@pytest.mark.parametrize("screen", ["welcome", "queue_number", "language"])
def test_a_bad_scan_shows_its_hint_on_every_screen(make_app, screen):
    app = make_app()
    app.go(screen)
    pump()
    type_scan("8712345678906")
    assert app.manager.current == screen
    hints = [w for w in app.manager.current_screen.walk()
             if type(w).__name__ == "ScanHint" and w.text == app.hint and w.opacity == 1]
    assert app.hint and hints


def test_a_second_finger_cannot_record_a_second_visit(make_app):
    app = make_app()
    tap(app, "checkin")
    first = press(find(app, "activity:kookclub"))
    second = press(find(app, "activity:inloop"))
    release(first)
    assert app.manager.current == "welcome"
    release(second)
    assert [v.activity for v in app.store.visits()] == ["kookclub"]


def test_the_kiosk_keeps_its_retention_promise_at_idle(make_app, monkeypatch, tmp_path):
    from datetime import datetime, timezone

    from kiosk.export import export_days
    from kiosk.visits import Visit
    from tests.conftest import AMSTERDAM

    monkeypatch.setenv("KIOSK_EXPORTS_DIR", str(tmp_path / "exports"))
    app = make_app()
    old = datetime(2024, 1, 15, 11, tzinfo=AMSTERDAM)
    recent = datetime(2026, 11, 25, 11, tzinfo=AMSTERDAM)  # the room is in use
    for when in (old, recent):
        app.store.append(Visit(kind="checkin", site="leidsche-rijn", local=when,
                               utc=when.astimezone(timezone.utc), language="nl",
                               clock_synced=True, activity="inloop"))
    app._maintain(0)
    assert app.store.months() == ["2024-01", "2026-11"]  # not exported yet: kept, and said so
    assert any("not all its visits were exported" in p for p in app.store.health.problems)
    # Upkeep also prepared the closed month's tallies for the Cijfers tab...
    assert (app.store.directory / "digest-2024-01.json").exists()
    export_days(app.store.visits(), tmp_path / "exports")
    app._retention_checked = None
    app._maintain(0)
    assert app.store.months() == ["2026-11"]
    assert (app.store.directory / "summary-2024-01.json").exists()
    # ...which hold its card tokens: they go with its rows.
    assert not (app.store.directory / "digest-2024-01.json").exists()


def hold_corner(app, monkeypatch):
    from kivy.tests.common import UnitTestTouch

    monkeypatch.setattr(app_module, "ADMIN_HOLD_SECONDS", 0.2)
    held = UnitTestTouch(Window.width - 10, Window.height - 10)
    held.touch_down()
    pump(seconds=0.35)
    held.touch_up()
    pump()


def type_pin(app, pin):
    for digit in pin:
        tap(app, f"pin:{digit}")
    tap(app, "pin:ok")


def test_the_coordinator_gets_in_with_the_pin_only(make_app, monkeypatch):
    app = make_app()
    app.pin_guard.set_pin("2468")
    hold_corner(app, monkeypatch)
    assert app.manager.current == "admin_pin"
    screenshot("admin_pin")
    type_pin(app, "1111")
    assert app.manager.current == "admin_pin"
    assert "4" in app.manager.current_screen.message  # tries left
    type_pin(app, "2468")
    assert app.manager.current == "admin"
    screenshot("admin_today")


def test_five_wrong_pins_lock_the_pad_even_after_a_restart(make_app, monkeypatch):
    app = make_app()
    app.pin_guard.set_pin("2468")
    hold_corner(app, monkeypatch)
    for _ in range(5):
        type_pin(app, "0000")
    assert "Probeer het weer na" in app.manager.current_screen.message or \
        "Try again after" in app.manager.current_screen.message
    from kiosk.admin_pin import PinGuard

    restarted = PinGuard(app.store.directory, now=app.door.now)
    assert restarted.locked_until() is not None
    type_pin(app, "2468")
    assert app.manager.current == "admin_pin"


def test_admin_screens_show_today_the_queue_numbers_and_health(make_app, monkeypatch, now):
    app = make_app()
    app.pin_guard.set_pin("2468")
    from kiosk.cards import new_card

    type_scan(new_card().payload)
    tap(app, "activity:kookclub")
    tap(app, "home")
    tap(app, "question")
    tap(app, "topic:money")
    past_the_number_guard(app)
    tap(app, "home")
    hold_corner(app, monkeypatch)
    type_pin(app, "2468")
    rows = [w.text for w in app.manager.current_screen.ids.content.children]
    assert any("Kookclub: 1" in text for text in rows)
    tap(app, "admin:questions")
    tap(app, "helped:1")
    # Marked, not recorded yet: for 10 s the row offers the undo (the Vragen tab itself is
    # pictured by tests/test_ui_question_queue.py).
    assert [v.queue_number for v in app.door.waiting_questions()] == [1]
    tap(app, "undo:1")
    tap(app, "helped:1")
    now.advance(seconds=11)
    pump(seconds=1.2)  # the app settles the queue every second
    assert app.door.waiting_questions() == []
    tap(app, "admin:numbers")
    screenshot("admin_numbers")
    rows = [w.text for w in app.manager.current_screen.ids.content.children]
    assert any(text.startswith("Kookclub: 1 persoon van ") for text in rows), rows
    tap(app, "admin:health")
    screenshot("admin_health")
    monkeypatch.setenv("DISPLAY", ":0")  # a desktop behind the kiosk: it may close to it
    tap(app, "admin:exit")
    screenshot("admin_exit")
    find(app, "exit:desktop")
    stopped = []
    monkeypatch.setattr(type(app), "stop", lambda self, *a: stopped.append(self.exit_reason))
    tap(app, "exit:restart")
    assert stopped == ["restart"]


def test_at_the_door_the_kiosk_does_not_offer_to_close_to_a_desktop_it_has_not(
        make_app, monkeypatch):
    # As deploy/systemd/kiosk.service runs it: SDL on KMS/DRM, no X, no login prompt.
    monkeypatch.setenv("SDL_VIDEODRIVER", "kmsdrm")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    app = make_app()
    app.pin_guard.set_pin("2468")
    hold_corner(app, monkeypatch)
    type_pin(app, "2468")
    tap(app, "admin:exit")
    with pytest.raises(LookupError):
        find(app, "exit:desktop")
    assert "geen bureaublad" in find(app, "exit:none").text
    find(app, "exit:restart")
    screenshot("coordinator/exit_at_the_door")


def test_admin_mode_leaves_itself_after_two_minutes(idle_app, monkeypatch):
    app, clock = idle_app
    app.pin_guard.set_pin("2468")
    hold_corner(app, monkeypatch)
    type_pin(app, "2468")
    assert app.manager.current == "admin"
    clock.now += 100
    pump(seconds=0.6)
    assert app.manager.current == "admin" and app.idle.overlay.parent is None
    clock.now += 30
    pump(seconds=0.6)
    assert app.manager.current == "home"


def test_key_holders_switch_an_activity_off_for_today_and_reorder(make_app, monkeypatch, now):
    app = make_app()
    app.pin_guard.set_pin("2468")
    hold_corner(app, monkeypatch)
    type_pin(app, "2468")
    tap(app, "admin:activities")
    tap(app, "activity_switch:kookclub")
    screenshot("admin_activities")
    app.manager.current_screen.ids.scroll.scroll_y = 0  # the coordinator scrolls down
    pump()
    tap(app, "move_up:sollicitatie")
    tap(app, "home")
    tap(app, "checkin")
    shown = [name for name in __import__("tests.ui", fromlist=["names"]).names(app, "activity:")]
    assert "activity:kookclub" not in shown
    assert shown.index("activity:sollicitatie") < shown.index("activity:huurachterstand")
    now.advance(days=7)  # next Thursday: the cook is back, the order stays
    tap(app, "home")
    tap(app, "checkin")
    shown = __import__("tests.ui", fromlist=["names"]).names(app, "activity:")
    assert "activity:kookclub" in shown
    assert shown.index("activity:sollicitatie") < shown.index("activity:huurachterstand")


def test_the_coffee_tile_cannot_be_switched_off(make_app, monkeypatch):
    app = make_app()
    inloop = app.site.activity("inloop")
    assert app.door.overrides.toggle(inloop, app.door.today()) is True
    assert "inloop" in [a.id for a in app.door.todays_activities()]


def test_the_export_tab_copies_exports_and_the_report_to_a_usb_stick(make_app, monkeypatch,
                                                                       tmp_path):
    from datetime import datetime, timezone

    import kiosk.usb
    from kiosk.visits import Visit
    from tests.conftest import AMSTERDAM

    stick = tmp_path / "media" / "STICK"
    stick.mkdir(parents=True)
    monkeypatch.setattr(kiosk.usb, "find_sticks", lambda: [stick])
    monkeypatch.setenv("KIOSK_EXPORTS_DIR", str(tmp_path / "exports"))
    app = make_app()
    earlier = datetime(2026, 11, 20, 10, tzinfo=AMSTERDAM)
    app.store.append(Visit(kind="checkin", site="leidsche-rijn",
                           utc=earlier.astimezone(timezone.utc), local=earlier, language="nl",
                           clock_synced=True, activity="inloop"))
    app.pin_guard.set_pin("2468")
    hold_corner(app, monkeypatch)
    type_pin(app, "2468")
    tap(app, "admin:export")
    tap(app, "usb:STICK")
    screenshot("admin_export")
    copied = sorted(p.name for p in (stick / "buurtwerkkamer-leidsche-rijn").iterdir())
    assert "visits-2026-11-20.csv" in copied and "rapport-2026-T3.html" in copied
    rows = [w.text for w in app.manager.current_screen.ids.content.children]
    assert any(text.startswith("Klaar: 3 nieuwe") for text in rows)  # day, summary, report


def open_the_gallery(make_app, monkeypatch, tmp_path):
    """A site file on disk (adding an activity rewrites it), the PIN, Activiteiten, +."""
    from kiosk.config import parse_config
    from tests.conftest import site_text

    site_file = tmp_path / "site.toml"
    site_file.write_text(site_text(), "utf-8")
    app = make_app(site_config=parse_config(site_file.read_text("utf-8"), site_file))
    app.pin_guard.set_pin("2468")
    hold_corner(app, monkeypatch)
    type_pin(app, "2468")
    tap(app, "admin:activities")
    app.manager.current_screen.ids.scroll.scroll_y = 0
    pump()
    tap(app, "add_activity")
    return app, site_file


def search_the_gallery(app, word: str) -> None:
    """Tap the search field and type, as a coordinator does on the docked keyboard."""
    tap(app, "gallery_search")
    type_keys(find(app, "gallery_search"), word, 0.15)  # Enter puts the keyboard away


def test_key_holders_add_an_activity_from_the_gallery(make_app, monkeypatch, tmp_path):
    app, site_file = open_the_gallery(make_app, monkeypatch, tmp_path)
    assert app.manager.current == "admin_gallery"
    # Every picture has its word under it.
    assert find(app, "gallery:gallery_baby").text == "baby"
    screenshot("admin_gallery")
    search_the_gallery(app, "fie")
    assert names(app, "gallery:") == ["gallery:gallery_bicycle"]
    assert find(app, "gallery:gallery_bicycle").text == "fiets"
    screenshot("admin_gallery_search")
    search_the_gallery(app, "xyz")
    assert names(app, "gallery:") == [] and find(app, "gallery_nothing").text
    find(app, "gallery_search").text = ""
    search_the_gallery(app, "fiets")
    tap(app, "gallery:gallery_bicycle")
    assert app.manager.current == "admin_name"
    pump()
    field = find(app, "activity_name")
    assert field.focus
    for char in "Zangkoor":
        Window.dispatch("on_textinput", char)  # what the on-screen keyboard sends
    pump()
    screenshot("admin_name")
    assert field.text == "Zangkoor"
    tap(app, "save_activity")
    assert app.manager.current == "admin"
    assert "zangkoor" in site_file.read_text("utf-8")
    tap(app, "home")
    tap(app, "checkin")
    if "page:next" in names(app, "page:"):
        tap(app, "page:next")
    assert find(app, "activity:zangkoor").text == "Zangkoor"


def test_a_card_the_scanner_cannot_read_is_typed_by_the_coordinator(make_app, monkeypatch):
    from kivy.core.window import Window

    from kiosk.cards import new_card

    app = make_app()
    card = new_card()
    type_scan(card.payload)  # a first visit, in Arabic, while the card still scanned
    app.language = "ar"
    tap(app, "activity:kookclub")
    tap(app, "home")
    app.pin_guard.set_pin("2468")
    hold_corner(app, monkeypatch)
    type_pin(app, "2468")
    tap(app, "type_card_code")
    assert app.manager.current == "admin_card"
    pump()
    field = find(app, "card_code")
    assert field.focus
    assert app.typing
    code = card.human_code
    wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
    type_keys(field, wrong.lower(), 0.15)  # typed on a keyboard plugged into the Pi, Enter
    pump(0.7)  # longer than a scan may pause: the keys never went to the scanner
    assert app.manager.current == "admin_card" and app.card_scan is None
    assert find(app, "card_code_message").text == app.t(messages.CODE_WRONG, "nl")
    assert field.text == wrong.lower() and field.focus  # kept, to correct one letter
    assert app.hint == ""
    screenshot("admin_card")
    field.text = code.lower().replace("-", " ")
    tap(app, "use_card")
    assert app.hint == "" and not app.typing
    # As if it had been scanned: the activity grid, the last activity marked, its language.
    assert app.manager.current == "activities"
    assert app.card_scan is not None and app.card_scan.card == card
    assert app.language == "ar" and find(app, "activity:kookclub").highlighted
    tap(app, "activity:computerles")
    assert [v.card for v in app.store.visits()][-1] == card.token


def open_the_name_field(make_app, monkeypatch, tmp_path):
    app, site_file = open_the_gallery(make_app, monkeypatch, tmp_path)
    search_the_gallery(app, "fiets")
    tap(app, "gallery:gallery_bicycle")
    pump()
    field = find(app, "activity_name")
    assert field.focus and app.typing
    return app, field, site_file


def test_a_scan_into_the_name_field_is_never_typed_or_saved(make_app, monkeypatch, tmp_path):
    from kiosk.cards import new_card

    app, field, site_file = open_the_name_field(make_app, monkeypatch, tmp_path)
    site_before = site_file.read_text("utf-8")
    type_keys(field, "Zang", 0.15, enter=False)  # the coordinator starts typing
    card = new_card()
    type_keys(field, card.payload, 0.004)  # a visitor scans a card at the door: code, Enter
    type_keys(field, "8712345678906", 0.004)  # and a product's barcode, not a room card
    pump(seconds=0.6)  # past the scanner's pause: nothing half-scanned turns up either
    assert field.text == "Zang" and field.focus  # as it was before the bursts
    assert app.manager.current == "admin_name"
    assert site_file.read_text("utf-8") == site_before  # the card's code saved nowhere
    assert app.hint == "" and app.card_scan is None  # no visitor's hint, no visitor
    type_keys(field, "koor", 0.15)  # and then typing by hand still lands, Enter saves
    assert app.manager.current == "admin"
    saved = site_file.read_text("utf-8")
    assert "Zangkoor" in saved and card.payload not in saved


def open_the_card_code_field(make_app, monkeypatch):
    app = make_app()
    app.pin_guard.set_pin("2468")
    hold_corner(app, monkeypatch)
    type_pin(app, "2468")
    tap(app, "type_card_code")
    pump()
    return app, find(app, "card_code")


def test_a_scan_into_the_card_code_field_is_not_taken_for_typing(make_app, monkeypatch):
    from kiosk.cards import new_card

    app, field = open_the_card_code_field(make_app, monkeypatch)
    type_keys(field, "b7k3", 0.15, enter=False)
    type_keys(field, new_card().payload, 0.004)
    pump(seconds=0.6)
    assert field.text == "b7k3" and field.focus
    assert app.manager.current == "admin_card" and app.card_scan is None
    assert find(app, "card_code_message").text == "" and app.hint == ""


def test_leaving_the_code_field_by_the_timeout_leaves_no_keyboard_and_no_code(make_app,
                                                                              monkeypatch):
    from kivy.core.window import Window
    from kivy.uix.vkeyboard import VKeyboard

    app, field = open_the_card_code_field(make_app, monkeypatch)
    field.text = "B7K3"
    app.go_home()  # what the two-minute admin timeout does
    pump()
    assert not field.focus and field.text == "" and not app.typing
    assert not [w for w in Window.children if isinstance(w, VKeyboard)]
    from kiosk.cards import new_card

    type_scan(new_card().payload)  # the next visitor's scan works as before
    assert app.manager.current == "activities"


def test_visits_held_in_memory_on_a_full_disk_show_on_the_health_tab(make_app, monkeypatch):
    import os

    import kiosk.store as store_module

    app = make_app()
    app.pin_guard.set_pin("2468")

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    real_write, real_json = os.write, store_module.write_json_atomic
    monkeypatch.setattr(os, "write", full)
    monkeypatch.setattr(store_module, "write_json_atomic", full)
    for _ in range(3):
        tap(app, "checkin")
        tap(app, "activity:kookclub")
        tap(app, "home")
    assert app.store.unsaved_count == 3
    hold_corner(app, monkeypatch)
    type_pin(app, "2468")
    tap(app, "admin:health")
    rows = [w.text for w in app.manager.current_screen.ids.content.children]
    assert any("3 bezoeken staan alleen in het geheugen" in text for text in rows), rows
    assert any("De schijf is vol" in text for text in rows), rows
    monkeypatch.setattr(os, "write", real_write)
    monkeypatch.setattr(store_module, "write_json_atomic", real_json)
    app.store.retry_writes()
    assert app.store.unsaved_count == 0
    assert "disk is full" in (app.store.directory / "health.json").read_text()


def test_a_retention_backlog_waits_for_the_coordinators_confirmation(make_app, monkeypatch,
                                                                     tmp_path):
    from datetime import datetime, timezone

    from kiosk.export import export_days
    from kiosk.visits import Visit
    from tests.conftest import AMSTERDAM

    monkeypatch.setenv("KIOSK_EXPORTS_DIR", str(tmp_path / "exports"))
    app = make_app()
    app.pin_guard.set_pin("2468")
    for month in (1, 3, 5, 11):  # three months past retention at once, and one in use
        when = datetime(2024 if month < 11 else 2026, month, 15 if month < 11 else 25, 11,
                        tzinfo=AMSTERDAM)
        app.store.append(Visit(kind="checkin", site="leidsche-rijn", local=when,
                               utc=when.astimezone(timezone.utc), language="nl",
                               clock_synced=True, activity="inloop"))
    export_days(app.store.visits(), tmp_path / "exports")
    app._maintain(0)
    assert app.store.months() == ["2024-01", "2024-03", "2024-05", "2026-11"]
    hold_corner(app, monkeypatch)
    type_pin(app, "2468")
    tap(app, "admin:health")
    rows = [w.text for w in app.manager.current_screen.ids.content.children]
    assert any("3 maanden tegelijk weg moeten" in text for text in rows), rows
    screenshot("admin_health_retention")
    tap(app, "retention:confirm")
    assert app.store.months() == ["2026-11"]


def test_month_files_after_this_month_show_on_the_health_tab(make_app, monkeypatch):
    from datetime import datetime, timedelta, timezone

    from kiosk.visits import CHECKIN, Visit

    app = make_app()
    app.pin_guard.set_pin("2468")
    # Saved while the clock ran more than a year ahead, then the clock was put right.
    ahead = datetime.now().astimezone() + timedelta(days=430)
    app.store.append(Visit(kind=CHECKIN, site=app.site.site_id, utc=ahead.astimezone(timezone.utc),
                           local=ahead, language="nl", clock_synced=False, activity="inloop"))
    app.store.compact()
    hold_corner(app, monkeypatch)
    type_pin(app, "2468")
    tap(app, "admin:health")
    rows = [w.text for w in app.manager.current_screen.ids.content.children]
    assert any("1 maand ligt na vandaag" in text and "De klok liep voor" in text
               for text in rows), rows
    screenshot("coordinator/health_months_ahead")
