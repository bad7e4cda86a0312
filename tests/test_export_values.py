"""A day file's cells read back (kiosk/export_values.py): every spelling the kiosk or a
spreadsheet writes gives the value written, anything else a CellError that says what was
found, never another exception and never a guess."""

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.export_values import CellError, clock, day, flag, optional_whole_number, \
    whole_number
from tests.resave import DATE_STYLES, FLAG_STYLES, TIME_STYLES

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@given(DAYS, st.sampled_from(sorted(DATE_STYLES)))
def test_a_date_in_any_style_a_spreadsheet_writes_reads_back_as_that_date(written, style):
    assert day(DATE_STYLES[style](written)) == written


@given(st.times(), st.sampled_from(sorted(TIME_STYLES)))
def test_a_time_in_any_style_reads_back_to_the_second_or_the_minute(written, style):
    read = clock(TIME_STYLES[style](written))
    assert read == written.replace(microsecond=0, second=0 if style == "h:mm" else
                                   written.second)


@given(DAYS)
def test_a_date_with_slashes_is_never_read(written):
    for text in (f"{written.day}/{written.month}/{written.year}",
                 f"{written.month}/{written.day}/{written.year}",
                 f"{written.day:02d}/{written.month:02d}/{written.year % 100:02d}"):
        with pytest.raises(CellError, match="order of day and month depends on the "
                                            "spreadsheet"):
            day(text)


@given(st.sampled_from(sorted(FLAG_STYLES)), st.booleans())
def test_a_flag_in_any_spelling_reads_as_written(style, value):
    true, false = FLAG_STYLES[style]
    assert flag(true if value else false) is value


@given(st.text(max_size=30))
def test_any_cell_is_a_value_or_a_cell_error(text):
    for read in (day, clock, flag, whole_number, optional_whole_number):
        try:
            value = read(text)
        except CellError as error:
            message = str(error)
            assert message.startswith("found ") and "\n" not in message
        else:
            assert value is None or isinstance(value, (date, time, bool, int))


@given(st.text(max_size=10))
def test_a_flag_is_only_one_of_the_spellings(text):
    spelled = text.strip().upper()
    if spelled in ("1", "TRUE", "WAAR"):
        assert flag(text) is True
    elif spelled in ("0", "FALSE", "ONWAAR"):
        assert flag(text) is False
    else:
        with pytest.raises(CellError, match="expected 1 or 0"):
            flag(text)


@pytest.mark.parametrize("text", ["+7", "-3", "1_0", "٧", "²", "7.0", "1.234", "1,5", "1e3",
                                  "0x10", "", " "])
def test_a_whole_number_is_ascii_digits_only(text):
    with pytest.raises(CellError, match="expected a whole number"):
        whole_number(text)


def test_a_long_cell_is_shown_cut_short():
    with pytest.raises(CellError) as raised:
        day("x" * 500)
    assert len(str(raised.value)) < 400 and "xxx..." in str(raised.value)
