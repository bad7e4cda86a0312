"""Pictures for the door that no pictogram set has, drawn with Pillow: the room's own
card (from the same code that prints the cards), that card crossed out, the scanner it goes
under, a door with an arrow in or out for a volunteer's shift, and "start over".

The card a visitor holds carries the room's name and colours; a generic ID card with a
photo (the emoji) reads as "show your ID" to a newcomer at a food bank. So the kiosk
shows the real thing. No Kivy here: kiosk/ui/pictures.py turns these into textures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from . import card_sheet
from .cards import CardKind

SIZE = 256                       # square pictures, like assets/pictograms
INK = (26, 30, 36, 255)          # the theme's text colour
RED = (200, 30, 30, 255)
GREEN = (27, 110, 61, 255)       # the door's check-in green
ORANGE = (196, 72, 10, 255)      # the volunteer card's own colour
WHITE = (255, 255, 255, 255)


@dataclass(frozen=True)
class _SampleCard:
    """What the picture's QR code holds: not a card. `BWK` and too short, so the kiosk's
    own scanner pointed at its screen says "could not read" instead of counting someone."""

    kind: CardKind = CardKind.VISITOR
    payload: str = "BWKB-VOORBEELD"
    human_code: str = "BXXX-XXXX-XXXX-X"


@lru_cache(maxsize=8)
def room_card(site_name: str, width: int = 480) -> Image.Image:
    """The visitor card as `kiosk cards` prints it, `width` pixels wide, with a thin
    outline so the white card stands out on a white screen."""
    card_width, card_height = card_sheet.CARD_SIZE
    full = Image.new("RGBA", (card_width, card_height), (0, 0, 0, 0))
    mask = Image.new("L", full.size, 0)
    radius = card_sheet.mm(3.2)  # ID-1 cards have 3.18 mm corners
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, card_width - 1, card_height - 1),
                                           radius=radius, fill=255)
    face = Image.new("RGB", full.size, card_sheet.WHITE)
    card_sheet.draw_card(face, (0, 0), _SampleCard(), card_sheet.one_line(site_name))
    full.paste(face, (0, 0), mask)
    ImageDraw.Draw(full).rounded_rectangle((2, 2, card_width - 3, card_height - 3),
                                           radius=radius, outline=(120, 120, 120, 255),
                                           width=6)
    height = round(width * card_height / card_width)
    return full.resize((width, height), Image.LANCZOS)


@lru_cache(maxsize=8)
def card_crossed(site_name: str) -> Image.Image:
    """The room's card, faded, under a thick red cross: "this card did not work"."""
    picture = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    card = room_card(site_name, 236).copy()
    card.putalpha(card.getchannel("A").point(lambda a: a * 0.55))
    picture.paste(card, ((SIZE - card.width) // 2, (SIZE - card.height) // 2), card)
    draw = ImageDraw.Draw(picture)
    inset = 40
    for start, end in (((inset, inset), (SIZE - inset, SIZE - inset)),
                       ((SIZE - inset, inset), (inset, SIZE - inset))):
        draw.line((start, end), fill=WHITE, width=44)   # a white edge keeps it readable
    for start, end in (((inset, inset), (SIZE - inset, SIZE - inset)),
                       ((SIZE - inset, inset), (inset, SIZE - inset))):
        draw.line((start, end), fill=RED, width=30)
    for x, y in ((inset, inset), (SIZE - inset, SIZE - inset),
                 (SIZE - inset, inset), (inset, SIZE - inset)):
        draw.ellipse((x - 15, y - 15, x + 15, y + 15), fill=RED)
    return picture


@lru_cache(maxsize=2)
def scanner(width: int = 360) -> Image.Image:
    """A scanner head seen from the front, its red light shining down."""
    height = round(width * 0.42)
    picture = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    body = (width * 0.12, 0, width * 0.88, height * 0.55)
    draw.rounded_rectangle(body, radius=height * 0.14, fill=(62, 68, 78, 255),
                           outline=INK, width=max(2, width // 90))
    window = (width * 0.3, height * 0.42, width * 0.7, height * 0.55)
    draw.rectangle(window, fill=(230, 60, 60, 255))
    # The beam: a soft red fan to where the card goes.
    beam = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    ImageDraw.Draw(beam).polygon(
        [(width * 0.3, height * 0.55), (width * 0.7, height * 0.55),
         (width * 0.85, height), (width * 0.15, height)], fill=(230, 60, 60, 70))
    return Image.alpha_composite(beam, picture)


def _door(draw: ImageDraw.ImageDraw, colour) -> None:
    """A door frame standing open, the doorway dark: the door of the room."""
    frame = (96, 28, 212, 236)
    draw.rectangle(frame, fill=(40, 44, 52, 255))              # the dark doorway
    draw.rectangle(frame, outline=INK, width=10)
    # The door leaf, swung open towards the viewer on the right.
    draw.polygon([(206, 28), (244, 44), (244, 236), (206, 236)], fill=colour, outline=INK)
    draw.line([(206, 28), (244, 44), (244, 236)], fill=INK, width=8)
    draw.ellipse((226, 130, 238, 142), fill=WHITE)              # the handle
    draw.line((20, 238, 248, 238), fill=INK, width=8)           # the floor


def _arrow(draw: ImageDraw.ImageDraw, left: int, right: int, y: int, pointing_right: bool,
           colour) -> None:
    head = 46
    if pointing_right:
        draw.rectangle((left, y - 16, right - head + 4, y + 16), fill=colour, outline=INK,
                       width=5)
        draw.polygon([(right - head, y - 42), (right, y), (right - head, y + 42)],
                     fill=colour, outline=INK, width=5)
    else:
        draw.rectangle((left + head - 4, y - 16, right, y + 16), fill=colour, outline=INK,
                       width=5)
        draw.polygon([(left + head, y - 42), (left, y), (left + head, y + 42)],
                     fill=colour, outline=INK, width=5)


def _shift(colour, going_in: bool) -> Image.Image:
    picture = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    _door(draw, colour)
    _arrow(draw, 8, 176, 140, going_in, colour)
    return picture


@lru_cache(maxsize=1)
def shift_start() -> Image.Image:
    """Green, an arrow going in through the door: the shift begins."""
    return _shift(GREEN, going_in=True)


@lru_cache(maxsize=1)
def shift_end() -> Image.Image:
    """Orange, an arrow coming out of the door: the shift ends."""
    return _shift(ORANGE, going_in=False)


@lru_cache(maxsize=1)
def start_over() -> Image.Image:
    """A circle of arrow: around to the beginning, for the next person."""
    picture = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    box = (40, 40, 216, 216)
    draw.arc(box, start=-60, end=250, fill=INK, width=36)
    draw.arc((box[0] + 8, box[1] + 8, box[2] - 8, box[3] - 8), start=-60, end=250,
             fill=(25, 87, 160, 255), width=20)
    # The arrow head at the arc's end (250 degrees, Pillow's angles run clockwise).
    angle = math.radians(250)
    cx, cy, r = 128, 128, 70
    tip_x, tip_y = cx + r * math.cos(angle), cy + r * math.sin(angle)
    along = (-math.sin(angle), math.cos(angle))   # the direction the arc runs
    out = (math.cos(angle), math.sin(angle))
    head = [(tip_x + along[0] * 50, tip_y + along[1] * 50),
            (tip_x - out[0] * 44, tip_y - out[1] * 44),
            (tip_x + out[0] * 44, tip_y + out[1] * 44)]
    draw.polygon(head, fill=(25, 87, 160, 255), outline=INK, width=6)
    return picture


PICTURES = {
    "card_crossed": card_crossed,
    "shift_start": shift_start,
    "shift_end": shift_end,
    "start_over": start_over,
}


def is_drawn(name: str) -> bool:
    """Whether `name` is drawn here (the room's card, the scanner, PICTURES) rather than a
    pictogram file: a screen showing either by name asks this to know which to load."""
    return name in ("room_card", "scanner") or name in PICTURES


def picture(name: str, site_name: str) -> Image.Image:
    """One of PICTURES by name (those of the room's card need the site's name)."""
    maker = PICTURES[name]
    return maker(site_name) if name == "card_crossed" else maker()
