"""What the kiosk records: one row per check-in or question, and nothing about the person.

No names, no free text: an activity or topic id, an optional pseudonymous card token, the
time, the language of the screen. That is all the counts need (AVG/GDPR: data minimisation).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone

from . import schema

CHECKIN = "checkin"
QUESTION = "question"
# A volunteer's card at the door: the first scan starts a shift, the next one ends it.
SHIFT_START = "shift_start"
SHIFT_END = "shift_end"
# A volunteer marked a question as helped on the coordinator's screen.
QUESTION_HELPED = "question_helped"
# "Hoe was het vandaag?" answered at the door on the way out: one of five faces.
FEEDBACK = "feedback"
KINDS = (CHECKIN, QUESTION, SHIFT_START, SHIFT_END, QUESTION_HELPED, FEEDBACK)
# The faces, saddest to happiest; 4 and 5 are the positive answers.
ANSWERS = (1, 2, 3, 4, 5)


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
    # For FEEDBACK: the face tapped (ANSWERS); the activity is the one the card checked in
    # to last that day, None for the room as a whole.
    answer: int | None = None
    # Set by the store: a number that only goes up, and whether the wall clock went
    # backwards before this visit (a Pi without a real-time clock after a power cut).
    seq: int | None = None
    clock_suspect: bool = False

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown visit kind {self.kind!r}")
        if self.utc.tzinfo is None or self.local.tzinfo is None:
            raise ValueError("visit times must carry their time zone")
        if (self.kind == FEEDBACK) != (self.answer is not None) or \
                (self.answer is not None and self.answer not in ANSWERS):
            raise ValueError(f"a {self.kind} with answer {self.answer!r}")

    @property
    def local_date(self) -> date:
        return self.local.date()

    @property
    def month(self) -> str:
        return self.local.strftime("%Y-%m")

    def with_store_fields(self, seq: int, clock_suspect: bool) -> "Visit":
        return replace(self, seq=seq, clock_suspect=clock_suspect)

    def to_record(self) -> dict:
        # Field by field, not dataclasses.asdict: that deep-copies both datetimes, which
        # cost more than the fsync of the check-in it is written for.
        record = {name: getattr(self, name) for name in _FIELDS}
        record["utc"] = self.utc.astimezone(timezone.utc).isoformat(timespec="milliseconds")
        record["local"] = self.local.isoformat(timespec="seconds")
        record["date"] = self.local_date.isoformat()
        record["v"] = schema.CURRENT
        return record

    @classmethod
    def from_record(cls, record: dict) -> "Visit":
        """The visit a stored record describes; ValueError when the record is not one.

        Every field's type is checked: a flipped bit that turns `"seq"` into `"sEq"` or a
        number into a string must be caught here, where the record is read, not as a
        TypeError deep inside a count (or at every start of the kiosk).
        """
        # Read for every visit of every month a report or the Cijfers tab summarises: a
        # record exactly as to_record wrote it (its keys in their order, the types of its
        # values as one tuple) is recognised in one look; any other record goes the slow
        # way, which upgrades an old one or says what is wrong with it.
        try:
            if tuple(record) == _WRITTEN_ORDER and \
                    tuple(map(type, record.values())) in _WRITTEN_SHAPES and \
                    record["v"] == schema.CURRENT and record["kind"] in KINDS:
                visit = _build(cls, record)
                if visit is not None:
                    return visit
        except (TypeError, ValueError):
            pass  # not a dict, or a time that is not one: the precise path says which
        return cls._from_record_checked(record)

    @classmethod
    def _from_record_checked(cls, record: dict) -> "Visit":
        if not isinstance(record, dict):
            raise ValueError("a visit record must be a JSON object")
        if record.get("v") != schema.CURRENT:
            record = schema.upgrade(record)
        # Every field, and nothing else: a flipped bit in a key ("cArd") must not pass as a
        # visit without a card. Exact type lookups also tell a JSON true from a 1.
        keys = record.keys()
        if keys != _ALL_KEYS and (keys - _KNOWN_KEYS or _FIELD_SET - keys):
            raise ValueError(f"a visit record with keys {', '.join(sorted(keys ^ _ALL_KEYS))} "
                             "not as written")
        fields = {key: record[key] for key in _FIELDS}
        for key, value in fields.items():
            if type(value) not in _TYPES[key]:
                raise ValueError(f"{key} of a visit record is {type(value).__name__}")
        fields["utc"] = datetime.fromisoformat(fields["utc"])
        fields["local"] = datetime.fromisoformat(fields["local"])
        return cls(**fields)


_FIELDS = tuple(Visit.__dataclass_fields__)
_FIELD_SET = frozenset(_FIELDS)
_KNOWN_KEYS = _FIELD_SET | {"date", "v"}   # to_record adds both
_ALL_KEYS = _KNOWN_KEYS
_NONE = type(None)
_TYPES = {key: frozenset(types) for key, types in {
    "kind": (str,), "site": (str,), "utc": (str,), "local": (str,), "language": (str,),
    "clock_synced": (bool,), "activity": (str, _NONE), "topic": (str, _NONE),
    "card": (str, _NONE), "first_visit": (bool,), "queue_number": (int, _NONE),
    "shift_minutes": (int, _NONE), "auto_closed": (bool,), "answer": (int, _NONE),
    "seq": (int,),
    "clock_suspect": (bool,),
}.items()}

# A record as to_record writes it: the fields in order, then "date" and "v"; and every
# combination of value types it can have (each optional field may be None): 32 tuples, so
# checking a record's shape is one set lookup.
_WRITTEN_ORDER = _FIELDS + ("date", "v")
_WRITTEN_SHAPES = frozenset(itertools.product(
    *(tuple(_TYPES[key]) for key in _FIELDS), (str,), (int,)))


def _build(cls, record: dict) -> Visit | None:
    """The visit of a record whose shape is already checked (None when assemble refuses
    it: the precise path then says why)."""
    fields = dict(record)
    del fields["date"], fields["v"]
    fields["utc"] = datetime.fromisoformat(fields["utc"])
    fields["local"] = datetime.fromisoformat(fields["local"])
    return assemble(cls, fields)


def assemble(cls, fields: dict) -> Visit | None:
    """A visit from every field, each already of a type the field allows, without the
    frozen dataclass's __init__; None when __post_init__ would refuse it, so the caller
    takes its precise path, which says why. For readers of many visits at once (month
    files, CSV exports): the 15 frozen-attribute sets cost as much as the rest of a read."""
    kind, answer = fields["kind"], fields["answer"]
    if kind not in KINDS or fields["utc"].tzinfo is None or fields["local"].tzinfo is None:
        return None
    if (kind == FEEDBACK) != (answer is not None) or \
            (answer is not None and answer not in ANSWERS):
        return None
    visit = object.__new__(cls)
    visit.__dict__.update(fields)
    return visit
