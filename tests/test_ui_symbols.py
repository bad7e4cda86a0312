"""AAC practice, measured on the widget tree: a tile's pictogram keeps one size and one
place in every language, both themes, highlighted or not, on every page; the word gives
way (shrinks to a floor, wraps) and always fits its room."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.cards import new_card
from kiosk.config import parse_config
from kiosk.i18n import LANGUAGE_NAMES, is_right_to_left
from kiosk.ui import sizes
from kiosk.ui.screens.choice_grid import page_slices
from kiosk.ui.widgets import Tile
from tests.conftest import site_text
from tests.ui import find, names, pump, screenshot, tap, type_scan

pytestmark = pytest.mark.ui

DPI = 210  # the site file's [screen] dpi
MM = 25.4 / DPI
# Every tile's pictogram, on the grids and at home (kiosk/ui/sizes.py).
MIN_PICTOGRAM_MM = 25


def tiles(app) -> list[Tile]:
    """The choices on screen (a page arrow is a tile too, but no choice)."""
    return [w for w in app.manager.current_screen.walk(restrict=True)
            if isinstance(w, Tile) and w.opacity > 0 and w.get_root_window() is not None
            and not w.name.startswith("page:")]


def picture_box(tile: Tile) -> tuple[float, float, float, float]:
    """Where the pictogram is drawn, in window pixels: x, y, width, height."""
    picture = tile.ids.picture
    width, height = picture.norm_image_size
    x, y = picture.to_window(picture.center_x - width / 2, picture.center_y - height / 2)
    return x, y, width, height


def mirrored(box, window_width):
    x, y, width, height = box
    return window_width - x - width, y, width, height


def assert_word_fits(tile: Tile, where: str) -> None:
    word = tile.ids.word
    assert tile.ids.word.font_px >= sizes.WORD_FLOOR_PX, where
    assert word.texture_size[0] <= word.width + 1 and word.texture_size[1] <= word.height + 1, \
        f"{where}: {tile.name}'s word {word.text!r} is {word.texture_size}, room {word.size}"


def measure_in_every_language(app, screen_tap: str, where: str) -> dict:
    """{language: {tile name: pictogram box}}, the language switched while the screen
    is up (the tiles re-word where they stand)."""
    from kivy.core.window import Window

    tap(app, screen_tap)
    seen = {}
    for language in LANGUAGE_NAMES:
        app.language = language
        pump()
        boxes = {}
        for tile in tiles(app):
            if not tile.pictogram:
                continue
            boxes[tile.name] = picture_box(tile)
            assert_word_fits(tile, f"{where} {language}")
        # Left to right, every picture in the same place; Arabic and Farsi mirror it.
        seen[language] = {name: mirrored(box, Window.width) if is_right_to_left(language)
                          else box for name, box in boxes.items()}
    tap(app, "home")
    return seen


def assert_one_size_and_place(seen: dict, minimum_mm: float, where: str) -> None:
    reference = seen["nl"]
    assert reference, where
    for language, boxes in seen.items():
        assert boxes.keys() == reference.keys(), f"{where} {language}"
        for name, (x, y, width, height) in boxes.items():
            rx, ry, rwidth, rheight = reference[name]
            assert abs(width - rwidth) <= 0.02 * rwidth and abs(height - rheight) <= 0.02 * rheight, \
                f"{where}: {name}'s picture is {width:.0f}x{height:.0f} px in {language}, " \
                f"{rwidth:.0f}x{rheight:.0f} in nl"
            assert abs(x - rx) <= 1 and abs(y - ry) <= 1, \
                f"{where}: {name}'s picture moved in {language}: {(x, y)} against {(rx, ry)}"
            assert min(width, height) * MM >= minimum_mm, \
                f"{where}: {name}'s picture is {min(width, height) * MM:.1f} mm"
    sizes_seen = {round(box[2]) for boxes in seen.values() for box in boxes.values()}
    assert len(sizes_seen) == 1, f"{where}: tiles with pictures of {sorted(sizes_seen)} px"


@pytest.mark.parametrize("theme", ["standard", "high_contrast"])
def test_every_tiles_pictogram_keeps_one_size_and_place_in_all_nine_languages(make_app, theme):
    text = site_text().replace('theme = "standard"', f'theme = "{theme}"')
    app = make_app(site_config=parse_config(text, "site.toml"))
    assert app.site.screen.dpi == DPI and app.theme.name == theme
    assert_one_size_and_place(measure_in_every_language(app, "question", "topics"),
                              MIN_PICTOGRAM_MM, f"{theme} topics")
    activities = measure_in_every_language(app, "checkin", "activities")
    assert_one_size_and_place(activities, MIN_PICTOGRAM_MM, f"{theme} activities")
    # The same picture size on both grids: one symbol size for the visitor to learn.
    assert round(next(iter(activities["nl"].values()))[2]) == round(sizes.PICTOGRAM * app.u)
    app.language = "nl"
    home = {}
    for language in LANGUAGE_NAMES:
        app.language = language
        pump()
        home[language] = {t.name: picture_box(t) if not is_right_to_left(language) else
                          mirrored(picture_box(t), 1280) for t in tiles(app)}
        for tile in tiles(app):
            assert_word_fits(tile, f"{theme} home {language}")
    assert_one_size_and_place(home, MIN_PICTOGRAM_MM, f"{theme} home")


def test_the_last_time_tile_keeps_its_picture_size_and_place(make_app):
    app = make_app()
    card = new_card()
    tap(app, "checkin")
    before = {t.name: picture_box(t) for t in tiles(app)}
    tap(app, "home")
    type_scan(card.payload)
    tap(app, "activity:kookclub")
    tap(app, "home")
    for language in ("nl", "uk", "ti"):
        app.language = language
        type_scan(card.payload)
        tile = find(app, "activity:kookclub")
        assert tile.highlighted and tile.badge
        assert {t.name: picture_box(t) for t in tiles(app)} == before, language
        # The badge stands on the tile's edge, above the picture, not over it.
        badge = next(w for w in tile.children if getattr(w, "text", None) == tile.badge)
        assert badge.y >= picture_box(tile)[1] + picture_box(tile)[3] - 1
        assert_word_fits(tile, f"last time {language}")
        screenshot(f"symbols/last_time_{language}")
        tap(app, "home")


def test_every_page_of_a_long_list_has_the_same_tiles(make_app):
    text = site_text().replace("weekdays = [", "weekdays = [\"do\", ")
    app = make_app(site_config=parse_config(text, "site.toml"))
    tap(app, "checkin")
    pages = []
    while True:
        pages.append({t.name: (t.size[:], picture_box(t)[2:]) for t in tiles(app)})
        if "page:next" not in names(app, "page:"):
            break
        tap(app, "page:next")
    assert [len(page) for page in pages] == [7, 7]  # 14: seven and "next", "previous" and seven
    shapes = {(tuple(size), picture) for page in pages for size, picture in page.values()}
    assert len(shapes) == 1, f"tiles differ between pages: {shapes}"
    screenshot("symbols/activities_last_page")


@given(count=st.integers(0, 60), cells=st.sampled_from([4, 6, 8, 9]))
def test_pages_hold_every_choice_once_with_room_for_their_arrows(count, cells):
    slices = page_slices(count, cells)
    shown = [index for start, end in slices for index in range(start, end)]
    assert shown == list(range(count))  # each choice once, in order, on some page
    for page, (start, end) in enumerate(slices):
        arrows = (page > 0) + (page < len(slices) - 1)
        assert end - start >= 1 or count == 0
        assert end - start + arrows <= cells
    if count <= cells:
        assert slices == [(0, count)]  # no arrows when all fit
    else:
        # No page wastes a cell it could have used, but for the last.
        assert all(end - start + (page > 0) + (page < len(slices) - 1) == cells
                   for page, (start, end) in enumerate(slices[:-1]))
