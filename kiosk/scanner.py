"""Turning a USB scanner's keystrokes into scans.

A scanner in keyboard mode types the payload and Enter within a few milliseconds. The
buffer forgets characters after a pause, so a stray key press or a half-read code never
glues onto the next scan. No Kivy here: the UI feeds characters and keys in.
"""

from __future__ import annotations

import time
from typing import Callable

MAX_SCAN_LENGTH = 64          # longer input is not a card; drop it before it grows
PAUSE_SECONDS = 0.5           # a scanner types far faster than this


class ScanBuffer:
    def __init__(self, on_scan: Callable[[str], None], on_abandoned: Callable[[str], None],
                 clock: Callable[[], float] = time.monotonic):
        self.on_scan = on_scan
        self.on_abandoned = on_abandoned
        self.clock = clock
        self._chars: list[str] = []
        self._last = 0.0

    def feed_text(self, text: str) -> None:
        now = self.clock()
        if self._chars and now - self._last > PAUSE_SECONDS:
            self._abandon()
        self._last = now
        for char in text:
            if char.isprintable():
                self._chars.append(char)
        if len(self._chars) > MAX_SCAN_LENGTH:
            self._abandon()

    def feed_enter(self) -> None:
        text = "".join(self._chars).strip()
        self._chars.clear()
        if text:
            self.on_scan(text)

    def tick(self) -> None:
        """Called now and then: a scan that stopped without Enter is abandoned."""
        if self._chars and self.clock() - self._last > PAUSE_SECONDS:
            self._abandon()

    def _abandon(self) -> None:
        text = "".join(self._chars)
        self._chars.clear()
        if text.strip():
            self.on_abandoned(text)
