"""The systemd units in deploy/ pass systemd-analyze verify and say what the issue asks."""

import configparser
import re
import shutil
import subprocess
from pathlib import Path, PurePosixPath

import pytest

from kiosk.usb import STICK_ROOTS

UNITS = Path(__file__).resolve().parent.parent / "deploy" / "systemd"
SERVICES = ["kiosk.service", "kiosk-export.service", "kiosk-backup.service"]
# systemd-analyze security's 0-10 scale: the goals of the hardening issue (item 12).
EXPOSURE_GOALS = {"kiosk.service": 5.0, "kiosk-export.service": 4.0,
                  "kiosk-backup.service": 4.0}
needs_systemd_analyze = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None,
    reason="systemd-analyze is not installed (it comes with systemd)")


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(UNITS / name)
    return parser


def settings(name: str) -> dict[str, list[str]]:
    """Every value of every [Service] setting, in order: a setting such as DeviceAllow= may
    be given several times, which configparser would fold into the last one."""
    values: dict[str, list[str]] = {}
    section = None
    for line in (UNITS / name).read_text().splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section == "[Service]" and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            values.setdefault(key, []).append(value)
    return values


def writable(name: str) -> set[str]:
    """ReadWritePaths= of a unit, without the "-" that lets a missing folder pass."""
    return {path.lstrip("-") for value in settings(name).get("ReadWritePaths", [])
            for path in value.split()}


@needs_systemd_analyze
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


def test_ctrl_alt_del_pressed_again_and_again_does_not_reboot_either():
    # Masking ctrl-alt-del.target (provision.sh) is not enough: 7 presses within 2 s
    # force a reboot unless this says otherwise.
    assert unit("kiosk-console.conf")["Manager"]["CtrlAltDelBurstAction"] == "none"


@needs_systemd_analyze
@pytest.mark.parametrize("name", SERVICES)
def test_the_sandbox_meets_its_exposure_goal(name):
    result = subprocess.run(["systemd-analyze", "security", "--offline=yes", "--no-pager",
                             str(UNITS / name)], capture_output=True, text=True)
    found = re.search(r"Overall exposure level for \S+: (\d+(?:\.\d+)?)", result.stdout)
    assert found, result.stdout + result.stderr
    assert float(found.group(1)) <= EXPOSURE_GOALS[name], result.stdout


@pytest.mark.parametrize("name", SERVICES)
def test_the_sandbox_has_what_the_issue_names(name):
    service = settings(name)
    for key, value in [("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"),
                       ("ProtectHome", "yes"), ("PrivateTmp", "yes"),
                       ("CapabilityBoundingSet", ""), ("UMask", "0027")]:
        assert service.get(key) == [value], key
    assert service["SystemCallFilter"][0] == "@system-service"
    assert "@privileged" in service["SystemCallFilter"][1].lstrip("~").split()


def state_directory(name: str) -> PurePosixPath:
    return PurePosixPath("/var/lib") / settings(name)["StateDirectory"][0]


def written_paths(name: str) -> set[PurePosixPath]:
    """The folders a service is told to write in: its data and exports, Kivy's home, an
    --out, and for the kiosk the site file's folder (a key holder adds an activity)."""
    service = settings(name)
    environment = dict(value.split("=", 1) for value in service.get("Environment", []))
    paths = {PurePosixPath(environment[key]) for key in
             ("KIOSK_DATA_DIR", "KIOSK_EXPORTS_DIR", "KIVY_HOME") if key in environment}
    command = service["ExecStart"][0].split()
    if "--out" in command:
        paths.add(PurePosixPath(command[command.index("--out") + 1]))
    if name == "kiosk.service":
        paths.add(PurePosixPath(environment["KIOSK_CONFIG"]).parent)
    return paths


@pytest.mark.parametrize("name", SERVICES)
def test_every_folder_a_service_writes_is_writable_in_its_sandbox(name):
    allowed = [state_directory(name)] + [PurePosixPath(p) for p in writable(name)]
    for path in written_paths(name):
        assert any(path == root or root in path.parents for root in allowed), path


def test_the_usb_stick_is_writable_wherever_the_kiosk_looks_for_one():
    # kiosk.usb finds a stick only where it may write: a root missing here means a
    # mounted stick silently never found.
    roots = {root.rstrip("/") for root in STICK_ROOTS}
    assert writable("kiosk.service") == roots | {"/etc/kiosk"}
    assert writable("kiosk-export.service") == roots
    assert writable("kiosk-backup.service") == set()


def test_the_kiosk_reaches_only_screen_touch_scanner_sound_and_a_ticket_printer():
    service = settings("kiosk.service")
    assert service["DevicePolicy"] == ["closed"]
    assert sorted(service["DeviceAllow"]) == ["char-alsa rw", "char-drm rw", "char-input r",
                                              "char-usb rw", "char-usb_device rw"]
    assert "PrivateDevices" not in service  # it would hide the screen itself


def test_the_sandbox_keeps_the_sockets_each_service_needs():
    kiosk = settings("kiosk.service")["RestrictAddressFamilies"][0].split()
    # sd_notify (the watchdog), SDL's udev monitor (touch and scanner), the LAN page.
    assert {"AF_UNIX", "AF_NETLINK", "AF_INET", "AF_INET6"} <= set(kiosk)
    assert settings("kiosk.service")["NotifyAccess"] == ["main"]
    export = settings("kiosk-export.service")["RestrictAddressFamilies"][0].split()
    assert {"AF_INET", "AF_INET6"} <= set(export)  # rclone's off-site copy
    assert "PrivateNetwork" not in settings("kiosk-export.service")
