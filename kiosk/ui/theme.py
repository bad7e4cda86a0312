"""Colours of the visitor screens: text at least 7:1, borders at least 3:1 against every
background they sit on (tests/test_theme_contrast.py computes it)."""

BACKGROUND = (0.980, 0.969, 0.949, 1)   # warm off-white, #FAF7F2
SURFACE = (1, 1, 1, 1)
TEXT = (0.102, 0.118, 0.141, 1)        # #1A1E24: 15.6:1 on the background
TEXT_SOFT = (0.235, 0.259, 0.290, 1)   # #3C424A: 9.4:1 on the background
CHECKIN = (0.106, 0.431, 0.239, 1)     # green #1B6E3D
QUESTION = (0.098, 0.341, 0.627, 1)    # blue #1957A0
HIGHLIGHT = (0.765, 0.388, 0.0, 1)     # amber #C36300: 3.9:1 on the background; with a word
PRESSED = (0.902, 0.929, 0.961, 1)
HINT_BACKGROUND = (1.0, 0.953, 0.804, 1)  # soft yellow for gentle scan hints
