"""Printed cards, read back by an independent QR decoder (zxing-cpp), as a scanner would."""

import argparse
import re
import shutil
import subprocess

import pytest

zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (the independent QR decoder "
                               "these tests read the cards with) is not installed")

from PIL import Image, ImageFilter  # noqa: E402

from kiosk import card_sheet  # noqa: E402
from kiosk.card_sheet import (CARD_SIZE, CARDS_PER_PAGE, PAGE_SIZE, SAFE,  # noqa: E402
                              card_boxes, render_cards, write_pdf)
from kiosk.cards import CardKind, new_card, parse_payload  # noqa: E402
from kiosk.config import default_config_text  # noqa: E402

SITE = "Buurtwerkkamer Leidsche Rijn"


def decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)
            if result.format == zxingcpp.BarcodeFormat.QRCode]


def degraded(crop: Image.Image) -> Image.Image:
    """A worn card under a cheap scanner: a third of the print resolution, out of focus."""
    smaller = crop.resize((crop.width // 3, crop.height // 3), Image.BILINEAR)
    return smaller.filter(ImageFilter.GaussianBlur(1))


def assert_pages_hold(pages: list[Image.Image], cards) -> None:
    """Every card decodes, at print resolution and degraded, to exactly its own payload,
    in its own place on the sheet, and empty places hold no code."""
    assert len(pages) == -(-len(cards) // CARDS_PER_PAGE)
    places = [(page, box) for page in pages for box in card_boxes()]
    for index, (page, box) in enumerate(places):
        crop = page.crop(box)
        if index >= len(cards):
            assert decode(crop) == []
            continue
        card = cards[index]
        assert decode(crop) == [card.payload], f"card {index} at print resolution"
        assert decode(degraded(crop)) == [card.payload], f"card {index} degraded"
        assert parse_payload(card.payload) == card


@pytest.fixture(scope="module")
def visitor_cards():
    return [new_card() for _ in range(CARDS_PER_PAGE + 2)]


@pytest.fixture(scope="module")
def visitor_pages(visitor_cards):
    return render_cards(visitor_cards, SITE)


def test_a4_pages_at_300_dpi_with_ten_bank_card_sized_cards(visitor_pages):
    assert CARDS_PER_PAGE == 10
    assert len(visitor_pages) == 2
    assert all(page.size == PAGE_SIZE == (2480, 3508) for page in visitor_pages)
    assert CARD_SIZE == (1011, 638)  # 85.6 x 54 mm at 300 dpi
    boxes = card_boxes()
    assert len(boxes) == 10 and len(set(boxes)) == 10
    for left, top, right, bottom in boxes:
        assert (right - left, bottom - top) == CARD_SIZE
        assert left > 0 and top > 0 and right < PAGE_SIZE[0] and bottom < PAGE_SIZE[1]


def test_every_rendered_card_decodes_to_its_payload(visitor_pages, visitor_cards):
    assert_pages_hold(visitor_pages, visitor_cards)


def test_the_whole_page_holds_exactly_its_cards(visitor_pages, visitor_cards):
    assert sorted(decode(visitor_pages[0])) == sorted(c.payload for c in visitor_cards[:10])
    assert sorted(decode(visitor_pages[1])) == sorted(c.payload for c in visitor_cards[10:])


def test_error_correction_is_at_least_m(visitor_pages):
    levels = {result.ec_level for result in zxingcpp.read_barcodes(visitor_pages[0])}
    assert levels and levels <= {"M", "Q", "H"}


def test_nothing_is_printed_near_a_cut_and_the_cut_marks_are_in_the_margin():
    cards = [new_card(), new_card(CardKind.VOLUNTEER)] * 5
    page = render_cards(cards, "Buurtwerkkamer met een heel erg lange naam die niet past "
                        "op een pasje van 85,6 bij 54 millimeter")[0]
    strip = SAFE - 1  # a cut this far off the line must clip white only
    for left, top, right, bottom in card_boxes():
        for edge in ((left, top, right, top + strip), (left, bottom - strip, right, bottom),
                     (left, top, left + strip, bottom), (right - strip, top, right, bottom)):
            assert page.crop(edge).convert("L").getextrema() == (255, 255), edge
    assert sorted(decode(page)) == sorted(card.payload for card in cards)
    lefts = sorted({box[0] for box in card_boxes()})
    tops = sorted({box[1] for box in card_boxes()})
    for x in lefts + [lefts[-1] + CARD_SIZE[0]]:
        assert page.getpixel((x, tops[0] - card_sheet.mm(4))) == (0, 0, 0)
    for y in tops + [tops[-1] + CARD_SIZE[1]]:
        assert page.getpixel((lefts[0] - card_sheet.mm(4), y)) == (0, 0, 0)


def test_volunteer_cards_decode_as_volunteer_and_look_different():
    visitor, volunteer, keys = new_card(), new_card(CardKind.VOLUNTEER), \
        new_card(CardKind.KEY_HOLDER)
    page = render_cards([visitor, volunteer, keys], SITE)[0]
    first, second, third = card_boxes()[:3]
    assert parse_payload(decode(page.crop(third))[0]).kind is CardKind.KEY_HOLDER
    assert decode(page.crop(second)) == [volunteer.payload]
    assert parse_payload(decode(page.crop(second))[0]).kind is CardKind.VOLUNTEER
    assert parse_payload(decode(page.crop(first))[0]).kind is CardKind.VISITOR
    # The band at the top of each card is coloured by kind.
    band = (SAFE + card_sheet.mm(1), SAFE + card_sheet.mm(1))
    colours = [page.getpixel((box[0] + band[0], box[1] + band[1]))
               for box in (first, second, third)]
    assert colours == [card_sheet.STYLES[kind].colour for kind in CardKind]
    assert len(set(colours)) == 3


def test_write_pdf_returns_new_cards_of_the_kind_and_leaves_only_the_pdf(tmp_path):
    out = tmp_path / "cards.pdf"
    out.write_bytes(b"an older sheet")
    cards = write_pdf(out, 3, CardKind.VOLUNTEER, SITE)
    assert len(cards) == 3 and len({card.secret for card in cards}) == 3
    assert all(card.kind is CardKind.VOLUNTEER for card in cards)
    assert out.read_bytes().startswith(b"%PDF-")
    assert [path.name for path in tmp_path.iterdir()] == ["cards.pdf"]  # no temp, no list


def test_the_pdf_is_a4_at_300_dpi(tmp_path):
    out = tmp_path / "cards.pdf"
    write_pdf(out, 11, CardKind.VISITOR, SITE)
    data = out.read_bytes()
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    images = re.findall(rb"/Width (\d+) /Height (\d+)", data)
    assert len(boxes) == len(images) == 2
    for (width_pt, height_pt), (width_px, height_px) in zip(boxes, images):
        width_mm, height_mm = float(width_pt) / 72 * 25.4, float(height_pt) / 72 * 25.4
        assert abs(width_mm - 210) < 0.5 and abs(height_mm - 297) < 0.5
        assert round(int(width_px) / (float(width_pt) / 72)) == 300
        assert round(int(height_px) / (float(height_pt) / 72)) == 300


@pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("pdfinfo") is None,
                    reason="pdftoppm/pdfinfo (poppler-utils) are not installed: the written "
                    "PDF cannot be rasterised to read its cards back")
def test_the_written_pdf_rasterised_at_300_dpi_decodes_to_the_cards(tmp_path):
    out = tmp_path / "cards.pdf"
    cards = write_pdf(out, 12, CardKind.VISITOR, SITE)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert info.stderr == ""  # poppler found nothing to repair
    assert re.search(r"^Pages:\s+2$", info.stdout, re.M)
    assert "(A4)" in info.stdout
    raster = tmp_path / "raster"
    raster.mkdir()
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(out), str(raster / "page")],
                   check=True, capture_output=True)
    pages = [Image.open(path).convert("RGB") for path in sorted(raster.glob("page-*.png"))]
    assert [page.size for page in pages] == [PAGE_SIZE, PAGE_SIZE]
    assert_pages_hold(pages, cards)


