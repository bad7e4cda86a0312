"""Colours of the visitor screens: text at least 7:1, borders at least 3:1 against every
background they sit on (tests/test_theme_contrast.py computes it for both themes).

`Theme` is observable: the app holds one (`app.theme`) and every kv rule binds to its
colours, so `app.theme.use("high_contrast")` re-colours the screens that are up, without
a restart and without rebuilding a widget.
"""

from __future__ import annotations

from kivy.event import EventDispatcher
from kivy.properties import ColorProperty, NumericProperty, StringProperty

PALETTES = {
    "standard": {
        "background": (0.980, 0.969, 0.949, 1),   # warm off-white, #FAF7F2
        "surface": (1, 1, 1, 1),
        "text": (0.102, 0.118, 0.141, 1),         # #1A1E24: 15.6:1 on the background
        "text_soft": (0.235, 0.259, 0.290, 1),    # #3C424A: 9.4:1 on the background
        "checkin": (0.106, 0.431, 0.239, 1),      # green #1B6E3D
        "question": (0.098, 0.341, 0.627, 1),     # blue #1957A0
        "highlight": (0.765, 0.388, 0.0, 1),      # amber #C36300: 3.9:1; with a word + star
        "pressed": (0.902, 0.929, 0.961, 1),
        "hint_background": (1.0, 0.953, 0.804, 1),  # soft yellow for gentle scan hints
        "border_width": 3,
    },
    # For low vision: black on white, bold filled pictograms, thicker borders; colours
    # stay only as a second cue and are dark enough to read as borders on their own.
    "high_contrast": {
        "background": (1, 1, 1, 1),
        "surface": (1, 1, 1, 1),
        "text": (0, 0, 0, 1),
        "text_soft": (0, 0, 0, 1),
        "checkin": (0.0, 0.318, 0.122, 1),        # #00511F: 9.4:1
        "question": (0.0, 0.196, 0.475, 1),       # #003279: 12.6:1
        "highlight": (0.557, 0.180, 0.0, 1),      # #8E2E00: 8.6:1
        "pressed": (0.851, 0.851, 0.851, 1),
        "hint_background": (1.0, 0.949, 0.459, 1),
        "border_width": 6,
    },
}
# Which pictogram set a theme draws (assets/pictograms/<set>).
PICTOGRAMS = {"standard": "color", "high_contrast": "black"}


class Theme(EventDispatcher):
    name = StringProperty("standard")
    pictogram_set = StringProperty("color")
    background = ColorProperty()
    surface = ColorProperty()
    text = ColorProperty()
    text_soft = ColorProperty()
    checkin = ColorProperty()
    question = ColorProperty()
    highlight = ColorProperty()
    pressed = ColorProperty()
    hint_background = ColorProperty()
    border_width = NumericProperty()

    def __init__(self, name: str = "standard", **kwargs):
        super().__init__(**kwargs)
        self.use(name)

    def use(self, name: str) -> None:
        """Switch every colour and the pictogram set at once; bound widgets follow."""
        for key, value in PALETTES[name].items():
            setattr(self, key, value)
        self.pictogram_set = PICTOGRAMS[name]
        self.name = name
