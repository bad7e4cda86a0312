"""Is the system clock to be trusted?

A Raspberry Pi has no battery-backed clock: after a power cut it may start with the time
it last saved, until NTP answers. Each visit records whether the clock was synchronised,
so a report can tell a real 02:00 visit from a Pi that had not found the time yet.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import time
from pathlib import Path

# systemd-timesyncd touches this file once it has synchronised the clock.
_TIMESYNC_FLAG = Path("/run/systemd/timesync/synchronized")
_TIME_ERROR = 5  # adjtimex(2): "clock not synchronized"


class _Timex(ctypes.Structure):
    # Only `modes` must be zero (read-only query); the rest is room for the kernel's struct.
    _fields_ = [("modes", ctypes.c_uint), ("_rest", ctypes.c_byte * 256)]


def _kernel_says_synchronised() -> bool | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        state = libc.adjtimex(ctypes.byref(_Timex()))
    except (OSError, AttributeError):
        return None
    if state < 0:
        return None
    return state != _TIME_ERROR


class ClockWatch:
    """Answers `synchronised()` cheaply: the answer is cached for a minute."""

    def __init__(self, ttl_seconds: float = 60.0):
        self.ttl = ttl_seconds
        self._checked_at = -ttl_seconds
        self._answer = False

    def synchronised(self) -> bool:
        now = time.monotonic()
        if now - self._checked_at >= self.ttl:
            self._answer = _TIMESYNC_FLAG.exists() or bool(_kernel_says_synchronised())
            self._checked_at = now
        return self._answer
