"""deploy/provision.sh: shellcheck-clean, --help, and a dry run that changes nothing.

The full run against a Debian Bookworm root built with debootstrap is `make test-deploy`
(slow: it downloads Debian packages and the app's wheels)."""

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
                     "kiosk-watchdog.conf", "Dry run: nothing was changed."):
        assert expected in out, expected
    assert snapshot(root) == before
