"""The coordinator's PIN: the only way out of the visitor screens.

Stored only as a salted scrypt hash. Five wrong PINs lock the pad for five minutes; each
wrong PIN after that doubles the wait, up to an hour. The count and the lock live in a
file, so pulling the plug does not reset them, and in memory, so a disk that cannot be
written (full, read-only, failing) does not reset them either: the stricter of the two
counts. The memory copy runs on the monotonic clock, which no clock change moves.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

from .atomic import write_json_atomic

PIN_FILE = "admin-pin.json"
LOCK_FILE = "admin-lock.json"
FREE_ATTEMPTS = 5
FIRST_LOCK = timedelta(minutes=5)
# Doubling stops here: anyone can hold the corner, and a pad locked for days would keep
# the coordinators out of their own kiosk.
LONGEST_LOCK = timedelta(hours=1)
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}   # ~50 ms on a Pi 4: slow to guess, quick to type
# A lock file that cannot be read or makes no sense (a failing SD card) counts as one wrong
# PIN short of the lock, with no lock running. Failing open (a fresh count of five) would
# hand a guesser new tries each time the file breaks; failing closed would keep the
# coordinators out when the kiosk most needs them (the health screen), and with a broken
# file the lock might never end. This way the right PIN still opens at once and the next
# wrong one locks the pad.
DAMAGED = (FREE_ATTEMPTS - 1, None)

log = logging.getLogger(__name__)


class PinError(ValueError):
    pass


@dataclass(frozen=True)
class Attempt:
    ok: bool
    locked_until: datetime | None = None   # set when the pad is locked now
    attempts_left: int = 0


def valid_pin(pin: str) -> bool:
    return pin.isdigit() and 4 <= len(pin) <= 8


def _hash(pin: str, salt: bytes, params: dict) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=params["n"], r=params["r"],
                          p=params["p"], dklen=32)


def lock_for(failures: int) -> timedelta:
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    return min(FIRST_LOCK * 2 ** min(failures - FREE_ATTEMPTS, 16), LONGEST_LOCK)


class PinGuard:
    # Another PIN (the staff page's) is the same guard over other files: its own hash and
    # its own lock, so guessing one never locks or reveals the other.
    pin_file = PIN_FILE
    lock_file = LOCK_FILE
    set_command = "kiosk pin set"

    def __init__(self, directory: Path,
                 now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
                 monotonic: Callable[[], float] = time.monotonic):
        self.directory = Path(directory)
        self.now = now
        self.monotonic = monotonic
        # This process's own count and lock end (monotonic seconds): they hold while the
        # disk refuses writes.
        self._failures = 0
        self._lock_ends: float | None = None
        # A lock read from the file, pinned to the monotonic clock when first seen: the
        # wall clock going back afterwards cannot stretch it. (locked_until text, end)
        self._adopted: tuple[str, float] | None = None
        # The PIN file the count is about: `kiosk pin set` from a shell resets it.
        self._counted_pin: str | None = None
        # A lock file a right PIN could not remove (read-only disk): its count is spent.
        self._spent_file: str | None = None

    def is_set(self) -> bool:
        return (self.directory / self.pin_file).exists()

    def set_pin(self, pin: str) -> None:
        if not valid_pin(pin):
            raise PinError("a PIN is 4 to 8 digits")
        salt = secrets.token_bytes(16)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            write_json_atomic(self.directory / self.pin_file, {
                "scrypt": SCRYPT, "salt": salt.hex(), "hash": _hash(pin, salt, SCRYPT).hex()})
        except OSError as error:
            # A read-only or full data folder: the old PIN (if any) still holds.
            raise PinError(f"the PIN cannot be saved in {self.directory} "
                           f"({error.strerror or error})") from None
        (self.directory / self.lock_file).unlink(missing_ok=True)
        self._forget()

    def _forget(self) -> None:
        self._failures, self._lock_ends, self._adopted = 0, None, None
        self._counted_pin = self._spent_file = None

    def _pin_text(self) -> str | None:
        try:
            return (self.directory / self.pin_file).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def _forget_if_pin_changed(self) -> None:
        current = self._pin_text()
        if self._counted_pin is not None and current is not None \
                and current != self._counted_pin:
            self._forget()

    def _recorded(self) -> tuple[int, datetime | None]:
        """The count and the lock end in the lock file (see DAMAGED for a broken one)."""
        try:
            text = (self.directory / self.lock_file).read_text("utf-8")
        except FileNotFoundError:
            return 0, None
        except (OSError, UnicodeDecodeError):
            return DAMAGED
        if text == self._spent_file:
            return 0, None
        try:
            state = json.loads(text)
            failures = state.get("failures", 0)
            if type(failures) is not int or failures < 0:
                raise ValueError(failures)
            until = state.get("locked_until")
            until = None if until is None else datetime.fromisoformat(until)
            if until is not None and until.utcoffset() is None:
                raise ValueError(until)
        except (ValueError, TypeError, AttributeError):
            return DAMAGED
        return failures, until

    def _seconds_left(self) -> float:
        self._forget_if_pin_changed()
        clock = self.monotonic()
        ends = [self._lock_ends] if self._lock_ends is not None else []
        failures, until = self._recorded()
        if until is not None:
            mark = until.isoformat()
            if self._adopted is None or self._adopted[0] != mark:
                # Never longer than this count's own lock: a clock that went back since
                # the file was written would otherwise add its jump to the wait.
                longest = lock_for(max(failures, FREE_ATTEMPTS)).total_seconds()
                left = (until - self.now()).total_seconds()
                if left > longest:
                    left = longest
                    # Served from now on, also after a restart, not again from the start.
                    self._write({"failures": failures, "locked_until": (
                        self.now() + timedelta(seconds=left)).isoformat()})
                # Keyed by what the file said: should that write fail, the next look at
                # the same file finds the lock already pinned, not a fresh one.
                self._adopted = (mark, clock + max(left, 0.0))
            ends.append(self._adopted[1])
        return max([0.0] + [end - clock for end in ends])

    def locked_until(self) -> datetime | None:
        left = self._seconds_left()
        return self.now() + timedelta(seconds=left) if left > 0 else None

    def _write(self, state: dict) -> None:
        try:
            write_json_atomic(self.directory / self.lock_file, state)
        except OSError as error:
            # The count in memory holds until the kiosk restarts; the pad stays guarded.
            log.warning("cannot record the PIN lock in %s: %s", self.directory, error)

    def check(self, pin: str) -> Attempt:
        locked = self.locked_until()
        if locked is not None:
            return Attempt(False, locked_until=locked)
        try:
            pin_text = (self.directory / self.pin_file).read_text("utf-8")
            stored = json.loads(pin_text)
            expected = bytes.fromhex(stored["hash"])
            actual = _hash(pin, bytes.fromhex(stored["salt"]), stored["scrypt"])
        except (FileNotFoundError, ValueError, KeyError, TypeError):
            raise PinError(f"no PIN is set: run `{self.set_command}` on the kiosk") from None
        if hmac.compare_digest(expected, actual):
            self._forget()
            try:
                (self.directory / self.lock_file).unlink(missing_ok=True)
            except OSError:
                try:
                    self._spent_file = (self.directory / self.lock_file).read_text("utf-8")
                except (OSError, UnicodeDecodeError):
                    pass
            return Attempt(True)
        failures = max(self._failures, self._recorded()[0]) + 1
        self._failures, self._counted_pin = failures, pin_text
        wait = lock_for(failures)
        state: dict = {"failures": failures}
        until = None
        if wait:
            until = self.now() + wait
            self._lock_ends = self.monotonic() + wait.total_seconds()
            state["locked_until"] = until.isoformat()
            self._adopted = (state["locked_until"], self._lock_ends)
        self._write(state)
        return Attempt(False, locked_until=until,
                       attempts_left=max(0, FREE_ATTEMPTS - failures))
