"""What the kiosk records: one row per check-in or question, and nothing about the person.

No names, no free text: an activity or topic id, an optional pseudonymous card token, the
time, the language of the screen. That is all the counts need (AVG/GDPR: data minimisation).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timezone

from . import schema

CHECKIN = "checkin"
QUESTION = "question"
# A volunteer's card at the door: the first scan starts a shift, the next one ends it.
SHIFT_START = "shift_start"
SHIFT_END = "shift_end"
# A volunteer marked a question as helped on the coordinator's screen.
QUESTION_HELPED = "question_helped"
KINDS = (CHECKIN, QUESTION, SHIFT_START, SHIFT_END, QUESTION_HELPED)


@dataclass(frozen=True)
class Visit:
    kind: str
    site: str
    utc: datetime
    local: datetime
    language: str
    clock_synced: bool
    activity: str | None = None
    topic: str | None = None
    card: str | None = None
    first_visit: bool = False
    queue_number: int | None = None
    # For SHIFT_END: the shift's length, and whether the kiosk closed it at the cap
    # because nobody scanned out (then the minutes are the cap, not the real time).
    shift_minutes: int | None = None
    auto_closed: bool = False
    # Set by the store: a number that only goes up, and whether the wall clock went
    # backwards before this visit (a Pi without a real-time clock after a power cut).
    seq: int | None = None
    clock_suspect: bool = False

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown visit kind {self.kind!r}")
        if self.utc.tzinfo is None or self.local.tzinfo is None:
            raise ValueError("visit times must carry their time zone")

    @property
    def local_date(self) -> date:
        return self.local.date()

    @property
    def month(self) -> str:
        return self.local.strftime("%Y-%m")

    def with_store_fields(self, seq: int, clock_suspect: bool) -> "Visit":
        return replace(self, seq=seq, clock_suspect=clock_suspect)

    def to_record(self) -> dict:
        record = asdict(self)
        record["utc"] = self.utc.astimezone(timezone.utc).isoformat(timespec="milliseconds")
        record["local"] = self.local.isoformat(timespec="seconds")
        record["date"] = self.local_date.isoformat()
        record["v"] = schema.CURRENT
        return record

    @classmethod
    def from_record(cls, record: dict) -> "Visit":
        if record.get("v") != schema.CURRENT:
            record = schema.upgrade(record)
        fields = {key: record[key] for key in _FIELDS if key in record}
        fields["utc"] = datetime.fromisoformat(record["utc"])
        fields["local"] = datetime.fromisoformat(record["local"])
        return cls(**fields)


_FIELDS = tuple(Visit.__dataclass_fields__)
