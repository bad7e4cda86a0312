"""The review sheet: written for one language, filled in as a spreadsheet program would
(openpyxl), and read back into a copy of the catalog and the site file."""

import gettext
import shutil
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from kiosk import translation_sheet as sheet
from kiosk.cli import main
from kiosk.config import DEFAULT_CONFIG, load_config
from kiosk.i18n import LOCALE_DIR
from kiosk.spoken import sentences
from kiosk import messages

REVIEWER = "Amanuel Tesfay"
DAY = date(2026, 12, 3)


@pytest.fixture
def room(tmp_path):
    """A copy of the catalogs (ti to review, nl for the Dutch column) and of the site file."""
    locale = tmp_path / "locale"
    for language in ("ti", "nl", "so"):
        shutil.copytree(LOCALE_DIR / language, locale / language)
    site_path = tmp_path / "site.toml"
    shutil.copy(DEFAULT_CONFIG, site_path)
    return locale, site_path


def snapshot(locale: Path, site_path: Path) -> dict:
    files = [p for p in sorted(locale.rglob("*")) if p.is_file()] + [site_path]
    return {str(p): p.read_bytes() for p in files}


def entries(po: Path) -> dict:
    with open(po, "rb") as handle:
        catalog = read_po(handle)
    return {m.id: (m.string, sorted(m.flags), list(m.user_comments), m.locations)
            for m in catalog if m.id}, catalog


def rows_by_english(workbook) -> dict:
    lines = workbook["Lines"]
    found = {}
    for row in range(2, lines.max_row + 1):
        found.setdefault((lines.cell(row, 4).value, lines.cell(row, 2).value), []).append(row)
    return {english: rows for (english, _where), rows in found.items()}


def row_of(workbook, english: str, index: int = 0) -> int:
    return next(rows[index] for key, rows in rows_by_english(workbook).items() if key == english)


def tick(lines, row: int, meaning=True, natural=True, polite=True, embarrassing=False):
    for column, value in zip((9, 10, 11, 12), (meaning, natural, polite, embarrassing)):
        lines.cell(row, column).value = "x" if value else None


def fresh_sheet(tmp_path, locale, site_path, language="ti") -> Path:
    out = tmp_path / f"{language}-review.xlsx"
    sheet.write_sheet(out, language, load_config(site_path), locale)
    return out


