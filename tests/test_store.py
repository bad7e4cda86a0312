import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

from kiosk.journal import encode_line
from kiosk.store import JOURNAL, StoreError, StoreLocked, VisitStore
from kiosk.visits import Visit
from tests.conftest import AMSTERDAM, THURSDAY_MORNING


def visit(at: datetime = THURSDAY_MORNING, card: str | None = None, activity="kookclub",
          **fields) -> Visit:
    fields.setdefault("clock_synced", True)
    return Visit(kind="checkin", site="test", utc=at.astimezone(timezone.utc), local=at,
                 language="nl", activity=activity, card=card, **fields)


def test_appended_visits_get_increasing_seq_and_are_read_back(store):
    stored = [store.append(visit(THURSDAY_MORNING + timedelta(minutes=i))) for i in range(3)]
    assert [v.seq for v in stored] == [1, 2, 3]
    assert store.visits() == stored


def test_a_visit_is_in_the_journal_file_when_append_returns(store, data_dir):
    store.append(visit())
    lines = (data_dir / JOURNAL).read_bytes().splitlines()
    assert len(lines) == 1


def test_visits_survive_reopening_and_compaction(data_dir):
    with VisitStore.open_writer(data_dir) as store:
        for i in range(5):
            store.append(visit(THURSDAY_MORNING + timedelta(days=20 * i), card="BAAAA"))
    with VisitStore.open_writer(data_dir) as store:
        visits = store.visits()
        assert [v.seq for v in visits] == [1, 2, 3, 4, 5]
        assert store.months() == ["2026-11", "2026-12", "2027-01", "2027-02"]
        assert store.cards["BAAAA"].visits == 5
        assert store.append(visit()).seq == 6


def test_compaction_twice_after_a_crash_does_not_duplicate(data_dir):
    with VisitStore.open_writer(data_dir) as store:
        store.append(visit())
        journal = (data_dir / JOURNAL).read_bytes()
        store.compact()
    # A crash between writing the partition and emptying the journal: the journal is back.
    (data_dir / JOURNAL).write_bytes(journal)
    with VisitStore.open_writer(data_dir) as store:
        assert [v.seq for v in store.visits()] == [1]


def test_date_range_selects_by_local_date(store):
    late_evening = datetime(2026, 11, 30, 23, 30, tzinfo=AMSTERDAM)  # 22:30 UTC
    store.append(visit(late_evening))
    store.append(visit(late_evening + timedelta(hours=1)))  # 1 December, local
    assert len(store.visits(since=date(2026, 11, 30), until=date(2026, 11, 30))) == 1
    assert len(store.visits(since=date(2026, 12, 1))) == 1


def test_a_torn_last_journal_line_is_dropped_and_kept_aside(data_dir):
    with VisitStore.open_writer(data_dir) as store:
        store.append(visit())
        store.compact()
    line = encode_line(visit(card="BTORN").with_store_fields(2, False).to_record())
    (data_dir / JOURNAL).write_bytes(line[: len(line) // 2])
    with VisitStore.open_writer(data_dir) as store:
        assert [v.seq for v in store.visits()] == [1]
        assert store.append(visit()).seq == 2
    assert list(data_dir.glob("journal.jsonl.torn-*"))


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2, 3]",
                                     b'{"meta": {"1": {"schema": 99}}}'])
def test_a_damaged_partition_is_moved_aside_and_the_kiosk_starts(data_dir, content):
    with VisitStore.open_writer(data_dir) as store:
        store.append(visit())
    (data_dir / "visits-2026-11.json").write_bytes(content)
    with VisitStore.open_writer(data_dir) as store:
        assert store.visits() == []
        assert not store.health.ok
        assert "moved aside" in store.health.problems[0]
        store.append(visit())
    assert len(list(data_dir.glob("visits-2026-11.json.corrupt-*"))) == 1


def test_a_damaged_state_file_is_rebuilt_from_the_partitions(data_dir):
    with VisitStore.open_writer(data_dir) as store:
        store.append(visit(card="BCARD"))
        store.append(visit(card="BCARD"))
    (data_dir / "state.json").write_text("garbage")
    with VisitStore.open_writer(data_dir) as store:
        assert store.cards["BCARD"].visits == 2
        assert store.append(visit()).seq == 3


