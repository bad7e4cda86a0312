"""Numbers, money, percentages, dates and period names the way the report's reader writes
them, through Babel's CLDR data: 1.411 uur, € 12.416,51, 30 november 2026 in Dutch."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from ..periods import Period, kind_of
from .texts import text


class Formatter:
    def __init__(self, language: str):
        self.language = language
        self.locale = "en_GB" if language == "en" else "nl_NL"

    def number(self, value: float | None, digits: int = 0) -> str:
        if value is None:
            return "–"
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(round(value, digits), format=pattern, locale=self.locale)

    def hours(self, value: float | None) -> str:
        # Whole hours: a funder reads 1.411 uur; minutes are in the CSV.
        return self.number(value, 0)

    def euro(self, value: float | None) -> str:
        if value is None:
            return "–"
        return format_currency(value, "EUR", locale=self.locale)

    def percent(self, value: float | None) -> str:
        """A percentage given as 0..100+ (83.3 -> "83%")."""
        if value is None:
            return "–"
        return self.number(value, 0) + "%"

    def date(self, day: date) -> str:
        return format_date(day, "long", locale=self.locale)

    def month(self, label: str, short: bool = False) -> str:
        year, number = int(label[:4]), int(label[5:7])
        return format_date(date(year, number, 1), "MMM" if short else "LLLL yyyy",
                           locale=self.locale)

    def period(self, period: Period) -> str:
        """"november 2026", "2e tertiaal 2026", "jaar 2026", "1 mei 2026 t/m 15 juni 2026"."""
        kind = kind_of(period)
        if kind == "month":
            return self.month(period.label)
        if kind == "tertiaal":
            return text("period_tertiaal", self.language).format(
                number=period.label[-1], year=period.first.year)
        if kind == "year":
            return text("period_year", self.language).format(year=period.first.year)
        return text("period_range", self.language).format(first=self.date(period.first),
                                                          last=self.date(period.last))

    def span(self, period: Period) -> str:
        return text("period_range", self.language).format(first=self.date(period.first),
                                                          last=self.date(period.last))