def cards_command():
    parser = argparse.ArgumentParser(prog="kiosk")
    commands = parser.add_subparsers(dest="command", required=True)
    card_sheet.add_parser(commands)
    return parser


@pytest.mark.parametrize("count", ["0", "5000", "-1", "ten"])
def test_a_count_outside_1_to_2000_is_a_clear_error(count, tmp_path, capsys):
    out = tmp_path / "cards.pdf"
    with pytest.raises(SystemExit) as stop:
        cards_command().parse_args(["cards", "--count", count, "--out", str(out)])
    assert stop.value.code == 2
    error = capsys.readouterr().err
    assert "--count" in error
    assert "between 1 and 2000" in error or "not a whole number" in error
    assert not out.exists()


@pytest.mark.parametrize("count", [0, 5000])
def test_write_pdf_refuses_a_count_outside_1_to_2000(count, tmp_path):
    with pytest.raises(ValueError, match="between 1 and 2000"):
        write_pdf(tmp_path / "cards.pdf", count, CardKind.VISITOR, SITE)
    assert list(tmp_path.iterdir()) == []


def test_the_command_says_what_it_wrote(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "sheets" / "cards.pdf"
    out.parent.mkdir()
    args = cards_command().parse_args(["cards", "--count", "12", "--out", str(out),
                                       "--kind", "volunteer", "--site", "De Kamer"])
    assert args.handler(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"Wrote 12 volunteer card(s) on 2 page(s) to {out}."]
    assert [path.name for path in out.parent.iterdir()] == ["cards.pdf"]
    assert not (tmp_path / "data").exists()  # the kiosk's data is not touched


def test_the_site_name_defaults_to_the_site_file(tmp_path, monkeypatch, capsys):
    site_file = tmp_path / "site.toml"
    site_file.write_text(default_config_text().replace(
        'name = "Buurtwerkkamer Leidsche Rijn"', 'name = "Buurtwerkkamer Vleuten"', 1), "utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(site_file))
    written = {}

    def fake_write_pdf(path, count, kind, site_name):
        written.update(path=path, count=count, kind=kind, site_name=site_name)
        return [new_card(kind) for _ in range(count)]

    monkeypatch.setattr(card_sheet, "write_pdf", fake_write_pdf)
    args = cards_command().parse_args(["cards", "--count", "1", "--out",
                                       str(tmp_path / "cards.pdf")])
    assert args.handler(args) == 0
    assert written["site_name"] == "Buurtwerkkamer Vleuten"
    assert written["kind"] is CardKind.VISITOR
    assert "Wrote 1 visitor card(s) on 1 page(s)" in capsys.readouterr().out
    args = cards_command().parse_args(["cards", "--count", "2", "--kind", "key-holder",
                                       "--out", str(tmp_path / "keys.pdf")])
    assert args.handler(args) == 0 and written["kind"] is CardKind.KEY_HOLDER


def test_an_unwritable_place_is_a_message_not_a_traceback(tmp_path, capsys):
    args = cards_command().parse_args(["cards", "--count", "1", "--out",
                                       str(tmp_path / "missing" / "cards.pdf"), "--site", "X"])
    assert args.handler(args) == 1
    assert "cannot write" in capsys.readouterr().err


@pytest.mark.parametrize("name, line", [
    ("Buurtwerkkamer\nLeidsche Rijn", "Buurtwerkkamer Leidsche Rijn"),
    ("a\r\nb\tc\x0bd", "a b c d"), ("a\u2029b\x85c\u2028d", "a b c d"),
    ("  \n ", ""), ("", ""), ("Kamer\u200dtje", "Kamer\u200dtje")])
def test_the_site_name_is_printed_on_one_line(name, line):
    assert card_sheet.one_line(name) == line


@pytest.mark.parametrize("site", ["Buurtwerkkamer\nLeidsche Rijn", "a\u2029b", "",
                                  "Buurtwerkkamer " * 400])
def test_any_site_name_prints_without_a_traceback(tmp_path, capsys, site):
    import time

    out = tmp_path / "cards.pdf"
    started = time.monotonic()
    args = cards_command().parse_args(["cards", "--count", "2", "--out", str(out),
                                       "--site", site])
    assert args.handler(args) == 0
    assert time.monotonic() - started < 10  # a pasted paragraph is cut short, not slowly
    assert out.read_bytes().startswith(b"%PDF")
    assert capsys.readouterr().err == ""


def test_a_site_file_name_with_a_line_break_prints(tmp_path, monkeypatch, capsys):
    site_file = tmp_path / "site.toml"
    site_file.write_text(default_config_text().replace(
        'name = "Buurtwerkkamer Leidsche Rijn"', 'name = "Buurtwerkkamer\\nVleuten"', 1),
        "utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(site_file))
    seen = []
    real = card_sheet.draw_card
    monkeypatch.setattr(card_sheet, "draw_card",
                        lambda page, origin, card, name: seen.append(name) or
                        real(page, origin, card, name))
    args = cards_command().parse_args(["cards", "--count", "1", "--out",
                                       str(tmp_path / "cards.pdf")])
    assert args.handler(args) == 0
    assert seen == ["Buurtwerkkamer Vleuten"]


@pytest.mark.parametrize("site, missing", [("Buurtwerkkamer ሰላም", "ሰ"),
                                           ("مرحبا Leidsche Rijn", "م"),
                                           ("De Kamer \U0001F600", "\U0001F600")])
def test_a_site_name_the_card_font_cannot_draw_is_refused_before_printing(tmp_path, capsys,
                                                                         site, missing):
    """Empty boxes where the room's name should be, on cards already printed and cut:
    said before the sheet is written, with the first letter the font lacks."""
    out = tmp_path / "cards.pdf"
    args = cards_command().parse_args(["cards", "--count", "1", "--out", str(out),
                                       "--site", site])
    assert args.handler(args) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and f"'{missing}'" in error and "--site" in error
    assert not out.exists()


def test_every_letter_of_the_languages_site_names_use_is_drawn():
    """Dutch, Polish, Turkish and Ukrainian names (Łódź, İzmir, Київ) are on the card."""
    assert card_sheet.letters_it_cannot_draw("Buurtwerkkamer Łódź İzmir Київ é ß ç") == []
