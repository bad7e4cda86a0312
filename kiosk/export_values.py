"""The values in a day file's cells (kiosk/export.py writes them), read back as the kiosk
wrote them or as a spreadsheet saved them again.

A coordinator may open a day file in Excel or LibreOffice and save it: the 1s and 0s of
`first_visit` come back as TRUE/FALSE (WAAR/ONWAAR in a Dutch Excel), 2026-11-02 as
2-11-2026 or 02-11-26, 09:05:09 as 9:05. Each spelling that can mean only one thing is
read; anything else is refused with what was found and what is expected, never guessed
at: a flag read as "no" because it said WAAR once made 39 new people 0.

Each function takes the cell's text (after csv_cells.original_text) and returns the value
or raises CellError, whose message is what the coordinator reads after the file, line and
column.
"""

from __future__ import annotations

import re
from datetime import date, time

# What a coordinator can do about a date or time that is refused.
_ORIGINAL = "open the original file from the kiosk's USB stick"
DATE_ADVICE = (f"{_ORIGINAL}, or give the date column the format yyyy-mm-dd (jjjj-mm-dd in "
               "a Dutch Excel) before saving")
TIME_ADVICE = (f"{_ORIGINAL}, or give the time column the format hh:mm:ss (uu:mm:ss in a "
               "Dutch Excel) before saving")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


class CellError(ValueError):
    pass


# Every spelling is compared in upper case, after spaces. Excel and LibreOffice write a
# true/false cell in the language of their menus; the room's spreadsheets are Dutch or
# English.
_FLAGS = {"1": True, "0": False, "TRUE": True, "FALSE": False, "WAAR": True, "ONWAAR": False}
# The spellings as written, for a reader's look-up before it strips and upper-cases.
FLAG_SPELLINGS = {**_FLAGS, **{s.title(): v for s, v in _FLAGS.items()},
                  **{s.lower(): v for s, v in _FLAGS.items()}}


def flag(text: str) -> bool:
    found = FLAG_SPELLINGS.get(text)
    if found is None:
        found = _FLAGS.get(text.strip().upper())
    if found is None:
        raise CellError(f"found {shown(text)}; expected 1 or 0 (a spreadsheet's TRUE or "
                        "FALSE, WAAR or ONWAAR also reads)")
    return found


_DIGITS = re.compile(r"[0-9]+")


def whole_number(text: str) -> int:
    # Only ASCII digits: int() would also take "+7", "1_0" or Arabic-Indic digits, none of
    # which the kiosk or a spreadsheet writes; "1.234" could be a thousand or 1,234.
    stripped = text.strip()
    if not _DIGITS.fullmatch(stripped):
        raise CellError(f"found {shown(text)}; expected a whole number such as 12")
    return int(stripped)


def optional_whole_number(text: str) -> int | None:
    return whole_number(text) if text.strip() else None


_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_YEAR_FIRST = re.compile(r"([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})")
# Dutch Excel's short date (d-m-jjjj) and LibreOffice's (dd-mm-jj): day first, always.
_DAY_FIRST = re.compile(r"([0-9]{1,2})-([0-9]{1,2})-([0-9]{4}|[0-9]{2})")
_SLASHED = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})")


def day(text: str) -> date:
    stripped = text.strip()
    if match := _ISO.fullmatch(stripped) or _YEAR_FIRST.fullmatch(stripped):
        year, month, number = match.groups()
    elif match := _DAY_FIRST.fullmatch(stripped):
        number, month, year = match.groups()
    elif match := _SLASHED.fullmatch(stripped):
        # A Dutch spreadsheet writes the day first, an American one the month: the same
        # cell is two different days, and nothing in the file says which spreadsheet
        # saved it. Never read, also when only one order gives a real day.
        raise CellError(f"found {shown(text)}: with slashes the order of day and month "
                        f"depends on the spreadsheet (Dutch: {_reading(match, 1, 2)}, "
                        f"American: {_reading(match, 2, 1)}), so it is not read; "
                        f"{DATE_ADVICE}")
    else:
        raise CellError(f"found {shown(text)}; expected a date such as 2026-11-02 (also "
                        f"read: 2-11-2026 and 02-11-26, day first); {DATE_ADVICE}")
    try:
        return date(_full_year(year), int(month), int(number))
    except ValueError:
        raise CellError(f"found {shown(text)}: there is no such day; {DATE_ADVICE}") \
            from None


def _full_year(year: str) -> int:
    # A two-digit year is this century's: the kiosk was not there before 2000, and a file
    # read back in 2100 will have four digits by then.
    return int(year) + 2000 if len(year) == 2 else int(year)


def _reading(match: re.Match, day_at: int, month_at: int) -> str:
    number, month = int(match[day_at]), int(match[month_at])
    try:
        date(_full_year(match[3]), month, number)
    except ValueError:
        return "no such day"
    return f"{number} {_MONTHS[month - 1]}"


# 09:05:09 as the kiosk writes it, 9:05:09 or 9:05 (seconds dropped) as a spreadsheet's
# time format may save it.
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")


_KIOSK_TIME = re.compile(r"[0-9]{2}:[0-9]{2}:[0-9]{2}")


def clock(text: str) -> time:
    if _KIOSK_TIME.fullmatch(text):
        # As the kiosk writes it: Python's own parser, quicker (a year's read meets some
        # 28,000 different times); 24:00:00 is refused below as any other.
        try:
            return time.fromisoformat(text)
        except ValueError:
            pass
    match = _TIME.fullmatch(text.strip())
    if match:
        hour, minute, second = match.groups()
        try:
            return time(int(hour), int(minute), int(second or 0))
        except ValueError:
            pass
    raise CellError(f"found {shown(text)}; expected a time of day such as 14:05:09 (also "
                    f"read: 9:05); {TIME_ADVICE}")


def shown(text: str) -> str:
    # A cell can hold anything, also a whole line of another file: enough to recognise.
    if not text.strip():
        return "nothing"
    return repr(text if len(text) <= 40 else text[:40] + "...")
