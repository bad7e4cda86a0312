"""The systemd units in deploy/ pass systemd-analyze verify and say what the issue asks."""

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

UNITS = Path(__file__).resolve().parent.parent / "deploy" / "systemd"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(UNITS / name)
    return parser


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_every_unit_passes_systemd_analyze_verify(tmp_path):
    # verify wants ExecStart's program to exist: point it at one that does.
    for path in UNITS.iterdir():
        if path.suffix not in (".service", ".timer"):
            continue  # e.g. the system.conf.d drop-in
        text = path.read_text().replace("/opt/kiosk/venv/bin/kiosk", "/bin/true")
        (tmp_path / path.name).write_text(text)
    result = subprocess.run(["systemd-analyze", "verify", "--man=no",
                             *sorted(str(p) for p in tmp_path.iterdir())],
                            capture_output=True, text=True)
    # systemd-analyze exits 0 on many mistakes it only warns about: read what it says
    # about our files.
    problems = [line for line in result.stderr.splitlines() if str(tmp_path) in line]
    assert result.returncode == 0, result.stderr
    assert problems == [], problems


def test_the_kiosk_restarts_for_ever_and_is_watched():
    service = unit("kiosk.service")
    assert service["Service"]["Restart"] == "always"
    assert service["Unit"]["StartLimitIntervalSec"] == "0"
    assert service["Service"]["Type"] == "notify"
    assert int(service["Service"]["WatchdogSec"]) > 0
    assert service["Service"]["StateDirectory"] == "kiosk"


@pytest.mark.parametrize("name", ["kiosk-export.timer", "kiosk-backup.timer"])
def test_nightly_jobs_catch_up_after_the_pi_was_off(name):
    timer = unit(name)
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["OnCalendar"].startswith("*-*-* 02:")


def test_the_hardware_watchdog_drop_in():
    drop_in = unit("kiosk-watchdog.conf")
    assert int(drop_in["Manager"]["RuntimeWatchdogSec"]) > 0
