"""The few widgets every screen is built from: a pictogram tile and a round icon button.

Each carries a stable `name` so tests and tools can find it. Tiles act on release (a
finger that slides off cancels) and show their pressed state at once.
"""

from __future__ import annotations

from kivy.properties import BooleanProperty, ColorProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.label import Label


class Tile(ButtonBehavior, BoxLayout):
    name = StringProperty("")
    text = StringProperty("")
    pictogram = StringProperty("")
    accent = ColorProperty((0.16, 0.42, 0.66, 1))
    highlighted = BooleanProperty(False)
    badge = StringProperty("")
    # Empty: the screen's language. A language tile sets the font of its own language.
    font_language = StringProperty("")


class IconButton(ButtonBehavior, FloatLayout):
    name = StringProperty("")
    pictogram = StringProperty("")
    text = StringProperty("")


class FitLabel(Label):
    """A label whose text wraps inside its own width."""
