"""The pictogram files the screens draw: both sets complete, and the high-contrast set
bold filled silhouettes rather than thin outlines (assets/pictograms/render.py)."""

from __future__ import annotations

import tomllib

import pytest
from PIL import Image

from kiosk.assets import assets_dir, pictogram_path

with open(assets_dir() / "pictograms" / "pictograms.toml", "rb") as handle:
    NAMES = sorted(tomllib.load(handle))


def pixels(image: Image.Image) -> list[tuple]:
    loaded = image.load()
    return [loaded[x, y] for y in range(image.height) for x in range(image.width)]


def painted(image: Image.Image) -> int:
    return sum(1 for pixel in pixels(image) if pixel[3] >= 128)


def dark_runs(image: Image.Image, x: int) -> list[int]:
    """Lengths of the runs of dark, opaque pixels down column x."""
    pixels, runs, run = image.load(), [], 0
    for y in range(image.height):
        r, g, b, a = pixels[x, y]
        if a >= 128 and r + g + b < 200:
            run += 1
        elif run:
            runs.append(run)
            run = 0
    return runs + ([run] if run else [])


@pytest.mark.parametrize("name", NAMES)
def test_the_high_contrast_picture_covers_what_the_colour_one_does(name):
    color = Image.open(pictogram_path(name, "color")).convert("RGBA")
    black = Image.open(pictogram_path(name, "black")).convert("RGBA")
    assert black.size == color.size == (256, 256)
    # An outline covers a fraction of its shape (the old banknote: 31%); a silhouette
    # all of it, and a little more for boldness.
    assert painted(black) >= 0.9 * painted(color), name
    # Black and white only: black shapes, inner lines cut out in white.
    assert {pixel[:3] for pixel in pixels(black) if pixel[3] == 255} <= {
        (0, 0, 0), (255, 255, 255)} | {(v, v, v) for v in range(256)}


def test_the_page_arrow_is_a_bold_bar_not_a_hairline():
    for name in ("next_page", "prev_page"):
        black = Image.open(pictogram_path(name, "black")).convert("RGBA")
        # Through the middle of the stem: one solid bar, at least 9% of the picture.
        runs = dark_runs(black, black.width // 2)
        assert len(runs) == 1 and runs[0] >= 24, (name, runs)


def test_the_money_picture_is_a_filled_banknote_with_its_euro_cut_out():
    black = Image.open(pictogram_path("topic_money", "black")).convert("RGBA")
    left, top, right, bottom = black.getchannel("A").getbbox()
    inside = black.crop((left, top, right, bottom))
    inked = pixels(inside)
    dark = sum(1 for r, g, b, a in inked if a >= 128 and r + g + b < 200)
    light = sum(1 for r, g, b, a in inked if a >= 128 and r + g + b > 600)
    assert dark >= 0.6 * len(inked)   # the note is filled, not "[EUR 100"
    assert light >= 0.03 * len(inked)  # and its euro sign and 100 still read, in white


def test_help_with_the_rent_is_a_house_with_a_euro_not_a_key():
    with open(assets_dir() / "pictograms" / "pictograms.toml", "rb") as handle:
        manifest = tomllib.load(handle)
    assert manifest["huurachterstand"] == manifest["home"] + "+EURO"
    house = Image.open(pictogram_path("home", "color")).convert("RGBA")
    rent = Image.open(pictogram_path("huurachterstand", "color")).convert("RGBA")
    # The coin in its bottom corner, in OpenMoji's gold.
    corner = pixels(rent.crop((160, 160, 256, 256)))
    assert sum(1 for r, g, b, a in corner if r > 200 and 140 < g < 200 and b < 80) > 500
    assert house.tobytes() != rent.tobytes()
