"""The cold start: only what the first frame shows is built before it; the rest follows
it, one screen per frame, or waits until it is opened (docs/benchmarks.md)."""

import pytest

from kiosk.ui import screens
from tests.test_ui_door_rules import hold_corner, type_pin
from tests.ui import pump, tap

pytestmark = pytest.mark.ui


def all_prepared(app, extra=()) -> None:
    """Frames until the app has built what it prepares by itself (at most 5 s)."""
    wanted = {"home", *screens.PREPARED, *extra}
    for _ in range(500):
        pump(seconds=0.01, frames=1)
        if wanted <= set(app.manager.screen_names):
            return


def test_only_the_welcome_screen_is_built_for_the_first_frame(make_app):
    app = make_app(prepare_screens=False)
    assert app.manager.screen_names == ["home"]
    pump(frames=1)                                  # the first frame
    assert app.manager.screen_names == ["home"]
    all_prepared(app)
    assert set(app.manager.screen_names) == {"home", *screens.PREPARED}


def test_the_prepared_screens_come_one_per_frame(make_app, monkeypatch):
    from kivy.clock import Clock

    app = make_app(prepare_screens=False)
    built_in_frame = {}
    build = app.screen

    def screen(name):
        if not app.manager.has_screen(name):
            built_in_frame[name] = Clock.frames
        return build(name)

    monkeypatch.setattr(app, "screen", screen)
    all_prepared(app)
    assert sorted(built_in_frame) == sorted(screens.PREPARED)
    assert len(set(built_in_frame.values())) == len(screens.PREPARED)


def test_a_tap_before_the_screens_are_prepared_still_gets_its_screen(make_app):
    app = make_app(prepare_screens=False)
    pump(frames=1)
    tap(app, "checkin")
    assert app.manager.current == "activities"
    tap(app, "activity:kookclub")
    assert app.manager.current == "welcome"


def test_the_coordinators_screens_are_built_when_first_opened(make_app, monkeypatch):
    app = make_app(prepare_screens=False)
    all_prepared(app)
    pump(seconds=0.2)
    assert not any(app.manager.has_screen(name) for name in
                   ("admin_pin", "admin", "admin_gallery", "admin_name", "admin_card",
                    "survey_thanks", "volunteer"))
    app.pin_guard.set_pin("2468")
    hold_corner(app, monkeypatch)
    assert app.manager.current == "admin_pin"
    type_pin(app, "2468")
    assert app.manager.current == "admin"
    tap(app, "admin:numbers")                       # the Cijfers tab reads the app's months
    assert app.manager.current == "admin"


def test_the_upkeep_prepares_the_numbers_without_building_the_coordinators_screens(make_app):
    app = make_app()
    app.door.check_in("kookclub", "nl", None)
    app.store.compact()
    app._prepare_numbers()
    assert not app.manager.has_screen("admin")
    assert app.month_summaries is app.month_summaries   # one for as long as the kiosk runs


def test_with_the_survey_on_its_screen_is_prepared_too(make_app):
    app = make_app(prepare_screens=False, survey=True)
    all_prepared(app, extra=["survey"])
    assert app.manager.has_screen("survey")
