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
