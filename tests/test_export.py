import csv
from datetime import timedelta

from kiosk.cards import new_card
from kiosk.door import Door
from kiosk.export import COLUMNS, export_days
from tests.conftest import FakeClockWatch


def _history(site, store, now):
    door = Door(site, store, clock=FakeClockWatch(), now=now)
    card = new_card()
    door.check_in("kookclub", "nl", card)
    door.ask_question("money", "en")
    now.advance(days=1)
    door.check_in("inloop", "nl", card)
    return card


def test_one_file_per_day_with_one_row_per_visit(site, store, now, tmp_path):
    card = _history(site, store, now)
    files = export_days(store.visits(), tmp_path / "out")
    assert [f.name for f in files] == ["visits-2026-11-26.csv", "visits-2026-11-27.csv"]
    raw = files[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert tuple(rows[0]) == COLUMNS
    assert [(r["kind"], r["activity"], r["topic"], r["card"], r["first_visit"], r["language"])
            for r in rows] == [("checkin", "kookclub", "", card.token, "1", "nl"),
                               ("question", "", "money", "", "0", "en")]
    assert rows[0]["site_id"] == "leidsche-rijn"
    assert rows[0]["date"] == "2026-11-26" and rows[0]["time"] == "10:00:00"
    assert rows[1]["queue_number"] == "1"


def test_rfc4180_dialect_is_plain_comma_separated_utf8(site, store, now, tmp_path):
    _history(site, store, now)
    [first, _] = export_days(store.visits(), tmp_path, dialect="rfc4180")
    raw = first.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.splitlines()[0].decode() == ",".join(COLUMNS)


def test_exporting_twice_gives_the_same_bytes(site, store, now, tmp_path):
    _history(site, store, now)
    first = [p.read_bytes() for p in export_days(store.visits(), tmp_path / "a")]
    second = [p.read_bytes() for p in export_days(store.visits(), tmp_path / "b")]
    assert first == second


def test_days_without_visits_get_no_file(site, store, now, tmp_path):
    door = Door(site, store, clock=FakeClockWatch(), now=now)
    door.check_in("inloop", "nl")
    now.advance(days=5)
    door.check_in("inloop", "nl")
    assert len(export_days(store.visits(), tmp_path)) == 2
    assert store.visits()[1].local_date - store.visits()[0].local_date == timedelta(days=5)
