import tarfile
from datetime import datetime, timedelta

import pytest

from kiosk.backup import rotate, snapshot
from kiosk.cards import new_card
from kiosk.cli import main
from kiosk.door import Door
from kiosk.store import VisitStore
from tests.conftest import FakeClockWatch


def test_a_snapshot_taken_while_writing_restores_every_visit(site, store, now, tmp_path):
    door = Door(site, store, clock=FakeClockWatch(), now=now)
    for day in range(40):
        door.check_in("inloop", "nl", new_card() if day % 2 else None)
        now.advance(days=1)
        if day == 20:
            store.compact()
    # Visits in the journal and in month files at the time of the snapshot.
    archive = snapshot(store.directory, tmp_path / "backups")
    restored = tmp_path / "restored"
    with tarfile.open(archive) as tar:
        tar.extractall(restored, filter="data")
    with VisitStore.open_writer(restored) as copy:
        assert [v.seq for v in copy.visits()] == [v.seq for v in store.visits()]
        assert copy.cards.keys() == store.cards.keys()


def test_a_compaction_during_the_snapshot_loses_nothing(site, store, now, tmp_path,
                                                        monkeypatch):
    import kiosk.backup as backup

    door = Door(site, store, clock=FakeClockWatch(), now=now)
    for _ in range(5):
        door.check_in("inloop", "nl")
    real_read = type(tmp_path).read_bytes
    compacted = []

    def read_and_compact(path):
        data = real_read(path)
        if path.name == "journal.jsonl" and not compacted:
            compacted.append(store.compact())  # right after the journal was read
        return data

    monkeypatch.setattr(type(tmp_path), "read_bytes", read_and_compact)
    archive = backup.snapshot(store.directory, tmp_path / "backups")
    monkeypatch.undo()
    restored = tmp_path / "restored"
    with tarfile.open(archive) as tar:
        tar.extractall(restored, filter="data")
    assert compacted == [5]
    assert [v.seq for v in VisitStore.open_reader(restored).visits()] == [1, 2, 3, 4, 5]


def test_rotation_keeps_the_newest(tmp_path, data_dir):
    data_dir.mkdir()
    (data_dir / "state.json").write_text("{}")
    start = datetime(2026, 11, 1, 2, 30)
    for night in range(16):
        snapshot(data_dir, tmp_path / "b", keep=14, now=start + timedelta(days=night))
    names = sorted(p.name for p in (tmp_path / "b").iterdir())
    assert len(names) == 14 and names[0] == "kiosk-backup-20261103-023000.tar.gz"
    assert len(rotate(tmp_path / "b", 3)) == 11


def test_kiosk_backup_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    assert main(["backup", "--out", str(tmp_path / "b")]) == 2
    main(["demo-data", "--days", "3", "--visits-per-day", "5"])
    assert main(["backup", "--out", str(tmp_path / "b"), "--keep", "2"]) == 0
    assert len(list((tmp_path / "b").glob("*.tar.gz"))) == 1


def test_the_snapshot_just_written_is_never_rotated_away(tmp_path, data_dir):
    data_dir.mkdir()
    (data_dir / "state.json").write_text("{}")
    out = tmp_path / "b"
    newer = [snapshot(data_dir, out, now=datetime(2026, 12, day, 2, 30)) for day in (1, 2, 3)]
    # A Pi without a real-time clock after a power cut: today's snapshot has an older name.
    written = snapshot(data_dir, out, keep=2, now=datetime(2026, 11, 1, 2, 30))
    assert written.exists() and newer[-1].exists()
    assert sorted(out.iterdir()) == [written, newer[-1]]
    assert snapshot(data_dir, out, keep=0, now=datetime(2026, 12, 9, 2, 30)).exists()
    assert rotate(out, -1) == [] and len(list(out.iterdir())) == 1


@pytest.mark.parametrize("keep, why", [("0", "at least 1"), ("-3", "at least 1"),
                                       ("x", "not a whole number")])
def test_backup_keep_below_one_is_refused(tmp_path, monkeypatch, capsys, keep, why):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    main(["demo-data", "--days", "2", "--visits-per-day", "2"])
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit:
        main(["backup", "--out", str(tmp_path / "b"), "--keep", keep])
    assert exit.value.code == 2
    error = capsys.readouterr().err
    assert error.splitlines()[-1].startswith("kiosk backup: error: argument --keep:")
    assert why in error.splitlines()[-1] and "Traceback" not in error
    assert not (tmp_path / "b").exists()
