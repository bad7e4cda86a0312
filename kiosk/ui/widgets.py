"""The few widgets every screen is built from: a screen on the room's background, a
pictogram tile, a round icon button and a row that mirrors itself for right-to-left
languages (their looks are in widgets.kv, with the kiosk's label and pictogram).

Each carries a stable `name` so tests and tools can find it. Tiles act on release (a
finger that slides off cancels) and show their pressed state at once; holding a tile
says its word instead of choosing it.
"""

from __future__ import annotations

import time

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import (
    BooleanProperty, ColorProperty, NumericProperty, ObjectProperty, StringProperty)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.label import Label
from kivy.uix.screenmanager import Screen

from kiosk import fonts
from kiosk.ui import sizes
from kiosk.ui.word_fit import fitting_size


class KioskLabel(Label):
    """Any text on a kiosk screen (its looks are one rule in widgets.kv). `font_px` is
    the size in design pixels, scaled with the screen."""

    font_px = NumericProperty(26)


class FittingLabel(KioskLabel):
    """Text that gives way to its box: from `max_px` down to `min_px` until it fits
    (wrapped, no word split), never over its neighbours. A tile's word under its
    pictogram, a screen's title, the welcome headline in a long language."""

    max_px = NumericProperty(30)
    min_px = NumericProperty(22)

    def __init__(self, **kwargs):
        self._fit = Clock.create_trigger(self.fit)
        super().__init__(**kwargs)
        self.bind(text=self._fit, size=self._fit, max_px=self._fit, min_px=self._fit,
                  bold=self._fit, line_height=self._fit)

    def fit(self, *args) -> None:
        app = App.get_running_app()
        if not self.text or self.width <= 1 or self.height <= 1 or app is None:
            self.font_px = self.max_px
            return
        self.font_px = fitting_size(
            self.text, self.width, self.height,
            list(range(int(self.max_px), int(self.min_px) - 1, -1)), self.font_name,
            fonts.text_script(self.text), fonts.text_direction(self.text), scale=app.u,
            bold=self.bold, line_height=self.line_height)


class KioskScreen(Screen):
    """A screen of the kiosk: its background is drawn once, in widgets.kv."""


class ChoiceScreen(KioskScreen):
    """A screen of choices by picture: the rail with home, speaker and (where a card
    matters) the card prompt, the question, and a ChoiceGrid (`ids.grid`); widgets.kv."""

    title = StringProperty("")
    card_prompt = BooleanProperty(False)
    accent = ColorProperty((0.16, 0.42, 0.66, 1))


class MirrorBox(BoxLayout):
    """A row whose children swap sides when `rtl` is set (Arabic, Dari/Farsi).

    Kivy's BoxLayout always fills from the left; reversing the children is the whole
    mirror, so a screen's kv stays written once, in reading order for left to right.
    """

    rtl = BooleanProperty(False)

    def __init__(self, **kwargs):
        self._shown_rtl = False
        super().__init__(**kwargs)

    def on_rtl(self, *args) -> None:
        if self.rtl == self._shown_rtl:
            return
        self._shown_rtl = self.rtl
        children = list(self.children)
        self.clear_widgets()
        for child in children:  # children[0] is shown last: adding it first shows it first
            self.add_widget(child)


class Tile(ButtonBehavior, FloatLayout):
    """A pictogram with its word under it. The pictogram has one size (`pictogram_px`)
    and one place, whatever the word, the language or the state: the word shrinks to
    `sizes.WORD_FLOOR_PX` or wraps (AAC practice). A badge ("Last time") sits on the
    tile's top edge, so it takes no room from the picture either."""

    name = StringProperty("")
    # What the tile stands for (an Activity, a Topic, a language code): a choice hands
    # it back as it is. `name` is only the handle tests and tools find the tile by.
    item = ObjectProperty(None, allownone=True)
    text = StringProperty("")
    # What holding the tile says; the tile's word unless set.
    speech = StringProperty("")
    pictogram = StringProperty("")
    accent = ColorProperty((0.16, 0.42, 0.66, 1))
    highlighted = BooleanProperty(False)
    badge = StringProperty("")
    # Empty: the screen's language. A language tile sets the font of its own language.
    font_language = StringProperty("")
    pictogram_px = NumericProperty(sizes.PICTOGRAM)

    def __init__(self, **kwargs):
        self._hold = None
        self._said = False
        self._pressed_at = 0.0
        super().__init__(**kwargs)

    def on_press(self):
        self._said = False
        self._pressed_at = time.monotonic()
        self._schedule_say(sizes.LONG_PRESS_SECONDS)

    def _schedule_say(self, seconds: float) -> None:
        if self._hold is not None:
            self._hold.cancel()
        self._hold = Clock.schedule_once(self._say, seconds)

    def _say(self, *args) -> None:
        self._hold = None
        if self.state != "down":
            return
        # Kivy's clock counts from its last tick: after a slow frame a short tap would
        # look like a hold. Measure from the press itself.
        left = sizes.LONG_PRESS_SECONDS - (time.monotonic() - self._pressed_at)
        if left > 0.02:
            self._schedule_say(left)
            return
        # Only a word actually said (or on its way) replaces the choice: where no voice
        # and no recording exists, holding still chooses on release.
        self._said = App.get_running_app().speak(self.speech or self.text,
                                                 language=self.font_language)

    def on_touch_up(self, touch):
        if touch.grab_current is self:
            if self._hold is not None:
                self._hold.cancel()
                self._hold = None
            if self._said:
                # The visitor held the tile to hear it: saying it was the answer, not a choice.
                self._said = False
                touch.ungrab(self)
                self.state = "normal"
                return True
        return super().on_touch_up(touch)


class IconButton(ButtonBehavior, FloatLayout):
    name = StringProperty("")
    pictogram = StringProperty("")
    text = StringProperty("")
