"""Colours of the visitor screens: text at least 7:1, borders at least 3:1 against every
background they sit on (tests/test_theme_contrast.py computes it for both themes).

The kv files read these module attributes when a screen is built, so `use()` must run
before the first screen is made (KioskApp.build does it from the site file).
"""

from __future__ import annotations

PALETTES = {
    "standard": {
        "BACKGROUND": (0.980, 0.969, 0.949, 1),   # warm off-white, #FAF7F2
        "SURFACE": (1, 1, 1, 1),
        "TEXT": (0.102, 0.118, 0.141, 1),         # #1A1E24: 15.6:1 on the background
        "TEXT_SOFT": (0.235, 0.259, 0.290, 1),    # #3C424A: 9.4:1 on the background
        "CHECKIN": (0.106, 0.431, 0.239, 1),      # green #1B6E3D
        "QUESTION": (0.098, 0.341, 0.627, 1),     # blue #1957A0
        "HIGHLIGHT": (0.765, 0.388, 0.0, 1),      # amber #C36300: 3.9:1; with a word + star
        "PRESSED": (0.902, 0.929, 0.961, 1),
        "HINT_BACKGROUND": (1.0, 0.953, 0.804, 1),  # soft yellow for gentle scan hints
        "BORDER_WIDTH": 3,
    },
    # For low vision: black on white, black outline pictograms, thicker borders; colours
    # stay only as a second cue and are dark enough to read as borders on their own.
    "high_contrast": {
        "BACKGROUND": (1, 1, 1, 1),
        "SURFACE": (1, 1, 1, 1),
        "TEXT": (0, 0, 0, 1),
        "TEXT_SOFT": (0, 0, 0, 1),
        "CHECKIN": (0.0, 0.318, 0.122, 1),        # #00511F: 9.4:1
        "QUESTION": (0.0, 0.196, 0.475, 1),       # #003279: 12.6:1
        "HIGHLIGHT": (0.557, 0.180, 0.0, 1),      # #8E2E00: 8.6:1
        "PRESSED": (0.851, 0.851, 0.851, 1),
        "HINT_BACKGROUND": (1.0, 0.949, 0.459, 1),
        "BORDER_WIDTH": 6,
    },
}
# Which OpenMoji set the pictograms come from (assets/pictograms/<set>).
PICTOGRAMS = {"standard": "color", "high_contrast": "black"}

name = "standard"
BACKGROUND = SURFACE = TEXT = TEXT_SOFT = CHECKIN = QUESTION = HIGHLIGHT = PRESSED = None
HINT_BACKGROUND = BORDER_WIDTH = None
PICTOGRAM_SET = "color"


def use(theme_name: str) -> None:
    """Switch every colour at once (before screens are built)."""
    global name, PICTOGRAM_SET
    globals().update(PALETTES[theme_name])
    name = theme_name
    PICTOGRAM_SET = PICTOGRAMS[theme_name]


use("standard")
