"""Visit.from_record: the quick look at a record as written and the precise check agree."""

from datetime import datetime, timedelta, timezone

import pytest

from kiosk import schema
from kiosk.visits import CHECKIN, QUESTION, SHIFT_END, Visit
from tests.conftest import THURSDAY_MORNING


def _visits() -> list[Visit]:
    at = THURSDAY_MORNING
    common = dict(site="test", utc=at.astimezone(timezone.utc), local=at, language="ar",
                  clock_synced=True, seq=7)
    return [
        Visit(kind=CHECKIN, activity="kookclub", card="K123", first_visit=True, **common),
        Visit(kind=CHECKIN, activity="inloop", **common),
        Visit(kind=QUESTION, topic="brief", queue_number=12, **common),
        Visit(kind=SHIFT_END, card="V9", shift_minutes=225, auto_closed=True,
              clock_suspect=True, **common),
    ]


@pytest.mark.parametrize("original", _visits(), ids=lambda v: v.kind)
def test_a_record_as_written_reads_back_as_the_same_visit_by_either_path(original):
    record = original.to_record()
    quick, precise = Visit.from_record(record), Visit._from_record_checked(record)
    assert quick == precise == original
    assert quick.utc == original.utc and quick.local.utcoffset() == original.local.utcoffset()
    assert quick.local_date == original.local_date and quick.month == original.month
    assert hash(quick) == hash(original)


def test_a_record_with_its_keys_in_another_order_is_still_a_visit():
    original = _visits()[0]
    record = dict(reversed(list(original.to_record().items())))  # a hand edit, a migration
    assert Visit.from_record(record) == original


def _damaged(change) -> dict:
    record = _visits()[0].to_record()
    change(record)
    return record


@pytest.mark.parametrize("change", [
    lambda r: r.__setitem__("seq", True),                  # a JSON true where a number was
    lambda r: r.__setitem__("clock_synced", 1),            # a 1 where a JSON true was
    lambda r: r.__setitem__("queue_number", "7"),
    lambda r: r.__setitem__("kind", "checkout"),
    lambda r: r.__setitem__("utc", "2026-11-26T09:00:00"),  # no zone
    lambda r: r.__setitem__("local", "yesterday"),
    lambda r: r.__setitem__("cArd", r.pop("card")),
    lambda r: r.pop("first_visit"),
    lambda r: r.__setitem__("extra", 1),
    lambda r: r.__setitem__("kind", "feedback"),           # a survey answer without a face
    lambda r: r.__setitem__("answer", 4),                  # a face on a check-in
    lambda r: r.update(kind="feedback", answer=9),
], ids=["seq-bool", "synced-int", "queue-str", "kind", "naive-time", "bad-time", "cArd",
        "missing", "extra-key", "feedback-no-face", "face-on-checkin", "face-9"])
def test_a_damaged_record_is_refused_with_a_value_error(change):
    with pytest.raises(ValueError):
        Visit.from_record(_damaged(change))


def test_a_record_from_a_newer_kiosk_is_refused_as_such():
    with pytest.raises(schema.NewerSchema):
        Visit.from_record(_damaged(lambda r: r.__setitem__("v", schema.CURRENT + 1)))


@pytest.mark.parametrize("record", ["text", 5, None, ["kind"]])
def test_a_record_that_is_not_an_object_is_refused(record):
    with pytest.raises(ValueError):
        Visit.from_record(record)


def test_a_visit_read_back_is_frozen_like_any_other():
    visit = Visit.from_record(_visits()[0].to_record())
    with pytest.raises(AttributeError):
        visit.card = "someone else"
    assert visit.with_store_fields(8, False).seq == 8
    assert visit.local - timedelta(hours=1) < visit.local
    assert isinstance(visit.utc, datetime)
