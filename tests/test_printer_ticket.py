"""The ticket image: as wide as the paper, the number big, each language in its font."""

from datetime import datetime

import pytest
from PIL import Image, ImageChops, ImageDraw, features

from kiosk import fonts
from kiosk.i18n import translate
from kiosk.printer import DOTS, Ticket, render_ticket
from kiosk.printer import arabic, ticket as ticket_module
from kiosk import messages

ROOM = "Buurtwerkkamer Leidsche Rijn"
WHEN = datetime(2026, 3, 5, 14, 32)
needs_raqm = pytest.mark.skipif(not features.check("raqm"),
                                reason="Pillow has no libraqm here (libfribidi missing?)")


def ticket(number=17, language="nl", pictogram="topic_letter") -> Ticket:
    return Ticket(number, pictogram, language, ROOM, WHEN)


def ink(image: Image.Image) -> int:
    """Black dots in a 1-bit image."""
    return image.convert("L").histogram()[0]


def rows_with_ink(image: Image.Image) -> list[int]:
    gray = image.convert("L")
    return [y for y in range(gray.height)
            if gray.crop((0, y, gray.width, y + 1)).getextrema()[0] == 0]


@pytest.mark.parametrize("paper_mm, dots", [(58, 384), (80, 576)])
def test_the_ticket_is_as_wide_as_the_printers_head_and_one_bit(paper_mm, dots):
    image = render_ticket(ticket(), paper_mm)
    assert image.width == dots == DOTS[paper_mm]
    assert image.mode == "1"
    # A ticket, not a banner: taller than wide, and not a metre of paper either.
    assert dots < image.height < 2.5 * dots


@pytest.mark.parametrize("paper_mm", [58, 80])
@pytest.mark.parametrize("number", [7, 42, 123])
def test_the_number_is_the_biggest_thing_on_the_ticket(paper_mm, number):
    image = render_ticket(ticket(number), paper_mm)
    # The number alone, with the ticket's own font choice, gives the glyphs' proportions.
    font = ticket_module.font_for(str(number), 300)
    alone = Image.new("L", (1200, 600), 255)
    ImageDraw.Draw(alone).text((50, 50), str(number), font=font, fill=0)
    left, top, right, bottom = ImageChops.invert(alone).getbbox()
    aspect = (right - left) / (bottom - top)
    # Find the tallest unbroken band of ink rows: that is the number.
    rows = rows_with_ink(image)
    bands, start = [], rows[0]
    for previous, row in zip(rows, rows[1:]):
        if row != previous + 1:
            bands.append((start, previous))
            start = row
    bands.append((start, rows[-1]))
    top_row, bottom_row = max(bands, key=lambda band: band[1] - band[0])
    height = bottom_row - top_row + 1
    assert height >= 0.25 * image.width  # 24 mm on 80 mm paper, 12 on 58: read from a chair
    band = image.crop((0, top_row, image.width, bottom_row + 1)).convert("L")
    ink_left, _, ink_right, _ = ImageChops.invert(band).getbbox()
    assert (ink_right - ink_left) / height == pytest.approx(aspect, rel=0.08)
    assert ink_right - ink_left <= image.width  # three digits still fit


@pytest.mark.parametrize("language, family", [("nl", "latin"), ("ar", "arabic"),
                                              ("fa", "arabic"), ("ti", "ethiopic"),
                                              ("uk", "latin")])
def test_someone_comes_is_drawn_in_the_font_of_the_visitors_script(language, family):
    sentence = translate(messages.SOMEONE_COMES, language)
    assert sentence != messages.SOMEONE_COMES or language == "en"
    regular, bold = fonts.font_files(family)
    font = ticket_module.font_for(sentence, 40)
    assert font.path == str(bold)
    assert ink(render_ticket(ticket(language=language))) > 0
    # The sentence is on the ticket: another language's ticket differs only there.
    dutch = render_ticket(ticket(language="nl"), 80)
    other = render_ticket(ticket(language=language), 80)
    if language != "nl":
        assert dutch.tobytes() != other.tobytes()


def test_the_sentence_alone_leaves_ink_in_every_language():
    for language in ("nl", "en", "ar", "fa", "ti", "so", "tr", "pl", "uk"):
        sentence = translate(messages.SOMEONE_COMES, language)
        font = ticket_module.font_for(sentence, 40)
        image = Image.new("1", (1200, 80), 1)
        drawing = ticket_module._Drawing(1200, ticket_module.has_raqm())
        drawing.text(sentence, 40)
        assert ink(drawing.image) > 500, language
        assert font.getbbox(sentence)[2] > 0
        del image


def test_the_pictogram_is_on_the_ticket():
    with_picture = render_ticket(ticket(pictogram="topic_money"), 80)
    other_picture = render_ticket(ticket(pictogram="topic_letter"), 80)
    assert with_picture.tobytes() != other_picture.tobytes()


def test_an_unknown_pictogram_prints_the_other_topic_picture():
    assert (render_ticket(ticket(pictogram="no_such_picture")).tobytes()
            == render_ticket(ticket(pictogram="topic_other")).tobytes())


def test_the_time_and_room_change_the_ticket():
    later = Ticket(17, "topic_letter", "nl", ROOM, datetime(2026, 3, 5, 15, 47))
    elsewhere = Ticket(17, "topic_letter", "nl", "Buurtwerkkamer Vleuten", WHEN)
    base = render_ticket(ticket()).tobytes()
    assert render_ticket(later).tobytes() != base
    assert render_ticket(elsewhere).tobytes() != base


# -- Arabic without libraqm -------------------------------------------------------------

def test_without_raqm_arabic_letters_take_their_joined_forms_right_to_left():
    # "سيأتي": seen joined, the first letter (seen) is rightmost and in initial form.
    visual = arabic.visual_line("سيأتي")
    assert visual[-1] == "\ufeb3"  # seen, initial
    assert visual[0] == "\ufef2"   # yeh, final
    assert arabic.visual_line("لا") == "\ufefb"  # lam-alef, one ligature
    # Numbers and Latin words in Arabic still read left to right.
    assert "24" in arabic.visual_line("رقم 24") and "Rijn" in arabic.visual_line("في Rijn")


@needs_raqm
@pytest.mark.parametrize("language", ["ar", "fa"])
def test_without_raqm_arabic_looks_like_it_does_shaped_by_raqm(language):
    sentence = translate(messages.SOMEONE_COMES, language)

    def line(raqm: bool) -> Image.Image:
        drawing = ticket_module._Drawing(1600, raqm)
        drawing.text(sentence, 60)
        return ImageChops.invert(drawing.finished().convert("L"))

    shaped, fallback = line(True), line(False)
    naive = ImageChops.invert(_isolated_letters(sentence).convert("L"))
    width = lambda image: image.getbbox()[2] - image.getbbox()[0]  # noqa: E731
    # Joined letters make a line as wide as HarfBuzz's, narrower than isolated ones.
    assert width(fallback) == pytest.approx(width(shaped), rel=0.08)
    assert width(naive) > 1.1 * width(shaped)


def _isolated_letters(sentence: str) -> Image.Image:
    drawing = ticket_module._Drawing(1600, False)
    font = ticket_module.font_for(sentence, 60, raqm=False)
    drawing.draw.text((drawing.margin, drawing.y), sentence, font=font, fill=0)
    drawing.y += 100
    return drawing.finished()