def test_a_filled_sheet_approves_and_corrects_exactly_its_lines(tmp_path, room):
    locale, site_path = room
    out = fresh_sheet(tmp_path, locale, site_path)
    po = locale / "ti" / "LC_MESSAGES" / "kiosk.po"
    before, catalog_before = entries(po)
    site_before = site_path.read_text("utf-8").splitlines()
    assert catalog_before["Welcome back!"].fuzzy and catalog_before["Last time"].fuzzy

    book = load_workbook(out)
    lines, start = book["Lines"], book["Start"]
    start["B5"], start["B6"] = REVIEWER, "2026-12-03"
    start["C11"] = "ካርድ, some say ካርታ"
    tick(lines, row_of(book, "Welcome back!"))                   # a doubtful draft, approved
    tick(lines, row_of(book, "Welcome!"))                        # a plain draft, approved
    coming_in = row_of(book, "I'm coming in")
    lines.cell(coming_in, 13).value = "ኣትየ ኣለኹ"                 # corrected and approved
    tick(lines, coming_in)
    last_time = row_of(book, "Last time")
    lines.cell(last_time, 13).value = "  ዝሓለፈ ግዜ "               # corrected, not approved
    tick(lines, last_time, natural=False, polite=False)
    tick(lines, row_of(book, "OK, got it"), embarrassing=True)  # never approved
    tick(lines, row_of(book, "Ask {contact}."), polite=False)   # not all three: not approved
    months = [row for english, rows in rows_by_english(book).items()
              if english and "{months}" in english for row in rows]
    assert len(months) == 2                                      # Tigrinya: two forms
    for row in months:
        tick(lines, row)
    tick(lines, row_of(book, "Dutch conversation"))              # a site name, doubted
    garden = row_of(book, "Garden")
    lines.cell(garden, 13).value = "ስራሕ ጀርዲን"                   # a site name, corrected
    book.save(out)

    outcome = sheet.apply_review(out, load_config(site_path), locale, today=date(2027, 1, 1))
    assert (outcome.approved, outcome.corrected, outcome.site_changed) == (4, 2, True)
    assert outcome.embarrassing == ["OK, got it"]

    after, catalog_after = entries(po)
    note = [f"approved: {REVIEWER}, 2026-12-03"]
    months_id = next(key for key in after if isinstance(key, tuple) and "{months}" in key[0])
    approved = {"Welcome back!", "Welcome!", "I'm coming in", months_id}
    for key in approved:
        assert "fuzzy" not in after[key][1] and after[key][2][-1:] == note, key
    assert after["I'm coming in"][0] == "ኣትየ ኣለኹ"
    assert after["Last time"][0] == "ዝሓለፈ ግዜ" and "fuzzy" in after["Last time"][1]
    changed = {key for key in before if before[key] != after[key]}
    assert changed == approved | {"Last time"}                    # nothing else moved
    assert catalog_after.last_translator == f"{REVIEWER} (native speaker review)"
    assert catalog_after.revision_date.date() == DAY
    assert f"Reviewed by {REVIEWER} on 2026-12-03: 4 line(s) approved, 2 corrected." \
        in catalog_after.header_comment
    assert "ካርድ, some say ካርታ" in catalog_after.header_comment
    for field in ("project", "version", "language_team", "plural_forms", "charset"):
        assert getattr(catalog_after, field) == getattr(catalog_before, field)

    compiled = gettext.translation("kiosk", locale, languages=["ti"])
    assert compiled.gettext("I'm coming in") == "ኣትየ ኣለኹ"   # the .mo was recompiled

    site_after = site_path.read_text("utf-8").splitlines()
    assert len(site_after) == len(site_before)
    differing = [(old, new) for old, new in zip(site_before, site_after) if old != new]
    assert differing == [
        ('ti = "ሆላንድኛ ምዝራብ"  # draft: to be checked by a native speaker',
         f'ti = "ሆላንድኛ ምዝራብ"  # approved: {REVIEWER}, 2026-12-03'),
        # corrected, not approved: still a draft, as "Last time" in the catalog
        ('ti = "ጀርዲን"  # draft: to be checked by a native speaker',
         'ti = "ስራሕ ጀርዲን"  # draft: to be checked by a native speaker')]
    assert load_config(site_path).activity("tuindienst").name("ti") == "ስራሕ ጀርዲን"


def test_an_untouched_sheet_changes_nothing(tmp_path, room):
    locale, site_path = room
    out = fresh_sheet(tmp_path, locale, site_path)
    book = load_workbook(out)
    book["Start"]["B5"] = REVIEWER
    book.save(out)
    before = snapshot(locale, site_path)
    outcome = sheet.apply_review(out, load_config(site_path), locale, today=DAY)
    assert (outcome.approved, outcome.corrected, outcome.site_changed) == (0, 0, False)
    assert snapshot(locale, site_path) == before


def test_the_sheet_has_a_row_per_line_the_questions_first_and_the_sentences_to_record(
        tmp_path, room):
    locale, site_path = room
    site = load_config(site_path)
    out = fresh_sheet(tmp_path, locale, site_path)
    lines = sheet.review_lines("ti", site, locale)
    book = load_workbook(out)
    keys = [book["Lines"].cell(row, 1).value for row in range(2, book["Lines"].max_row + 1)]
    assert keys == [line.key for line in lines] and len(set(keys)) == len(keys)
    door = len(messages.VISITOR) + 2 * len(messages.VISITOR_PLURALS)
    site_texts = len(site.activities) + len(site.topics) + 2
    assert len(keys) > door + site_texts                      # + the privacy notice
    assert book["Lines"]._images, "a screenshot beside the first line of each screen"
    start = "\n".join(str(c.value) for row in book["Start"].iter_rows() for c in row if c.value)
    for word in ("card", "scanner", "volunteer", "the room", "debt", "rent"):
        assert f"'{word}'" in start
    assert sheet.REGISTER["ti"] in start
    recorded = [book["Speech"].cell(row, 2).value for row in range(2, book["Speech"].max_row + 1)]
    assert recorded == sentences(site, "ti")
    page = out.with_suffix(".html").read_text("utf-8")
    assert page.count('class="boxes"') == len(lines) and "ካርድ ኣሎኩም ዶ?" in page
    assert "data:image/png;base64," in page and 'font-family: "KioskDraft"' in page
    assert "<script" not in page and "http" not in page       # prints anywhere, offline


