"""A page of big pictogram tiles, at most eight at a time; a longer list gets pages.

Shared by the activity, topic and language screens ("tap the picture of what you mean")
and the coordinator's picture gallery. The page arrows are cells of the grid, as in AAC
boards (TD Snap's "more" buttons): arrows beside the grid would take the width of two
columns and leave no room for 25 mm pictures. A long list's first page holds seven
choices and "next", a middle page "previous", six and "next", the last "previous" and
the rest, every page in the same cells, so a tile keeps its size from page to page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

from kivy.app import App
from kivy.properties import BooleanProperty, ColorProperty, NumericProperty, StringProperty
from kivy.uix.gridlayout import GridLayout
from kivy.uix.widget import Widget

from kiosk.ui import sizes
from kiosk.ui.widgets import Tile

TILES_PER_PAGE = 8


@dataclass(frozen=True)
class TileChoice:
    """One tile: the thing it stands for, and how it shows in a given language."""

    name: str                       # the tile's handle for tests ("activity:kookclub")
    item: Any                       # handed back as it is when the tile is chosen
    words: Callable[[str], str]     # the tile's word in a language
    pictogram: str = ""
    highlighted: bool = False
    badge: Callable[[str], str] | None = None
    # A language tile is written in its own language, whatever the screen's.
    font_language: str = ""


def page_slices(count: int, cells: int) -> list[tuple[int, int]]:
    """(start, end) of the choices on each page, when a page has `cells` cells and the
    arrows take one each."""
    if count <= cells:
        return [(0, count)]
    slices, start = [], 0
    while start < count:
        room = cells - 1           # "previous", or on the first page "next"
        if start > 0 and count - start > room:
            room -= 1              # a middle page has both
        room = max(1, room)
        slices.append((start, min(count, start + room)))
        start += room
    return slices


class ChoiceGrid(GridLayout):
    page = NumericProperty(0)
    # The language screen shows all nine languages at once (5 + 4, still 25 mm each on
    # the 7" screens): a language behind an arrow is a language nobody finds.
    most_tiles = NumericProperty(TILES_PER_PAGE)
    has_previous = BooleanProperty(False)
    has_next = BooleanProperty(False)
    # The tiles' border colour (the screen binds it to the theme's checkin or question).
    accent = ColorProperty((0.16, 0.42, 0.66, 1))
    # The language the words are in (bound to the app's): a change re-words the tiles
    # where they stand.
    language = StringProperty("")
    # Right to left: the grid fills from the right, "next" points left.
    rtl = BooleanProperty(False)
    # The visitor's grids keep the one symbol size; the coordinator's gallery, with a
    # search field above it, has less room.
    pictogram_px = NumericProperty(sizes.PICTOGRAM)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._items: list[TileChoice] = []
        self._on_choose = None
        # Tiles are reused, not rebuilt on every visit to the screen: each new Tile adds
        # kv bindings to the app's properties, and those pile up over a day at the door.
        self._pool: list[Tile] = []
        self._shown: list[tuple[Tile, TileChoice]] = []  # the tiles on this page, with theirs
        self._previous = Tile(name="page:previous", pictogram_px=sizes.PAGE_ARROW)
        self._next = Tile(name="page:next", pictogram_px=sizes.PAGE_ARROW)
        self._previous.bind(on_release=lambda *_: self.turn(-1))
        self._next.bind(on_release=lambda *_: self.turn(1))
        # Hold the empty cells of a last page that is not full.
        self._spacers = [Widget() for _ in range(TILES_PER_PAGE + 1)]

    def show(self, choices: list[TileChoice], on_choose: Callable[[Any], None],
             start_page: int = 0) -> None:
        """Tiles for `choices`; a tap calls on_choose with the chosen one's item."""
        self._items = list(choices)
        self._on_choose = on_choose
        self.page = max(0, min(start_page, self.page_count - 1))
        self._render()

    @property
    def _slices(self) -> list[tuple[int, int]]:
        return page_slices(len(self._items), self.most_tiles)

    @property
    def page_count(self) -> int:
        return len(self._slices)

    def turn(self, step: int) -> None:
        self.page = max(0, min(self.page + step, self.page_count - 1))
        self._render()

    def page_of(self, item) -> int:
        for index, choice in enumerate(self._items):
            if choice.item == item:
                return next(page for page, (start, end) in enumerate(self._slices)
                            if start <= index < end)
        return 0

    def on_accent(self, *args) -> None:
        for tile in self._pool:
            tile.accent = self.accent

    def on_language(self, *args) -> None:
        for tile, choice in self._shown:
            self._word(tile, choice)

    def on_rtl(self, *args) -> None:
        self._point_the_arrows()

    def on_pictogram_px(self, *args) -> None:
        for tile in self._pool:
            tile.pictogram_px = self.pictogram_px

    def _point_the_arrows(self) -> None:
        # "Next" points the way the language reads.
        self._previous.pictogram = "next_page" if self.rtl else "prev_page"
        self._next.pictogram = "prev_page" if self.rtl else "next_page"

    def _word(self, tile: Tile, choice: TileChoice) -> None:
        language = self.language or App.get_running_app().language
        tile.text = choice.words(language)
        tile.badge = choice.badge(language) if choice.badge else ""

    def _render(self) -> None:
        self.clear_widgets()
        self.rows = None  # the last page's rows would refuse a fuller page's tiles
        start, end = self._slices[self.page]
        shown = self._items[start:end]
        count = len(shown)
        app = App.get_running_app()
        while len(self._pool) < count:
            tile = Tile(accent=self.accent, pictogram_px=self.pictogram_px)
            tile.bind(on_release=lambda tile: self._on_choose(tile.item))
            self._pool.append(tile)
        self._shown = list(zip(self._pool, shown))
        self.has_previous = self.page > 0
        self.has_next = self.page < self.page_count - 1
        self._point_the_arrows()
        for arrow in (self._previous, self._next):
            arrow.accent = app.theme.text_soft
            arrow.state = "normal"
        if self.has_previous:
            self.add_widget(self._previous)
        for tile, choice in self._shown:
            tile.name, tile.item, tile.pictogram = choice.name, choice.item, choice.pictogram
            tile.highlighted, tile.state = choice.highlighted, "normal"
            tile.font_language = choice.font_language
            self._word(tile, choice)
            self.add_widget(tile)
        if self.page_count > 1:
            # Every page of a long list in the same cells, the last one too: a tile keeps
            # its size from page to page. "Next" stays in the last cell.
            self.cols, self.rows = math.ceil(self.most_tiles / 2), 2
            filled = count + self.has_previous + self.has_next
            for spacer in self._spacers[:self.cols * self.rows - filled]:
                self.add_widget(spacer)  # GridLayout gives up empty cells otherwise
            if self.has_next:
                self.add_widget(self._next)
        else:
            # Keep tiles square-ish and big when there are only a few of them.
            self.cols = max(1, count if count <= 4 else math.ceil(count / 2))
            self.rows = math.ceil(count / self.cols) if count else 1
