"""A page of big pictogram tiles, at most eight at a time, with arrows when there are more.

Shared by the activity, topic and language screens: "tap the picture of what you mean".
Eight tiles fit in 4x2 at 25 mm each; the 20 mm arrows take the width of a column, so a
paged list shows six (3x2) a page. The language screen allows nine (5 + 4, no arrows).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

from kivy.app import App
from kivy.properties import BooleanProperty, ColorProperty, NumericProperty, StringProperty
from kivy.uix.gridlayout import GridLayout
from kivy.uix.widget import Widget

from kiosk.ui.widgets import MirrorBox, Tile

TILES_PER_PAGE = 8
TILES_PER_PAGE_WITH_ARROWS = 6


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


class ChoiceGrid(MirrorBox):
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

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._items = []
        self._on_choose = None
        # Tiles are reused, not rebuilt on every visit to the screen: each new Tile adds
        # kv bindings to the app's properties, and those pile up over a day at the door.
        self._pool: list[Tile] = []
        self._shown: list[tuple[Tile, TileChoice]] = []  # the tiles on this page, with theirs
        # Hold the empty cells of a last page that is not full.
        self._spacers = [Widget() for _ in range(TILES_PER_PAGE_WITH_ARROWS)]

    def show(self, choices: list[TileChoice], on_choose: Callable[[Any], None],
             start_page: int = 0) -> None:
        """Tiles for `choices`; a tap calls on_choose with the chosen one's item."""
        self._items = list(choices)
        self._on_choose = on_choose
        self.page = max(0, min(start_page, self.page_count - 1))
        self._render()

    @property
    def per_page(self) -> int:
        return (self.most_tiles if len(self._items) <= self.most_tiles
                else TILES_PER_PAGE_WITH_ARROWS)

    @property
    def page_count(self) -> int:
        return max(1, math.ceil(len(self._items) / self.per_page))

    def turn(self, step: int) -> None:
        self.page = max(0, min(self.page + step, self.page_count - 1))
        self._render()

    def page_of(self, item) -> int:
        for index, choice in enumerate(self._items):
            if choice.item == item:
                return index // self.per_page
        return 0

    def on_accent(self, *args) -> None:
        for tile in self._pool:
            tile.accent = self.accent

    def on_language(self, *args) -> None:
        for tile, choice in self._shown:
            self._word(tile, choice)

    def _word(self, tile: Tile, choice: TileChoice) -> None:
        language = self.language or App.get_running_app().language
        tile.text = choice.words(language)
        tile.badge = choice.badge(language) if choice.badge else ""

    def _render(self) -> None:
        grid: GridLayout = self.ids.tiles
        grid.clear_widgets()
        grid.rows = None  # the last page's rows would refuse a fuller page's tiles
        shown = self._items[self.page * self.per_page:(self.page + 1) * self.per_page]
        count = len(shown)
        app = App.get_running_app()
        while len(self._pool) < count:
            tile = Tile(accent=self.accent)
            tile.bind(on_release=lambda tile: self._on_choose(tile.item))
            self._pool.append(tile)
        self._shown = list(zip(self._pool, shown))
        for tile, choice in self._shown:
            tile.name, tile.item, tile.pictogram = choice.name, choice.item, choice.pictogram
            tile.highlighted, tile.state = choice.highlighted, "normal"
            tile.font_language = choice.font_language
            self._word(tile, choice)
            grid.add_widget(tile)
        if self.page_count > 1:
            # Every page of a long list in the same 3x2 cells, the last one too: a tile
            # keeps its size from page to page, and so does its picture.
            grid.cols, grid.rows = TILES_PER_PAGE_WITH_ARROWS // 2, 2
            grid.padding = (app.u * 10, 0)
            for spacer in self._spacers[:TILES_PER_PAGE_WITH_ARROWS - count]:
                grid.add_widget(spacer)  # GridLayout gives up empty cells otherwise
        else:
            # Keep tiles square-ish and big when there are only a few of them.
            grid.cols = max(1, count if count <= 4 else math.ceil(count / 2))
            grid.padding = (app.u * (40 if count <= 2 else 10), 0)
            grid.rows = math.ceil(count / grid.cols) if count else 1
        self.has_previous = self.page > 0
        self.has_next = self.page < self.page_count - 1
