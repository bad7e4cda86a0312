"""Sizes of what a finger touches, in design pixels (`app.u` = 1 on a 1280x720 screen).

On the Raspberry Pi Touch Display 2 (1280x720, about 210 dpi) one design pixel is
0.121 mm. The numbers below are what the accessibility goals ask, plus a margin;
tests/test_ui_accessibility.py measures the real widget tree at the site's dpi.
"""

MIN_BUTTON_MM = 20
BUTTON = 172       # round buttons and arrows: 20.8 mm (goal: at least 20 mm)
GAP = 28           # between two things to touch: 3.4 mm (goal: at least 3 mm)
# A tile's pictogram: one size on every tile of a grid, in every language and state (AAC
# practice: the symbol never shrinks or moves; the word gives way). 136 px = 16.4 mm on
# the Touch Display 2: what two rows of 25 mm tiles with a word under each leave on an
# 87 mm high panel under the 20.8 mm top bar. The home screen's two tiles have room for
# 25 mm.
PICTOGRAM = 136
HOME_PICTOGRAM = 207
TILE_PADDING = 10
# A tile's word starts at WORD_PX and shrinks to WORD_FLOOR_PX (2.7 mm capitals), then
# wraps; the room it has is what the pictogram leaves.
WORD_PX = 30
WORD_FLOOR_PX = 22
CORNER = 130       # the coordinator's empty top corner (hold 3 s), next to the buttons
# Holding a tile this long says its word instead of choosing it: longer than a slow,
# careful tap of an elderly visitor, short enough to find by trying.
LONG_PRESS_SECONDS = 1.0
