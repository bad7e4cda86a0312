"""Nightly snapshots of the data folder, taken while the kiosk keeps writing.

The store hands over its files in an order that makes the snapshot open correctly (see
VisitStore.snapshot); this module only packs them. Each snapshot is one tar.gz, written
atomically; the newest `keep` are kept, and never fewer than the one just written.
"""

from __future__ import annotations

import io
import tarfile
import time
from datetime import datetime
from pathlib import Path

from .atomic import write_atomic
from .store import VisitStore

PREFIX = "kiosk-backup-"


def snapshot(data_dir: Path, out_dir: Path, keep: int = 14, now: datetime | None = None
             ) -> Path:
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in VisitStore.open_reader(data_dir).snapshot():
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
