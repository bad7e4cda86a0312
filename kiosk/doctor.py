"""`kiosk doctor`: is the kiosk's data in order? Plain words for a coordinator.

Runs beside the kiosk (it takes no lock). Exit status 0 when all is well, 1 when
something needs attention, so a script or the nightly job can act on it.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .clock import ClockWatch
from .journal import read_journal
from .store import HEALTH, JOURNAL, PARTITION_PREFIX, StoreError, VisitStore, read_health

LAST_EXPORT = "last-export.json"
LOW_DISK_BYTES = 200 * 1024 * 1024


@dataclass
class Finding:
    ok: bool
    text: str


def examine(data_dir: Path, clock: ClockWatch | None = None) -> list[Finding]:
    findings: list[Finding] = []
    data_dir = Path(data_dir)
    try:
        store = VisitStore.open_reader(data_dir)
    except StoreError as error:
        return [Finding(False, str(error))]
    store.verify_partitions()

    damaged = 0
    for entry in read_health(data_dir / HEALTH):
        if not isinstance(entry, dict):  # hand-edited or half restored
            damaged += 1
            continue
        findings.append(Finding(False, f"{entry.get('time', '?')}: {entry.get('problem')}"))
    if damaged:
        findings.append(Finding(False, f"{HEALTH} is damaged ({damaged} unreadable "
                                       "entries); kiosk doctor --clear forgets them"))
    for problem in store.health.problems:
        findings.append(Finding(False, problem))
    for aside in sorted(data_dir.glob("*.corrupt-*")):
        findings.append(Finding(False, f"damaged file kept aside: {aside.name} "
                                       "(the kiosk carried on; keep it for whoever looks)"))

    journal = read_journal(data_dir / JOURNAL)
    text = f"journal: {len(journal.records)} visit(s) not yet in the month files"
    if journal.damaged_lines:
        findings.append(Finding(False, f"{text}; {journal.damaged_lines} damaged line(s)"))
    else:
        findings.append(Finding(True, text))

    partitions = sorted(data_dir.glob(f"{PARTITION_PREFIX}*.json"))
    size = sum(p.stat().st_size for p in partitions)
    if partitions:
        span = f"{partitions[0].stem[len(PARTITION_PREFIX):]} to " \
               f"{partitions[-1].stem[len(PARTITION_PREFIX):]}"
        findings.append(Finding(True, f"month files: {len(partitions)} ({span}), "
                                      f"{size / 1e6:.1f} MB, {len(store.cards)} cards seen"))
    else:
        findings.append(Finding(True, "month files: none yet"))

    free = shutil.disk_usage(data_dir).free
    findings.append(Finding(free >= LOW_DISK_BYTES, f"disk: {free / 1e9:.1f} GB free"
                            + ("" if free >= LOW_DISK_BYTES else " - almost full")))

    synced = (clock or ClockWatch()).synchronised()
    findings.append(Finding(synced, "clock: synchronised" if synced else
                            "clock: not synchronised (no network time yet?); visits are "
                            "marked so, and ordered by their sequence number"))

    findings.append(_last_export(data_dir))
    return findings


def _last_export(data_dir: Path) -> Finding:
    damaged = Finding(False, f"export: {LAST_EXPORT} is damaged; the next export rewrites it")
    try:
        last = json.loads((data_dir / LAST_EXPORT).read_text("utf-8"))
    except FileNotFoundError:
        return Finding(True, "export: never run")
    except ValueError:
        return damaged
    except OSError as error:
        return Finding(False, f"export: {LAST_EXPORT} cannot be read "
                              f"({error.strerror or error})")
    # Written by us, but a hand edit or a bad restore can leave any JSON at all.
    if not isinstance(last, dict):
        return damaged
    when = last.get("time", "?")
    offsite = last.get("offsite")
    if offsite is not None and not isinstance(offsite, dict):
        return damaged
    if offsite and not offsite.get("ok"):
        return Finding(False, f"export: last run {when}; {offsite.get('text')}")
    if last.get("ok"):
        return Finding(True, f"export: last run {when}, {last.get('files', 0)} file(s) "
                             f"to {last.get('out')}")
    return Finding(False, f"export: last run {when} FAILED: {last.get('error')}")


def record_offsite(data_dir: Path, ok: bool, text: str) -> None:
    from .atomic import write_json_atomic

    path = Path(data_dir) / LAST_EXPORT
    try:
        last = json.loads(path.read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        last = {}
    if not isinstance(last, dict):
        last = {}  # damaged: the export's own fields are lost, the off-site result is not
    last["offsite"] = {"ok": ok, "text": text}
    write_json_atomic(path, last)


def clear_flags(data_dir: Path) -> None:
    (Path(data_dir) / HEALTH).unlink(missing_ok=True)


def record_export(data_dir: Path, out: Path, files: int, rows: int, error: str | None) -> None:
    from .atomic import write_json_atomic

    write_json_atomic(Path(data_dir) / LAST_EXPORT, {
        "time": datetime.now().astimezone().isoformat(timespec="seconds"),
        "out": str(out), "files": files, "rows": rows, "ok": error is None, "error": error,
    })
