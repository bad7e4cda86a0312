"""The queue ticket as one black-and-white image, as wide as the printer's head.

ESC/POS printers have code pages for Latin and a few others, none that joins Arabic or
has Ge'ez at all: the whole ticket is drawn here with the kiosk's own fonts and sent as
a picture, so every language prints as it shows on the door.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from kiosk import fonts
from kiosk.assets import pictogram_path
from kiosk.i18n import translate
from kiosk.printer import arabic
from kiosk import messages

# Thermal heads print 8 dots per mm (203 dpi); these are the printable widths of the two
# common rolls (48 and 72 mm of a 58 and an 80 mm roll).
DOTS = {58: 384, 80: 576}
# The pictograms the black-outline (high-contrast) set has print crisply in one bit.
PICTOGRAM_SET = "black"
FALLBACK_PICTOGRAM = "topic_other"


@dataclass(frozen=True)
class Ticket:
    """What a visitor's ticket says: no card, no name, nothing but the queue."""

    number: int
    pictogram: str
    language: str
    room: str
    time: datetime


def has_raqm() -> bool:
    return bool(features.check("raqm"))


@lru_cache(maxsize=64)
def _font(path: str, size: int, raqm: bool) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if raqm else ImageFont.Layout.BASIC
    return ImageFont.truetype(path, size, layout_engine=engine)


def font_for(text: str, size: int, bold: bool = True, raqm: bool | None = None):
    """The kiosk's font for what the text is (Arabic, Ethiopic or Latin), as on screen."""
    regular, heavy = fonts.font_files(fonts.family_for_text(text))
    return _font(str(heavy if bold else regular), size, has_raqm() if raqm is None else raqm)


class _Drawing:
    """Lines stacked from the top, centred; the image is cut to its height at the end."""

    def __init__(self, width: int, raqm: bool):
        self.width = width
        self.margin = width // 24
        self.raqm = raqm
        self.image = Image.new("1", (width, width * 4), 1)
        self.draw = ImageDraw.Draw(self.image)
        # No dithering: antialiased edges would print as grey speckles.
        self.draw.fontmode = "1"
        self.y = self.margin

    def _prepared(self, line: str) -> tuple[str, dict]:
        if fonts.text_direction(line) != "rtl":
            return line, {}
        if self.raqm:
            return line, {"direction": "rtl"}
        return arabic.visual_line(line), {}

    def _length(self, line: str, font) -> float:
        text, options = self._prepared(line)
        return font.getlength(text, **options)

    def _wrapped(self, text: str, font) -> list[str]:
        room = self.width - 2 * self.margin
        lines: list[str] = []
        for word in text.split():
            if lines and self._length(f"{lines[-1]} {word}", font) <= room:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines

    def text(self, text: str, size: int, bold: bool = True, gap: float = 0.25) -> None:
        font = font_for(text, size, bold, self.raqm)
        for line in self._wrapped(text, font):
            shown, options = self._prepared(line)
            left, top, right, bottom = self.draw.textbbox((0, 0), shown, font=font, **options)
            x = (self.width - (right - left)) // 2 - left
            ascent, descent = font.getmetrics()
            self.draw.text((x, self.y), shown, font=font, fill=0, **options)
            self.y += ascent + descent
        self.y += int(size * gap)

    def number(self, number: int) -> None:
        """As tall as the width allows: the one thing a visitor must read from a seat."""
        text = str(number)
        room = self.width - 2 * self.margin
        size = int(self.width * 0.55)
        font = font_for(text, size, True, self.raqm)
        while font.getbbox(text)[2] - font.getbbox(text)[0] > room and size > 20:
            size -= 4
            font = font_for(text, size, True, self.raqm)
        left, top, right, bottom = font.getbbox(text)
        # Placed by its ink, not the font's line box, so no empty band above the digits.
        self.draw.text(((self.width - (right - left)) // 2 - left, self.y - top), text,
                       font=font, fill=0)
        self.y += bottom - top + self.margin

    def pictogram(self, name: str) -> None:
        path = pictogram_path(name, PICTOGRAM_SET)
        if not path.exists():
            path = pictogram_path(FALLBACK_PICTOGRAM, PICTOGRAM_SET)
        side = int(self.width * 0.36)
        picture = Image.open(path).convert("RGBA").resize((side, side), Image.LANCZOS)
        white = Image.new("RGBA", picture.size, "white")
        gray = Image.alpha_composite(white, picture).convert("L")
        # A hard threshold, not dithering: outlines stay solid lines on thermal paper.
        mono = gray.point(lambda value: 0 if value < 160 else 255).convert("1")
        self.image.paste(mono, ((self.width - side) // 2, self.y))
        self.y += side + self.margin

    def rule(self) -> None:
        self.draw.line((self.margin, self.y, self.width - self.margin, self.y), fill=0,
                       width=2)
        self.y += self.margin

    def finished(self) -> Image.Image:
        return self.image.crop((0, 0, self.width, self.y + self.margin))


def render_ticket(ticket: Ticket, paper_mm: int = 80, raqm: bool | None = None) -> Image.Image:
    """The ticket, 1 bit per dot, as wide as the paper's printable width."""
    width = DOTS[paper_mm]
    drawing = _Drawing(width, has_raqm() if raqm is None else raqm)
    drawing.text(ticket.room, int(width * 0.06), bold=False, gap=0.8)
    drawing.number(ticket.number)
    drawing.pictogram(ticket.pictogram)
    drawing.text(translate(messages.SOMEONE_COMES, ticket.language), int(width * 0.075))
    drawing.rule()
    drawing.text(ticket.time.strftime("%H:%M   %d-%m-%Y"), int(width * 0.055), bold=False,
                 gap=0)
    return drawing.finished()


def save_examples(folder: Path, tickets, widths=(58, 80)) -> list[Path]:
    """Example tickets as PNG files, for the docs and for looking at."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for ticket in tickets:
        for paper_mm in widths:
            path = folder / f"ticket_{ticket.language}_{paper_mm}mm.png"
            render_ticket(ticket, paper_mm).save(path)
            written.append(path)
    return written
