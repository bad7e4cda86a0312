"""Colours of the visitor screens. Text on background stays above 7:1 contrast."""

BACKGROUND = (0.980, 0.969, 0.949, 1)   # warm off-white, #FAF7F2
SURFACE = (1, 1, 1, 1)
TEXT = (0.102, 0.118, 0.141, 1)        # #1A1E24: 15.6:1 on the background
TEXT_SOFT = (0.235, 0.259, 0.290, 1)   # #3C424A: 9.4:1 on the background
CHECKIN = (0.106, 0.431, 0.239, 1)     # green #1B6E3D
QUESTION = (0.098, 0.341, 0.627, 1)    # blue #1957A0
HIGHLIGHT = (0.851, 0.467, 0.024, 1)   # amber #D97706, always with a star and a word
PRESSED = (0.902, 0.929, 0.961, 1)
HINT_BACKGROUND = (1.0, 0.953, 0.804, 1)  # soft yellow for gentle scan hints
