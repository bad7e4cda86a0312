"""Right-to-left text in Kivy's SDL2 text provider: numbers and Latin words inside Arabic
and Farsi in the right order, and lines measured as they are drawn.

Kivy's SDL2 text provider hands each wrapped line to SDL2_ttf, which shapes it with
HarfBuzz in one direction only; kiosk.fonts.rtl_line_for_display prepares such a line.
The hook sits on the provider's per-line render call because that is the one place that
sees lines after wrapping: "24" in a privacy line, "(20)" on the still-there button, a
Dutch site name in an Arabic title.

Measuring: SDL2_ttf keeps the script and direction on the font object, which Kivy shares
between every label of that font and size, and Kivy sets them only when it draws. A
measurement then uses whatever the last drawing left: Arabic measured as if it were Latin
is not joined, and comes out a quarter wider than it is drawn (875 px for 689). Right-
aligned lines then stopped that much short of the edge. So before a measurement the font
is set for the label being measured, the way a drawing would set it.
"""

from __future__ import annotations

from kivy.core.text.text_sdl2 import LabelSDL2, _SurfaceContainer

from kiosk.fonts import rtl_line_for_display

_original_render_text = LabelSDL2._render_text
_original_get_extents = LabelSDL2.get_extents


def _render_text(self, text, x, y):
    if self.options.get("font_direction") == "rtl":
        text = rtl_line_for_display(text)
    return _original_render_text(self, text, x, y)


def _get_extents(self, text):
    # Drawing one space sets the font's direction and script as drawing the line will.
    # Every time: Kivy closes fonts past the 64 it keeps open, and a reopened font has
    # forgotten; 9 microseconds against the 7 of the measurement itself.
    _SurfaceContainer(4, 4).render(self, " ", 0, 0)
    return _original_get_extents(self, text)


def install() -> None:
    LabelSDL2._render_text = _render_text
    LabelSDL2.get_extents = _get_extents


def installed() -> bool:
    return LabelSDL2._render_text is _render_text and LabelSDL2.get_extents is _get_extents
