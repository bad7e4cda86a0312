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


@pytest.mark.parametrize("text", [theme.TEXT, theme.TEXT_SOFT])
@pytest.mark.parametrize("background", [theme.BACKGROUND, theme.SURFACE, theme.PRESSED,
                                        theme.HINT_BACKGROUND])
def test_text_has_at_least_7_to_1(text, background):
    assert contrast(text, background) >= 7


@pytest.mark.parametrize("accent", [theme.CHECKIN, theme.QUESTION, theme.HIGHLIGHT])
def test_tile_borders_have_at_least_3_to_1(accent):
    assert contrast(accent, theme.SURFACE) >= 3
    assert contrast(accent, theme.BACKGROUND) >= 3


def test_white_numbers_on_the_queue_box_and_welcome_green():
    assert contrast((1, 1, 1, 1), theme.QUESTION) >= 7
    assert contrast(theme.CHECKIN, theme.BACKGROUND) >= 4.5  # "Welkom!" is 110 px bold
