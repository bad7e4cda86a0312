"""Nightly snapshots of the data folder, taken while the kiosk keeps writing.

Files are read in an order that makes the snapshot open correctly: the derived files
first, then the journal, then the month files. A compaction in between only moves visits
from the journal into a month file (the seq removes the duplicate on restore), and a
state file older than the month files only makes the restore replay more. Each snapshot
is one tar.gz, written atomically; the newest `keep` are kept.
"""

from __future__ import annotations

import io
import itertools
import tarfile
import time
from datetime import datetime
from pathlib import Path

from .atomic import write_atomic
from .store import CARDS, JOURNAL, PARTITION_PREFIX, STATE

PREFIX = "kiosk-backup-"
# Everything a restore needs, and the small files that say what the kiosk knew.
EXTRA = ("health.json", "last-export.json", "activities.json", "admin-pin.json",
         "admin-lock.json")


def snapshot(data_dir: Path, out_dir: Path, keep: int = 14, now: datetime | None = None
             ) -> Path:
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    def later():
        # Listed only after the journal was read: a compaction in between may have
        # created a month file that holds the journal's visits.
        yield from sorted(p.name for p in data_dir.glob("summary-*.json"))
        yield from sorted(p.name for p in data_dir.glob(f"{PARTITION_PREFIX}*.json"))

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name in itertools.chain([STATE, CARDS, *EXTRA, JOURNAL], later()):
            try:
                data = (data_dir / name).read_bytes()  # whole file: renames are atomic
            except FileNotFoundError:
                continue
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), int(time.time()), 0o640
            archive.addfile(info, io.BytesIO(data))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PREFIX}{stamp}.tar.gz"
    write_atomic(target, buffer.getvalue())
    rotate(out_dir, keep, written=target)
    return target


def rotate(out_dir: Path, keep: int, written: Path | None = None) -> list[Path]:
    """Delete all but the newest `keep` snapshots; never `written`, the one just taken,
    even when keep is below 1 or a Pi without a real-time clock gave it an older name."""
    keep = max(keep, 1)
    backups = sorted(p for p in Path(out_dir).glob(f"{PREFIX}*.tar.gz") if p != written)
    room = keep - 1 if written is not None else keep
    removed = backups[:len(backups) - room] if room < len(backups) else []
    for path in removed:
        path.unlink()
    return removed
