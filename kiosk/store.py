"""The visit store: the only way the rest of the kiosk reads or writes the data folder.

Layout of the data directory (no other module knows these names):

    kiosk.lock              held (fcntl) by the one process that may write
    journal.jsonl           visits not yet compacted, one fsynced CRC line each
    visits-YYYY-MM.json     TinyDB file per local month, replaced atomically; doc_id = seq
    summary-YYYY-MM.json    a month's counts after its rows passed retention (no cards)
    digest-YYYY-MM.json     what a reader made of a month file (counts, with card tokens),
                            valid while that file is unchanged; deleted with it
    state.json              last time seen, and each month file's highest seq
    cards.json              the card index (first and last visit per token), with its seq
    health.json             problems raised, until a coordinator clears them
    last-export.json        how the last export went
    *.corrupt-<stamp>       damaged bytes moved aside, kept until retention
    *.torn-<stamp>          a journal line a power cut cut short (never confirmed)

Invariants:
- `append` returns only after the visit's journal line is fsynced, or, when the disk
  fails, after it is queued in memory for a retry and the health flag is raised (the
  screen still says "Welkom!": the door never fails, the coordinator is told).
- A visit's seq is its TinyDB doc_id. The next seq is above every seq stored anywhere (the
  journal and every month file), never taken from state.json alone: that file may be
  missing or older than the month files (a backup restored mid-compaction).
- Compaction is idempotent: a visit already in its month file is recognised by what it
  is, not just by its seq, so a repeated compaction adds nothing, and a visit whose seq
  clashes with a different stored one is renumbered, never dropped.
- Compaction writes month files first, then state.json, then empties the journal. A
  reader reads the journal before the month files and drops what it sees twice.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from tinydb import TinyDB
from tinydb.table import Document, Table

from . import schema
from .atomic import AtomicJSONStorage, fsync_directory, write_atomic, write_json_atomic
from .journal import JournalWriter, encode_journal, read_journal
from .visits import Visit

log = logging.getLogger(__name__)

JOURNAL = "journal.jsonl"
STATE = "state.json"
CARDS = "cards.json"
HEALTH = "health.json"
LAST_EXPORT = "last-export.json"
LOCK = "kiosk.lock"
MONTH_PREFIX = "visits-"
SUMMARY_PREFIX = "summary-"
DIGEST_PREFIX = "digest-"
SEEN_ASIDE = "set-aside"     # damaged files a coordinator has seen (kiosk doctor --clear)
MAX_CLASH_FLAGS = 1
ASIDE = re.compile(r"^(?P<name>.+)\.(?P<why>corrupt|torn)-(?P<stamp>\d{8}-\d{6})(-\d+)?$")
STAMP_FORMAT = "%Y%m%d-%H%M%S"
_MONTH = re.compile(r"^\d{4}-\d{2}$")
NOT_A_FILE = "a folder, not the kiosk's file"
# Clock steps smaller than this are NTP slewing, not a Pi waking up in the past.
CLOCK_BACKWARDS_TOLERANCE_SECONDS = 2.0


class StoreError(Exception):
    """A problem the person starting the kiosk must fix; the message says how."""


class StoreLocked(StoreError):
    pass


@dataclass
class CardInfo:
    # None once the first visit is older than the retention period (forgotten).
    first_date: str | None
    last_utc: str
    last_activity: str | None
    language: str
    visits: int

    def to_json(self) -> dict:
        return self.__dict__.copy()


@dataclass
class Health:
    """Problems the coordinator must hear about. A writer keeps them in health.json, so
    `kiosk doctor` (another process) can tell them until someone clears them. A flag that
    cannot be written (the disk is the problem) is kept and written at the next chance."""

    problems: list[str] = field(default_factory=list)
    path: Path | None = None
    unwritten: list[dict] = field(default_factory=list)
    # Every flag raised, repeats included: tells whether one read met damage even when
    # the same problem was already listed.
    raised: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_flag(self, problem: str) -> None:
        self.raised += 1
        if problem in self.problems:
            # Still happening after `kiosk doctor --clear` (another process) emptied the
            # file: record it again, or the doctor would say all is well.
            if self.path is None or any(entry["problem"] == problem for entry in
                                        self.unwritten + read_health(self.path)):
                return
        else:
            self.problems.append(problem)
        if self.path is not None:
            stamp = datetime.now().astimezone().isoformat(timespec="seconds")
            self.unwritten.append({"time": stamp, "problem": problem})
        self.retry()

    def retry(self) -> bool:
        """Write the flags not written yet; True when none is left unwritten."""
        if self.path is None or not self.unwritten:
            return True
        try:
            recorded = read_health(self.path)
            write_json_atomic(self.path, recorded + self.unwritten)
        except OSError:
            return False  # still shown by this process; tried again at the next upkeep
        self.unwritten.clear()
        return True


def read_health(path: Path) -> list[dict]:
    return _read_health(path)[0]


def _read_health(path: Path) -> tuple[list[dict], int]:
    """The recorded flags, and how many entries could not be read (a hand edit, a
    half-restored file): those are reported, never a reason to crash."""
    try:
        recorded = json.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError:
        return [], 0
    except (OSError, ValueError):
        return [], 1
    if not isinstance(recorded, list):
        return [], 1
    entries = [entry for entry in recorded
               if isinstance(entry, dict) and isinstance(entry.get("problem"), str)]
    return entries, len(recorded) - len(entries)


def _card_info(info: dict) -> CardInfo:
    card = CardInfo(**info)
    if not (isinstance(card.first_date, (str, type(None))) and isinstance(card.last_utc, str)
            and isinstance(card.last_activity, (str, type(None)))
            and isinstance(card.language, str) and isinstance(card.visits, int)
            and not isinstance(card.visits, bool)):
        raise TypeError("a card entry of the wrong shape")
    return card


def _visit_like_records(raw: bytes) -> tuple[bool, list[dict]]:
    """Every JSON object two levels down (table -> document) in a damaged month file,
    duplicates of a key included: the salvage reads past TinyDB on purpose."""
    pairs = json.loads(raw.decode("utf-8"), object_pairs_hook=lambda items: items)
    records = []
    if isinstance(pairs, list):
        for _, table in (item for item in pairs if isinstance(item, tuple)):
            if isinstance(table, list):
                for entry in table:
                    if isinstance(entry, tuple) and isinstance(entry[1], list) and all(
                            isinstance(field, tuple) for field in entry[1]):
                        records.append(dict(entry[1]))
    return True, records


def _process_alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return int(pid) != os.getpid()


def month_file_name(month: str) -> str:
    return f"{MONTH_PREFIX}{month}.json"


def _stamp() -> str:
    return datetime.now().strftime(STAMP_FORMAT)


def _identity(visit: Visit) -> tuple:
    """What a visit is, apart from its seq: tells the same visit written twice (a retried
    fsync, a compaction repeated after a crash) from another visit given the same seq."""
    return (visit.utc, visit.local, visit.kind, visit.site, visit.activity, visit.topic,
            visit.card, visit.language, visit.queue_number, visit.shift_minutes)


def _key(visit: Visit) -> tuple:
    return (visit.seq, _identity(visit))


class _TolerantTable(Table):
    """TinyDB's table, but a stored document that is not a JSON object (a flipped bit, a
    hand edit) comes out marked instead of stopping the iteration over the whole month."""

    class document_class(Document):
        def __init__(self, value, doc_id):
            if not isinstance(value, dict):
                value = {"__not_an_object__": value}
            super().__init__(value, doc_id)


class _MonthDB(TinyDB):
    table_class = _TolerantTable


@dataclass
class ExportRecord:
    """How the last export went, as `kiosk export` or the USB button recorded it."""
    time: str = "?"
    out: str = ""
    files: int = 0
    rows: int = 0
    ok: bool = True
    error: str | None = None
    offsite: dict | None = None
    damaged: bool = False


@dataclass
class AsideFile:
    name: str
    why: str                  # "corrupt" (damage) or "torn" (an unconfirmed last line)
    size: int


@dataclass
class StoreStatus:
    """What `kiosk doctor` and the Gezondheid tab show; from a live store it includes what
    only that process knows (visits held in memory, flags the disk would not take)."""
    recorded: list[dict]
    unreadable_flags: int          # entries of health.json that make no sense
    live_problems: list[str]
    unsaved: int
    journal_visits: int
    journal_damaged_lines: int
    months: list[str]
    month_bytes: int
    cards: int
    asides: list[AsideFile]
    seen_asides: list[AsideFile]
    summaries: list[str]


class VisitStore:
    """Open with `VisitStore.open_writer(dir)` (the kiosk) or `open_reader(dir)` (export)."""

    def __init__(self, directory: Path, writer: bool, fsync: bool = True):
        self.directory = Path(directory)
        self.writer = writer
        self.fsync = fsync
        self.health = Health()
        self._cards: dict[str, CardInfo] | None = None   # loaded when first needed
        self._cards_seq = 0                              # the index includes visits up to it
        self._last_seq = 0
        self._stored_seq = 0                # the highest seq in any month file
        self._cards_broken = False
        self._last_utc: datetime | None = None
        # Each month file's (inode, size, mtime_ns) and highest seq, as last seen: a file
        # that still matches need not be read at start to know the next seq.
        self._month_index: dict[str, list[int]] = {}
        self._pending: list[Visit] = []     # durable in the journal, not yet in partitions
        self._unsaved: list[Visit] = []     # accepted while the disk failed; retried
        self._journal: JournalWriter | None = None
        self._lock_fd: int | None = None
        self._verify_cursor = -1
        # Told of every visit appended, on the writer's thread (today's numbers on the
        # staff page follow the door without reading the month files again).
        self._appended: list[Callable[[Visit], None]] = []
        # Per month file, what this writer's last compaction of it did when it only added
        # visits: (identity before, identity after, the visits added). Whoever summarised
        # the file before adds those instead of reading the month again.
        self._last_additions: dict[str, tuple[tuple, tuple, list[Visit]]] = {}

    # -- opening and closing -------------------------------------------------------

    @classmethod
    def open_writer(cls, directory: Path | str, fsync: bool = True) -> "VisitStore":
        store = cls(Path(directory), writer=True, fsync=fsync)
        store._prepare_directory()
        store._acquire_lock()
        store.health.path = store.directory / HEALTH
        try:
            store._recover()
            store.cards  # noqa: B018  (loaded now, not on the first visitor's tap)
            store._journal = JournalWriter(store.directory / JOURNAL, fsync=fsync)
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def open_reader(cls, directory: Path | str) -> "VisitStore":
        store = cls(Path(directory), writer=False)
        if not store.directory.is_dir():
            raise StoreError(f"There is no kiosk data in {store.directory}.")
        if not store._holds_kiosk_files():
            # A mistyped KIOSK_DATA_DIR that happens to exist (a home folder, '/'): better
            # refused than read as an empty kiosk, with last-export.json left among
            # someone else's files.
            raise StoreError(f"There is no kiosk data in {store.directory}: none of the "
                             "kiosk's files are there. Is KIOSK_DATA_DIR right? (The kiosk "
                             "makes them when it first starts.)")
        contents = read_journal(store.directory / JOURNAL)
        if contents.folder:
            store.health.raise_flag(f"{JOURNAL} is {NOT_A_FILE}; the kiosk moves it aside "
                                    "at its next start")
        if contents.damaged:
            store.health.raise_flag(f"{contents.damaged_lines} damaged line(s) in the "
                                    "journal; the kiosk sets them aside at its next start")
        store._pending = store._visits_from_journal(contents.records)
        return store

    def _holds_kiosk_files(self) -> bool:
        """Whether a kiosk ever kept its data here: the lock and the journal exist from
        its first start on; the rest are checked for a folder restored from a backup."""
        for name in (LOCK, JOURNAL, STATE, CARDS):
            if (self.directory / name).exists():
                return True
        return any(True for _ in self.directory.glob(f"{MONTH_PREFIX}*.json")) or \
            any(True for _ in self.directory.glob(f"{SUMMARY_PREFIX}*.json"))

    def close(self) -> None:
        if self.writer and self._journal is not None:
            try:
                self.compact()
            except OSError as error:
                self.health.raise_flag(f"could not compact at close: {error}")
            self._journal.close()
            self._journal = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _prepare_directory(self) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"Cannot create the data folder {self.directory}: "
                             f"{error.strerror}. Set KIOSK_DATA_DIR to a folder the kiosk "
                             "may write to.") from None
        if not os.access(self.directory, os.W_OK | os.X_OK):
            raise StoreError(f"The data folder {self.directory} is not writable for this "
                             "user. Fix its owner or permissions, or set KIOSK_DATA_DIR.")

    def _acquire_lock(self) -> None:
        try:
            fd = os.open(self.directory / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except IsADirectoryError:
            raise StoreError(f"{self.directory / LOCK} is a folder, not the kiosk's lock file: "
                             "move it out of the data folder, then start again.") from None
        except OSError as error:
            raise StoreError(f"Cannot open {self.directory / LOCK}: {error.strerror}. "
                             "Is the data folder on a read-only or full disk?") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise StoreLocked(f"Another kiosk (process {holder}) is already using "
                              f"{self.directory}. Only one may write there at a time.") from None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        except OSError:
            pass  # the pid is a courtesy for the message above; the lock itself holds
        self._lock_fd = fd

    # -- recovery ------------------------------------------------------------------

    def _set_aside(self, name: str, data: bytes, why: str = "corrupt") -> str | None:
        """Keep damaged bytes beside the data for whoever looks; returns the file name, or
        None when the disk will not take them (said in a flag; the start goes on)."""
        try:
            return self._write_aside(name, data, why)
        except OSError as error:
            self.health.raise_flag(f"damaged bytes of {name} could not be set aside "
                                   f"({error.strerror or error}); they stay where they are")
            return None

    def _aside_path(self, name: str, why: str) -> Path:
        """A free name beside the data for damaged bytes: <name>.<why>-<time>[-n]."""
        stamp = _stamp()
        target = self.directory / f"{name}.{why}-{stamp}"
        counter = 1
        while target.exists():
            counter += 1
            target = self.directory / f"{name}.{why}-{stamp}-{counter}"
        return target

    def _write_aside(self, name: str, data: bytes, why: str) -> str:
        target = self._aside_path(name, why)
        write_atomic(target, data)
        return target.name

    def _move_aside(self, path: Path, why: str) -> str:
        target = self._aside_path(path.name, "corrupt")
        os.replace(path, target)
        look = " (look inside before deleting it)" if why == NOT_A_FILE else ""
        self.health.raise_flag(f"{path.name} was {why}; moved aside to {target.name}{look}")
        return target.name

    def _read_derived(self, name: str) -> tuple[dict | None, bool]:
        """A derived file (state, card index) in the current schema, and whether the file
        existed. None when it is missing, from an older schema, or damaged (then moved
        aside or flagged): derived files are rebuilt from the month files."""
        path = self.directory / name
        try:
            stored = json.loads(path.read_text("utf-8"))
            if not isinstance(stored, dict) or not isinstance(stored.get("schema"), int):
                raise ValueError("unexpected shape")
            schema.check_readable(stored["schema"], name)
        except FileNotFoundError:
            return None, False
        except IsADirectoryError:
            self._damaged(path, NOT_A_FILE)
            return None, True
        except schema.NewerSchema:
            # Derived from the month files: rebuilt, never a reason to keep the door shut
            # (a flipped bit in "schema" looks the same as a newer kiosk's file).
            return None, True
        except (ValueError, UnicodeDecodeError, OverflowError, RecursionError):
            self._damaged(path)
            return None, True
        return (stored if stored["schema"] == schema.CURRENT else None), True

    def _damaged(self, path: Path, why: str = "damaged") -> None:
        if self.writer:
            self._move_aside(path, why)
        elif why == NOT_A_FILE:
            self.health.raise_flag(f"{path.name} is {why}; the kiosk moves it aside at its "
                                   "next start")
        else:
            self.health.raise_flag(f"{path.name} is {why}")

    def _load_state(self) -> None:
        state, _ = self._read_derived(STATE)
        if state is None:
            return
        try:
            # A floor, never the answer: the seqs given before, also to visits in a
            # month file that was since moved aside (they must never be given again).
            self._last_seq = max(0, int(state.get("compacted_seq", 0)))
            if state.get("last_utc"):
                last_utc = datetime.fromisoformat(state["last_utc"])
                if last_utc.tzinfo is not None:
                    self._last_utc = last_utc
            index = state.get("months", {})
            if isinstance(index, dict):
                self._month_index = {
                    month: [int(part) for part in entry] for month, entry in index.items()
                    if isinstance(entry, list) and len(entry) == 4}
        except (TypeError, ValueError, AttributeError, OverflowError):
            self._damaged(self.directory / STATE)
            self._last_seq, self._last_utc, self._month_index = 0, None, {}

    def _highest_stored_seq(self) -> int:
        """The highest seq in any month file. A file unchanged since this kiosk last wrote
        it is known from state.json; any other (new, restored, edited) is read."""
        highest = 0
        for month in self.months():
            signature = self._signature(month)
            known = self._month_index.get(month)
            if known is not None and signature is not None and known[:3] == signature:
                highest = max(highest, known[3])
                continue
            seqs = [visit.seq for visit in self.read_month(month)]
            top = max(seqs, default=0)
            if signature is not None:
                current = self._signature(month)  # read_month may have rewritten it
                if current is not None:
                    self._month_index[month] = current + [top]
            highest = max(highest, top)
        return highest

    def _signature(self, month: str) -> list[int] | None:
        try:
            info = (self.directory / month_file_name(month)).stat()
        except FileNotFoundError:
            return None
        return [info.st_ino, info.st_size, info.st_mtime_ns]

    @property
    def cards(self) -> dict[str, CardInfo]:
        """Every card seen: first date, last visit, last activity and language."""
        if self._cards is None:
            self._load_cards()
        return self._cards

    def _load_cards(self) -> None:
        stored, _ = self._read_derived(CARDS)
        try:
            if stored is not None:
                cards = {token: _card_info(info) for token, info in stored["cards"].items()}
                self._cards, self._cards_seq = cards, int(stored["seq"])
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
            self._damaged(self.directory / CARDS)
            stored = None
        if stored is None:
            self._rebuild_cards()
        for visit in sorted(self._pending + self._unsaved, key=lambda v: v.seq):
            self._remember(visit)
        if stored is not None and self.writer and not (
                self._stored_seq <= self._cards_seq <= self._last_seq):
            # Behind the month files (a backup restored mid-compaction) or ahead of every
            # seq given (a flipped bit): either way visits would be missed. Rebuilt.
            self.health.raise_flag("cards.json did not match the month files; rebuilt")
            self._rebuild_cards()
            for visit in sorted(self._pending + self._unsaved, key=lambda v: v.seq):
                self._remember(visit)

    def _rebuild_cards(self) -> None:
        self._cards, self._cards_seq = {}, 0
        visits = [v for month in self.months() for v in self.read_month(month)]
        for visit in sorted(visits, key=lambda v: v.seq):
            self._remember(visit)

    def _visits_from_journal(self, records: list[dict]) -> list[Visit]:
        visits, seen = [], set()
        for record in records:
            try:
                visit = Visit.from_record(record)
            except schema.NewerSchema as error:
                raise StoreError(str(error)) from None
            except (KeyError, TypeError, ValueError):
                self.health.raise_flag("a journal record of unknown shape was skipped")
                continue
            if _key(visit) in seen:
                continue  # written twice after a failed fsync was retried: one visit
            seen.add(_key(visit))
            visits.append(visit)
        return visits

    def _recover(self) -> None:
        # Temporary files of an atomic write cut short: the old file is still whole, and
        # the temporary one was never renamed into place, so it holds nothing needed.
        for leftover in self.directory.glob(".*.tmp-*"):
            if not _process_alive(leftover.name.rsplit("-", 1)[-1]):
                leftover.unlink(missing_ok=True)  # (an export or backup may be writing one)
        self._load_state()
        journal_path = self.directory / JOURNAL
        if journal_path.is_dir():
            self._move_aside(journal_path, NOT_A_FILE)  # a fresh journal takes its place
        contents = read_journal(journal_path)
        if contents.torn_tail:
            # Written but never fsynced to the end: that visit was never confirmed.
            self._set_aside(JOURNAL, contents.torn_tail, why="torn")
        if contents.damaged:
            aside = self._set_aside(JOURNAL, contents.damaged)
            self.health.raise_flag(
                f"{contents.damaged_lines} damaged line(s) in the journal: up to "
                f"{contents.damaged_lines} visit(s) could not be read; the damaged bytes "
                f"are kept in {aside}")
        if not contents.intact:
            # Only readable lines stay, so the writer appends after a whole line.
            try:
                write_atomic(journal_path, encode_journal(contents.records))
            except OSError as error:
                # The damaged bytes stay; the writer starts its lines on a fresh line.
                self.health.raise_flag(f"the journal could not be cleaned up "
                                       f"({error.strerror or error}); tried again at restart")
        self._pending = self._visits_from_journal(contents.records)
        for visit in self._pending:
            if not visit.clock_suspect and (self._last_utc is None or visit.utc > self._last_utc):
                self._last_utc = visit.utc
        missing = sorted(set(self._month_index) - set(self.months())
                         - self.summarised_months())
        for month in missing:
            # Retention says so in state.json when it deletes a month: this one just went.
            self.health.raise_flag(f"{month_file_name(month)} is missing; it held visits "
                                   "at the last compaction (restore it from a backup)")
            del self._month_index[month]
        # The month in use is checked now, as is every file the state does not vouch for
        # (see _highest_stored_seq); the others one by one at idle.
        current = datetime.now().astimezone().strftime("%Y-%m")
        self.verify_partitions([m for m in self.months() if m >= current])
        self._stored_seq = self._highest_stored_seq()
        self._last_seq = max([self._last_seq, self._stored_seq] + [v.seq for v in self._pending])
        self._trust_last_utc()
        if self._pending:
            try:
                self.compact()
            except OSError as error:
                # The visits are safe in the journal; the kiosk starts and says so.
                self.health.raise_flag(f"could not compact at start: {error}")

    def _trust_last_utc(self) -> None:
        """The last time seen is never later than the newest visit stored: a flipped bit
        or a clock that once jumped ahead would otherwise make every later visit
        'clock suspect' for years."""
        newest = [v.utc for v in self._pending]
        for month in reversed(self.months()):
            times = [v.utc for v in self.read_month(month)]
            if times:
                newest.append(max(times))
                break
        if newest and (self._last_utc is None or self._last_utc > max(newest)):
            self._last_utc = max(newest)
        elif not newest:
            self._last_utc = None

    # -- writing -------------------------------------------------------------------

    def append(self, visit: Visit) -> Visit:
        """Give the visit its seq and make it durable; returns the stored visit.

        On a disk error the visit is kept in memory and retried with the next append or
        compaction; the health flag tells the coordinator. The door never fails.
        """
        if not self.writer:
            raise StoreError("This store was opened read-only.")
        self._last_seq += 1
        # A synchronised clock is right by definition (NTP may step it back after a wrong
        # jump ahead); an unsynchronised one that went back is marked.
        suspect = (not visit.clock_synced and self._last_utc is not None and
                   (self._last_utc - visit.utc).total_seconds() > CLOCK_BACKWARDS_TOLERANCE_SECONDS)
        stored = visit.with_store_fields(self._last_seq, suspect)
        self._last_utc = stored.utc if not suspect else self._last_utc
        self._unsaved.append(stored)
        self._flush_unsaved()
        try:
            self._remember(stored)
        except Exception as error:  # noqa: BLE001  (the visit is safe; the index is derived)
            self.health.raise_flag(f"the card index could not take a visit ({error}); it is "
                                   "rebuilt at the next start")
            self._cards_broken = True
        for listener in list(self._appended):
            try:
                listener(stored)
            except Exception:  # noqa: BLE001  (a listener's fault never costs a visit)
                log.exception("a listener of appended visits failed")
        return stored

    def on_append(self, listener: Callable[[Visit], None]) -> Callable[[], None]:
        """`listener(visit)` after each append, on the writer's thread; returns the
        unsubscribe. It must only hand the visit on: the door waits for it."""
        self._appended.append(listener)
        return lambda: self._appended.remove(listener) if listener in self._appended else None

    @property
    def unsaved_count(self) -> int:
        return len(self._unsaved)

    def _flush_unsaved(self) -> None:
        while self._unsaved:
            visit = self._unsaved[0]
            try:
                self._journal.append(visit.to_record())
            except OSError as error:
                reason = "the disk is full" if error.errno == errno.ENOSPC else str(error)
                self.health.raise_flag(f"visits could not be saved ({reason}); "
                                       "they are kept in memory and retried")
                return
            self._pending.append(self._unsaved.pop(0))

    def _remember(self, visit: Visit) -> None:
        """Update the card index; visits it already includes are skipped by seq."""
        if self._cards is None or visit.seq <= self._cards_seq:
            return
        self._cards_seq = visit.seq
        if visit.card is None:
            return
        utc = visit.utc.astimezone(timezone.utc).isoformat(timespec="milliseconds")
        info = self._cards.get(visit.card)
        if info is None:
            self._cards[visit.card] = CardInfo(visit.local_date.isoformat(), utc,
                                              visit.activity, visit.language, 1)
            return
        info.visits += 1
        if info.first_date is not None:
            info.first_date = min(info.first_date, visit.local_date.isoformat())
        if utc >= info.last_utc:
            info.last_utc = utc
            info.language = visit.language
            if visit.activity:
                info.last_activity = visit.activity

    def retry_writes(self) -> None:
        """Upkeep: visits and flags the disk refused earlier are tried again."""
        if self._journal is not None:
            self._flush_unsaved()
        self.health.retry()

    # -- compaction ----------------------------------------------------------------

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    def compact(self) -> int:
        """Move journaled visits into their month files; returns how many were added."""
        if not self.writer:
            raise StoreError("This store was opened read-only.")
        if self._journal is not None:
            self._flush_unsaved()
        if not self._pending:
            return 0
        by_month: dict[str, list[Visit]] = defaultdict(list)
        for visit in self._pending:
            by_month[visit.month].append(visit)
        added = 0
        for month, visits in sorted(by_month.items()):
            added += self._write_month(month, visits)
        self._write_cards()
        self._write_state()
        self._pending.clear()
        self._empty_journal()
        return added

    def _write_state(self) -> None:
        write_json_atomic(self.directory / STATE, {
            "schema": schema.CURRENT,
            "compacted_seq": self._last_seq,
            "last_utc": self._last_utc.isoformat() if self._last_utc else None,
            "months": self._month_index,
        })

    def _write_cards(self) -> None:
        if self._cards_broken:
            return  # the old file stays behind the month files: rebuilt at the next start
        # Loaded first: the compaction at start (visits left in the journal by a power
        # cut) runs before anything asked for the index, and its seq is only known once
        # it is loaded. Written as 0, the next start rebuilt it from every month file.
        cards = self.cards
        write_json_atomic(self.directory / CARDS, {
            "schema": schema.CURRENT,
            "seq": self._cards_seq,
            "cards": {token: info.to_json() for token, info in cards.items()},
        })

    def _empty_journal(self) -> None:
        """Start a fresh journal; its old lines are all in month files now.

        If emptying fails (disk full), the writer goes on appending to the old journal:
        its stale lines are recognised at the next start, and a later compaction
        empties it. The writer must never be left closed: every visit would be refused.
        """
        if self._journal is None:
            write_atomic(self.directory / JOURNAL, b"")
            return
        self._journal.close()
        try:
            write_atomic(self.directory / JOURNAL, b"")
        finally:
            self._journal = JournalWriter(self.directory / JOURNAL, fsync=self.fsync)

    def _write_month(self, month: str, visits: list[Visit]) -> int:
        stored = {v.seq: v for v in self.read_month(month)}
        before = self.month_identity(month)  # as read (read_month may have set records aside)
        identities = {_identity(v) for v in stored.values()}
        new: list[Visit] = []
        renumbered = 0
        taken = set(stored)
        for visit in sorted(visits, key=lambda v: v.seq):
            if visit.seq in stored and _identity(stored[visit.seq]) == _identity(visit):
                continue  # compacted before (a crash before the journal was emptied)
            if visit.seq in taken:
                # The same seq for a different visit: never drop it, give it a new one,
                # unless an earlier compaction cut short by a crash already did.
                if _identity(visit) in identities:
                    continue
                self._last_seq += 1
                visit = visit.with_store_fields(self._last_seq, visit.clock_suspect)
                renumbered += 1
            taken.add(visit.seq)
            new.append(visit)
        if renumbered:
            # One flag, whatever the number: each flag rewrites health.json.
            self.health.raise_flag(f"{renumbered} visit(s) in {month} had a number already in "
                                   "use; they were stored under new numbers (nothing was lost)")
        if new:
            path = self.directory / month_file_name(month)
            database = TinyDB(path, storage=AtomicJSONStorage)
            if not stored and not path.exists():
                database.table("meta").insert(
                    Document({"schema": schema.CURRENT, "month": month}, doc_id=1))
            database.table("visits").insert_multiple(
                Document(v.to_record(), doc_id=v.seq) for v in new)
            after = self.month_identity(month)
            if before is not None and after is not None:
                self._last_additions[month] = (before, after, new)
            else:
                self._last_additions.pop(month, None)
        top = max([v.seq for v in stored.values()] + [v.seq for v in new], default=0)
        signature = self._signature(month)
        if signature is not None:
            self._month_index[month] = signature + [top]
        return len(new)

    # -- month files ---------------------------------------------------------------

    def months(self) -> list[str]:
        """The months that have a month file, oldest first."""
        names = (p.name for p in self.directory.glob(f"{MONTH_PREFIX}*.json"))
        months = (name[len(MONTH_PREFIX):-len(".json")] for name in names)
        return sorted(m for m in months if _MONTH.match(m))

    def month_identity(self, month: str) -> tuple | None:
        """Changes whenever the month file does (written, replaced, restored): a reader
        may keep what it made of the file for as long as this stays the same."""
        signature = self._signature(month)
        return None if signature is None else tuple(signature)

    def month_additions(self, month: str, since: tuple) -> list[Visit] | None:
        """The visits this writer's last compaction of the month added, when that turned
        the file of identity `since` into the file as it is now by adding them and nothing
        else; None otherwise (another change, or several since: read the month again)."""
        last = self._last_additions.get(month)
        if last is None or last[0] != since or last[1] != self.month_identity(month):
            return None
        return list(last[2])

    def unfiled_visits(self) -> list[Visit]:
        """Visits not yet folded into a month file (the journal, and any held in memory)."""
        if self.writer:
            return list(self._pending) + list(self._unsaved)
        return self._visits_from_journal(read_journal(self.directory / JOURNAL).records)

    def read_month(self, month: str) -> list[Visit]:
        """Every readable visit of a month file, checked record by record.

        A file that is not a month file at all is moved aside whole (writer) or flagged
        (reader). A record that is not a visit (a flipped bit, a hand edit) is moved aside
        on its own and the rest kept: one bad record must never close the door.
        """
        path = self.directory / month_file_name(month)
        if not path.exists():
            return []
        if path.is_dir():
            self._damaged(path, NOT_A_FILE)
            return []
        database = _MonthDB(path, storage=AtomicJSONStorage)
        try:
            if database.tables() - {"meta", "visits"}:
                raise ValueError("a table that is not a month file's")  # "vIsits": a flip
            meta = database.table("meta").get(doc_id=1)
            if (meta is None or "__not_an_object__" in meta
                    or not isinstance(meta.get("schema"), int) or meta.get("month") != month):
                raise ValueError("not a month file")
            schema.check_readable(meta["schema"], path.name)
            if meta["schema"] < schema.CURRENT and self.writer:
                self._upgrade_month(database)
            documents = database.table("visits").all()
        except schema.NewerSchema as error:
            return self._salvage_month(path, month, newer=error)
        except FileNotFoundError:
            return []
        except (ValueError, UnicodeDecodeError, AttributeError, TypeError, KeyError,
                OverflowError, RecursionError):
            # Not JSON, not TinyDB's shape, a document id that is not a number.
            return self._salvage_month(path, month)
        visits, bad = [], {}
        year, number = int(month[:4]), int(month[5:])
        for document in documents:
            try:
                visit = Visit.from_record(document)  # (a dict: no copy needed)
                if visit.seq != document.doc_id or visit.local.month != number \
                        or visit.local.year != year:
                    raise ValueError("a record in the wrong place")
            except (KeyError, TypeError, ValueError, AttributeError):
                # (NewerSchema too: a file this kiosk can read cannot hold a record from
                # a newer one; a flipped bit in "v" made it.)
                bad[document.doc_id] = document.get("__not_an_object__", dict(document))
                continue
            visits.append(visit)
        if bad:
            self._set_aside_records(database, path, bad)
        return visits

    def _salvage_month(self, path: Path, month: str,
                       newer: schema.NewerSchema | None = None) -> list[Visit]:
        """A month file TinyDB cannot use as it is: every record in it that is a whole
        visit of this month is kept (a flipped bit in "meta", a table name or one
        document id must not cost the month), the file itself is moved aside and flagged,
        and a writer stores the visits found in a new month file."""
        try:
            found, records = _visit_like_records(path.read_bytes())
        except (ValueError, UnicodeDecodeError, RecursionError, OSError):
            found, records = False, []
        visits, newer_records = {}, 0
        for record in records:
            try:
                visit = Visit.from_record(record)
            except schema.NewerSchema:
                newer_records += 1
                continue
            except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
                continue
            if visit.month == month:
                visits.setdefault(visit.seq, visit)
        if newer is not None and newer_records and not visits:
            # Really written by a newer kiosk: refused, not taken apart.
            raise StoreError(str(newer)) from None
        self._damaged(path)
        if not self.writer:
            return sorted(visits.values(), key=lambda v: v.seq)
        self._month_index.pop(month, None)
        if visits:
            self.health.raise_flag(f"{len(visits)} visit(s) of {month} were recovered from "
                                   "the damaged file and kept")
            database = TinyDB(path, storage=AtomicJSONStorage)
            database.table("meta").insert(
                Document({"schema": schema.CURRENT, "month": month}, doc_id=1))
            database.table("visits").insert_multiple(
                Document(v.to_record(), doc_id=v.seq) for v in visits.values())
        return sorted(visits.values(), key=lambda v: v.seq)

    def _set_aside_records(self, database: TinyDB, path: Path, bad: dict) -> None:
        if not self.writer:
            self.health.raise_flag(f"{path.name} holds {len(bad)} record(s) that are not "
                                   "visits; the kiosk sets them aside")
            return
        aside = self._set_aside(path.name, json.dumps(
            {str(doc_id): record for doc_id, record in bad.items()},
            ensure_ascii=False).encode("utf-8"))
        if aside is None:
            return  # the disk is full: they stay in the file, skipped at every read
        try:
            database.table("visits").remove(doc_ids=list(bad))
        except OSError as error:
            self.health.raise_flag(f"damaged records in {path.name} could not be taken out "
                                   f"({error.strerror or error}); they are skipped")
            return
        self.health.raise_flag(f"{len(bad)} damaged record(s) in {path.name} could not be "
                               f"read as visits; they are kept in {aside}, the rest is in use")

    def _upgrade_month(self, database: TinyDB) -> None:
        """Records first (each upgrade is idempotent), then the file's schema: a crash in
        between only repeats the upgrade at the next open."""
        def upgrade(document):
            upgraded = schema.upgrade(dict(document))
            document.clear()
            document.update(upgraded)

        table = database.table("visits")
        table.update(upgrade, doc_ids=[document.doc_id for document in table.all()])
        database.table("meta").update({"schema": schema.CURRENT}, doc_ids=[1])

    def drop_month(self, month: str) -> None:
        """Retention: the month's rows are deleted (its summary was written first)."""
        (self.directory / month_file_name(month)).unlink(missing_ok=True)
        # Its digest holds the month's card tokens: it goes with the rows (and any other
        # digest left without its month file, one moved aside as damaged).
        self._forget_stale_digests()
        self._month_index.pop(month, None)
        fsync_directory(self.directory)
        self._write_state()  # or the next start would miss the month

    def verify_partitions(self, months: Iterable[str] | None = None) -> None:
        """Read each month file; damage is moved aside (writer) or flagged (reader)."""
        for month in list(months if months is not None else self.months()):
            self.read_month(month)

    def verify_next_partition(self) -> None:
        """One month file per call, round robin: the kiosk checks them all at idle over
        time instead of reading years of history at start."""
        months = self.months()
        if not months:
            return
        self._verify_cursor += 1
        self.verify_partitions([months[self._verify_cursor % len(months)]])

    # -- digests (what readers make of a month file, kept) ---------------------------

    def month_digest(self, month: str, name: str, make: Callable[[list[Visit]], object],
                     load: Callable[[object], object] = lambda kept: kept):
        """load(what `make` makes of the month's visits, JSON-able), or None when the
        month has no file. Kept in a digest file beside the month file for as long as
        that file is the same file (month_identity): a closed month is read once,
        whichever process asks (the kiosk's Cijfers tab, `kiosk report`), and a month
        file that changed (a late visit after a clock jump, a compaction, a restore) is
        read and made again. `name` stands for make's format: a changed format is made
        anew, never misread; one that `load` refuses (ValueError, KeyError, TypeError,
        AttributeError: a hand edit) is made again too."""
        identity = self.month_identity(month)
        if identity is None:
            return None
        path = self.directory / f"{DIGEST_PREFIX}{month}.json"
        kept = self._read_digest(path)
        digests = kept["digests"] if kept is not None and kept["identity"] == list(identity) \
            else {}
        if name in digests:
            try:
                return load(digests[name])
            except (AttributeError, KeyError, TypeError, ValueError):
                pass
        raised = self.health.raised
        visits = self.read_month(month)
        made = make(visits)
        now = self.month_identity(month)
        # A writer's own read may have set a damaged record aside (the file changed, and
        # what was made matches it as it is now); for a reader, a file that changed while
        # it read may be newer than what it read: made, used, not kept. Damage that is
        # still in the file (a reader's, or a full disk's) is never kept: a digest of what
        # it left would count the month without a word at every later read.
        damaged = self.health.raised != raised
        if now is not None and (now != identity if damaged
                                else self.writer or now == identity):
            if now != identity:
                digests = {}
            digests[name] = made
            try:
                # Not fsynced: after a power cut it is the old digest, or damaged, or
                # gone, and each of those only means making it again.
                write_json_atomic(path, {"schema": schema.CURRENT, "month": month,
                                         "identity": list(now), "digests": digests},
                                  durable=False)
            except OSError as error:
                # Only time is lost: the month is read again next time.
                log.info("the digest of %s could not be kept: %s", month, error)
        return load(made)

    def _read_digest(self, path: Path) -> dict | None:
        """A digest file as written, or None (missing, damaged, another schema): it is
        derived, so damage only means making it again, never a flag."""
        try:
            kept = json.loads(path.read_bytes().decode("utf-8"))
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            return None
        if not (isinstance(kept, dict) and kept.get("schema") == schema.CURRENT
                and isinstance(kept.get("identity"), list)
                and isinstance(kept.get("digests"), dict)):
            return None
        return kept

    def _forget_stale_digests(self) -> None:
        kept = set(self.months())
        for path in self.directory.glob(f"{DIGEST_PREFIX}*.json"):
            if path.name[len(DIGEST_PREFIX):-len(".json")] not in kept:
                path.unlink(missing_ok=True)

    # -- summaries (months past retention) -----------------------------------------

    def write_summary(self, month: str, summary: dict) -> None:
        write_json_atomic(self.directory / f"{SUMMARY_PREFIX}{month}.json", summary)

    def summary(self, month: str) -> dict | None:
        try:
            return json.loads((self.directory / f"{SUMMARY_PREFIX}{month}.json")
                              .read_text("utf-8"))
        except (FileNotFoundError, ValueError):
            return None

    def summarised_months(self) -> set[str]:
        """Months whose rows were deleted after retention; only their totals are left."""
        names = (p.name for p in self.directory.glob(f"{SUMMARY_PREFIX}*.json"))
        months = {name[len(SUMMARY_PREFIX):-len(".json")] for name in names}
        return {m for m in months if _MONTH.match(m)} - set(self.months())

    # -- retention of the rest -----------------------------------------------------

    def forget_cards_before(self, cutoff_date: str) -> None:
        """Retention: a card not seen since the cutoff leaves the index, and a first date
        older than the cutoff is forgotten (the card stays known as not new)."""
        cards = self.cards
        for token in [t for t, info in cards.items() if info.last_utc[:10] < cutoff_date]:
            del cards[token]
        for info in cards.values():
            if info.first_date is not None and info.first_date < cutoff_date:
                info.first_date = None
        self._write_cards()

    def asides(self, seen: bool = False) -> list[AsideFile]:
        """Damaged bytes set aside and not yet seen by a coordinator (or, `seen`, those
        that were: `kiosk doctor --clear` moves them into set-aside/)."""
        folder = self.directory / SEEN_ASIDE if seen else self.directory
        found = []
        try:
            paths = sorted(folder.iterdir())
        except (FileNotFoundError, NotADirectoryError):
            return []
        for path in paths:
            match = ASIDE.match(path.name)
            if match and path.is_file():
                found.append(AsideFile(path.name, match["why"], path.stat().st_size))
        return found

    def purge_asides(self, before: date) -> list[str]:
        """Damaged bytes set aside before `before` are deleted: they may hold visit rows,
        which are kept no longer than retention allows."""
        removed = []
        for seen in (False, True):
            folder = self.directory / SEEN_ASIDE if seen else self.directory
            for aside in self.asides(seen):
                stamp = ASIDE.match(aside.name)["stamp"]
                if datetime.strptime(stamp, STAMP_FORMAT).date() < before:
                    (folder / aside.name).unlink(missing_ok=True)
                    removed.append(aside.name)
        return removed

    def newest_visit_date(self) -> date | None:
        """The latest local date of any stored visit, before the clock was doubted."""
        recent = [v.local_date for v in self._pending + self._unsaved if not v.clock_suspect]
        for month in reversed(self.months()):
            dates = [v.local_date for v in self.read_month(month) if not v.clock_suspect]
            if dates:
                recent.append(max(dates))
                break
        return max(recent, default=None)

    # -- status --------------------------------------------------------------------

    def status(self) -> StoreStatus:
        journal = read_journal(self.directory / JOURNAL)
        months = self.months()
        recorded, unreadable = _read_health(self.directory / HEALTH)
        return StoreStatus(
            recorded=recorded,
            unreadable_flags=unreadable,
            live_problems=list(self.health.problems),
            unsaved=len(self._unsaved),
            journal_visits=len(journal.records),
            journal_damaged_lines=journal.damaged_lines,
            months=months,
            month_bytes=sum((self.directory / month_file_name(m)).stat().st_size
                            for m in months if (self.directory / month_file_name(m)).exists()),
            cards=len(self.cards),
            asides=self.asides(),
            seen_asides=self.asides(seen=True),
            summaries=sorted(self.summarised_months()),
        )

    def clear_flags(self) -> None:
        """A coordinator has seen the flags and the damaged files: the flags go, the
        files move into set-aside/ (kept until retention, no longer 'needs attention')."""
        (self.directory / HEALTH).unlink(missing_ok=True)
        self.health.problems.clear()
        self.health.unwritten.clear()
        unseen = self.asides()
        if unseen:
            (self.directory / SEEN_ASIDE).mkdir(exist_ok=True)
            for aside in unseen:
                os.replace(self.directory / aside.name,
                           self.directory / SEEN_ASIDE / aside.name)

    def record_export(self, out: Path | str, files: int, rows: int, error: str | None) -> None:
        """How an export went, for the doctor; the off-site copy's result is kept."""
        previous = self.last_export()
        entry = {"time": datetime.now().astimezone().isoformat(timespec="seconds"),
                 "out": str(out), "files": files, "rows": rows, "ok": error is None,
                 "error": error}
        if previous is not None and previous.offsite is not None and error is None:
            entry["offsite"] = previous.offsite
        write_json_atomic(self.directory / LAST_EXPORT, entry)

    def record_offsite(self, ok: bool, text: str) -> None:
        previous = self.last_export()
        entry = {} if previous is None or previous.damaged else {
            key: value for key, value in previous.__dict__.items() if key != "damaged"}
        entry["offsite"] = {"ok": bool(ok), "text": str(text)}
        write_json_atomic(self.directory / LAST_EXPORT, entry)

    def last_export(self) -> ExportRecord | None:
        """None when no export ever ran; `damaged` set when the file makes no sense."""
        try:
            stored = json.loads((self.directory / LAST_EXPORT).read_text("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return ExportRecord(damaged=True)
        if not isinstance(stored, dict):
            return ExportRecord(damaged=True)
        record = ExportRecord()
        for key, default in ExportRecord().__dict__.items():
            value = stored.get(key, default)
            if key == "offsite" and value is not None and not (
                    isinstance(value, dict) and isinstance(value.get("ok"), bool)):
                return ExportRecord(damaged=True)
            if key != "offsite" and value is not None and default is not None \
                    and not isinstance(value, type(default)):
                return ExportRecord(damaged=True)
            setattr(record, key, value)
        return record

    # -- backup --------------------------------------------------------------------

    def snapshot(self) -> Iterator[tuple[str, bytes]]:
        """Every file a restore needs, as (name, bytes), in an order that opens correctly
        while a writer goes on: small files first, then the journal, then the month files
        and summaries, listed only after the journal was read (a compaction in between
        only moves visits from the one to the other; the store drops the duplicate)."""
        def whole(name: str) -> bytes | None:
            try:
                return (self.directory / name).read_bytes()  # renames are atomic
            except (FileNotFoundError, IsADirectoryError):
                return None

        def is_history(name: str) -> bool:
            return name.startswith((MONTH_PREFIX, SUMMARY_PREFIX)) and name.endswith(".json")

        # Digests are left out: they are made again from the month files, and a restored
        # month file is a new file they would not match anyway.
        small = sorted(p.name for p in self.directory.iterdir()
                       if p.is_file() and p.name not in (LOCK, JOURNAL)
                       and not p.name.startswith((".", DIGEST_PREFIX))
                       and not is_history(p.name))
        for name in small + [JOURNAL]:
            data = whole(name)
            if data is not None:
                yield name, data
        for name in sorted(p.name for p in self.directory.iterdir() if is_history(p.name)):
            data = whole(name)
            if data is not None:
                yield name, data

    # -- reading -------------------------------------------------------------------

    def visits(self, since: date | None = None, until: date | None = None) -> list[Visit]:
        """Every visit with a local date in [since, until], in seq order."""
        # Journal first, month files second: a compaction in between moves visits from
        # the one to the other, and the same visit twice is seen once.
        recent = self.unfiled_visits()
        first = since.strftime("%Y-%m") if since else "0000-00"
        last = until.strftime("%Y-%m") if until else "9999-99"
        months = [m for m in self.months() if first <= m <= last]
        # A visit is in one month file only (its local month), so only the recent ones
        # can be there twice; compared by seq first, the cheap way, then by what they are.
        by_seq: dict[int, Visit] = {}
        found: list[Visit] = []
        for month in months:
            for visit in self.read_month(month):
                if by_seq.setdefault(visit.seq, visit) is visit:
                    found.append(visit)
                elif _identity(by_seq[visit.seq]) != _identity(visit):
                    found.append(visit)  # one seq for two visits: both are kept
        for visit in recent:
            if (since is not None and visit.local_date < since) or \
                    (until is not None and visit.local_date > until):
                continue  # (the door asks for today many times a day: no work for the rest)
            stored = by_seq.get(visit.seq)
            if stored is None:
                by_seq[visit.seq] = visit
                found.append(visit)
            elif stored is not visit and _identity(stored) != _identity(visit):
                found.append(visit)  # one seq for two visits: both are kept
        selected = [v for v in found
                    if (since is None or v.local_date >= since)
                    and (until is None or v.local_date <= until)]
        return sorted(selected, key=lambda v: v.seq)
