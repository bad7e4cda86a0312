"""Reporting periods: a month, a tertiaal (Jan-Apr, May-Aug, Sep-Dec), a year, a range.

Written as `2026-11`, `2026-T3`, `2026`, or `2026-03-01..2026-06-30`: the way the
municipality's reports name them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date


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
