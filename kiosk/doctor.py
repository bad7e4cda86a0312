"""`kiosk doctor`: is the kiosk's data in order? Plain words for a coordinator.

Runs beside the kiosk (it takes no lock), or inside it for the Gezondheid tab, where it
also tells what only the running kiosk knows: visits held in memory on a full disk, and
flags the disk would not take. Exit status 0 when all is well, 1 when something needs
attention, so a script or the nightly job can act on it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .clock import ClockWatch
from .config import PrinterSettings
from .retention import first_kept_month, pause_reason
from .store import StoreError, StoreStatus, VisitStore

LOW_DISK_BYTES = 200 * 1024 * 1024


@dataclass
class Finding:
    """`text` is what `kiosk doctor` prints (English, kept stable for scripts); `key` and
    `params` say the same as data, so the Gezondheid tab can say it in the room's words."""
    ok: bool
    text: str
    key: str = ""
    params: dict = field(default_factory=dict)


def examine(data_dir: Path, clock: ClockWatch | None = None, live: VisitStore | None = None,
            retention_months: int | None = None, today=None,
            printer: PrinterSettings | None = None,
            staff=None) -> list[Finding]:
    """What needs attention. `live`: the kiosk's own open store (the Gezondheid tab)."""
    data_dir = Path(data_dir)
    try:
        if live is not None:
            # The kiosk's own store: it checks its month files one by one at idle, and
            # reading them all here would hold the screen (and the watchdog) up.
            store = live
        else:
            store = VisitStore.open_reader(data_dir)
            store.verify_partitions()
        status = store.status()
    except StoreError as error:
        return [Finding(False, str(error), "store_error", {"detail": str(error)})]
    except OSError as error:
        reason = error.strerror or str(error)
        return [Finding(False, f"the data folder {data_dir} cannot be read: {reason}",
                        "folder_unreadable", {"reason": reason})]
    findings = _problems(status, store, live)
    findings.append(_journal(status, live))
    findings.append(_months(status))
    ahead = _months_ahead(status, today)
    if ahead is not None:
        findings.append(ahead)
    findings.append(_disk(data_dir))
    synced = (clock or ClockWatch()).synchronised()
    findings.append(Finding(synced, "clock: synchronised" if synced else
                            "clock: not synchronised (no network time yet?); visits are "
                            "marked so, and ordered by their sequence number",
                            "clock" if synced else "clock_unsynchronised"))
    if retention_months is not None:
        findings.append(_retention(store, status, synced, retention_months, today))
    findings.append(_last_export(store))
    findings.extend(_printer(printer, live))
    if staff is not None and staff.enabled:
        findings.append(_staff_page(data_dir, staff))
    return findings


def _printer(settings: PrinterSettings | None, live: VisitStore | None) -> list[Finding]:
    """Inside the kiosk: how its last ticket went (out of paper shows only there).
    From the command line: whether the configured printer can be reached, printing nothing."""
    from .printer import printer_status, probe

    status = printer_status() if live is not None else None
    if status is None and settings is not None:
        status = probe(settings)
    return [] if status is None else [Finding(status.startswith("ok"), f"printer: {status}",
                                              "printer", {"status": status})]


def _staff_page(data_dir: Path, staff) -> Finding:
    """Where volunteers open the staff page (`[staff]` in the site file)."""
    from .staff.access import StaffPinGuard
    from .staff.network import page_address

    text = f"staff page: {page_address(staff)}"
    if not StaffPinGuard(data_dir).is_set():
        text += " (no staff PIN yet: kiosk pin set --staff)"
    return Finding(True, text)


def _problems(status: StoreStatus, store: VisitStore, live: VisitStore | None) -> list[Finding]:
    findings = []
    shown = set()
    for entry in status.recorded:
        findings.append(Finding(False, f"{entry.get('time', '?')}: {entry['problem']}", "flag",
                                {"problem": entry["problem"], "time": entry.get("time")}))
        shown.add(entry["problem"])
    if status.unreadable_flags:
        findings.append(Finding(False, f"health.json is damaged ({status.unreadable_flags} "
                                       "unreadable entries); kiosk doctor --clear forgets them",
                                "flags_damaged", {"count": status.unreadable_flags}))
    for problem in store.health.problems:
        if problem not in shown:
            findings.append(Finding(False, problem, "flag", {"problem": problem}))
            shown.add(problem)
    for aside in status.asides:
        if aside.why == "torn":
            # Said, not hidden: a power cut mid-write (that visit was never confirmed) looks
            # the same as damage to the last visit written.
            findings.append(Finding(False, f"the journal's last line was unfinished, from a "
                                           f"power cut while writing or damage; at most one "
                                           f"visit, kept in {aside.name}",
                                    "journal_torn", {"name": aside.name}))
        else:
            findings.append(Finding(False, f"damaged file kept aside: {aside.name} (the "
                                           "kiosk carried on; keep it for whoever looks)",
                                    "set_aside", {"name": aside.name}))
    if status.seen_asides:
        findings.append(Finding(True, f"{len(status.seen_asides)} damaged file(s) already seen, "
                                      "kept in set-aside/ until the retention period ends",
                                "set_aside_seen", {"count": len(status.seen_asides)}))
    return findings


