import os
from datetime import timezone

import pytest

from kiosk.cli import main
from kiosk.store import VisitStore
from kiosk.visits import Visit
from tests.conftest import THURSDAY_MORNING, FakeClockWatch
from kiosk.doctor import examine, last_export_finding, record_offsite
from kiosk.store import LAST_EXPORT


def _visit():
    return Visit(kind="checkin", site="s", utc=THURSDAY_MORNING.astimezone(timezone.utc),
                 local=THURSDAY_MORNING, language="nl", clock_synced=True, activity="inloop")


def test_a_healthy_store_is_all_ok(data_dir):
    with VisitStore.open_writer(data_dir) as store:
        store.append(_visit())
    findings = examine(data_dir, clock=FakeClockWatch(True))
    assert all(f.ok for f in findings), findings
    assert any("month files: 1 (2026-11 to 2026-11)" in f.text for f in findings)


def test_disk_errors_raised_in_the_kiosk_reach_the_doctor(data_dir, monkeypatch):
    with VisitStore.open_writer(data_dir) as store:
        monkeypatch.setattr(os, "write", lambda fd, data: (_ for _ in ()).throw(
            OSError(28, "No space left on device")))
        store.append(_visit())
        monkeypatch.undo()
    findings = examine(data_dir, clock=FakeClockWatch(True))
    assert any(not f.ok and "disk is full" in f.text for f in findings)


def test_damaged_files_and_unsynced_clock_need_attention(data_dir):
    with VisitStore.open_writer(data_dir) as store:
        store.append(_visit())
    (data_dir / "visits-2026-11.json").write_text("garbage")
    findings = examine(data_dir, clock=FakeClockWatch(False))
    assert any(not f.ok and "visits-2026-11.json is damaged" in f.text for f in findings)
    with VisitStore.open_writer(data_dir) as store:
        store.verify_next_partition()  # what the kiosk does at idle
    findings = examine(data_dir, clock=FakeClockWatch(False))
    bad = [f.text for f in findings if not f.ok]
    assert any("moved aside" in text for text in bad)
    assert any("damaged file kept aside" in text for text in bad)
    assert any(text.startswith("clock: not synchronised") for text in bad)


def test_kiosk_doctor_exit_status_and_clear(tmp_path, monkeypatch, capsys):
    data_dir = tmp_path / "data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data_dir))
    monkeypatch.setattr("kiosk.doctor.ClockWatch", lambda: FakeClockWatch(True))
    with VisitStore.open_writer(data_dir) as store:
        store.health.raise_flag("test problem")
    assert main(["doctor"]) == 1
    assert "!!" in capsys.readouterr().out
    assert main(["doctor", "--clear"]) == 0
    assert "All is well." in capsys.readouterr().out


def test_export_result_is_shown(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr("kiosk.doctor.ClockWatch", lambda: FakeClockWatch(True))
    main(["demo-data", "--days", "3", "--visits-per-day", "5"])
    main(["export", "--out", str(tmp_path / "out")])
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["export", "--out", str(blocker / "sub")]) == 1
    main(["doctor"])
    assert "FAILED" in capsys.readouterr().out


def test_a_missing_data_dir_is_reported(tmp_path):
    findings = examine(tmp_path / "nothing")
    assert not findings[0].ok and "no kiosk data" in findings[0].text


DAMAGED_LAST_EXPORT = ['[]', '"x"', '3', 'null', '{"offsite": "x"}', '{"offsite": [1]}',
                       '[{"ok": true}]']


@pytest.mark.parametrize("content", DAMAGED_LAST_EXPORT)
def test_a_last_export_file_of_the_wrong_shape_is_a_finding(data_dir, content, capsys,
                                                            monkeypatch):
    with VisitStore.open_writer(data_dir) as store:
        store.append(_visit())
    (data_dir / LAST_EXPORT).write_text(content)
    findings = examine(data_dir, clock=FakeClockWatch(True))
    assert [f.text for f in findings if not f.ok] == [
        "export: the record of the last export is damaged; the next export writes it again"]
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data_dir))
    monkeypatch.setattr("kiosk.doctor.ClockWatch", lambda: FakeClockWatch(True))
    assert main(["doctor"]) == 1
    out, error = capsys.readouterr()
    assert "is damaged" in out and error == "" and "Traceback" not in out
    # The off-site copy still gets recorded over the damaged file.
    record_offsite(data_dir, False, "offsite: failed")
    assert "offsite: failed" in last_export_finding(data_dir).text


@pytest.mark.parametrize("content", ['[1, "x", null]',
                                     '[{"time": "t", "problem": "disk"}, [], 5]'])
def test_a_health_file_of_the_wrong_shape_is_a_finding(data_dir, content, capsys,
                                                       monkeypatch):
    with VisitStore.open_writer(data_dir) as store:
        store.append(_visit())
    (data_dir / "health.json").write_text(content)
    bad = [f.text for f in examine(data_dir, clock=FakeClockWatch(True)) if not f.ok]
    assert any(text.startswith("health.json is damaged") for text in bad)
    assert ("t: disk" in bad) == ("disk" in content)
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data_dir))
    monkeypatch.setattr("kiosk.doctor.ClockWatch", lambda: FakeClockWatch(True))
    assert main(["doctor"]) == 1
    assert main(["doctor", "--clear"]) == 0
    assert "Traceback" not in "".join(capsys.readouterr())


def test_kiosk_doctor_shows_the_staff_page_address(tmp_path, monkeypatch, capsys):
    from kiosk.staff.access import StaffPinGuard

    data_dir = tmp_path / "data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data_dir))
    monkeypatch.setenv("KIOSK_STAFF_PORT", "8099")
    monkeypatch.setattr("kiosk.doctor.ClockWatch", lambda: FakeClockWatch(True))
    monkeypatch.setattr("kiosk.staff.network.lan_address", lambda bind: "192.168.1.23")
    VisitStore.open_writer(data_dir).close()
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "ok  staff page: http://192.168.1.23:8099/ (no staff PIN yet: kiosk pin set " \
           "--staff)" in out
    StaffPinGuard(data_dir).set_pin("2468")
    main(["doctor"])
    assert "staff page: http://192.168.1.23:8099/\n" in capsys.readouterr().out
    site = tmp_path / "site.toml"
    from tests.conftest import site_text

    site.write_text(site_text().replace("enabled = true", "enabled = false"), "utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(site))
    main(["doctor"])
    assert "staff page" not in capsys.readouterr().out


def test_months_written_while_the_clock_was_ahead_are_named(data_dir):
    from datetime import date, timedelta

    from kiosk.ui.health_words import words

    with VisitStore.open_writer(data_dir) as store:
        store.append(_visit())
        later = THURSDAY_MORNING + timedelta(days=400)
        store.append(Visit(kind="checkin", site="s", utc=later.astimezone(timezone.utc),
                           local=later, language="nl", clock_synced=False, activity="inloop"))
        store.compact()
    today = THURSDAY_MORNING.date()
    findings = examine(data_dir, clock=FakeClockWatch(True), today=today)
    flagged = [f for f in findings if f.key == "months_ahead"]
    assert len(flagged) == 1 and not flagged[0].ok
    assert flagged[0].params["months"] == [f"{later:%Y-%m}"]
    assert "december 2027" in words(flagged[0], "nl")
    # The month of today is no month ahead.
    assert not [f for f in examine(data_dir, clock=FakeClockWatch(True),
                                   today=later.date()) if f.key == "months_ahead"]
