"""Sizes of what a finger touches, in design pixels (`app.u` = 1 on a 1280x720 screen).

On the Raspberry Pi Touch Display 2 (1280x720, about 210 dpi) one design pixel is
0.121 mm. The numbers below are what the accessibility goals ask, plus a margin;
tests/test_ui_accessibility.py measures the real widget tree at the site's dpi.
"""

MIN_BUTTON_MM = 20
BUTTON = 172       # round buttons and arrows: 20.8 mm (goal: at least 20 mm)
GAP = 28           # between two things to touch: 3.4 mm (goal: at least 3 mm)
# A tile's pictogram: one size on every tile, in every language and state (AAC practice:
# the symbol never shrinks or moves; the word gives way). 210 px is 25.4 mm on the Touch
# Display 2 and 25.1 mm on the first 800x480 one. Two rows of tiles that big, each with a
# word under it, fit the 87 mm high panel only with the home and speaker buttons in a
# rail at the side (`ChoiceScreen`): a top bar would take the room of the words.
PICTOGRAM = 210
# A page arrow in a grid's cell: big, but smaller than a choice's picture.
PAGE_ARROW = 150
TILE_PADDING = 10
# Home's bottom row (the privacy button, the card prompt, "start over"): a button's
# height and a little, the rest of the panel is the two big tiles and their words.
HOME_CARD_ROW = 180
# "Start over" holds its words beside its picture.
START_OVER_WIDTH = 330
# A tile's word starts at WORD_PX and shrinks to WORD_FLOOR_PX (2.7 mm capitals), then
# wraps; the room it has is what the pictogram leaves.
WORD_PX = 30
WORD_FLOOR_PX = 22
# The coordinator's empty top corner (hold 3 s): as wide as a finger pad and then some,
# and no taller than the free strip above a grid's first row of tiles.
CORNER = 130
CORNER_HEIGHT = 100
# A grid screen's title row: beside the rail, above the tiles.
TITLE_ROW = 64
# The margin around every visitor screen.
MARGIN = 12
# Holding a tile this long says its word instead of choosing it: longer than a slow,
# careful tap of an elderly visitor, short enough to find by trying.
LONG_PRESS_SECONDS = 1.0
