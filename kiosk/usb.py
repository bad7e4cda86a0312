"""Copying exports to a USB stick, for coordinators who carry numbers to the office.

A stick is any removable filesystem mounted under /media, /run/media or /mnt (where the
desktop or udisks mounts it). Files are copied into one folder per site, each written
atomically, so pulling the stick half-way leaves whole files or none.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_atomic

STICK_FILESYSTEMS = {"vfat", "exfat", "ntfs", "ntfs3", "fuseblk", "ext4", "ext3", "ext2"}
STICK_ROOTS = ("/media/", "/run/media/", "/mnt/")


@dataclass(frozen=True)
class CopyResult:
    folder: Path
    copied: int
    error: str | None = None


def find_sticks(mounts: str = "/proc/mounts", roots=STICK_ROOTS) -> list[Path]:
    try:
        lines = Path(mounts).read_text().splitlines()
    except OSError:
        return []
    sticks = []
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        if fields[2] in STICK_FILESYSTEMS and mount_point.startswith(tuple(roots)) \
                and os.access(mount_point, os.W_OK):
            sticks.append(Path(mount_point))
    return sticks


def copy_to_stick(stick: Path, files: list[Path], site_id: str) -> CopyResult:
    folder = Path(stick) / f"buurtwerkkamer-{site_id}"
    copied = 0
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path in files:
            target = folder / path.name
            data = path.read_bytes()
            if target.exists() and target.read_bytes() == data:
                continue  # already there: a stick is small and slow
            write_atomic(target, data)
            copied += 1
    except OSError as error:
        reason = "the stick is full" if error.errno == errno.ENOSPC else \
            (error.strerror or str(error))
        return CopyResult(folder, copied, reason)
    return CopyResult(folder, copied)