def test_every_door_sentence_says_on_which_screen_it_is():
    with open(LOCALE_DIR / "kiosk.pot", "rb") as handle:
        template = read_po(handle)
    screens = {m: sheet.screen_of(m, template[m].locations) for m in sheet.door_ids(template)}
    assert [m for m in messages.VISITOR + messages.VISITOR_PLURALS
            if sheet.screen_of(m) in ("privacy", "other")] == []
    assert list(screens.values()).count("privacy") > 20 and "other" not in screens.values()


def _damage(book, change: str):
    lines = book["Lines"]
    if change == "key":
        lines["A5"] = "ti-0000000000"
    elif change == "other language":
        lines["A5"] = "so-" + lines["A5"].value.split("-", 1)[1]
    elif change == "deleted row":
        lines.delete_rows(7)
    elif change == "draft edited":
        lines["F3"] = "ሰላም"
    elif change == "placeholder lost":
        row = row_of(book, "Ask {contact}.")
        lines.cell(row, 13).value = "ሕተቱ።"
    elif change == "not a tick":
        lines["J4"] = "maybe"
    elif change == "no name":
        book["Start"]["B5"] = None
    elif change == "columns moved":
        lines["D1"], lines["E1"] = "Dutch", "English"


@pytest.mark.parametrize("change, message", [
    ("key", "is not a line of this language"),
    ("other language", "belongs to a sheet for so"),
    ("deleted row", "the sheet lacks 1 line(s) of ti"),
    ("draft edited", "row 3: the draft is not the one in the kiosk now"),
    ("placeholder lost", "must have {contact} in curly brackets"),
    ("not a tick", "row 4, 'natural': 'maybe' is not a tick"),
    ("no name", "no reviewer's name"),
    ("columns moved", "columns of the sheet 'Lines' were moved"),
])
def test_a_damaged_sheet_is_refused_in_one_line_and_changes_nothing(tmp_path, room, change,
                                                                    message):
    locale, site_path = room
    out = fresh_sheet(tmp_path, locale, site_path)
    book = load_workbook(out)
    book["Start"]["B5"] = REVIEWER
    tick(book["Lines"], 2)
    _damage(book, change)
    book.save(out)
    before = snapshot(locale, site_path)
    with pytest.raises(sheet.SheetError) as refused:
        sheet.apply_review(out, load_config(site_path), locale, today=DAY)
    assert message in str(refused.value) and "\n" not in str(refused.value)
    assert snapshot(locale, site_path) == before


def test_a_sheet_for_another_language_or_no_sheet_at_all_is_refused(tmp_path, room, capsys,
                                                                    monkeypatch):
    locale, site_path = room
    out = fresh_sheet(tmp_path, locale, site_path, "so")
    before = snapshot(locale, site_path)
    monkeypatch.setenv("KIOSK_CONFIG", str(site_path))
    monkeypatch.setattr(sheet, "LOCALE_DIR", locale)
    assert main(["translations", "apply", str(out), "--lang", "ti"]) == 2
    assert "this sheet is for so (Soomaali), not ti" in capsys.readouterr().err
    page = out.with_suffix(".html")
    assert main(["translations", "apply", str(page)]) == 2
    assert "is not a review sheet" in capsys.readouterr().err
    assert main(["translations", "apply", str(tmp_path / "nothing.xlsx")]) == 2
    assert "there is no file" in capsys.readouterr().err
    assert snapshot(locale, site_path) == before


