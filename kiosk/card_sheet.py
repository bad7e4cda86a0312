"""Printing personal QR cards: A4 sheets of credit-card-size cards with cut marks.

`kiosk cards --count 40 --out cards.pdf` prints 40 new cards for a coordinator to cut and
put on a stack by the door. Nothing but the PDF holds the codes: the kiosk keeps no list of
issued cards (the first scan of a valid card is a new visitor), so no list can leak and
none has to be backed up. Whoever holds the PDF can print copies: delete it once printed.

Pages are drawn with Pillow at 300 dpi. The PDF is written here, page by page, instead of
with Pillow's PDF plugin: that one keeps every page in memory at once (26 MB each, so 5 GB
for 2000 cards, more than a Raspberry Pi has) and stores RGB as JPEG, which smears the
edges of the QR modules. Flate keeps them sharp and the mostly white pages small.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import sys
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_H

from .assets import pictogram_path
from .atomic import write_atomic
from .cards import Card, CardKind, new_card

DPI = 300
MAX_COUNT = 2000


def mm(length: float) -> int:
    return round(length * DPI / 25.4)


PAGE_SIZE = (mm(210), mm(297))           # A4: 2480 x 3508 px
CARD_SIZE = (mm(85.6), mm(54))           # ISO/IEC 7810 ID-1, a bank card: 1011 x 638 px
# Room for the cut marks, and more than the strip most office printers cannot print on.
MIN_MARGIN = mm(12)
COLUMNS = (PAGE_SIZE[0] - 2 * MIN_MARGIN) // CARD_SIZE[0]   # 2
ROWS = (PAGE_SIZE[1] - 2 * MIN_MARGIN) // CARD_SIZE[1]      # 5
CARDS_PER_PAGE = COLUMNS * ROWS
# Cards touch, so one cut serves two of them; nothing is printed closer to a card's edge
# than this, so a cut a little off the line clips white only.
SAFE = mm(3)
QUIET_MODULES = 4  # the quiet zone QR requires; white, and kept inside the card

INK = (34, 34, 34)
GREY = (110, 110, 110)
WHITE = (255, 255, 255)


@dataclass(frozen=True)
class KindStyle:
    """What sets a card kind apart at a glance: a colour, a word and a picture. The word
    and the picture still tell them apart when the sheet is printed in black and white."""

    colour: tuple[int, int, int]
    title: str
    line: str
    pictogram: str


STYLES = {
    CardKind.VISITOR: KindStyle(
        colour=(27, 94, 168), title="BEZOEKERSPAS",
        line="Dit pasje is van jou. Je naam staat er niet op.",
        # The greeting of the door's "Ik kom binnen" tile, not an ID card with a photo:
        # at a food bank serving newcomers that read as "show your ID".
        pictogram="checkin"),
    CardKind.VOLUNTEER: KindStyle(
        colour=(196, 72, 10), title="VRIJWILLIGERSPAS",
        line="Scan bij begin en einde van je dienst. Je naam staat er niet op.",
        pictogram="volunteer"),
    CardKind.KEY_HOLDER: KindStyle(
        colour=(110, 40, 140), title="SLEUTELBEHEERDER",
        line="Vrijwilliger met sleutel. Scan bij begin en einde van je dienst.",
        pictogram="lock"),
}
SHEET_TITLE = "Na het printen dit bestand wissen: zo kan niemand pasjes namaken."
SHEET_NOTE = "Print op ware grootte (100%) en knip langs de snijtekens."
# CC BY-SA asks for the attribution where the artwork is shown (assets/pictograms/LICENSE.md).
PICTOGRAM_CREDIT = "Pictogrammen: OpenMoji, CC BY-SA 4.0"
CODE_CAPTION = "Lukt scannen niet? Typ deze code:"


# -- fonts ----------------------------------------------------------------------------

def font_dir() -> Path:
    """Kivy's bundled fonts, found without importing Kivy: `import kivy` alone would log,
    create ~/.kivy and read the command line as its own options."""
    spec = importlib.util.find_spec("kivy")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("the kivy package (which ships the Roboto font) is not installed")
    return Path(spec.origin).parent / "data" / "fonts"


@lru_cache(maxsize=None)
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_dir() / name), size)


def bold(size: int) -> ImageFont.FreeTypeFont:
    return _font("Roboto-Bold.ttf", size)


def regular(size: int) -> ImageFont.FreeTypeFont:
    return _font("Roboto-Regular.ttf", size)


def mono(size: int) -> ImageFont.FreeTypeFont:
    # Fixed width: the groups of the code line up and each character stands on its own.
    return _font("RobotoMono-Regular.ttf", size)


def _fitting(face, text: str, width: int, largest: int, smallest: int):
    for size in range(largest, smallest - 1, -1):
        if face(size).getlength(text) <= width:
            return face(size)
    return face(smallest)


def _shortened(font, text: str, width: int) -> str:
    if font.getlength(text) <= width:
        return text
    # Halving, not a character at a time: a pasted paragraph as the site name took
    # seconds per card that way.
    fits, too_long = 0, len(text)
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if font.getlength(text[:middle].rstrip() + "…") <= width:
            fits = middle
        else:
            too_long = middle
    return text[:fits].rstrip() + "…"


@lru_cache(maxsize=1)
def _drawn_letters() -> frozenset[int]:
    """The characters the card's name font has a glyph for."""
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(str(font_dir() / "Roboto-Bold.ttf")).getBestCmap())


