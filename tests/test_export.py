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


def test_nightly_export_catches_up_missing_days_only(site, store, tmp_path, monkeypatch):
    from datetime import date, datetime

    from kiosk.export_job import run_export
    from tests.conftest import AMSTERDAM, FakeNow

    now = FakeNow(datetime(2026, 11, 9, 10, tzinfo=AMSTERDAM))  # days that are over
    door = Door(site, store, clock=FakeClockWatch(), now=now)
    for _ in range(3):
        door.check_in("inloop", "nl")
        now.advance(days=1)
    store.compact()
    out = tmp_path / "exports"
    first = run_export(site, store.directory, out, until=date(2026, 11, 10))
    assert [p.name for p in first.files] == ["visits-2026-11-09.csv", "visits-2026-11-10.csv"]
    before = {p.name: p.read_bytes() for p in out.glob("visits-*.csv")}
    second = run_export(site, store.directory, out, until=date(2026, 11, 11))  # Pi was off
    assert [p.name for p in second.files] == ["visits-2026-11-11.csv"]
    assert {p.name: p.read_bytes() for p in out.glob("visits-*.csv")
            if p.name in before} == before
    assert first.summary.name == "summary-2026-11.csv"


def test_purge_waits_for_the_export(site, store, tmp_path):
    from datetime import date, datetime, timezone

    from kiosk.retention import purge
    from kiosk.visits import Visit
    from tests.conftest import AMSTERDAM

    old = datetime(2024, 2, 3, 10, tzinfo=AMSTERDAM)
    recent = datetime(2026, 11, 25, 10, tzinfo=AMSTERDAM)
    for when in (old, recent):
        store.append(Visit(kind="checkin", site="s", utc=when.astimezone(timezone.utc),
                           local=when, language="nl", clock_synced=True, activity="inloop"))
    exports = tmp_path / "exports"
    assert purge(store, date(2026, 11, 26), 24, exports=exports) == []
    export_days(store.visits(), exports)
    assert (exports / "visits-2024-02-03.csv").exists()
    assert purge(store, date(2026, 11, 26), 24, exports=exports) == ["2024-02"]
    assert not (exports / "visits-2024-02-03.csv").exists()  # the exported rows go too


def test_the_day_in_progress_is_never_exported_as_final(site, store, tmp_path):
    from datetime import datetime

    from kiosk.export_job import run_export

    now = datetime.now(site.timezone)
    door = Door(site, store, clock=FakeClockWatch(), now=lambda: now)
    door.check_in("inloop", "nl")
    store.compact()
    run = run_export(site, store.directory, tmp_path / "out")  # default: until yesterday
    assert run.files == [] and run.rows == 0
    asked_for = run_export(site, store.directory, tmp_path / "out", until=now.date())
    assert asked_for.files == []  # not even when asked for: tomorrow it is final


def test_a_late_visit_on_an_exported_day_reaches_its_file(site, store, tmp_path):
    """The clock went back: a new visit is dated on a day whose file already exists."""
    from datetime import date, datetime

    from kiosk.export import exported_seqs, unexported_days
    from kiosk.export_job import run_export
    from tests.conftest import AMSTERDAM, FakeNow

    now = FakeNow(datetime(2026, 11, 9, 10, tzinfo=AMSTERDAM))
    door = Door(site, store, clock=FakeClockWatch(), now=now)
    door.check_in("inloop", "nl")
    out = tmp_path / "exports"
    run_export(site, store.directory, out, until=date(2026, 11, 10))
    day = out / "visits-2026-11-09.csv"
    assert len(exported_seqs(day)) == 1
    now.advance(hours=2)                      # a late visit, on the day already exported
    door.check_in("kookclub", "nl")
    store.compact()
    assert unexported_days(store.visits(), out) == {date(2026, 11, 9)}
    again = run_export(site, store.directory, out, until=date(2026, 11, 10))
    assert [p.name for p in again.files] == ["visits-2026-11-09.csv"] and again.rows == 2
    assert len(exported_seqs(day)) == 2
    assert unexported_days(store.visits(), out) == set()
    written = day.read_bytes()
    mtime = day.stat().st_mtime_ns
    quiet = run_export(site, store.directory, out, until=date(2026, 11, 10))
    assert quiet.files == [] and quiet.rows == 0        # nothing changed: nothing written
    assert day.read_bytes() == written and day.stat().st_mtime_ns == mtime


def test_retention_waits_for_a_late_visit_to_be_exported(site, store, tmp_path):
    from datetime import date, datetime, timezone

    from kiosk.retention import purge
    from kiosk.visits import Visit
    from tests.conftest import AMSTERDAM

    def at(when):
        store.append(Visit(kind="checkin", site="s", utc=when.astimezone(timezone.utc),
                           local=when, language="nl", clock_synced=True, activity="inloop"))

    at(datetime(2024, 2, 3, 10, tzinfo=AMSTERDAM))
    at(datetime(2026, 11, 25, 10, tzinfo=AMSTERDAM))
    exports = tmp_path / "exports"
    export_days(store.visits(), exports)
    at(datetime(2024, 2, 3, 15, tzinfo=AMSTERDAM))  # late, after its day was exported
    assert purge(store, date(2026, 11, 26), 24, exports=exports) == []
    assert "2024-02" in store.months()


