"""When the room is open, as its key holders write it in the site file
([door.opening_hours]: `ma = "09:00-17:00"`, `za = "10:00-12:30, 13:30-16:00"`).

Only the door's invitation uses it (kiosk.attract_schedule): the welcome screen invites
the next visitor while someone could walk in, and rests while the room is shut. Nothing
is refused or counted differently outside these hours: a volunteer who opens early still
checks in. No Kivy here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

# "9:00-17:00", "09.00 - 12.30": as people write times on a door sign.
_SPAN = re.compile(r"\s*(\d{1,2})[:.](\d{2})\s*-\s*(\d{1,2})[:.](\d{2})\s*")
_DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class OpeningHours:
    # weekday (0 = Monday) -> the day's open spans, minutes after midnight in the site's
    # time zone, from inclusive and to exclusive; a weekday not here is a closed day.
    days: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)

    def open_at(self, local: datetime) -> bool:
        minute = local.hour * 60 + local.minute
        return any(start <= minute < end for start, end in self.days.get(local.weekday(), ()))


def parse_spans(text: str) -> tuple[tuple[int, int], ...]:
    """One day's hours as written in the site file; ValueError says what is wrong, in
    words for the coordinator (config.py puts the file and line in front)."""
    if not text.strip():
        raise ValueError("is empty: write the hours, such as \"09:00-17:00\", or leave the "
                         "day out on a closed day")
    spans = []
    for part in text.split(","):
        match = _SPAN.fullmatch(part)
        if not match:
            raise ValueError(f"must be hours such as \"09:00-17:00\", or two parts of the "
                             f"day such as \"09:00-12:30, 13:30-17:00\" (got {part.strip()!r})")
        start_hour, start_minute, end_hour, end_minute = map(int, match.groups())
        start, end = start_hour * 60 + start_minute, end_hour * 60 + end_minute
        for hour, minute, total in ((start_hour, start_minute, start),
                                    (end_hour, end_minute, end)):
            if minute > 59 or total > _DAY_MINUTES:
                raise ValueError(f"has {hour}:{minute:02d}, which is no time of day "
                                 f"(00:00 to 24:00)")
        if end <= start:
            raise ValueError(f"closes before it opens ({part.strip()}); a room open past "
                             f"midnight writes the rest on the next day, from \"00:00\"")
        spans.append((start, end))
    return tuple(sorted(spans))
