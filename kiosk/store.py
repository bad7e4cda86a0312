"""The visit store: the only way the rest of the kiosk reads or writes visits.

Layout of the data directory:

    kiosk.lock              held (fcntl) by the one process that may write
    journal.jsonl           visits not yet compacted, one fsynced CRC line each
    visits-YYYY-MM.json     TinyDB file per local month, replaced atomically; doc_id = seq
    state.json              last compacted seq, last time seen (small: read on every open)
    cards.json              the card index (first and last visit per token), with its seq
    *.corrupt-<timestamp>   damaged files moved aside, never deleted

Invariants:
- `append` returns only after the visit's journal line is fsynced (or, when the disk
  fails, after it is queued in memory for a retry and the health flag is raised).
- A visit's seq is its TinyDB doc_id, so compaction that is repeated after a crash
  upserts the same documents instead of duplicating them.
- Compaction writes partitions first, then state.json, then empties the journal. A
  reader reads the journal before the partitions and drops duplicate seqs, so it
  sees every visit exactly once whenever it runs.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from tinydb import TinyDB
from tinydb.table import Document

from .atomic import AtomicJSONStorage, fsync_directory, write_atomic, write_json_atomic
from .journal import JournalWriter, read_journal
from . import schema
from .visits import Visit

JOURNAL = "journal.jsonl"
STATE = "state.json"
CARDS = "cards.json"
HEALTH = "health.json"
LOCK = "kiosk.lock"
PARTITION_PREFIX = "visits-"
# Clock steps smaller than this are NTP slewing, not a Pi waking up in the past.
CLOCK_BACKWARDS_TOLERANCE_SECONDS = 2.0


class StoreError(Exception):
    """A problem the person starting the kiosk must fix; the message says how."""


class StoreLocked(StoreError):
    pass


@dataclass
class CardInfo:
    first_date: str
    last_utc: str
    last_activity: str | None
    language: str
    visits: int

    def to_json(self) -> dict:
        return self.__dict__.copy()


@dataclass
class Health:
    """Problems the coordinator must hear about. A writer keeps them in health.json, so
    `kiosk doctor` (another process) can tell them until someone clears them."""

    problems: list[str] = field(default_factory=list)
    path: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_flag(self, problem: str) -> None:
        if problem in self.problems:
            return
        self.problems.append(problem)
        if self.path is not None:
            try:
                recorded = read_health(self.path)
                stamp = datetime.now().astimezone().isoformat(timespec="seconds")
                recorded.append({"time": stamp, "problem": problem})
                write_json_atomic(self.path, recorded)
            except OSError:
                pass  # the disk is the problem; the flag still shows in this process


def read_health(path: Path) -> list[dict]:
    try:
        recorded = json.loads(Path(path).read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        return []
    return recorded if isinstance(recorded, list) else []


def partition_name(month: str) -> str:
    return f"{PARTITION_PREFIX}{month}.json"


def _months_between(first: date, last: date) -> list[str]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


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
        self._compacted_seq = 0
        self._last_utc: datetime | None = None
        self._pending: list[Visit] = []     # durable in the journal, not yet in partitions
        self._unsaved: list[Visit] = []     # accepted while the disk failed; retried
        self._journal: JournalWriter | None = None
        self._lock_fd: int | None = None

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
        store._load_state()
        for visit in store._journal_visits():
            if visit.seq > store._compacted_seq:
                store._pending.append(visit)
        return store

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
        fd = os.open(self.directory / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise StoreLocked(f"Another kiosk (process {holder}) is already using "
                              f"{self.directory}. Only one may write there at a time.") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._lock_fd = fd

    # -- recovery ------------------------------------------------------------------

    def _move_aside(self, path: Path, why: str) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        os.replace(path, target)
        self.health.raise_flag(f"{path.name} was {why}; moved aside to {target.name}")
        return target

    def _read_derived(self, path: Path) -> tuple[dict | None, bool]:
        """A derived file (state, card index) in the current schema, and whether the file
        existed. None when it is missing, from an older schema, or damaged (then moved
        aside or flagged): derived files are rebuilt from the partitions."""
        try:
            stored = json.loads(path.read_text("utf-8"))
            if not isinstance(stored, dict) or not isinstance(stored.get("schema"), int):
                raise ValueError("unexpected shape")
            schema.check_readable(stored["schema"], path.name)
        except FileNotFoundError:
            return None, False
        except schema.NewerSchema as error:
            raise StoreError(str(error)) from None
        except ValueError:
            self._damaged(path)
            return None, True
        return (stored if stored["schema"] == schema.CURRENT else None), True

    def _damaged(self, path: Path) -> None:
        if self.writer:
            self._move_aside(path, "damaged")
        else:
            self.health.raise_flag(f"{path.name} is damaged")

    def _load_state(self) -> None:
        path = self.directory / STATE
        state, existed = self._read_derived(path)
        try:
            if state is not None:
                self._compacted_seq = int(state["compacted_seq"])
                if state.get("last_utc"):
                    self._last_utc = datetime.fromisoformat(state["last_utc"])
        except (KeyError, TypeError, ValueError):
            self._damaged(path)
            state = None
        if state is None and existed:
            self._rebuild_state_from_partitions()
        self._last_seq = self._compacted_seq

    def _rebuild_state_from_partitions(self) -> None:
        self._compacted_seq = max((v.seq for v in self._partition_visits(self.months())),
                                  default=0)

    @property
    def cards(self) -> dict[str, CardInfo]:
        """Every card seen: first date, last visit, last activity and language."""
        if self._cards is None:
            self._load_cards()
        return self._cards

    def _load_cards(self) -> None:
        path = self.directory / CARDS
        stored, _ = self._read_derived(path)
        try:
            if stored is not None:
                cards = {token: CardInfo(**info) for token, info in stored["cards"].items()}
                self._cards, self._cards_seq = cards, int(stored["seq"])
        except (KeyError, TypeError, ValueError, AttributeError):
            self._damaged(path)
            stored = None
        if stored is None:
            self._rebuild_cards()
        for visit in self._pending + self._unsaved:
            self._remember(visit)

    def _rebuild_cards(self) -> None:
        self._cards, self._cards_seq = {}, 0
        for visit in sorted(self._partition_visits(self.months()), key=lambda v: v.seq):
            self._remember(visit)

    def _recover(self) -> None:
        # Temporary files of an atomic write cut short: the old file is still whole, and
        # the temporary one was never renamed into place, so it holds nothing needed.
        for leftover in self.directory.glob(".*.tmp-*"):
            leftover.unlink(missing_ok=True)
        self._load_state()
        journal_path = self.directory / JOURNAL
        contents = read_journal(journal_path)
        if contents.torn_tail:
            # Written but never fsynced to the end: that visit was never confirmed.
            # Keep the bytes for whoever wants to look, then cut the journal back.
            write_atomic(journal_path.with_name(f"{JOURNAL}.torn-{int(time.time())}"),
                         contents.torn_tail)
            with open(journal_path, "r+b") as handle:
                handle.truncate(contents.good_length)
                os.fsync(handle.fileno())
        if contents.damaged_lines:
            self.health.raise_flag(f"{contents.damaged_lines} damaged line(s) in the journal "
                                   "were skipped")
        seen: set[int] = set()
        for record in contents.records:
            try:
                visit = Visit.from_record(record)
            except schema.NewerSchema as error:
                raise StoreError(str(error)) from None
            except (KeyError, TypeError, ValueError):
                self.health.raise_flag("a journal record of unknown shape was skipped")
                continue
            if visit.seq in seen:
                continue  # written twice after a failed fsync was retried: one visit
            seen.add(visit.seq)
            if visit.seq > self._compacted_seq:
                self._pending.append(visit)
                self._last_seq = max(self._last_seq, visit.seq)
                if not visit.clock_suspect:
                    self._last_utc = visit.utc
        # The month in use is checked now; older ones one by one at idle.
        current = datetime.now().astimezone().strftime("%Y-%m")
        self.verify_partitions([m for m in self.months() if m >= current])
        if self._pending:
            try:
                self.compact()
            except OSError as error:
                # The visits are safe in the journal; the kiosk starts and says so.
                self.health.raise_flag(f"could not compact at start: {error}")
        elif contents.records:
            # A crash after state.json was written but before the journal was emptied:
            # every line is in a partition already. Empty the journal so that each visit
            # is stored in exactly one place again.
            write_atomic(journal_path, b"")

    # -- writing -------------------------------------------------------------------

    def append(self, visit: Visit) -> Visit:
        """Give the visit its seq and make it durable; returns the stored visit.

        On a disk error the visit is kept in memory and retried with the next append or
        compaction; the health flag tells the coordinator. The door never fails.
        """
        if not self.writer:
            raise StoreError("This store was opened read-only.")
        self._last_seq += 1
        suspect = (self._last_utc is not None and
                   (self._last_utc - visit.utc).total_seconds() > CLOCK_BACKWARDS_TOLERANCE_SECONDS)
        stored = visit.with_store_fields(self._last_seq, suspect)
        self._last_utc = stored.utc if not suspect else self._last_utc
        self._remember(stored)
        self._unsaved.append(stored)
        self._flush_unsaved()
        return stored

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
        info.first_date = min(info.first_date, visit.local_date.isoformat())
        if utc >= info.last_utc:
            info.last_utc = utc
            info.language = visit.language
            if visit.activity:
                info.last_activity = visit.activity

    # -- compaction ----------------------------------------------------------------

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    def compact(self) -> int:
        """Move journaled visits into their month partitions; returns how many moved."""
        if not self.writer:
            raise StoreError("This store was opened read-only.")
        if self._journal is not None:
            self._flush_unsaved()
        if not self._pending:
            return 0
        by_month: dict[str, list[Visit]] = defaultdict(list)
        for visit in self._pending:
            by_month[visit.month].append(visit)
        for month, visits in by_month.items():
            self._write_partition(month, visits)
        moved = len(self._pending)
        self._compacted_seq = max(self._compacted_seq, max(v.seq for v in self._pending))
        write_json_atomic(self.directory / CARDS, {
            "schema": schema.CURRENT,
            "seq": self._cards_seq,
            "cards": {token: info.to_json() for token, info in self.cards.items()},
        })
        write_json_atomic(self.directory / STATE, {
            "schema": schema.CURRENT,
            "compacted_seq": self._compacted_seq,
            "last_utc": self._last_utc.isoformat() if self._last_utc else None,
        })
        self._pending.clear()
        self._empty_journal()
        return moved

    def _empty_journal(self) -> None:
        """Start a fresh journal; its old lines are all in partitions now.

        If emptying fails (disk full), the writer goes on appending to the old journal:
        its stale lines are skipped by seq at the next start, and a later compaction
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

    def _open_partition(self, month: str) -> TinyDB | None:
        path = self.directory / partition_name(month)
        if not path.exists():
            return None
        try:
            database = TinyDB(path, storage=AtomicJSONStorage)
            meta = database.table("meta").get(doc_id=1)
            if (meta is None or not isinstance(meta.get("schema"), int)
                    or meta.get("month") != month):
                raise ValueError("wrong shape")
            schema.check_readable(meta["schema"], path.name)
            if meta["schema"] < schema.CURRENT and self.writer:
                self._upgrade_partition(database, month)
            return database
        except schema.NewerSchema as error:
            raise StoreError(str(error)) from None
        except (ValueError, UnicodeDecodeError, AttributeError, TypeError):
            if self.writer:
                self._move_aside(path, "damaged")
            else:
                self.health.raise_flag(f"{path.name} is damaged")
            return None

    def _upgrade_partition(self, database: TinyDB, month: str) -> None:
        """Rewrite an old partition in the current schema, in one atomic write."""
        table = database.table("visits")
        upgraded = [Document(schema.upgrade(dict(document)), doc_id=document.doc_id)
                    for document in table.all()]
        database.storage.write({
            "meta": {"1": {"schema": schema.CURRENT, "month": month}},
            "visits": {str(document.doc_id): dict(document) for document in upgraded},
        })
        table.clear_cache()

    def _write_partition(self, month: str, visits: list[Visit]) -> None:
        database = self._open_partition(month)
        if database is None:
            database = TinyDB(self.directory / partition_name(month), storage=AtomicJSONStorage)
            database.table("meta").insert(Document({"schema": schema.CURRENT, "month": month},
                                                   doc_id=1))
        table = database.table("visits")
        existing = {document.doc_id for document in table.all()}
        new = {v.seq: Document(v.to_record(), doc_id=v.seq) for v in visits
               if v.seq not in existing}
        new = list(new.values())
        if new:
            table.insert_multiple(new)

    # -- checking ------------------------------------------------------------------

    def verify_partitions(self, months: Iterable[str] | None = None) -> None:
        """Open each month file; a damaged one is moved aside (writer) or flagged."""
        for month in list(months if months is not None else self.months()):
            database = self._open_partition(month)
            if database is not None:
                try:
                    for record in database.table("visits").all():
                        Visit.from_record(record)
                except (KeyError, TypeError, ValueError, AttributeError):
                    self.health.raise_flag(f"{partition_name(month)} holds records of "
                                           "unknown shape")

    def forget_cards_last_seen_before(self, cutoff_date: str) -> None:
        """Retention: a card not seen since the cutoff leaves the index (and so its first
        date and last visit); the next compaction writes cards.json without it."""
        cards = self.cards
        for token in [t for t, info in cards.items() if info.last_utc[:10] < cutoff_date]:
            del cards[token]
        write_json_atomic(self.directory / CARDS, {
            "schema": schema.CURRENT, "seq": self._cards_seq,
            "cards": {token: info.to_json() for token, info in cards.items()}})

    def verify_next_partition(self) -> None:
        """One month file per call, round robin: the kiosk checks them all at idle over
        time instead of reading years of history at start."""
        months = self.months()
        if not months:
            return
        self._verify_cursor = getattr(self, "_verify_cursor", -1) + 1
        self.verify_partitions([months[self._verify_cursor % len(months)]])

    # -- reading -------------------------------------------------------------------

    def months(self) -> list[str]:
        names = sorted(p.name for p in self.directory.glob(f"{PARTITION_PREFIX}*.json"))
        return [name[len(PARTITION_PREFIX):-len(".json")] for name in names]

    def _journal_visits(self) -> Iterator[Visit]:
        for record in read_journal(self.directory / JOURNAL).records:
            try:
                yield Visit.from_record(record)
            except (KeyError, TypeError, ValueError):
                continue

    def _read_partition(self, month: str) -> dict | None:
        """The visits table of a month, read once through the TinyDB storage (a writer
        upgrades or moves aside what it cannot use; see _open_partition)."""
        path = self.directory / partition_name(month)
        try:
            document = AtomicJSONStorage(path).read()
            meta = document["meta"]["1"]
            if meta["month"] != month or meta["schema"] != schema.CURRENT:
                raise ValueError("not current")
            return document.get("visits", {})
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            database = self._open_partition(month)  # the slow path decides and reports
            return None if database is None else database.storage.read().get("visits", {})

    def _partition_visits(self, months: Iterable[str]) -> Iterator[Visit]:
        for month in months:
            records = self._read_partition(month)
            if records is None:
                continue
            for record in records.values():
                try:
                    yield Visit.from_record(record)
                except (KeyError, TypeError, ValueError):
                    self.health.raise_flag(f"a record of unknown shape in {month} was skipped")

    def visits(self, since: date | None = None, until: date | None = None) -> list[Visit]:
        """Every visit with a local date in [since, until], in seq order."""
        if self.writer:
            recent = list(self._pending) + list(self._unsaved)
        else:
            # Journal first, partitions second: a compaction in between moves visits
            # from the one to the other, and the seq de-duplicates.
            recent = list(self._journal_visits())
        months = self.months()
        if since is not None or until is not None:
            wanted = set(_months_between(since or date(1970, 1, 1), until or date(9999, 12, 31)))
            months = [m for m in months if m in wanted]
        by_seq: dict[int, Visit] = {}
        for visit in list(self._partition_visits(months)) + recent:
            by_seq.setdefault(visit.seq, visit)
        selected = [v for v in by_seq.values()
                    if (since is None or v.local_date >= since)
                    and (until is None or v.local_date <= until)]
        return sorted(selected, key=lambda v: v.seq)
