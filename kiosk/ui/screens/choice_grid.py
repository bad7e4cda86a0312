"""A page of big pictogram tiles, at most eight at a time, with arrows when there are more.

Shared by the activity, topic and language screens: "tap the picture of what you mean".
Eight tiles fit in 4x2 at 25 mm each; the 20 mm arrows take the width of a column, so a
paged list shows six (3x2) a page.
"""

from __future__ import annotations

import math

from kivy.app import App
from kivy.properties import BooleanProperty, NumericProperty
from kivy.uix.gridlayout import GridLayout

from kiosk.ui.widgets import MirrorBox, Tile

TILES_PER_PAGE = 8
TILES_PER_PAGE_WITH_ARROWS = 6


class ChoiceGrid(MirrorBox):
    page = NumericProperty(0)
    has_previous = BooleanProperty(False)
    has_next = BooleanProperty(False)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._items = []
        self._on_choose = None
        # Tiles are reused, not rebuilt on every visit to the screen: each new Tile adds
        # kv bindings to the app's properties, and those pile up over a day at the door.
        self._pool: list[Tile] = []

    def show(self, items, on_choose, start_page: int = 0) -> None:
        """items: (name, text, pictogram, accent, highlighted, badge) tuples."""
        self._items = list(items)
        self._on_choose = on_choose
        self.page = max(0, min(start_page, self.page_count - 1))
        self._render()

    @property
    def per_page(self) -> int:
        return (TILES_PER_PAGE if len(self._items) <= TILES_PER_PAGE
                else TILES_PER_PAGE_WITH_ARROWS)

    @property
    def page_count(self) -> int:
        return max(1, math.ceil(len(self._items) / self.per_page))

    def turn(self, step: int) -> None:
        self.page = max(0, min(self.page + step, self.page_count - 1))
        self._render()

    def page_of(self, name: str) -> int:
        for index, item in enumerate(self._items):
            if item[0] == name:
                return index // self.per_page
        return 0

    def _render(self) -> None:
        grid: GridLayout = self.ids.tiles
        grid.clear_widgets()
        grid.rows = None  # the last page's rows would refuse a fuller page's tiles
        shown = self._items[self.page * self.per_page:(self.page + 1) * self.per_page]
        count = len(shown)
        grid.cols = count if count <= 4 else math.ceil(count / 2)
        app = App.get_running_app()
        while len(self._pool) < count:
            tile = Tile()
            tile.bind(on_release=lambda tile: self._on_choose(tile.name))
            self._pool.append(tile)
        for tile, (name, text, pictogram, accent, highlighted, badge) in zip(self._pool, shown):
            tile.name, tile.text, tile.pictogram, tile.accent = name, text, pictogram, accent
            tile.highlighted, tile.badge, tile.state = highlighted, badge, "normal"
            tile.font_language = name.split(":", 1)[1] if name.startswith("lang:") else ""
            grid.add_widget(tile)
        # Keep tiles square-ish and big when there are only a few of them.
        rows = math.ceil(count / grid.cols) if count else 1
        grid.padding = (app.u * (40 if count <= 2 else 10), 0)
        grid.rows = rows
        self.has_previous = self.page > 0
        self.has_next = self.page < self.page_count - 1
