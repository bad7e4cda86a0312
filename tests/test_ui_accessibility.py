"""The accessibility numbers, measured on the real widget tree at the site's dpi:
targets at least 20 mm, tiles 25 mm, 3 mm between them, at most eight tiles a screen;
and the mirrored layout for Arabic and Farsi."""

from __future__ import annotations

import math

import pytest
from kivy.uix.behaviors import ButtonBehavior

from kiosk.cards import CardKind, new_card
from kiosk.config import parse_config
from kiosk.ui.widgets import Tile
from tests.conftest import site_text
from tests.ui import find, names, past_the_number_guard, press, pump, release, tap, type_scan

pytestmark = pytest.mark.ui

MIN_TARGET_MM, MIN_TILE_MM, MIN_GAP_MM, MAX_TILES = 20, 25, 3, 8
# The language screen shows all nine at once: each tile is a word, not a picture to find
# among others, and a language behind a page arrow is one nobody finds.
MAX_LANGUAGE_TILES = 9
# The Raspberry Pi Touch Display 2 (7", 1280x720) and the first Touch Display (7", 800x480).
SCREENS = [((1280, 720), 210), ((800, 480), 133)]


def targets(app):
    from kivy.core.window import Window

    overlays = [w for w in Window.children if w is not app.root]
    # An open overlay is modal: what lies under it cannot be touched.
    roots = overlays or [app.manager.current_screen]
    found = []
    for root in roots:
        for widget in root.walk(restrict=True):
            if (isinstance(widget, ButtonBehavior) and widget.opacity > 0
                    and not widget.disabled and widget.width > 0 and widget.height > 0):
                found.append(widget)
    return found


def window_box(widget):
    x, y = widget.to_window(widget.x, widget.y)
    return x, y, x + widget.width, y + widget.height


def gap(a, b) -> float:
    ax0, ay0, ax1, ay1 = window_box(a)
    bx0, by0, bx1, by1 = window_box(b)
    dx = max(bx0 - ax1, ax0 - bx1, 0)
    dy = max(by0 - ay1, ay0 - by1, 0)
    return math.hypot(dx, dy)


def check_screen(app, dpi: float, where: str, max_tiles: int = MAX_TILES) -> int:
    from kivy.core.window import Window

    mm = 25.4 / dpi
    shown = targets(app)
    assert shown, where
    tiles = [w for w in shown if isinstance(w, Tile)]
    assert len(tiles) <= max_tiles, where
    for widget in shown:
        label = f"{where}: {getattr(widget, 'name', type(widget).__name__)}"
        smallest = min(widget.width, widget.height) * mm
        assert smallest >= (MIN_TILE_MM if widget in tiles else MIN_TARGET_MM), \
            f"{label} is {smallest:.1f} mm"
        x0, y0, x1, y1 = window_box(widget)
        assert 0 <= x0 and x1 <= Window.width + 0.5 and 0 <= y0 and y1 <= Window.height + 0.5, \
            f"{label} is off screen"
    for index, a in enumerate(shown):
        for b in shown[index + 1:]:
            assert gap(a, b) * mm >= MIN_GAP_MM, \
                f"{where}: {a.name} and {b.name} are {gap(a, b) * mm:.1f} mm apart"
    return len(shown)


def visit_every_screen(app, dpi):
    checked = {}

    def check(where, max_tiles=MAX_TILES):
        checked[where] = check_screen(app, dpi, where, max_tiles)

    check("home")
    tap(app, "language")
    check("language", MAX_LANGUAGE_TILES)
    tap(app, "home")
    tap(app, "checkin")
    check("activities")
    type_scan("not a card")
    check("activities with a hint")
    tap(app, "activity:kookclub")
    check("welcome")
    tap(app, "home")
    tap(app, "question")
    check("topics")
    tap(app, "topic:money")
    check("queue number")
    past_the_number_guard(app)
    tap(app, "home")
    tap(app, "privacy")
    check("privacy")
    tap(app, "home")
    card = new_card()
    type_scan(card.payload)
    tap(app, "activity:inloop")
    tap(app, "home")
    type_scan(card.payload)
    check("activities, returning card")
    app.idle.last_activity -= app.idle.idle_seconds
    pump(0.6)
    check("still there?")
    tap(app, "still_here")  # "yes, I am here": the overlay goes, the visitor carries on
    tap(app, "home")
    type_scan(new_card(CardKind.VOLUNTEER).payload)
    check("volunteer")
    return checked


@pytest.mark.parametrize("size, dpi", SCREENS)
def test_every_visitor_screen_meets_the_size_and_gap_goals(make_app, size, dpi):
    text = site_text().replace("dpi = 210", f"dpi = {dpi}")
    app = make_app(site_config=parse_config(text, "site.toml"), size=size)
    assert app.site.screen.dpi == dpi
    checked = visit_every_screen(app, dpi)
    assert len(checked) == 11 and all(count >= 1 for count in checked.values())
    assert checked["topics"] == 8 + 2  # eight topic tiles, home and speaker


@pytest.mark.parametrize("size, dpi", SCREENS)
def test_a_long_list_gets_pages_that_keep_the_goals(make_app, size, dpi):
    text = site_text().replace("weekdays = [", "weekdays = [\"do\", ").replace(
        "dpi = 210", f"dpi = {dpi}")
    app = make_app(site_config=parse_config(text, "site.toml"), size=size)
    tap(app, "checkin")
    for page in range(2):
        check_screen(app, dpi, f"activities page {page + 1}")
        if page < 1:
            tap(app, "page:next")


