"""Turning a USB scanner's keystrokes into scans.

A scanner in keyboard mode types the payload and Enter within a few milliseconds. The
buffer forgets characters after a pause, so a stray key press or a half-read code never
glues onto the next scan. While a coordinator's text field has the keys, BurstWatch tells
such a burst from typing, so that a card's secret code never stays in the field. No Kivy
here: the UI feeds characters and keys in.
"""

from __future__ import annotations

import time
from typing import Callable

MAX_SCAN_LENGTH = 64          # longer input is not a card; drop it before it grows
PAUSE_SECONDS = 0.5           # a scanner types far faster than this
# A burst: at least this many characters and then Enter, each key at most BURST_GAP after
# the one before. A scanner sends its keys a few ms apart; a person needs 100 ms or more
# a key, on the docked keyboard more still, and nobody keeps five keys in a row under
# 50 ms. The gap is wider than a scanner needs because Kivy takes input once a frame: a
# slow frame on a Pi can hold one key of a burst back until the next.
BURST_MIN_CHARS = 4
BURST_GAP_SECONDS = 0.05


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


class BurstWatch:
    """Tells a scanner's burst from a person typing into a text field.

    The field reports each typed text and each Enter; when Enter ends a burst, the field
    takes the burst back out, to the text it had when typed() said the run began.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._run = 0                      # characters in the current run of fast keys
        self._last: float | None = None

    def typed(self, text: str) -> bool:
        """A key (or an IME's few characters) typed; True when it begins a new run."""
        now = self.clock()
        begins = self._last is None or now - self._last > BURST_GAP_SECONDS
        self._run = (0 if begins else self._run) + len(text)
        self._last = now
        return begins

    def enter(self) -> bool:
        """Enter pressed: True when it ends a burst, which is then no one's typing."""
        burst = (self._last is not None and self.clock() - self._last <= BURST_GAP_SECONDS
                 and self._run >= BURST_MIN_CHARS)
        self.reset()
        return burst

    def reset(self) -> None:
        """A key a scanner never sends (backspace, an arrow): no burst runs through it."""
        self._run, self._last = 0, None
