"""Right-to-left lines are measured as they are drawn, so right-aligned Arabic reaches the
edge it is aligned to (kiosk/ui/bidi.py), whatever label last used the same font."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.ui

ARABIC = "اليوم والوقت الذي ضغطت فيه على الشاشة."


def ink_right_edge(label) -> int:
    from PIL import Image

    label.refresh()
    texture = label.texture
    image = Image.frombytes("RGBA", texture.size, texture.pixels)
    return image.getchannel("A").getbbox()[2]


@pytest.mark.parametrize("drawn_before", ["nothing", "a Latin line"])
def test_right_aligned_arabic_reaches_the_right_edge(make_app, drawn_before):
    from kivy.core.text import Label as CoreLabel

    make_app()  # the kiosk's fonts registered and its text hooks installed
    common = dict(font_name="Kiosk-arabic", font_size=40)
    if drawn_before != "nothing":
        # The same font and size, last set for Latin left to right by this drawing.
        CoreLabel(text="Buurtwerkkamer", font_direction="ltr", font_script_name="Latn",
                  **common).refresh()
    label = CoreLabel(text=ARABIC, font_direction="rtl", font_script_name="Arab",
                      text_size=(1000, None), halign="right", **common)
    # Unjoined (measured as Latin) the line was a quarter wider than drawn, and ended
    # some 190 px short of the edge.
    assert ink_right_edge(label) >= 1000 - 6
