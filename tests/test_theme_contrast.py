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


@pytest.mark.parametrize("text", ["text", "text_soft"])
@pytest.mark.parametrize("background", ["background", "surface", "pressed", "hint_background"])
def test_text_has_at_least_7_to_1(palette, text, background):
    assert contrast(palette[text], palette[background]) >= 7


@pytest.mark.parametrize("accent", ["checkin", "question", "highlight"])
def test_tile_borders_have_at_least_3_to_1(palette, accent):
    assert contrast(palette[accent], palette["surface"]) >= 3
    assert contrast(palette[accent], palette["background"]) >= 3


def test_white_numbers_on_the_queue_box_and_welcome_green(palette):
    assert contrast((1, 1, 1, 1), palette["question"]) >= 7
    assert contrast(palette["checkin"], palette["background"]) >= 4.5  # "Welkom!" 110 px bold


def test_high_contrast_is_black_on_white_with_thicker_borders():
    high, standard = theme.PALETTES["high_contrast"], theme.PALETTES["standard"]
    assert contrast(high["text"], high["background"]) == pytest.approx(21)
    assert high["border_width"] > standard["border_width"]
    assert all(contrast(high[a], high["surface"]) >= 7 for a in ("checkin", "question",
                                                                  "highlight"))


def test_switching_themes_changes_every_colour_and_back():
    shown = theme.Theme("standard")
    heard = []
    shown.bind(text=lambda *args: heard.append("text"),
               pictogram_set=lambda *args: heard.append("pictogram_set"))
    shown.use("high_contrast")
    for key, value in theme.PALETTES["high_contrast"].items():
        got = getattr(shown, key)
        assert (list(got) == list(value)) if isinstance(value, tuple) else got == value, key
    assert shown.pictogram_set == "black" and shown.name == "high_contrast"
    shown.use("standard")
    assert list(shown.text) == list(theme.PALETTES["standard"]["text"])
    assert shown.pictogram_set == "color" and shown.name == "standard"
    # Bound widgets hear each switch: that is what re-colours a screen that is up.
    assert heard == ["text", "pictogram_set"] * 2
