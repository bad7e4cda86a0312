"""Every coordinator tab with a year of history: in Dutch, nothing cut off, and the
controls of the tabs (the Cijfers periods, the on/off switch, moving a tile) by touch."""

import pytest

from kiosk.demo import fill
from tests.test_ui_door_rules import hold_corner, type_pin
from tests.ui import find, names, pump, screenshot, tap

pytestmark = pytest.mark.ui

TABS = ["today", "questions", "activities", "numbers", "export", "health", "exit"]
PERIODS = ["cijfers:maand", "cijfers:tertiaal", "cijfers:jaar"]
# A flag the store raises in English that the tab has no words for: shown as it is.
UNKNOWN_FLAG = ("the month index of 2026-10 was rebuilt after an unexpected shutdown while "
                "the kiosk was writing its state, and nothing was lost")


@pytest.fixture
def coordinator(make_app, monkeypatch):
    app = make_app()
    # A year of history without an fsync per visit: the suite is not testing the disk here.
    app.store._journal.fsync = False
    fill(app.store, app.site, days=365, visits_per_day=14, today=app.door.today())
    app.store._journal.fsync = True
    app.store.compact()
    app.door.ask_question("money", "ar", None)
    app.door.ask_question("letter", "ti", None)
    app.store.health.raise_flag(UNKNOWN_FLAG)
    app.store.health.raise_flag("visits could not be saved (the disk is full); they are kept "
                                "in memory and retried")
    app.pin_guard.set_pin("2468")
    hold_corner(app, monkeypatch)
    type_pin(app, "2468")
    assert app.manager.current == "admin"
    return app


def hidden(widget) -> bool:
    while widget is not None and widget.parent is not widget:  # the window is its own parent
        if getattr(widget, "opacity", 1) == 0:
            return True
        widget = widget.parent
    return False


def cut_off_labels(app) -> list[str]:
    """Every label whose text does not fit its box, on the whole admin screen (rows
    scrolled out of view included: their size is laid out all the same)."""
    from kivy.uix.label import Label

    pump(frames=4)
    bad = []
    for widget in app.manager.current_screen.walk(restrict=True):
        if not isinstance(widget, Label) or not widget.text or hidden(widget):
            continue
        widget.texture_update()
        width, height = widget.texture_size
        if widget.shorten or width > widget.width + 1 or height > widget.height + 1:
            bad.append(f"{widget.text!r}: text {width}x{height} in {widget.size}")
    return bad


def rows(app) -> list[str]:
    return [getattr(w, "text", "") for w in app.manager.current_screen.ids.content.children]


def test_every_tab_in_dutch_and_nothing_cut_off(coordinator):
    app = coordinator
    for tab in TABS:
        tap(app, f"admin:{tab}")
        assert cut_off_labels(app) == [], tab
        screenshot(f"coordinator/{tab}")
    for period in PERIODS:
        tap(app, "admin:numbers")
        tap(app, period)
        assert cut_off_labels(app) == [], period
    tap(app, "admin:health")
    shown = rows(app)
    assert any(text.startswith("Melding van de kiosk (in het Engels): the month index")
               for text in shown), shown
    assert any(text.startswith("De schijf is vol") for text in shown), shown
    assert not any("/tmp" in text or "journal" in text for text in shown), shown


def test_today_says_one_card_and_two_cards(coordinator):
    app = coordinator
    from kiosk.cards import new_card
    from tests.ui import type_scan

    app.go_home()
    type_scan(new_card().payload)
    tap(app, "activity:kookclub")
    tap(app, "home")
    hold_corner(app, __import__("pytest").MonkeyPatch())
    type_pin(app, "2468")
    shown = rows(app)
    assert any(text.startswith("Kookclub: 1 aanmelding, 1 pasje") for text in shown), shown


def test_the_numbers_tab_switches_between_month_tertiaal_and_year(coordinator):
    app = coordinator
    tap(app, "admin:numbers")
    assert rows(app)[-1].startswith("Cijfers van november 2026, tot en met 26 november")
    month_people = find(app, "numbers:total").text
    tap(app, "cijfers:tertiaal")
    assert rows(app)[-1].startswith("Cijfers van tertiaal 3 2026")
    screenshot("coordinator/numbers_tertiaal")
    tap(app, "cijfers:jaar")
    assert rows(app)[-1].startswith("Cijfers van 2026")
    # The demo's visitors answered "Hoe was het vandaag?": a Dutch score with its count.
    import re
    assert re.fullmatch(r"Hoe was het vandaag\? Een \d,\d \(\d+(\.\d{3})* antwoorden, "
                        r"\d+% blij\)", find(app, "numbers:satisfaction").text)
    screenshot("coordinator/numbers_year")
    year_people = find(app, "numbers:total").text
    assert year_people != month_people
    kookclub = find(app, "numbers:kookclub")
    assert kookclub.status_word in ("voor", "op schema", "achter")
    assert 0 <= kookclub.bar <= 1 and 0 < kookclub.expected < 1 / 1.5 * 1.0001
    tap(app, "cijfers:maand")
    assert find(app, "numbers:total").text == month_people


def test_an_activity_is_switched_off_and_on_and_moved_down(coordinator):
    app = coordinator
    tap(app, "admin:activities")
    switch = find(app, "activity_switch:kookclub")
    assert switch.on and switch.word == "aan"
    tap(app, "activity_switch:kookclub")
    switch = find(app, "activity_switch:kookclub")
    assert not switch.on and switch.word == "uit"
    screenshot("coordinator/activities_switched_off")
    assert "kookclub" not in [a.id for a in app.door.todays_activities()]
    tap(app, "activity_switch:kookclub")
    assert find(app, "activity_switch:kookclub").on
    before = [a.id for a in app.door.todays_activities(include_off=True)]
    first = before[0]
    tap(app, f"move_down:{first}")
    after = [a.id for a in app.door.todays_activities(include_off=True)]
    assert after[1] == first and after[0] == before[1]
    tap(app, f"move_up:{first}")
    assert [a.id for a in app.door.todays_activities(include_off=True)] == before
    assert find(app, "activity_switch:inloop").word == "altijd aan"
