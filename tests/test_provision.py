"""deploy/provision.sh: shellcheck-clean, --help, a dry run that changes nothing, and a
real run in a fake root where the slow steps are already done (units and the console
masks, then a second run with nothing to change).

The full run against a Debian Bookworm root built with debootstrap is `make test-deploy`
(slow: it downloads Debian packages and the app's wheels)."""

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = [ROOT / "deploy" / "provision.sh", ROOT / "dev", ROOT / ".ci" / "run",
           ROOT / "deploy" / "test-deploy.sh"]


@pytest.mark.skipif(shutil.which("shellcheck") is None,
                    reason="shellcheck is not installed (.ci/run installs it)")
def test_every_script_is_shellcheck_clean():
    result = subprocess.run(["shellcheck", *map(str, SCRIPTS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_help():
    result = subprocess.run([str(SCRIPTS[0]), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "--dry-run" in result.stdout


def test_unknown_options_are_refused():
    result = subprocess.run([str(SCRIPTS[0]), "--frobnicate"], capture_output=True, text=True)
    assert result.returncode == 2 and "unknown option" in result.stderr


def fake_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "var/lib/dpkg").mkdir(parents=True)
    (root / "etc/passwd").write_text("root:x:0:0::/root:/bin/sh\n")
    (root / "etc/group").write_text("root:x:0:\nvideo:x:44:\nrender:x:105:\ninput:x:106:\n")
    (root / "var/lib/dpkg/status").write_text("")
    return root


def snapshot(root: Path) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_dry_run_lists_every_change_and_makes_none(tmp_path):
    root = fake_root(tmp_path)
    before = snapshot(root)
    result = subprocess.run([str(SCRIPTS[0]), "--dry-run", "--root", str(root)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for expected in ("apt-get install", "create system user kiosk", "add kiosk to group video",
                     "/opt/kiosk/venv", "/etc/kiosk/site.toml", "kiosk.service",
                     "enable kiosk-export.timer", "enable kiosk-backup.timer",
                     "kiosk-watchdog.conf", "mask getty@tty1.service", "mask autovt@.service",
                     "mask ctrl-alt-del.target", "kiosk-console.conf",
                     "/etc/sysctl.d/90-kiosk-console.conf",
                     "/etc/nftables.d/kiosk-staff.nft", "include /etc/nftables.d/*.nft",
                     "Dry run: nothing was changed."):
        assert expected in out, expected
    assert snapshot(root) == before


MASKED = ["getty@tty1.service", "autovt@.service", "ctrl-alt-del.target"]


def installed_root(tmp_path: Path) -> Path:
    """A fake root where the slow steps (packages, the app's venv) are already done, so
    a real run of provision.sh only installs units and masks."""
    root = fake_root(tmp_path)
    gid = os.getgid()
    (root / "etc/passwd").write_text(
        f"root:x:0:0::/root:/bin/sh\nkiosk:x:999:{gid}::/var/lib/kiosk:/usr/sbin/nologin\n")
    (root / "etc/group").write_text(
        f"root:x:0:\nlp:x:7:\nvideo:x:44:kiosk\nrender:x:105:kiosk\ninput:x:106:kiosk\n"
        f"kiosk:x:{gid}:\n")
    packages = ["python3", "python3-venv", "python3-pip", "libgl1", "libegl1", "libgles2",
                "libmtdev1", "fonts-noto-core", "espeak-ng", "libfribidi0", "libusb-1.0-0",
                "nftables", "libpango-1.0-0", "libpangoft2-1.0-0"]
    (root / "var/lib/dpkg/status").write_text("".join(
        f"Package: {name}\nStatus: install ok installed\nVersion: 1\nArchitecture: all\n"
        f"Maintainer: test\nDescription: test\n\n" for name in packages))
    venv = root / "opt/kiosk/venv/bin"
    venv.mkdir(parents=True)
    (venv / "kiosk").write_text("#!/bin/sh\n")
    (venv / "kiosk").chmod(0o755)
    (root / "opt/kiosk/installed.sha256").write_text(source_fingerprint() + "\n")
    config = root / "etc/kiosk"
    config.mkdir()
    shutil.copy(ROOT / "kiosk" / "site_default.toml", config / "site.toml")
    config.chmod(0o2775)
    return root


def source_fingerprint() -> str:
    # The same tar stream provision.sh hashes to decide whether the app is up to date.
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True,
                           check=True).stdout
    tar = subprocess.run(["tar", "-C", str(ROOT), "--null", "-T", "-", "--sort=name",
                          "--mtime=@0", "--owner=0", "--group=0", "-cf", "-"], input=files,
                         capture_output=True, check=True).stdout
    return hashlib.sha256(tar).hexdigest()


@pytest.mark.skipif(os.geteuid() != 0, reason="provision.sh changes a root only as root")
@pytest.mark.skipif(shutil.which("systemctl") is None, reason="no systemctl to mask with")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_the_console_is_masked_once_and_left_alone_after(tmp_path):
    root = installed_root(tmp_path)
    first = subprocess.run([str(SCRIPTS[0]), "--root", str(root)], capture_output=True,
                           text=True)
    assert first.returncode == 0, first.stdout + first.stderr
    for unit in MASKED:
        assert f"doing: mask {unit}" in first.stdout
        assert os.readlink(root / "etc/systemd/system" / unit) == "/dev/null", unit
    drop_in = root / "etc/systemd/system.conf.d/kiosk-console.conf"
    assert "CtrlAltDelBurstAction=none" in drop_in.read_text()
    assert "kernel.sysrq = 0" in (root / "etc/sysctl.d/90-kiosk-console.conf").read_text()
    # Only the units, the drop-ins and the masks were left to do: the rest was in place.
    assert "copy the app" not in first.stdout and "apt-get" not in first.stdout

    second = subprocess.run([str(SCRIPTS[0]), "--root", str(root)], capture_output=True,
                            text=True)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Nothing to change" in second.stdout, second.stdout


USB_PRINTER = '[printer]\nconnection = "usb"\nusb_vendor = "0416"\nusb_product = "5011"\n\n'
RULE = "etc/udev/rules.d/60-kiosk-printer.rules"


def with_printer(root: Path, table: str) -> None:
    site = root / "etc/kiosk/site.toml"
    site.write_text(site.read_text().replace("[[activities]]", table + "[[activities]]", 1))


def provision(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPTS[0]), "--root", str(root)], capture_output=True,
                          text=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="provision.sh changes a root only as root")
@pytest.mark.skipif(shutil.which("systemctl") is None, reason="no systemctl to mask with")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_a_usb_printer_gets_its_udev_rule_once_and_it_goes_with_the_printer(tmp_path):
    root = installed_root(tmp_path)
    assert provision(root).returncode == 0
    assert not (root / RULE).exists()  # no [printer]: nothing for it
    assert "lp:x:7:kiosk" not in (root / "etc/group").read_text()

    with_printer(root, USB_PRINTER)
    first = provision(root)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "doing: add kiosk to group lp" in first.stdout
    rule = (root / RULE).read_text()
    assert ('SUBSYSTEM=="usb", ATTR{idVendor}=="0416", ATTR{idProduct}=="5011", '
            'GROUP="lp", MODE="0660"') in rule
    assert "lp:x:7:kiosk" in (root / "etc/group").read_text()
    second = provision(root)
    assert "Nothing to change" in second.stdout, second.stdout

    site = root / "etc/kiosk/site.toml"
    site.write_text(site.read_text().replace(USB_PRINTER, ""))
    third = provision(root)
    assert f"doing: remove /{RULE}" in third.stdout
    assert not (root / RULE).exists()


def test_a_dry_run_names_the_printer_rule_it_would_write(tmp_path):
    root = installed_root(tmp_path)
    with_printer(root, USB_PRINTER)
    before = snapshot(root)
    result = subprocess.run([str(SCRIPTS[0]), "--dry-run", "--root", str(root)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"would: install /{RULE}" in result.stdout
    assert snapshot(root) == before


def test_a_mistake_in_the_printer_table_is_said_not_fatal(tmp_path):
    root = installed_root(tmp_path)
    with_printer(root, '[printer]\nconnection = "usb"\n\n')
    result = subprocess.run([str(SCRIPTS[0]), "--dry-run", "--root", str(root)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "note: no printer set up, site.toml has a mistake" in result.stdout
    assert "needs usb_vendor" in result.stdout
@pytest.mark.skipif(os.geteuid() != 0, reason="provision.sh changes a root only as root")
@pytest.mark.skipif(shutil.which("systemctl") is None, reason="no systemctl to mask with")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_the_staff_page_port_is_opened_to_the_lan_only_and_once(tmp_path):
    root = installed_root(tmp_path)
    site = root / "etc/kiosk/site.toml"
    site.write_text(site.read_text().replace("port = 8080", "port = 8090"))
    (root / "etc/nftables.conf").write_text("#!/usr/sbin/nft -f\nflush ruleset\n")
    first = subprocess.run([str(SCRIPTS[0]), "--root", str(root)], capture_output=True,
                           text=True)
    assert first.returncode == 0, first.stdout + first.stderr
    rules = (root / "etc/nftables.d/kiosk-staff.nft").read_text()
    assert "tcp dport 8090 ip saddr @lan4 accept" in rules and "tcp dport 8090 drop" in rules
    assert "192.168.0.0/16" in rules and "@PORT@" not in rules
    conf = (root / "etc/nftables.conf").read_text()
    assert conf.count('include "/etc/nftables.d/*.nft"') == 1
    second = subprocess.run([str(SCRIPTS[0]), "--root", str(root)], capture_output=True,
                            text=True)
    assert "Nothing to change" in second.stdout, second.stdout
    assert (root / "etc/nftables.conf").read_text() == conf


@pytest.mark.skipif(shutil.which("nft") is None, reason="nft is not installed (nftables)")
def test_the_firewall_rules_are_valid_nftables(tmp_path):
    rules = tmp_path / "kiosk-staff.nft"
    rules.write_text((ROOT / "deploy/nftables/kiosk-staff.nft").read_text().replace(
        "@PORT@", "8080"))
    result = subprocess.run(["nft", "--check", "-f", str(rules)], capture_output=True,
                            text=True)
    if result.returncode != 0 and "Operation not permitted" in result.stderr:
        pytest.skip("nft --check needs CAP_NET_ADMIN here")
    assert result.returncode == 0, result.stderr
