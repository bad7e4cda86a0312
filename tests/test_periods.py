from datetime import date

import pytest

from kiosk.periods import parse_period, tertiaal_of


@pytest.mark.parametrize("text, first, last", [
    ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ("2026-T1", date(2026, 1, 1), date(2026, 4, 30)),
    ("2026-T2", date(2026, 5, 1), date(2026, 8, 31)),
    ("2026-t3", date(2026, 9, 1), date(2026, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2026-03-01..2026-06-30", date(2026, 3, 1), date(2026, 6, 30)),
])
def test_periods_parse_to_their_first_and_last_day(text, first, last):
    period = parse_period(text)
    assert (period.first, period.last) == (first, last)


@pytest.mark.parametrize("text", ["2026-T4", "2026-13", "26", "2026-06-30..2026-03-01",
                                  "volgende week"])
def test_bad_periods_are_refused_with_the_forms_that_work(text):
    with pytest.raises(ValueError, match="not a period"):
        parse_period(text)


def test_tertiaal_of_a_day():
    assert tertiaal_of(date(2026, 11, 26)).label == "2026-T3"
    assert tertiaal_of(date(2026, 4, 30)).label == "2026-T1"


def test_year_fraction_for_pro_rata_targets():
    assert parse_period("2026").year_fraction() == 1
    assert parse_period("2026-T1").year_fraction() == pytest.approx(120 / 365)


# -- what a coordinator may type after --period --------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from kiosk.periods import a_year_earlier, previous  # noqa: E402


def _period_like():
    day = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
    year = st.integers(0, 9999).map(lambda n: f"{n:04d}")
    return st.one_of(
        year,
        st.tuples(year, st.integers(0, 5)).map(lambda t: f"{t[0]}-T{t[1]}"),
        st.tuples(year, st.integers(0, 13)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
        st.tuples(day, day).map(lambda t: f"{t[0].isoformat()}..{t[1].isoformat()}"),
        st.text(max_size=30))


@settings(max_examples=400, deadline=None)
@given(_period_like())
def test_any_period_text_is_refused_with_a_value_error_or_can_be_reported(text):
    """The report counts the period, the one before it and the same one a year earlier:
    a period whose neighbours the calendar cannot hold ('0001') is refused as typed."""
    try:
        period = parse_period(text)
    except ValueError as error:
        assert str(error).startswith(repr(text.strip()))
        return
    assert previous(period).last < period.first
    assert a_year_earlier(period).first < period.first


@pytest.mark.parametrize("text", ["0001", "0001-T1", "0001-01", "0001-01-01..0001-01-05",
                                  "0001-01-01..9999-12-31"])
def test_a_period_at_the_start_of_the_calendar_says_why_it_is_refused(text):
    with pytest.raises(ValueError, match="too far back"):
        parse_period(text)
