"""Opening hours as a room writes them on its door sign, and when the room is open."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.opening_hours import OpeningHours, parse_spans
from tests.conftest import AMSTERDAM


def at(day: int, hour: int, minute: int = 0) -> datetime:
    # 23 November 2026 is a Monday: day 0.
    return datetime(2026, 11, 23 + day, hour, minute, tzinfo=AMSTERDAM)


@pytest.mark.parametrize("text, spans", [
    ("09:00-17:00", ((540, 1020),)),
    ("9:00 - 17:00", ((540, 1020),)),
    ("09.00-17.00", ((540, 1020),)),
    ("13:30-17:00, 09:00-12:30", ((540, 750), (810, 1020))),
    ("00:00-24:00", ((0, 1440),)),
])
def test_hours_are_read_as_people_write_them(text, spans):
    assert parse_spans(text) == spans


@pytest.mark.parametrize("text, words", [
    ("", "is empty"),
    ("9-17", "must be hours such as"),
    ("09:00", "must be hours such as"),
    ("09:00-17:00;", "must be hours such as"),
    ("17:00-09:00", "closes before it opens"),
    ("09:00-09:00", "closes before it opens"),
    ("09:60-10:00", "no time of day"),
    ("23:00-24:30", "no time of day"),
    ("99:00-100:00", "must be hours such as"),
])
def test_wrong_hours_say_what_is_wrong(text, words):
    with pytest.raises(ValueError) as caught:
        parse_spans(text)
    assert words in str(caught.value)


def test_open_from_the_first_minute_until_the_closing_one_and_closed_on_days_not_written():
    hours = OpeningHours({0: parse_spans("09:00-17:00"), 4: parse_spans("09:00-12:30, 13:30-17:00")})
    assert not hours.open_at(at(0, 8, 59))
    assert hours.open_at(at(0, 9, 0))
    assert hours.open_at(at(0, 16, 59))
    assert not hours.open_at(at(0, 17, 0))
    assert not hours.open_at(at(1, 10))        # Tuesday: not written, closed
    assert hours.open_at(at(4, 12, 29))
    assert not hours.open_at(at(4, 13, 0))     # Friday's break
    assert hours.open_at(at(4, 13, 30))
    assert not hours.open_at(at(6, 10))        # Sunday
