"""Text that gives way to its box: a tile's word, never its picture (AAC practice: a
symbol keeps one size and one place), a title, a headline. The text is as big as fits,
down to a floor; it wraps before it goes under that floor, and a word is never broken.
"""

from __future__ import annotations

from functools import lru_cache

from kivy.core.text import Label as CoreLabel


def fitting_size(text: str, width: float, height: float, sizes: list[float],
                 font_name: str, script: str, direction: str, scale: float = 1.0,
                 bold: bool = True, line_height: float = 1.0) -> float:
    """The first (largest) of `sizes` (design pixels, drawn at size * scale) at which
    `text` fits width x height; the last one when none does."""
    for size in sizes:
        if fits(text, int(width), int(height), round(size * scale, 1), font_name, script,
                direction, bold, line_height):
            return size
    return sizes[-1]


@lru_cache(maxsize=8192)
def fits(text: str, width: int, height: int, size: float, font_name: str, script: str,
         direction: str, bold: bool = True, line_height: float = 1.0) -> bool:
    """Wrapped at `width`, is the text at most `height` tall, with no word split?"""
    if width <= 0 or height <= 0:
        return False
    options = dict(font_size=size, font_name=font_name, bold=bold, halign="center",
                   line_height=line_height,
                   font_script_name=script, font_direction=direction)
    label = CoreLabel(text=text, text_size=(width, None), **options)
    label.refresh()
    if label.texture is None or label.texture.height > height:
        return False
    # Kivy splits a word longer than the line; a split word is harder to read than a
    # smaller one.
    single = CoreLabel(text="", **options)
    return all(single.get_extents(word)[0] <= width for word in text.split())
