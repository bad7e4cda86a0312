"""Numbers and Latin words inside Arabic and Farsi text, in the right order on screen.

Kivy's SDL2 text provider hands each wrapped line to SDL2_ttf, which shapes it with
HarfBuzz in one direction only; kiosk.fonts.rtl_line_for_display prepares such a line.
The hook sits on the provider's per-line render call because that is the one place that
sees lines after wrapping: "24" in a privacy line, "(20)" on the still-there button, a
Dutch site name in an Arabic title.
"""

from __future__ import annotations

from kivy.core.text.text_sdl2 import LabelSDL2

from kiosk.fonts import rtl_line_for_display

_original_render_text = LabelSDL2._render_text


def _render_text(self, text, x, y):
    if self.options.get("font_direction") == "rtl":
        text = rtl_line_for_display(text)
    return _original_render_text(self, text, x, y)


def install() -> None:
    LabelSDL2._render_text = _render_text


def installed() -> bool:
    return LabelSDL2._render_text is _render_text
