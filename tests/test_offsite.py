import os
import stat

from kiosk.cli import main
from kiosk.doctor import examine
from kiosk.offsite import copy_offsite, copy_to_labelled_stick
from tests.conftest import FakeClockWatch, site_text


def test_usb_copy_only_to_the_stick_with_the_label(tmp_path):
    source = tmp_path / "visits-2026-11-25.csv"
    source.write_text("x")
    other, ours = tmp_path / "media" / "HOLIDAY", tmp_path / "media" / "KIOSK"
    other.mkdir(parents=True)
    ours.mkdir()
    assert copy_to_labelled_stick("", [source], "s", [ours]) == ""
    assert "no stick labelled KIOSK" in copy_to_labelled_stick("KIOSK", [source], "s", [other])
    assert "1 new file(s)" in copy_to_labelled_stick("KIOSK", [source], "s", [other, ours])
    assert not list(other.iterdir())


def fake_rclone(tmp_path, exit_code: int):
    script = tmp_path / "rclone"
    script.write_text(f"#!/bin/sh\necho 'NOTICE: remote said no' >&2\nexit {exit_code}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_rclone_success_and_failure(tmp_path):
    assert copy_offsite("", tmp_path) == (True, "")
    assert copy_offsite("nextcloud:kiosk", tmp_path, fake_rclone(tmp_path, 0))[0]
    ok, text = copy_offsite("nextcloud:kiosk", tmp_path, fake_rclone(tmp_path, 1))
    assert not ok and "remote said no" in text
    assert copy_offsite("x:y", tmp_path, str(tmp_path / "missing"))[0] is False


def test_a_failing_offsite_copy_never_blocks_the_export_and_reaches_the_doctor(
        tmp_path, monkeypatch, capsys):
    config = tmp_path / "site.toml"
    config.write_text(site_text().replace('rclone_remote = ""', 'rclone_remote = "cloud:kiosk"'),
                      "utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    fake_rclone(tmp_path, 1)
    main(["demo-data", "--days", "3", "--visits-per-day", "5"])
    assert main(["export", "--out", str(tmp_path / "out")]) == 0
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert line.startswith("Wrote ") and "offsite: rclone to cloud:kiosk FAILED" in line
    assert list((tmp_path / "out").glob("visits-*.csv"))
    findings = examine(tmp_path / "data", clock=FakeClockWatch(True))
    assert any(not f.ok and "FAILED" in f.text for f in findings)