def test_a_second_writer_is_refused_with_a_clear_message(store, data_dir):
    with pytest.raises(StoreLocked, match="already using"):
        VisitStore.open_writer(data_dir)


def test_a_second_writer_process_is_refused(store, data_dir):
    code = ("import sys; from kiosk.store import VisitStore, StoreLocked\n"
            f"try:\n VisitStore.open_writer({str(data_dir)!r})\n"
            "except StoreLocked as e:\n print(e); sys.exit(3)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 3
    assert str(os.getpid()) in result.stdout


def test_an_unwritable_data_dir_is_a_clear_error(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.geteuid() == 0:  # root may write anywhere: ask the question the way a user would
        monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(StoreError, match="not writable"):
        VisitStore.open_writer(locked)


def test_a_data_dir_that_cannot_be_created_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="Cannot create the data folder"):
        VisitStore.open_writer(blocker / "data")


def test_disk_full_keeps_the_visit_in_memory_and_retries(store, data_dir, monkeypatch):
    real_write = os.write

    def full(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    stored = store.append(visit())
    assert stored.seq == 1
    assert store.unsaved_count == 1
    assert "disk is full" in store.health.problems[0]
    assert [v.seq for v in store.visits()] == [1]
    monkeypatch.setattr(os, "write", real_write)
    store.append(visit())
    assert store.unsaved_count == 0
    store.compact()
    assert [v.seq for v in VisitStore.open_reader(data_dir).visits()] == [1, 2]


def test_clock_going_backwards_is_flagged_and_order_kept_by_seq(store):
    """A Pi without a real-time clock after a power cut: not synchronised, in the past."""
    store.append(visit(THURSDAY_MORNING))
    back = store.append(visit(THURSDAY_MORNING - timedelta(hours=3), clock_synced=False))
    later = store.append(visit(THURSDAY_MORNING + timedelta(minutes=1), clock_synced=False))
    assert back.clock_suspect and not later.clock_suspect
    assert [v.seq for v in store.visits()] == [1, 2, 3]


def test_a_synchronised_clock_is_trusted_after_it_was_wrong_ahead(store, data_dir):
    """NTP steps back a clock that had jumped ahead: later visits are not suspect."""
    store.append(visit(THURSDAY_MORNING + timedelta(days=900), clock_synced=False))
    right = store.append(visit(THURSDAY_MORNING))
    assert not right.clock_suspect
    assert not store.append(visit(THURSDAY_MORNING + timedelta(minutes=1),
                                  clock_synced=False)).clock_suspect


def test_a_flipped_last_time_in_the_state_file_does_not_make_every_visit_suspect(data_dir):
    _history(data_dir, 3)
    state = json.loads((data_dir / "state.json").read_text())
    state["last_utc"] = state["last_utc"].replace("2026", "2036")
    (data_dir / "state.json").write_text(json.dumps(state))
    with VisitStore.open_writer(data_dir) as store:
        assert not store.append(visit(THURSDAY_MORNING + timedelta(hours=1),
                                      clock_synced=False)).clock_suspect


def test_a_reader_sees_every_visit_once_while_the_writer_compacts(store, data_dir):
    for i in range(10):
        store.append(visit(THURSDAY_MORNING + timedelta(minutes=i)))
    reader = VisitStore.open_reader(data_dir)
    assert len(reader.visits()) == 10
    store.compact()
    store.append(visit())
    assert [v.seq for v in VisitStore.open_reader(data_dir).visits()] == list(range(1, 12))


def test_the_reader_does_not_need_the_lock_and_cannot_write(store, data_dir):
    reader = VisitStore.open_reader(data_dir)
    with pytest.raises(StoreError):
        reader.append(visit())


def test_records_hold_no_free_text_fields(store, data_dir):
    store.append(visit(card="BABC"))
    store.compact()
    record = next(iter(json.loads((data_dir / "visits-2026-11.json").read_text())["visits"]
                       .values()))
    assert set(record) == {"v", "seq", "kind", "site", "utc", "local", "date", "language",
                           "clock_synced", "activity", "topic", "card", "first_visit",
                           "queue_number", "clock_suspect", "shift_minutes", "auto_closed",
                           "answer"}


def test_a_failed_compaction_leaves_the_journal_writable(store, data_dir, monkeypatch):
    import kiosk.store as store_module

    store.append(visit())
    real = store_module.write_atomic

    def failing(path, data):
        if path.name == JOURNAL:
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(store_module, "write_atomic", failing)
    with pytest.raises(OSError):
        store.compact()
    monkeypatch.setattr(store_module, "write_atomic", real)
    store.append(visit())
    store.append(visit())
    assert store.unsaved_count == 0
    store.close()
    assert [v.seq for v in VisitStore.open_reader(data_dir).visits()] == [1, 2, 3]


def test_a_failed_fsync_is_retried_without_storing_the_visit_twice(store, data_dir,
                                                                    monkeypatch):
    import kiosk.journal as journal_module

    real_fsync = journal_module.os.fsync
    calls = {"n": 0}

    class FlakyOs:
        def __getattr__(self, name):
            return getattr(os, name)

        def fsync(self, fd):
            calls["n"] += 1
            if calls["n"] == 1:
                raise OSError(5, "Input/output error")
            return real_fsync(fd)

    monkeypatch.setattr(journal_module, "os", FlakyOs())
    store.append(visit(card="BFLAKY"))
    assert store.unsaved_count == 1 and not store.health.ok
    store.append(visit())
    assert store.unsaved_count == 0
    monkeypatch.setattr(journal_module, "os", os)
    lines = (data_dir / JOURNAL).read_bytes().splitlines()
    assert len(lines) == 2


def test_a_journal_with_a_visit_written_twice_still_opens(data_dir):
    with VisitStore.open_writer(data_dir) as store:
        store.append(visit())
    line = encode_line(visit(card="BTWICE").with_store_fields(2, False).to_record())
    (data_dir / JOURNAL).write_bytes(line + line)
    with VisitStore.open_writer(data_dir) as store:
        assert [v.seq for v in store.visits()] == [1, 2]
        assert store.cards["BTWICE"].visits == 1


def test_a_damaged_card_index_is_rebuilt_and_journal_visits_are_not_counted_twice(data_dir):
    with VisitStore.open_writer(data_dir) as store:
        store.append(visit(card="BCARD"))
        store.compact()
        store.append(visit(card="BCARD"))  # stays in the journal
        store._journal.close()
        store._journal = None
    (data_dir / "cards.json").write_text("{}")
    with VisitStore.open_writer(data_dir) as store:
        assert store.cards["BCARD"].visits == 2
        assert any("cards.json" in p for p in store.health.problems)


def test_a_start_after_a_power_cut_keeps_the_card_index_and_reads_no_old_month(
        data_dir, monkeypatch):
    # Visits left in the journal (the plug pulled, no clean close) are compacted at the
    # next start, before the card index is loaded. That compaction must write the index
    # with the seq it holds: written as 0, every later start saw it "behind the month
    # files", flagged it to the coordinator and rebuilt it from every month file.
    with VisitStore.open_writer(data_dir) as store:
        store.append(visit(THURSDAY_MORNING - timedelta(days=62), card="BOLD"))
        store.compact()
        store.append(visit(card="BCUT"))
        store._journal.close()
        store._journal = None                          # no close(): the power went
    with VisitStore.open_writer(data_dir) as store:
        assert not store.health.problems
    assert json.loads((data_dir / "cards.json").read_text())["seq"] == 2
    read = []
    original = VisitStore.read_month
    monkeypatch.setattr(VisitStore, "read_month",
                        lambda self, month: read.append(month) or original(self, month))
    with VisitStore.open_writer(data_dir) as store:
        assert store.cards["BCUT"].visits == 1 and store.cards["BOLD"].visits == 1
        assert not store.health.problems
    assert "2026-09" not in read                       # the old month stays unread


def test_a_reader_loads_the_card_index_only_when_asked(store, data_dir):
    store.append(visit(card="BLAZY"))
    store.compact()
    store.append(visit(card="BLAZY"))
    reader = VisitStore.open_reader(data_dir)
    assert reader._cards is None
    assert reader.cards["BLAZY"].visits == 2


# -- hardening: no confirmed visit is lost ------------------------------------------------

def _history(data_dir, count=10, start=THURSDAY_MORNING):
    with VisitStore.open_writer(data_dir) as store:
        for n in range(count):
            store.append(visit(at=start + timedelta(minutes=n), card=f"BHIST{n}"))


def _crash(store):
    """The process dies: the journal is not compacted at close."""
    store._journal.close()
    store._journal = None


def test_a_missing_state_file_does_not_reuse_sequence_numbers(data_dir):
    _history(data_dir, 273)
    (data_dir / "state.json").unlink()
    with VisitStore.open_writer(data_dir) as store:
        new = [store.append(visit(at=THURSDAY_MORNING + timedelta(hours=3, minutes=n)))
               for n in range(5)]
        assert min(v.seq for v in new) == 274
    visits = VisitStore.open_reader(data_dir).visits()
    assert len(visits) == 278 and len({v.seq for v in visits}) == 278


def test_a_backup_restored_mid_compaction_does_not_reuse_sequence_numbers(data_dir, tmp_path):
    _history(data_dir, 10)
    old_state = (data_dir / "state.json").read_bytes()
    with VisitStore.open_writer(data_dir) as store:  # the kiosk compacts five more...
        for n in range(5):
            store.append(visit(at=THURSDAY_MORNING + timedelta(hours=1, minutes=n)))
    # ...while the backup had read state.json before, the journal and months after.
    (data_dir / "state.json").write_bytes(old_state)
    with VisitStore.open_writer(data_dir) as store:
        assert [store.append(visit(at=THURSDAY_MORNING + timedelta(hours=2, minutes=n))).seq
                for n in range(3)] == [16, 17, 18]
    assert len(VisitStore.open_reader(data_dir).visits()) == 18


def test_a_seq_clash_is_renumbered_never_dropped(data_dir):
    _history(data_dir, 3)
    clash = visit(at=THURSDAY_MORNING + timedelta(hours=5), card="BCLASH")
    (data_dir / JOURNAL).write_bytes(encode_line(clash.with_store_fields(2, False).to_record()))
    with VisitStore.open_writer(data_dir) as store:
        assert any("already in use" in p for p in store.health.problems)
    for _ in range(2):  # and a second start (the journal emptied or not) adds nothing
        with VisitStore.open_writer(data_dir):
            pass
    visits = VisitStore.open_reader(data_dir).visits()
    assert len(visits) == 4 and len({v.seq for v in visits}) == 4
    assert [v.seq for v in visits if v.card == "BCLASH"] == [4]


def test_a_compaction_cut_short_after_a_renumbering_adds_nothing_twice(data_dir):
    _history(data_dir, 3)
    clash = visit(at=THURSDAY_MORNING + timedelta(hours=5), card="BCLASH")
    line = encode_line(clash.with_store_fields(2, False).to_record())
    (data_dir / JOURNAL).write_bytes(line)
    with VisitStore.open_writer(data_dir):
        pass
    (data_dir / JOURNAL).write_bytes(line)  # the crash came before the journal was emptied
    with VisitStore.open_writer(data_dir):
        pass
    assert len(VisitStore.open_reader(data_dir).visits()) == 4


def _flip_bits_in_lines(path, line_numbers):
    lines = path.read_bytes().splitlines(keepends=True)
    for number in line_numbers:
        damaged = bytearray(lines[number])
        damaged[20] ^= 0x04
        lines[number] = bytes(damaged)
    path.write_bytes(b"".join(lines))


def test_damage_in_the_last_lines_of_the_journal_is_flagged_not_taken_for_a_torn_write(
        data_dir):
    store = VisitStore.open_writer(data_dir)
    for n in range(5):
        store.append(visit(at=THURSDAY_MORNING + timedelta(minutes=n), card=f"BJ{n}"))
    _crash(store)
    store.close()
    _flip_bits_in_lines(data_dir / JOURNAL, [2, 3, 4])
    with VisitStore.open_writer(data_dir) as store:
        assert [v.card for v in store.visits()] == ["BJ0", "BJ1"]
        assert any("3 damaged line(s) in the journal" in p for p in store.health.problems)
    aside = list(data_dir.glob("journal.jsonl.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().count(b"\n") == 3
    assert not list(data_dir.glob("journal.jsonl.torn-*"))
    from kiosk.doctor import examine
    from tests.conftest import FakeClockWatch

    bad = [f.text for f in examine(data_dir, clock=FakeClockWatch(True)) if not f.ok]
    assert any("3 damaged line(s)" in text for text in bad)
    assert any("journal.jsonl.corrupt-" in text for text in bad)


def test_a_damaged_line_in_the_middle_keeps_every_readable_visit_after_it(data_dir):
    store = VisitStore.open_writer(data_dir)
    for n in range(5):
        store.append(visit(at=THURSDAY_MORNING + timedelta(minutes=n), card=f"BJ{n}"))
    _crash(store)
    store.close()
    _flip_bits_in_lines(data_dir / JOURNAL, [1])
    with VisitStore.open_writer(data_dir) as store:
        assert [v.card for v in store.visits()] == ["BJ0", "BJ2", "BJ3", "BJ4"]
        assert any("1 damaged line(s)" in p for p in store.health.problems)
        assert store.append(visit()).seq == 6


def _month_file(data_dir):
    return data_dir / "visits-2026-11.json"


@pytest.mark.parametrize("damage", [
    lambda doc: doc["visits"]["3"].__setitem__("sEq", doc["visits"]["3"].pop("seq")),
    lambda doc: doc["visits"].__setitem__("3", "a string, not a record"),
    lambda doc: doc["visits"]["3"].__setitem__("queue_number", "seven"),
    lambda doc: doc["visits"]["3"].__setitem__("v", 9),
    lambda doc: doc["visits"]["3"].__setitem__("seq", 30),
    lambda doc: doc["visits"]["3"].__setitem__("utc", "yesterday"),
], ids=["sEq", "string-record", "wrong-type", "flipped-version", "seq-mismatch", "bad-time"])
def test_one_bad_record_is_moved_aside_and_the_rest_of_the_month_kept(data_dir, damage):
    _history(data_dir, 5)
    document = json.loads(_month_file(data_dir).read_text())
    damage(document)
    _month_file(data_dir).write_text(json.dumps(document))
    with VisitStore.open_writer(data_dir) as store:
        assert [v.seq for v in store.visits()] == [1, 2, 4, 5]
        assert any("1 damaged record(s) in visits-2026-11.json" in p
                   for p in store.health.problems)
        assert store.append(visit()).seq == 6
    aside = list(data_dir.glob("visits-2026-11.json.corrupt-*"))
    assert len(aside) == 1 and "3" in json.loads(aside[0].read_text())
    assert [v.seq for v in VisitStore.open_reader(data_dir).visits()] == [1, 2, 4, 5, 6]


@pytest.mark.parametrize("shape", [
    {"meta": {"1": {"schema": 1, "month": "2026-11"}}, "visits": [1, 2]},
    {"meta": {"1": {"schema": 1, "month": "2026-11"}}, "visits": {"x1": {}}},
    {"meta": "no", "visits": {}},
    {"meta": {"1": {"schema": 1, "month": "2026-11"}}, "visits": "no"},
    [],
], ids=["table-a-list", "id-not-a-number", "meta-a-string", "visits-a-string", "a-list"])
def test_a_month_file_of_the_wrong_shape_does_not_stop_the_kiosk(data_dir, shape):
    _history(data_dir, 2)
    _month_file(data_dir).write_text(json.dumps(shape))
    with VisitStore.open_writer(data_dir) as store:
        assert not store.health.ok
        assert store.append(visit()).seq == 3
    assert list(data_dir.glob("visits-2026-11.json.corrupt-*"))


def test_a_reader_skips_a_bad_record_and_says_so(data_dir):
    _history(data_dir, 3)
    document = json.loads(_month_file(data_dir).read_text())
    document["visits"]["2"]["kind"] = 7
    _month_file(data_dir).write_text(json.dumps(document))
    reader = VisitStore.open_reader(data_dir)
    assert [v.seq for v in reader.visits()] == [1, 3]
    assert any("not visits" in p for p in reader.health.problems)
    assert not list(data_dir.glob("*.corrupt-*"))  # only the writer moves things


def test_flags_the_full_disk_refused_are_written_once_it_takes_them(data_dir, monkeypatch):
    import kiosk.store as store_module

    store = VisitStore.open_writer(data_dir)
    real_write = os.write
    real_json = store_module.write_json_atomic

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    monkeypatch.setattr(store_module, "write_json_atomic", full)
    for n in range(20):
        store.append(visit(at=THURSDAY_MORNING + timedelta(minutes=n)))
    assert store.unsaved_count == 20 and store.health.unwritten
    assert not (data_dir / "health.json").exists()
    from kiosk.doctor import examine
    from tests.conftest import FakeClockWatch

    findings = examine(data_dir, clock=FakeClockWatch(True), live=store)
    assert any(not f.ok and "20 visit(s) are held in memory" in f.text for f in findings)
    assert any(not f.ok and "disk is full" in f.text for f in findings)
    monkeypatch.setattr(os, "write", real_write)
    monkeypatch.setattr(store_module, "write_json_atomic", real_json)
    store.retry_writes()  # the kiosk's upkeep
    assert store.unsaved_count == 0 and not store.health.unwritten
    assert "disk is full" in (data_dir / "health.json").read_text()
    store.close()
    assert len(VisitStore.open_reader(data_dir).visits()) == 20


# -- a second reading found these ---------------------------------------------------------

@pytest.mark.parametrize("flip", [
    ('"visits"', '"vIsits"'), ('"meta"', '"mEta"'), ('"month":"2026-11"', '"month":"2026-1!"'),
    ('"schema":2', '"schema":3'), ('"3":{', '"s":{'),
], ids=["visits-table", "meta-table", "meta-month", "meta-schema", "document-id"])
def test_one_flipped_bit_in_a_month_files_frame_keeps_every_visit(data_dir, flip):
    _history(data_dir, 5)
    text = _month_file(data_dir).read_text()
    assert flip[0] in text
    _month_file(data_dir).write_text(text.replace(flip[0], flip[1], 1))
    with VisitStore.open_writer(data_dir) as store:
        assert [v.seq for v in store.visits()] == [1, 2, 3, 4, 5]
        assert any("recovered" in p for p in store.health.problems)
        assert store.append(visit()).seq == 6
    assert list(data_dir.glob("visits-2026-11.json.corrupt-*"))
    assert len(VisitStore.open_reader(data_dir).visits()) == 6


def test_a_flipped_key_of_an_optional_field_is_not_taken_for_a_visit_without_it(data_dir):
    _history(data_dir, 3)
    text = _month_file(data_dir).read_text()
    _month_file(data_dir).write_text(text.replace('"card"', '"cArd"', 1))
    with VisitStore.open_writer(data_dir) as store:
        assert len(store.visits()) == 2
        assert all(v.card for v in store.visits())
        assert any("damaged record" in p for p in store.health.problems)


def test_a_line_after_a_partial_write_that_could_not_be_taken_back_is_kept(data_dir,
                                                                          monkeypatch):
    import kiosk.journal as journal_module

    store = VisitStore.open_writer(data_dir)
    store.append(visit(card="BFIRST"))
    real_write, real_truncate = os.write, os.ftruncate
    calls = {"n": 0}

    def short_write(fd, data):
        calls["n"] += 1
        if calls["n"] == 1:
            real_write(fd, data[:7])  # half a line reaches the disk...
            return 7
        return real_write(fd, data)

    def no_truncate(fd, length):
        raise OSError(5, "Input/output error")  # ...and cannot be taken back

    monkeypatch.setattr(journal_module.os, "write", short_write)
    monkeypatch.setattr(journal_module.os, "ftruncate", no_truncate)
    store.append(visit(at=THURSDAY_MORNING + timedelta(minutes=1), card="BSECOND"))
    store.append(visit(at=THURSDAY_MORNING + timedelta(minutes=2), card="BTHIRD"))
    monkeypatch.setattr(journal_module.os, "write", real_write)
    monkeypatch.setattr(journal_module.os, "ftruncate", real_truncate)
    assert store.unsaved_count == 0
    _crash(store)
    store.close()
    with VisitStore.open_writer(data_dir) as reopened:
        assert [v.card for v in reopened.visits()] == ["BFIRST", "BSECOND", "BTHIRD"]


def test_damage_found_on_a_full_disk_does_not_stop_the_start(data_dir, monkeypatch):
    import kiosk.store as store_module

    store = VisitStore.open_writer(data_dir)
    for n in range(3):
        store.append(visit(at=THURSDAY_MORNING + timedelta(minutes=n)))
    _crash(store)
    store.close()
    _flip_bits_in_lines(data_dir / JOURNAL, [0, 1])

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module, "write_atomic", full)
    monkeypatch.setattr(store_module, "write_json_atomic", full)
    opened = VisitStore.open_writer(data_dir)
    assert [v.seq for v in opened.visits()] == [3]
    assert any("could not be set aside" in p for p in opened.health.problems)
    monkeypatch.undo()
    opened.close()


def test_a_card_index_that_does_not_match_the_months_is_rebuilt(data_dir):
    _history(data_dir, 3)
    cards = json.loads((data_dir / "cards.json").read_text())
    cards["seq"] = 700                                  # a flipped bit: ahead of everything
    (data_dir / "cards.json").write_text(json.dumps(cards))
    with VisitStore.open_writer(data_dir) as store:
        assert store.cards["BHIST2"].visits == 1
        new = store.append(visit(at=THURSDAY_MORNING + timedelta(hours=1), card="BNEW"))
        assert "BNEW" in store.cards and new.seq == 4
    old_cards = (data_dir / "cards.json").read_text()
    with VisitStore.open_writer(data_dir) as store:    # a backup restored mid-compaction
        store.append(visit(at=THURSDAY_MORNING + timedelta(hours=2), card="BLATER"))
    (data_dir / "cards.json").write_text(old_cards)
    with VisitStore.open_writer(data_dir) as store:
        assert "BLATER" in store.cards


def test_a_card_entry_of_the_wrong_type_never_costs_a_visit(data_dir):
    _history(data_dir, 1)
    cards = json.loads((data_dir / "cards.json").read_text())
    cards["cards"]["BHIST0"]["visits"] = "1"
    (data_dir / "cards.json").write_text(json.dumps(cards))
    with VisitStore.open_writer(data_dir) as store:
        stored = store.append(visit(at=THURSDAY_MORNING + timedelta(hours=1), card="BHIST0"))
        assert store.cards["BHIST0"].visits == 2
    assert stored.seq in {v.seq for v in VisitStore.open_reader(data_dir).visits()}


def test_a_problem_that_recurs_after_the_doctor_cleared_it_is_recorded_again(data_dir):
    from kiosk.doctor import clear_flags

    with VisitStore.open_writer(data_dir) as store:
        store.health.raise_flag("visits could not be saved (the disk is full)")
        clear_flags(data_dir)                          # `kiosk doctor --clear` meanwhile
        store.health.raise_flag("visits could not be saved (the disk is full)")
    assert "disk is full" in (data_dir / "health.json").read_text()


def test_many_clashes_are_one_flag_and_stay_fast(data_dir):
    import time

    _history(data_dir, 300)
    lines = [encode_line(visit(at=THURSDAY_MORNING + timedelta(hours=9, seconds=n),
                               card=f"BCL{n}").with_store_fields(n + 1, False).to_record())
             for n in range(300)]
    (data_dir / JOURNAL).write_bytes(b"".join(lines))
    started = time.monotonic()
    with VisitStore.open_writer(data_dir, fsync=False) as store:
        assert len(store.visits()) == 600 and len({v.seq for v in store.visits()}) == 600
        assert sum("already in use" in p for p in store.health.problems) == 1
    assert time.monotonic() - started < 10


def test_the_doctor_clear_acknowledges_damaged_files_without_deleting_them(data_dir):
    from kiosk.doctor import clear_flags, examine
    from tests.conftest import FakeClockWatch

    _history(data_dir, 2)
    _month_file(data_dir).write_text("garbage")
    with VisitStore.open_writer(data_dir):
        pass
    assert any(not f.ok for f in examine(data_dir, clock=FakeClockWatch(True)))
    clear_flags(data_dir)
    findings = examine(data_dir, clock=FakeClockWatch(True))
    assert all(f.ok for f in findings), findings
    assert list((data_dir / "set-aside").glob("visits-2026-11.json.corrupt-*"))


@pytest.mark.parametrize("damage", ["truncated", "one record"])
def test_a_reader_keeps_no_digest_of_a_damaged_month_so_the_next_one_hears_of_it(
        data_dir, damage):
    """`kiosk report` twice over a damaged month: the second must warn as the first did,
    not count the month from a digest made of what the damage left."""
    _history(data_dir)
    month = data_dir / "visits-2026-11.json"
    if damage == "truncated":
        month.write_bytes(month.read_bytes()[:200])
    else:
        document = json.loads(month.read_text())
        next(iter(document["visits"].values()))["sEq"] = 1
        month.write_text(json.dumps(document))
    for attempt in range(2):
        reader = VisitStore.open_reader(data_dir)
        reader.month_digest("2026-11", "count", len)
        assert not reader.health.ok, f"attempt {attempt + 1} heard nothing"
    assert not (data_dir / "digest-2026-11.json").exists()


# -- a folder where the kiosk keeps a file (a restore gone wrong, a hand at a terminal) --

def _a_folder_in_place_of(data_dir, name):
    """Two months of visits, then `name` replaced by a folder holding someone's file."""
    _history(data_dir, count=3, start=THURSDAY_MORNING - timedelta(days=31))
    _history(data_dir, count=3)
    path = data_dir / name
    path.unlink(missing_ok=True)
    path.mkdir()
    (path / "notes.txt").write_text("someone's file")


FILES = ["visits-2026-10.json", "journal.jsonl", "state.json", "cards.json"]


@pytest.mark.parametrize("name", FILES)
def test_the_kiosk_starts_beside_a_folder_where_its_file_belongs(data_dir, name):
    _a_folder_in_place_of(data_dir, name)
    with VisitStore.open_writer(data_dir) as store:
        assert any(name in p and "folder" in p for p in store.health.problems)
        kept = 3 if name == "visits-2026-10.json" else 6
        assert len(store.visits()) == kept
        store.append(visit(card="BNEW"))
    # The folder and what it held are moved aside, never deleted.
    moved = [p for p in data_dir.iterdir() if p.name.startswith(f"{name}.corrupt-")]
    assert len(moved) == 1 and (moved[0] / "notes.txt").read_text() == "someone's file"
    with VisitStore.open_writer(data_dir) as store:
        assert len(store.visits()) == kept + 1


@pytest.mark.parametrize("name", FILES)
def test_a_reader_beside_a_folder_where_a_file_belongs_says_so_and_reads_the_rest(
        data_dir, name):
    _a_folder_in_place_of(data_dir, name)
    reader = VisitStore.open_reader(data_dir)
    reader.verify_partitions()
    visits = reader.visits()
    reader.status()
    assert len(visits) == (3 if name == "visits-2026-10.json" else 6)
    if name != "state.json":  # (a reader has no use for the state file)
        assert any(name in p and "folder" in p for p in reader.health.problems)
    assert (data_dir / name / "notes.txt").exists()  # a reader changes nothing


def test_a_folder_in_place_of_the_lock_is_one_clear_refusal(data_dir):
    _history(data_dir, count=1)
    (data_dir / "kiosk.lock").unlink()
    (data_dir / "kiosk.lock").mkdir()
    with pytest.raises(StoreError, match="kiosk.lock is a folder.*move it out"):
        VisitStore.open_writer(data_dir)


def test_a_folder_without_any_of_the_stores_files_is_no_kiosk_data(tmp_path):
    """KIOSK_DATA_DIR mistyped to a folder that exists (a home folder, '/'): commands
    said 'Wrote 0 file(s)' and left a last-export.json among someone else's files."""
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "notes.txt").write_text("someone's")
    with pytest.raises(StoreError, match="no kiosk data in .*home.*KIOSK_DATA_DIR"):
        VisitStore.open_reader(folder)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    # A kiosk that has started once is a data folder, visits or not.
    VisitStore.open_writer(tmp_path / "data").close()
    assert VisitStore.open_reader(tmp_path / "data").visits() == []