def letters_it_cannot_draw(text: str) -> list[str]:
    """Letters of `text` the name band would print as empty boxes (a name in Arabic or
    Ge'ez script, an emoji). Spaces and invisible joiners have no glyph and need none."""
    drawn = _drawn_letters()
    missing: list[str] = []
    for char in text:
        if unicodedata.category(char)[0] in ("C", "Z") or ord(char) in drawn:
            continue
        if char not in missing:
            missing.append(char)
    return missing


def one_line(text: str) -> str:
    """The site name as one printable line. Pillow's text layout fails on some line and
    paragraph breaks (U+2029, U+0085), and the name band has room for one line anyway."""
    return " ".join("".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
                            for c in text).split())


def _wrapped(font, text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


# -- one card -------------------------------------------------------------------------

def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR code's modules, quiet zone included, True for black.

    Level H (30 % may be lost) costs nothing here: the 17 characters of a payload fit
    version 2 (25 x 25 modules) in QR's alphanumeric mode at H as they do at M.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_H, border=QUIET_MODULES)
    code.add_data(payload)
    code.make(fit=True)
    return code.get_matrix()


def qr_image(matrix: list[list[bool]], module: int) -> Image.Image:
    """Black on white, `module` pixels per module: whole pixels keep every edge sharp."""
    image = Image.new("1", (len(matrix), len(matrix)), 1)
    image.putdata([0 if dark else 1 for row in matrix for dark in row])
    return image.resize((image.width * module, image.height * module), Image.NEAREST)


@lru_cache(maxsize=None)
def _pictogram(name: str, size: int) -> Image.Image | None:
    path = pictogram_path(name)
    if not path.exists():
        return None  # the card works without its picture: no reason to refuse to print
    with Image.open(path) as image:
        return image.convert("RGBA").resize((size, size), Image.LANCZOS)


def draw_card(page: Image.Image, origin: tuple[int, int], card: Card, site_name: str) -> None:
    """Draw one card with its top left corner at `origin` on the page."""
    style = STYLES[card.kind]
    draw = ImageDraw.Draw(page)
    left, top = origin
    width, height = CARD_SIZE

    band_height = mm(8.5)
    band_bottom = top + SAFE + band_height

    # The QR code fills the height under the band; its quiet zone stays inside the card.
    matrix = qr_matrix(card.payload)
    module = (top + height - SAFE - band_bottom - mm(1)) // len(matrix)
    code = qr_image(matrix, module)
    code_left = left + SAFE
    code_top = band_bottom + (top + height - SAFE - band_bottom - code.height) // 2
    page.paste(code, (code_left, code_top))
    quiet = QUIET_MODULES * module
    # Text lines up with the black modules, not with the white around them.
    ink_left, ink_top = code_left + quiet, code_top + quiet
    ink_bottom = code_top + code.height - quiet

    draw.rounded_rectangle((left + SAFE, top + SAFE, left + width - SAFE, band_bottom),
                           radius=mm(1.8), fill=style.colour)
    band_text_width = width - 2 * (ink_left - left)
    name_font = _fitting(bold, site_name, band_text_width, mm(4.6), mm(3))
    draw.text((ink_left, top + SAFE + band_height // 2),
              _shortened(name_font, site_name, band_text_width),
              font=name_font, fill=WHITE, anchor="lm")

    column_left = code_left + code.width
    column_right = left + width - SAFE - mm(1)
    column_width = column_right - column_left

    picture_size = mm(10)
    picture = _pictogram(style.pictogram, picture_size)
    text_width = column_width - (picture_size + mm(1.5) if picture else 0)
    if picture:
        page.paste(picture, (column_right - picture_size, ink_top - mm(1)), picture)

    title_font = _fitting(bold, style.title, text_width, mm(3.6), mm(2.5))
    draw.text((column_left, ink_top), style.title, font=title_font, fill=style.colour,
              anchor="lt")

    code_font = _fitting(mono, card.human_code, column_width, mm(4.2), mm(3))
    # Drawn with a thin outline of its own colour: Kivy ships no bold mono face.
    draw.text((column_left, ink_bottom), card.human_code, font=code_font, fill=INK,
              anchor="ls", stroke_width=1, stroke_fill=INK)
    caption_font = _fitting(regular, CODE_CAPTION, column_width, mm(2.5), mm(1.8))
    caption_bottom = ink_bottom - code_font.size - mm(0.8)
    draw.text((column_left, caption_bottom), CODE_CAPTION, font=caption_font, fill=GREY,
              anchor="ls")

    # The friendly line as large as the room between the title and the code allows.
    line_top = ink_top + mm(5.5)
    room = caption_bottom - caption_font.size - mm(1.5) - line_top
    for size in range(mm(3.0), mm(2.0) - 1, -1):
        line_font = regular(size)
        line_height = round(size * 1.25)
        lines = _wrapped(line_font, style.line, text_width)
        if len(lines) * line_height <= room:
            break
    for index, text in enumerate(lines):
        draw.text((column_left, line_top + index * line_height), text, font=line_font,
                  fill=INK, anchor="lt")


# -- pages ----------------------------------------------------------------------------

def _grid_origin() -> tuple[int, int]:
    return ((PAGE_SIZE[0] - COLUMNS * CARD_SIZE[0]) // 2,
            (PAGE_SIZE[1] - ROWS * CARD_SIZE[1]) // 2)


def card_boxes() -> list[tuple[int, int, int, int]]:
    """Where the cards sit on a page, in reading order: (left, top, right, bottom) px."""
    grid_left, grid_top = _grid_origin()
    width, height = CARD_SIZE
    return [(grid_left + column * width, grid_top + row * height,
             grid_left + (column + 1) * width, grid_top + (row + 1) * height)
            for row in range(ROWS) for column in range(COLUMNS)]


def _draw_cut_marks(draw: ImageDraw.ImageDraw) -> None:
    """Short lines in the margin on every cut, never on a card: a mark on the card would
    show as a stripe along its edge wherever the cut is a little off."""
    grid_left, grid_top = _grid_origin()
    grid_right = grid_left + COLUMNS * CARD_SIZE[0]
    grid_bottom = grid_top + ROWS * CARD_SIZE[1]
    gap, length, stroke = mm(2), mm(5), 3
    for column in range(COLUMNS + 1):
        x = grid_left + column * CARD_SIZE[0]
        draw.line((x, grid_top - gap - length, x, grid_top - gap), fill="black", width=stroke)
        draw.line((x, grid_bottom + gap, x, grid_bottom + gap + length), fill="black",
                  width=stroke)
    for row in range(ROWS + 1):
        y = grid_top + row * CARD_SIZE[1]
        draw.line((grid_left - gap - length, y, grid_left - gap, y), fill="black", width=stroke)
        draw.line((grid_right + gap, y, grid_right + gap + length, y), fill="black",
                  width=stroke)


def _draw_notes(draw: ImageDraw.ImageDraw, page_label: str) -> None:
    # In the margins between the marks, so that no text crosses a mark; cut off and
    # thrown away with the margins.
    grid_left, grid_top = _grid_origin()
    grid_right = grid_left + COLUMNS * CARD_SIZE[0]
    grid_bottom = grid_top + ROWS * CARD_SIZE[1]
    font = regular(mm(2.4))
    inset, width = mm(4), CARD_SIZE[0] - 2 * mm(4)
    for (x, y, anchor), text in (
            ((grid_left + inset, grid_top - mm(4.5), "lm"), SHEET_TITLE),
            ((grid_right - inset, grid_top - mm(4.5), "rm"), PICTOGRAM_CREDIT),
            ((grid_left + inset, grid_bottom + mm(4.5), "lm"), SHEET_NOTE),
            ((grid_right - inset, grid_bottom + mm(4.5), "rm"), page_label)):
        draw.text((x, y), _shortened(font, text, width), font=font, fill=GREY, anchor=anchor)


def page_count(count: int) -> int:
    return -(-count // CARDS_PER_PAGE)


def iter_pages(cards: list[Card], site_name: str) -> Iterator[Image.Image]:
    """The sheets one at a time, so a large batch never holds every page in memory."""
    site_name = one_line(site_name)
    total = page_count(len(cards))
    for number in range(total):
        batch = cards[number * CARDS_PER_PAGE:(number + 1) * CARDS_PER_PAGE]
        page = Image.new("RGB", PAGE_SIZE, WHITE)
        draw = ImageDraw.Draw(page)
        _draw_cut_marks(draw)
        _draw_notes(draw, f"Blad {number + 1} van {total}")
        for card, box in zip(batch, card_boxes()):
            draw_card(page, box[:2], card, site_name)
        yield page


def render_cards(cards: list[Card], site_name: str) -> list[Image.Image]:
    """A4 pages at 300 dpi (2480 x 3508 px), CARDS_PER_PAGE cards each, with cut marks."""
    return list(iter_pages(cards, site_name))


# -- the PDF --------------------------------------------------------------------------

def pdf_bytes(pages: Iterable[Image.Image], dpi: int = DPI) -> bytes:
    """A PDF with one image per page, each page exactly the image's size at `dpi`.

    A minimal PDF 1.4 file: catalog, page tree, and per page a page, its content stream
    and its image (RGB, Flate-compressed, lossless).
    """
    out = io.BytesIO()
    offsets: dict[int, int] = {}

    def put(number: int, body: bytes, stream: bytes | None = None) -> None:
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + body)
        if stream is not None:
            out.write(b"\nstream\n" + stream + b"\nendstream")
        out.write(b"\nendobj\n")

    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    put(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = []
    number = 3
    for page in pages:
        page = page.convert("RGB")
        width_pt = page.width * 72 / dpi
        height_pt = page.height * 72 / dpi
        page_obj, image_obj, content_obj = number, number + 1, number + 2
        number += 3
        image = zlib.compress(page.tobytes(), 6)
        put(image_obj, b"<< /Type /XObject /Subtype /Image /Width %d /Height %d "
            b"/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode "
            b"/Length %d >>" % (page.width, page.height, len(image)), image)
        content = b"q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q" % (width_pt, height_pt)
        put(content_obj, b"<< /Length %d >>" % len(content), content)
        put(page_obj, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.4f %.4f] "
            b"/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
            % (width_pt, height_pt, image_obj, content_obj))
        kids.append(page_obj)
    put(2, b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % kid for kid in kids), len(kids)))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % number)
    out.write(b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, number)))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (number, xref))
    return out.getvalue()


