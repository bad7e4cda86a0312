"""Reporting periods: a month, a tertiaal (Jan-Apr, May-Aug, Sep-Dec), a year, a range.

Written as `2026-11`, `2026-T3`, `2026`, or `2026-03-01..2026-06-30`: the way the
municipality's reports name them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Period:
    label: str
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def year_fraction(self) -> float:
        """Share of its year this period covers: a yearly target's pro-rata part."""
        days_in_year = 366 if calendar.isleap(self.first.year) else 365
        return self.days / days_in_year


def months_between(first: date, last: date) -> list[str]:
    """The months ("2026-11") from the one holding `first` to the one holding `last`."""
    months = []
    year, number = first.year, first.month
    while (year, number) <= (last.year, last.month):
        months.append(f"{year:04d}-{number:02d}")
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return months


def month(year: int, number: int) -> Period:
    last_day = calendar.monthrange(year, number)[1]
    return Period(f"{year:04d}-{number:02d}", date(year, number, 1), date(year, number, last_day))


def tertiaal(year: int, number: int) -> Period:
    first_month = 4 * (number - 1) + 1
    return Period(f"{year:04d}-T{number}", date(year, first_month, 1),
                  month(year, first_month + 3).last)


def year(number: int) -> Period:
    return Period(f"{number:04d}", date(number, 1, 1), date(number, 12, 31))


def tertiaal_of(day: date) -> Period:
    return tertiaal(day.year, (day.month - 1) // 4 + 1)


def parse_period(text: str) -> Period:
    text = text.strip()
    period = _parse(text)
    try:
        # Every report counts these two beside the period itself.
        previous(period), a_year_earlier(period)
    except (ValueError, OverflowError):
        raise ValueError(f"{text!r} is too far back: a report compares it with the period "
                         "before it and a year earlier, and the calendar starts in year 1"
                         ) from None
    return period


def _parse(text: str) -> Period:
    try:
        if re.fullmatch(r"\d{4}", text):
            return year(int(text))
        if match := re.fullmatch(r"(\d{4})-[Tt]([1-3])", text):
            return tertiaal(int(match.group(1)), int(match.group(2)))
        if match := re.fullmatch(r"(\d{4})-(\d{2})", text):
            return month(int(match.group(1)), int(match.group(2)))
        if match := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", text):
            first, last = date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2))
            if last < first:
                raise ValueError("the end is before the start")
            return Period(text, first, last)
    except ValueError as error:
        raise ValueError(f"{text!r} is not a period: {error}") from None
    raise ValueError(f"{text!r} is not a period; write 2026, 2026-T1, 2026-11 or "
                     "2026-03-01..2026-06-30")


def kind_of(period: Period) -> str:
    """"month", "tertiaal", "year" or "range": how the report names it and what comes before."""
    if re.fullmatch(r"\d{4}", period.label):
        return "year"
    if re.fullmatch(r"\d{4}-T[1-3]", period.label):
        return "tertiaal"
    if re.fullmatch(r"\d{4}-\d{2}", period.label):
        return "month"
    return "range"


def previous(period: Period) -> Period:
    """The period of the same kind just before: the comparison a funder asks for first."""
    kind = kind_of(period)
    if kind == "year":
        return year(period.first.year - 1)
    if kind == "tertiaal":
        number = (period.first.month - 1) // 4 + 1
        return tertiaal(period.first.year - 1, 3) if number == 1 \
            else tertiaal(period.first.year, number - 1)
    if kind == "month":
        return month(period.first.year - 1, 12) if period.first.month == 1 \
            else month(period.first.year, period.first.month - 1)
    last = period.first - timedelta(days=1)
    first = last - timedelta(days=period.days - 1)
    return Period(f"{first.isoformat()}..{last.isoformat()}", first, last)


def a_year_earlier(period: Period) -> Period:
    """The same period last year (29 February becomes the 28th)."""
    kind = kind_of(period)
    if kind in ("year", "tertiaal", "month"):
        shifted = f"{period.first.year - 1:04d}" + period.label[4:]
        return _parse(shifted)

    def back(day: date) -> date:
        return day.replace(year=day.year - 1, day=min(day.day, 28 if day.month == 2 else 31))

    first, last = back(period.first), back(period.last)
    return Period(f"{first.isoformat()}..{last.isoformat()}", first, last)
