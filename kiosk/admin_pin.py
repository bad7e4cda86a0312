"""The coordinator's PIN: the only way out of the visitor screens.

Stored only as a salted scrypt hash. Five wrong PINs lock the pad for five minutes; each
wrong PIN after that doubles the wait. The count and the lock live in a file, so pulling
the plug does not reset them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
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


class PinGuard:
    def __init__(self, directory: Path,
                 now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        self.directory = Path(directory)
        self.now = now

    def is_set(self) -> bool:
        return (self.directory / PIN_FILE).exists()

    def set_pin(self, pin: str) -> None:
        if not valid_pin(pin):
            raise PinError("a PIN is 4 to 8 digits")
        salt = secrets.token_bytes(16)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            write_json_atomic(self.directory / PIN_FILE, {
                "scrypt": SCRYPT, "salt": salt.hex(), "hash": _hash(pin, salt, SCRYPT).hex()})
        except OSError as error:
            # A read-only or full data folder: the old PIN (if any) still holds.
            raise PinError(f"the PIN cannot be saved in {self.directory} "
                           f"({error.strerror or error})") from None
        (self.directory / LOCK_FILE).unlink(missing_ok=True)

    def _state(self) -> dict:
        try:
            state = json.loads((self.directory / LOCK_FILE).read_text("utf-8"))
            return state if isinstance(state, dict) else {}
        except (FileNotFoundError, ValueError):
            return {}

    def locked_until(self) -> datetime | None:
        until = self._state().get("locked_until")
        if until and datetime.fromisoformat(until) > self.now():
            return datetime.fromisoformat(until)
        return None

    def check(self, pin: str) -> Attempt:
        locked = self.locked_until()
        if locked is not None:
            return Attempt(False, locked_until=locked)
        try:
            stored = json.loads((self.directory / PIN_FILE).read_text("utf-8"))
            expected = bytes.fromhex(stored["hash"])
            actual = _hash(pin, bytes.fromhex(stored["salt"]), stored["scrypt"])
        except (FileNotFoundError, ValueError, KeyError, TypeError):
            raise PinError("no PIN is set: run `kiosk pin set` on the kiosk") from None
        if hmac.compare_digest(expected, actual):
            (self.directory / LOCK_FILE).unlink(missing_ok=True)
            return Attempt(True)
        failures = int(self._state().get("failures", 0)) + 1
        state = {"failures": failures}
        if failures >= FREE_ATTEMPTS:
            wait = min(FIRST_LOCK * 2 ** min(failures - FREE_ATTEMPTS, 16), LONGEST_LOCK)
            state["locked_until"] = (self.now() + wait).isoformat()
        write_json_atomic(self.directory / LOCK_FILE, state)
        until = datetime.fromisoformat(state["locked_until"]) if "locked_until" in state else None
        return Attempt(False, locked_until=until,
                       attempts_left=max(0, FREE_ATTEMPTS - failures))
