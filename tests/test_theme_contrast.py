"""Text stays readable: contrast ratios (WCAG 2.x) computed from the theme's colours."""

import pytest

from kiosk.ui import theme


def luminance(rgba) -> float:
    def channel(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgba[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(params=sorted(theme.PALETTES))
def palette(request):
    return theme.PALETTES[request.param]


@pytest.mark.parametrize("text", ["TEXT", "TEXT_SOFT"])
@pytest.mark.parametrize("background", ["BACKGROUND", "SURFACE", "PRESSED", "HINT_BACKGROUND"])
def test_text_has_at_least_7_to_1(palette, text, background):
    assert contrast(palette[text], palette[background]) >= 7


@pytest.mark.parametrize("accent", ["CHECKIN", "QUESTION", "HIGHLIGHT"])
def test_tile_borders_have_at_least_3_to_1(palette, accent):
    assert contrast(palette[accent], palette["SURFACE"]) >= 3
    assert contrast(palette[accent], palette["BACKGROUND"]) >= 3


def test_white_numbers_on_the_queue_box_and_welcome_green(palette):
    assert contrast((1, 1, 1, 1), palette["QUESTION"]) >= 7
    assert contrast(palette["CHECKIN"], palette["BACKGROUND"]) >= 4.5  # "Welkom!" 110 px bold


def test_high_contrast_is_black_on_white_with_thicker_borders():
    high, standard = theme.PALETTES["high_contrast"], theme.PALETTES["standard"]
    assert contrast(high["TEXT"], high["BACKGROUND"]) == pytest.approx(21)
    assert high["BORDER_WIDTH"] > standard["BORDER_WIDTH"]
    assert all(contrast(high[a], high["SURFACE"]) >= 7 for a in ("CHECKIN", "QUESTION",
                                                                  "HIGHLIGHT"))


def test_switching_themes_changes_every_colour_and_back():
    try:
        theme.use("high_contrast")
        assert theme.TEXT == (0, 0, 0, 1) and theme.PICTOGRAM_SET == "black"
    finally:
        theme.use("standard")
    assert theme.TEXT == theme.PALETTES["standard"]["TEXT"] and theme.PICTOGRAM_SET == "color"