def write_pdf(path, count: int, kind: CardKind, site_name: str) -> list[Card]:
    """Make `count` new cards of `kind` and write them to a PDF at `path`, atomically.

    Returns the cards, so a caller can check them; it must not store them anywhere.
    """
    if not 1 <= count <= MAX_COUNT:
        raise ValueError(f"count must be between 1 and {MAX_COUNT}, not {count}")
    cards = [new_card(kind) for _ in range(count)]
    write_atomic(Path(path), pdf_bytes(iter_pages(cards, site_name)))
    return cards


# -- the `kiosk cards` command ----------------------------------------------------------

def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(
            f"{value} cards: choose between 1 and {MAX_COUNT} "
            f"({CARDS_PER_PAGE} fit on a page)")
    return value


def cmd_cards(args) -> int:
    site_name = args.site
    if site_name is None:
        from . import paths
        from .config import load_config

        site_name = load_config(paths.config_path()).site_name
    missing = letters_it_cannot_draw(site_name)
    if missing:
        # Checked before anything is written: the sheet would be printed and cut first.
        print(f"kiosk: the cards cannot print {missing[0]!r} (U+{ord(missing[0]):04X}) of the "
              f"site name {site_name!r}: their font has Latin, Greek and Cyrillic letters; "
              "give the name in those with --site", file=sys.stderr)
        return 2
    kind = {"volunteer": CardKind.VOLUNTEER, "key-holder": CardKind.KEY_HOLDER}.get(
        args.kind, CardKind.VISITOR)
    out = Path(args.out)
    try:
        cards = write_pdf(out, args.count, kind, site_name)
    except OSError as error:
        from .cli import cannot_write

        print(cannot_write(out, error), file=sys.stderr)
        return 1
    print(f"Wrote {len(cards)} {args.kind} card(s) on {page_count(len(cards))} page(s) "
          f"to {out}.")
    return 0


def add_parser(commands) -> argparse.ArgumentParser:
    """Register `kiosk cards` on the subparsers object of the kiosk command line."""
    from .cli import output_file

    parser = commands.add_parser(
        "cards", help="print new personal QR cards (A4 PDF, cut marks)",
        description="Write a PDF of new QR cards to print at 100 % and cut. The codes are "
        "kept nowhere else: delete the PDF once the cards are printed.")
    parser.add_argument("--count", type=_count, required=True,
                        help=f"how many cards (1-{MAX_COUNT}; {CARDS_PER_PAGE} per A4 page)")
    parser.add_argument("--out", type=output_file, required=True, help="the PDF to write")
    parser.add_argument("--kind", choices=("visitor", "volunteer", "key-holder"),
                        default="visitor",
                        help="key-holder: a volunteer card that also counts for the "
                        "proposal's key holders (sleutelbeheerders)")
    parser.add_argument("--site", help="the name printed on the cards "
                        "(default: site_name from the site file)")
    parser.set_defaults(handler=cmd_cards)
    return parser
