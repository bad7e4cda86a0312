"""Who may see the staff page: the staff PIN, the day's sessions, the CSRF token.

The staff PIN is the coordinator's PinGuard over its own files, so five wrong guesses on
a phone lock the page (doubling as at the door's pad, also across a restart) and never
the door's pad. Sessions live in memory only: a restart of the kiosk asks everyone for
the PIN again, which keeps no secret on the SD card and costs a volunteer one login.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Callable

from kiosk.admin_pin import PinError, PinGuard

STAFF_PIN_FILE = "staff-pin.json"
STAFF_LOCK_FILE = "staff-lock.json"
DEVICE_NAME_LENGTH = 24
# More than a room has phones: a script that logs in again and again cannot fill memory.
MOST_SESSIONS = 200


class StaffPinGuard(PinGuard):
    pin_file = STAFF_PIN_FILE
    lock_file = STAFF_LOCK_FILE
    set_command = "kiosk pin set --staff"


@dataclass(frozen=True)
class Session:
    device: str                 # "Telefoon 1": shown on the rows this device claimed
    csrf: str                   # sent back with every POST
    expires: datetime           # the end of the local day


@dataclass(frozen=True)
class LoginResult:
    token: str | None = None            # the cookie's value, when the PIN was right
    session: Session | None = None
    locked_until: datetime | None = None
    attempts_left: int = 0


def clean_device_name(text: str) -> str:
    """What a volunteer typed, as one short line of printable text."""
    text = re.sub(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]", "", text)
    return " ".join(text.split())[:DEVICE_NAME_LENGTH]


def _digest(token: str) -> str:
    # Kept by hash: a memory dump or a timing difference in the lookup gives no cookie.
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


class StaffAccess:
    def __init__(self, directory: Path, zone: tzinfo,
                 now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        self.guard = StaffPinGuard(directory, now=now)
        self.zone = zone
        self.now = now
        self._lock = threading.Lock()
        self._sessions: dict[str, Session] = {}
        self._devices_named = 0

    def pin_is_set(self) -> bool:
        return self.guard.is_set()

    def end_of_day(self) -> datetime:
        local = self.now().astimezone(self.zone)
        midnight = datetime.combine(local.date() + timedelta(days=1), time(0), self.zone)
        return midnight.astimezone(timezone.utc)

    def suggested_device(self) -> str:
        with self._lock:
            return f"Telefoon {self._devices_named + 1}"

    def login(self, pin: str, device: str = "") -> LoginResult:
        """Check the PIN (slow on purpose: scrypt) and open a session for the day."""
        with self._lock:  # one guess at a time: the count of wrong ones stays exact
            try:
                attempt = self.guard.check(pin)
            except PinError:
                return LoginResult()
            if not attempt.ok:
                return LoginResult(locked_until=attempt.locked_until,
                                   attempts_left=attempt.attempts_left)
            self._drop_expired()
            if len(self._sessions) >= MOST_SESSIONS:
                oldest = min(self._sessions, key=lambda key: self._sessions[key].expires)
                del self._sessions[oldest]
            self._devices_named += 1
            name = clean_device_name(device) or f"Telefoon {self._devices_named}"
            token = secrets.token_urlsafe(32)
            session = Session(name, secrets.token_urlsafe(32), self.end_of_day())
            self._sessions[_digest(token)] = session
            return LoginResult(token, session)

    def session(self, token: str | None) -> Session | None:
        if not token:
            return None
        with self._lock:
            session = self._sessions.get(_digest(token))
            if session is not None and self.now() >= session.expires:
                del self._sessions[_digest(token)]
                return None
            return session

    def logout(self, token: str | None) -> None:
        if token:
            with self._lock:
                self._sessions.pop(_digest(token), None)

    def _drop_expired(self) -> None:
        now = self.now()
        for key in [key for key, s in self._sessions.items() if now >= s.expires]:
            del self._sessions[key]

    @staticmethod
    def csrf_ok(session: Session, sent: str | None) -> bool:
        return bool(sent) and hmac.compare_digest(session.csrf.encode(),
                                                  sent.encode("utf-8", "replace"))
