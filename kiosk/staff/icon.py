"""The home-screen icon of the staff page, drawn from the queue pictogram with Pillow.

Made when first asked for and kept in memory: nothing to ship or keep in step with the
pictograms, and no file written on the kiosk.
"""

from __future__ import annotations

import io
from functools import lru_cache

from kiosk import assets

SIZES = (192, 512)
BACKGROUND = (255, 255, 255, 255)
THEME_COLOUR = "#1d5e8c"


@lru_cache(maxsize=None)
def icon_png(size: int) -> bytes:
    from PIL import Image, ImageDraw

    icon = Image.new("RGBA", (size, size), BACKGROUND)
    # A coloured ring inside the "maskable" safe zone: Android crops icons to a circle.
    ImageDraw.Draw(icon).ellipse((size * 0.06, size * 0.06, size * 0.94, size * 0.94),
                                 outline=THEME_COLOUR, width=max(4, size // 24))
    path = assets.pictogram_path("queue")
    if not path.exists():
        path = assets.pictogram_path("question")
    if path.exists():
        with Image.open(path) as source:
            picture = source.convert("RGBA")
        inner = int(size * 0.62)
        picture.thumbnail((inner, inner), Image.LANCZOS)
        icon.alpha_composite(picture, ((size - picture.width) // 2,
                                       (size - picture.height) // 2))
    out = io.BytesIO()
    icon.save(out, "PNG", optimize=True)
    return out.getvalue()