def _journal(status: StoreStatus, live: VisitStore | None) -> Finding:
    text = f"journal: {status.journal_visits} visit(s) not yet in the month files"
    params = {"count": status.journal_visits}
    if live is not None and live.unsaved_count:
        return Finding(False, f"{text}; {live.unsaved_count} visit(s) are held in memory "
                              "only, because the disk refused them: they are written as "
                              "soon as it takes them (do not switch the kiosk off)",
                       "journal_in_memory", {**params, "unsaved": live.unsaved_count})
    if status.journal_damaged_lines:
        return Finding(False, f"{text}; {status.journal_damaged_lines} damaged line(s)",
                       "journal_damaged", {**params, "damaged": status.journal_damaged_lines})
    return Finding(True, text, "journal", params)


def _months(status: StoreStatus) -> Finding:
    if not status.months:
        return Finding(True, "month files: none yet", "months_none")
    return Finding(True, f"month files: {len(status.months)} ({status.months[0]} to "
                         f"{status.months[-1]}), {status.month_bytes / 1e6:.1f} MB, "
                         f"{status.cards} cards seen", "months",
                   {"count": len(status.months), "first": status.months[0],
                    "last": status.months[-1], "megabytes": status.month_bytes / 1e6,
                    "cards": status.cards})


def _months_ahead(status: StoreStatus, today) -> Finding | None:
    """Month files after this month: written while the clock was ahead (a Pi without its
    battery, a wrong time set by hand). Their visits count in those months, in no report
    of now, and retention, which counts from today, will not reach them for years."""
    today = today or datetime.now().astimezone().date()
    ahead = [month for month in status.months if month > f"{today:%Y-%m}"]
    if not ahead:
        return None
    return Finding(False, f"month files after this month: {', '.join(ahead)} (the clock was "
                          "ahead when their visits were saved; they count in those months)",
                   "months_ahead", {"count": len(ahead), "months": ahead})


def _disk(data_dir: Path) -> Finding:
    free = shutil.disk_usage(data_dir).free
    return Finding(free >= LOW_DISK_BYTES, f"disk: {free / 1e9:.1f} GB free"
                   + ("" if free >= LOW_DISK_BYTES else " - almost full"), "disk",
                   {"gigabytes": free / 1e9})


def _retention(store: VisitStore, status: StoreStatus, synced: bool, retention_months: int,
               today) -> Finding:
    today = today or datetime.now().astimezone().date()
    keep_from = first_kept_month(today, retention_months)
    due = [m for m in status.months if m < keep_from]
    reason = pause_reason(today, synced, store.newest_visit_date(), len(due))
    if due and reason is not None:
        return Finding(False, f"retention: paused, {len(due)} month(s) are past "
                              f"{retention_months} months but {reason}", "retention_paused",
                       {"count": len(due), "months": retention_months, "reason": reason})
    return Finding(True, f"retention: visit rows are kept {retention_months} months "
                         f"(from {keep_from} on)", "retention",
                   {"months": retention_months, "keep_from": keep_from})


def _last_export(store: VisitStore) -> Finding:
    last = store.last_export()
    if last is None:
        return Finding(True, "export: never run", "export_never")
    if last.damaged:
        return Finding(False, "export: the record of the last export is damaged; the next "
                              "export writes it again", "export_record_damaged")
    offsite = last.offsite
    if offsite and not offsite.get("ok"):
        return Finding(False, f"export: last run {last.time}; {offsite.get('text')}",
                       "export_offsite_failed", {"time": last.time, "text": offsite.get("text")})
    if last.ok:
        return Finding(True, f"export: last run {last.time}, {last.files} file(s) "
                             f"to {last.out}", "export",
                       {"time": last.time, "files": last.files, "out": str(last.out)})
    return Finding(False, f"export: last run {last.time} FAILED: {last.error}",
                   "export_failed", {"time": last.time, "error": last.error})


def last_export_finding(data_dir: Path) -> Finding:
    """The export line alone (the coordinator's export tab)."""
    try:
        return _last_export(VisitStore.open_reader(data_dir))
    except StoreError as error:
        return Finding(False, str(error), "store_error", {"detail": str(error)})


def record_offsite(data_dir: Path, ok: bool, text: str) -> None:
    VisitStore.open_reader(data_dir).record_offsite(ok, text)


def clear_flags(data_dir: Path) -> None:
    VisitStore.open_reader(data_dir).clear_flags()
