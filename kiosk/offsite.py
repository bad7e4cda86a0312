"""After the nightly export: copies to a labelled USB stick and to an rclone remote.

Neither ever blocks the export: a failure is recorded for `kiosk doctor` and the next
night tries again (both copy whatever is missing, so nothing is skipped).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .usb import copy_to_stick, find_sticks

RCLONE_TIMEOUT_SECONDS = 15 * 60


def copy_to_labelled_stick(label: str, files: list[Path], site_id: str,
                           sticks: list[Path] | None = None) -> str:
    """A one-line result; the stick is found by the folder name its label mounts as."""
    if not label:
        return ""
    matching = [s for s in (find_sticks() if sticks is None else sticks) if s.name == label]
    if not matching:
        return f"usb: no stick labelled {label} mounted"
    result = copy_to_stick(matching[0], files, site_id)
    if result.error:
        return f"usb: FAILED ({result.error})"
    return f"usb: {result.copied} new file(s) to {result.folder}"


def copy_offsite(remote: str, exports: Path, rclone: str = "rclone") -> tuple[bool, str]:
    if not remote:
        return True, ""
    if shutil.which(rclone) is None:
        return False, "offsite: rclone is not installed"
    try:
        done = subprocess.run([rclone, "copy", str(exports), remote], capture_output=True,
                              text=True, timeout=RCLONE_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return False, f"offsite: rclone to {remote} took too long; tried again next night"
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
        return False, f"offsite: rclone to {remote} FAILED ({reason[:200]})"
    return True, f"offsite: copied to {remote}"