def test_a_failed_export_of_any_kind_is_recorded_for_the_doctor(site, store, tmp_path,
                                                                monkeypatch):
    import pytest

    import kiosk.export_job as export_job
    from kiosk.doctor import examine

    _history(site, store, __import__("tests.conftest", fromlist=["FakeNow"]).FakeNow())
    store.compact()

    def broken(*args, **kwargs):
        raise TypeError("something unforeseen")

    monkeypatch.setattr(export_job, "export_days", broken)
    with pytest.raises(TypeError):
        export_job.run_export(site, store.directory, tmp_path / "out")
    findings = examine(store.directory, clock=FakeClockWatch(True))
    assert any(not f.ok and "FAILED" in f.text and "something unforeseen" in f.text
               for f in findings)


def test_the_export_never_shrinks_a_day_file_the_store_lost_a_visit_of(site, store, tmp_path):
    import json
    from datetime import date, datetime

    from kiosk.export import exported_seqs
    from kiosk.export_job import run_export
    from kiosk.store import VisitStore
    from tests.conftest import AMSTERDAM, FakeNow

    now = FakeNow(datetime(2026, 11, 9, 10, tzinfo=AMSTERDAM))
    door = Door(site, store, clock=FakeClockWatch(), now=now)
    for _ in range(3):
        door.check_in("inloop", "nl")
    store.close()
    out = tmp_path / "exports"
    run_export(site, store.directory, out, until=date(2026, 11, 10))
    month = store.directory / "visits-2026-11.json"
    document = json.loads(month.read_text())
    document["visits"]["2"]["kind"] = 9                      # the store loses visit 2
    month.write_text(json.dumps(document))
    with VisitStore.open_writer(store.directory):
        pass
    again = run_export(site, store.directory, out, until=date(2026, 11, 10))
    assert exported_seqs(out / "visits-2026-11-09.csv") == {1, 2, 3}   # the better copy
    assert any("no longer has" in problem for problem in again.problems)


def test_since_and_until_never_shrink_the_months_summary(site, store, tmp_path, monkeypatch):
    """summary-YYYY-MM.csv is this month up to yesterday, whatever days the export was
    asked for: `--since 2026-11-25` rewrote it with five days' numbers, and an October
    range with zeros."""
    from datetime import date, datetime

    import kiosk.export_job as export_job
    from kiosk.export_job import run_export
    from tests.conftest import AMSTERDAM, FakeNow

    class Thursday(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 11, 26, 9, tzinfo=AMSTERDAM).astimezone(tz)

    monkeypatch.setattr(export_job, "datetime", Thursday)
    now = FakeNow(datetime(2026, 10, 30, 10, tzinfo=AMSTERDAM))
    door = Door(site, store, clock=FakeClockWatch(), now=now)
    for _ in range(20):
        door.check_in("inloop", "nl", new_card())
        door.check_in("kookclub", "nl")
        now.advance(days=1)
    store.compact()
    out = tmp_path / "exports"
    whole = run_export(site, store.directory, out).summary.read_bytes()
    for since, until in [(date(2026, 11, 15), None), (date(2026, 10, 1), date(2026, 10, 31)),
                         (date(2026, 11, 2), date(2026, 11, 3))]:
        run = run_export(site, store.directory, out, since=since, until=until)
        assert (out / "summary-2026-11.csv").read_bytes() == whole, (since, until)
        assert run.summary in (None, out / "summary-2026-11.csv")


def test_a_clock_set_back_leaves_a_finished_months_summary_whole(site, store, tmp_path,
                                                                   monkeypatch):
    """A Pi off from 28 October to 2 November boots with its saved time (28 October) and
    the export timer runs before the network time: summary-2026-10.csv, complete since
    1 November and never written again after, was rewritten with 27 days."""
    from datetime import datetime

    import kiosk.export_job as export_job
    from kiosk.export_job import run_export
    from tests.conftest import AMSTERDAM, FakeNow

    clock = {"now": datetime(2026, 11, 1, 2, tzinfo=AMSTERDAM)}

    class Pi(datetime):
        @classmethod
        def now(cls, tz=None):
            return clock["now"].astimezone(tz)

    monkeypatch.setattr(export_job, "datetime", Pi)
    now = FakeNow(datetime(2026, 10, 20, 10, tzinfo=AMSTERDAM))
    door = Door(site, store, clock=FakeClockWatch(), now=now)
    for _ in range(12):  # 20 to 31 October
        door.check_in("inloop", "nl", new_card())
        now.advance(days=1)
    store.compact()
    out = tmp_path / "exports"
    run_export(site, store.directory, out)
    whole = (out / "summary-2026-10.csv").read_bytes()
    clock["now"] = datetime(2026, 10, 28, 2, tzinfo=AMSTERDAM)
    run = run_export(site, store.directory, out)
    assert (out / "summary-2026-10.csv").read_bytes() == whole
    assert any("clock" in problem for problem in run.problems)


def test_visits_of_today_are_no_sign_of_a_clock_behind(site, store, tmp_path):
    """The coordinator's USB button exports in opening hours, after today's first visit."""
    from datetime import datetime

    from kiosk.export_job import run_export
    from tests.conftest import FakeNow

    now = FakeNow(datetime.now().astimezone() - timedelta(days=2))
    door = Door(site, store, clock=FakeClockWatch(), now=now)
    for _ in range(3):
        door.check_in("inloop", "nl")
        now.advance(days=1)
    run = run_export(site, store.directory, tmp_path / "out")
    assert run.summary is not None and not any("clock" in p for p in run.problems)