def test_the_measure_would_catch_a_small_button(make_app):
    app = make_app()
    find(app, "speaker").size = (100, 100)
    with pytest.raises(AssertionError, match="speaker is 12.1 mm"):
        check_screen(app, 210, "home")


# -- right to left ---------------------------------------------------------------------

def arabic_app(make_app):
    app = make_app()
    tap(app, "language")
    tap(app, "lang:ar")
    assert app.language == "ar" and app.rtl
    return app


def centre_x(app, name):
    widget = find(app, name)
    return widget.to_window(*widget.center)[0]


def centre_y(app, name):
    widget = find(app, name)
    return widget.to_window(*widget.center)[1]


def test_arabic_mirrors_home_buttons_and_grids(make_app):
    app = arabic_app(make_app)
    # Welcome screen: the language button top right, check-in (read first) on the right.
    # (the wide language button puts the speaker's centre just past the middle)
    assert centre_x(app, "language") > centre_x(app, "speaker") and centre_x(app, "language") > 640
    assert centre_x(app, "checkin") > centre_x(app, "question")
    assert centre_x(app, "privacy") > 640
    tap(app, "checkin")
    # The rail with home and speaker is on the right, home in the mirrored top corner.
    assert centre_x(app, "home") == centre_x(app, "speaker") > 1100
    assert centre_y(app, "home") > centre_y(app, "speaker") > centre_y(app, "card_prompt")
    tiles = names(app, "activity:")
    row = [centre_x(app, name) for name in tiles[:3]]
    assert row == sorted(row, reverse=True)  # the grid fills from the right
    tap(app, "home")
    app.language = "nl"
    tap(app, "checkin")
    assert centre_x(app, "home") == centre_x(app, "speaker") < 180
    row = [centre_x(app, name) for name in names(app, "activity:")[:3]]
    assert row == sorted(row)


def test_arabic_page_arrows_swap_sides_and_point_the_reading_way(make_app):
    # Every activity of the week on one day: more than a page (the languages no longer
    # page: all nine fit).
    text = site_text().replace("weekdays = [", "weekdays = [\"do\", ")
    app = make_app(site_config=parse_config(text, "site.toml"))
    tap(app, "language")
    tap(app, "lang:ar")
    tap(app, "checkin")
    first_page = names(app, "activity:")
    # "Next" is the last cell in reading order: bottom left in Arabic, pointing left.
    assert centre_x(app, "page:next") <= min(centre_x(app, name) for name in first_page)
    assert centre_y(app, "page:next") < 360
    assert find(app, "page:next").pictogram == "prev_page"
    tap(app, "page:next")
    assert names(app, "activity:") and not set(names(app, "activity:")) & set(first_page)
    # "Previous" is the first: top right, pointing right (back, in Arabic).
    assert centre_x(app, "page:previous") >= max(centre_x(app, n) for n in names(app, "activity:"))
    assert centre_y(app, "page:previous") > 360
    assert find(app, "page:previous").pictogram == "next_page"


def hold(x, y, seconds):
    from kivy.tests.common import UnitTestTouch

    touch = UnitTestTouch(x, y)
    touch.touch_down()
    pump(seconds)
    touch.touch_up()
    pump()


def test_the_coordinators_corner_is_the_free_one_in_arabic(make_app):
    from kivy.core.window import Window

    app = arabic_app(make_app)
    tap(app, "checkin")
    top = Window.height - 20
    hold(Window.width - 20, top, 3.6)  # the mirrored home button's corner: no PIN pad
    assert app.manager.current != "admin_pin"
    assert app.manager.current == "home"  # it was the home button
    tap(app, "language")
    tap(app, "lang:ar")
    hold(20, top, 3.6)  # on the Arabic welcome screen the free corner is the left one
    assert app.manager.current == "admin_pin"
    # The coordinator's screens speak the room's language, not the last visitor's.
    assert app.language == app.site.default_language and not app.rtl


def test_only_the_finger_in_the_corner_counts_for_the_coordinators_hold(make_app):
    from kivy.core.window import Window
    from kivy.tests.common import UnitTestTouch

    app = make_app()
    corner = (Window.width - 20, Window.height - 20)
    first = UnitTestTouch(*corner)
    first.touch_down()
    other = UnitTestTouch(640, 300)  # a second finger elsewhere, lifted at once
    other.touch_down()
    other.touch_up()
    pump(3.5)
    assert app.manager.current == "admin_pin"  # the corner finger was still holding
    first.touch_up()
    app.go_home()
    # Two touches in the corner, both lifted at once: no PIN pad opens later by itself.
    a, b = UnitTestTouch(*corner), UnitTestTouch(corner[0] - 10, corner[1] - 10)
    a.touch_down()
    b.touch_down()
    b.touch_up()
    a.touch_up()
    pump(3.5)
    assert app.manager.current == "home"


def test_holding_a_tile_to_hear_it_never_holds_the_coordinators_corner(make_app):
    app = make_app()
    tap(app, "checkin")
    # The tile nearest the corner, held at its own top-right point for longer than the
    # coordinator's hold: its word is said (or it is chosen), the PIN pad never opens.
    corner_tile = max((find(app, name) for name in names(app, "activity:")),
                      key=lambda tile: tile.to_window(tile.right, tile.top))
    x, y = corner_tile.to_window(corner_tile.right - 4, corner_tile.top - 4)
    hold(x, y, 3.6)
    assert app.manager.current != "admin_pin"