def test_a_site_file_that_cannot_be_written_is_said_and_nothing_changes(tmp_path, room,
                                                                      capsys, monkeypatch):
    locale, site_path = room
    out = fresh_sheet(tmp_path, locale, site_path)
    book = load_workbook(out)
    book["Start"]["B5"] = REVIEWER
    book["Lines"].cell(row_of(book, "Garden"), 13).value = "ስራሕ ጀርዲን"
    tick(book["Lines"], row_of(book, "Welcome!"))
    book.save(out)
    before = snapshot(locale, site_path)
    real_access = sheet.os.access
    # As the kiosk user on a site file owned by root (the tests run as root, who may write
    # anything, so the refusal is simulated at the one place that asks).
    monkeypatch.setattr(sheet.os, "access", lambda path, mode: real_access(path, mode)
                        and Path(path) != site_path)
    monkeypatch.setenv("KIOSK_CONFIG", str(site_path))
    monkeypatch.setattr(sheet, "LOCALE_DIR", locale)
    assert main(["translations", "apply", str(out)]) == 2
    error = capsys.readouterr().err
    assert f"cannot write {site_path}: permission denied" in error
    assert "nothing was changed" in error
    assert snapshot(locale, site_path) == before


def test_the_cli_writes_the_sheet_and_the_page(tmp_path, room, capsys, monkeypatch):
    locale, site_path = room
    monkeypatch.setenv("KIOSK_CONFIG", str(site_path))
    monkeypatch.setattr(sheet, "LOCALE_DIR", locale)
    assert main(["translations", "sheet", "--lang", "ti", "--out",
                 str(tmp_path / "ti.xlsx")]) == 0
    assert (tmp_path / "ti.xlsx").is_file() and (tmp_path / "ti.html").is_file()
    assert main(["translations", "sheet", "--lang", "ti", "--out",
                 str(tmp_path / "ti.pdf")]) == 2
    assert "ending in .xlsx" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["translations", "sheet", "--lang", "nl", "--out", str(tmp_path / "nl.xlsx")])


CELL = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.datetimes(), st.sampled_from(["x", "X ", "ja", "0", "{contact}", "=1+1", "ti-", "so-1",
                                     "{", "}", " "]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
COLUMNS = st.sampled_from([1, 6, 9, 10, 11, 12, 13])


_ODD_SHEET_BYTES = None


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(2, 40), COLUMNS, CELL), max_size=6),
       name=CELL, day=CELL)
def test_odd_cell_values_are_applied_or_refused_in_one_line(tmp_path_factory, edits, name,
                                                            day):
    tmp_path = tmp_path_factory.mktemp("odd")
    locale = tmp_path / "locale"
    for language in ("ti", "nl"):
        shutil.copytree(LOCALE_DIR / language, locale / language)
    site_path = tmp_path / "site.toml"
    shutil.copy(DEFAULT_CONFIG, site_path)
    # The same untouched sheet for every example: made once (with its screen pictures it
    # is most of an example's time), copied after.
    if _ODD_SHEET_BYTES is None:
        globals()["_ODD_SHEET_BYTES"] = fresh_sheet(tmp_path, locale, site_path).read_bytes()
    out = tmp_path / "ti-review.xlsx"
    out.write_bytes(_ODD_SHEET_BYTES)
    book = load_workbook(out)
    book["Start"]["B5"], book["Start"]["B6"] = name, day
    for row, column, value in edits:
        book["Lines"].cell(row, column).value = value
    book.save(out)
    before = snapshot(locale, site_path)
    try:
        sheet.apply_review(out, load_config(site_path), locale, today=DAY)
    except sheet.SheetError as error:
        assert "\n" not in str(error) and str(error)
        assert snapshot(locale, site_path) == before
        return
    # Applied: whatever it wrote still loads, and the catalog still compiles and reads.
    load_config(site_path)
    gettext.translation("kiosk", locale, languages=["ti"]).gettext("Welcome!")
