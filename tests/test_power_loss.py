"""A simulated power cut: only what was fsynced survives, and the last write may be torn.

A fault-injecting layer stands in for the `os` module of the store's modules. It keeps a
model of what is durable on disk: a file's content becomes durable at its fsync, a rename
only once its directory is fsynced. At a random operation the power goes: the test builds
the disk as it could be found at the next boot (durable content, plus a random torn part
of anything written after the last fsync, renames kept or lost at random), opens the
store there with the real `os`, and checks every confirmed visit and every file.
"""

from __future__ import annotations

import json
import os as real_os
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import kiosk.atomic
import kiosk.journal
import kiosk.store
from kiosk.store import VisitStore
from kiosk.visits import Visit
from tests.conftest import AMSTERDAM
from tests.crash_harness import raw_seqs


class PowerCut(Exception):
    pass


class CrashingDisk:
    """The `os` module as the store sees it, with a model of what survives a power cut."""

    def __init__(self, directory: Path, crash_at: int, rng: random.Random):
        self.directory = directory
        self.crash_at = crash_at
        self.rng = rng
        self.operations = 0
        self.durable: dict[str, bytes] = {p.name: p.read_bytes() for p in directory.iterdir()}
        self.renamed: dict[str, bytes | None] = {}   # name -> durable content before rename

    def __getattr__(self, name):
        return getattr(real_os, name)

    def _tick(self):
        self.operations += 1
        if self.operations >= self.crash_at:
            raise PowerCut()

    def _name(self, fd: int) -> Path:
        return Path(real_os.readlink(f"/proc/self/fd/{fd}"))

    def write(self, fd, data):
        self._tick()
        if self.rng.random() < 0.3:  # the power goes half-way through this write
            real_os.write(fd, data[: self.rng.randrange(len(data))])
            raise PowerCut()
        return real_os.write(fd, data)

    def ftruncate(self, fd, length):
        self._tick()
        return real_os.ftruncate(fd, length)

    def fsync(self, fd):
        self._tick()
        path = self._name(fd)
        if path == self.directory:
            self.renamed.clear()  # every rename in it is now durable
        elif path.parent == self.directory:
            self.durable[path.name] = path.read_bytes()

    def replace(self, source, target):
        self._tick()
        source, target = Path(source), Path(target)
        if target.name not in self.renamed:
            self.renamed[target.name] = self.durable.get(target.name)
        real_os.replace(source, target)
        # The content is the source's, which was fsynced before the rename.
        self.durable[target.name] = self.durable.pop(source.name, b"")

    def after_the_cut(self, into: Path) -> None:
        """Write the disk as the next boot could find it."""
        into.mkdir(parents=True)
        names = {p.name for p in self.directory.iterdir()} | set(self.durable)
        for name in names:
            current_path = self.directory / name
            current = current_path.read_bytes() if current_path.exists() else None
            if name in self.renamed and self.rng.random() < 0.5:
                content = self.renamed[name]       # the rename never reached the disk
            elif name in self.durable:
                content = self.durable[name]
                if current is not None and current.startswith(content) and current != content:
                    extra = current[len(content):]  # appended after the last fsync: torn
                    content += extra[: self.rng.randrange(len(extra) + 1)]
            else:                                    # created, never fsynced
                if current is None or self.rng.random() < 0.5:
                    continue
                content = current[: self.rng.randrange(len(current) + 1)]
            if content is not None:
                (into / name).write_bytes(content)


def visit_at(local: datetime, n: int) -> Visit:
    return Visit(kind="checkin", site="power", utc=local.astimezone(timezone.utc), local=local,
                 language="nl", clock_synced=True, activity="inloop", card=f"B{n % 30:012d}")


def one_power_cut(tmp: Path, seed: int) -> tuple[int, int]:
    rng = random.Random(seed)
    directory = tmp / "live"
    start = datetime(2026, 1, 30, 10, tzinfo=AMSTERDAM)
    confirmed: set[int] = set()
    with VisitStore.open_writer(directory) as store:  # some history, all durable
        for n in range(rng.randrange(0, 30)):
            confirmed.add(store.append(visit_at(start + timedelta(hours=n * 5), n)).seq)
    disk = CrashingDisk(directory, crash_at=rng.randrange(1, 120), rng=rng)
    modules = (kiosk.journal, kiosk.atomic, kiosk.store)
    for module in modules:
        module.os = disk
    store = None
    try:
        store = VisitStore.open_writer(directory)
        for n in range(200):
            local = start + timedelta(hours=n * 7)  # crosses month ends: several partitions
            confirmed.add(store.append(visit_at(local, n)).seq)
            if n % 9 == 8:
                store.compact()
    except PowerCut:
        pass
    finally:
        for module in modules:
            module.os = real_os
        if store is not None and store._lock_fd is not None:
            real_os.close(store._lock_fd)
    after = tmp / "after"
    disk.after_the_cut(after)
    with VisitStore.open_writer(after) as recovered:
        assert not any("moved aside" in p for p in recovered.health.problems), \
            recovered.health.problems
        stored = {v.seq for v in recovered.visits()}
    assert confirmed <= stored, f"lost: {sorted(confirmed - stored)[:10]}"
    seqs = raw_seqs(after)
    assert len(seqs) == len(set(seqs))
    for partition in after.glob("visits-*.json"):
        json.loads(partition.read_text("utf-8"))
    return len(confirmed), disk.operations


@pytest.mark.parametrize("seed", range(150))
def test_a_power_cut_at_a_random_moment_loses_no_confirmed_visit(tmp_path, seed):
    confirmed, operations = one_power_cut(tmp_path, seed)
    assert operations >= 1
