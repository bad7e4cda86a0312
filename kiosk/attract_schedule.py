"""When the welcome screen invites the next visitor (the attract loop: the welcome in each
language in turn, the card going under the scanner) and when it rests, standing still.

The Pi never blanks its screen (deploy/provision.sh), so a loop left running animates a
closed room all night: power, a warm Pi in a cupboard, a picture nobody sees. The loop
runs while someone could walk in and rests otherwise: at most ATTRACT_MINUTES at a time,
never while the room is shut by its opening hours, and again when the room opens.

Two clocks, each for what it can be trusted with. How long the loop has run is measured
on a monotonic clock, which no NTP step or wrong date moves: a run always ends. Opening
hours need the wall clock, which a Pi without a battery may have wrong after a power cut
(kiosk.clock): while it is not synchronised the hours are not believed and the kiosk
acts as if the room may be open, so a wrong clock never keeps the loop off, and the
monotonic limit still ends each run. No Kivy here: kiosk/ui/screens/home.py asks.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Callable

from .opening_hours import OpeningHours

# Half an hour: in an open room the next person comes through the door well within it, so
# the loop is there for them; after half an hour with nobody the room is most likely shut
# (or everyone is inside, busy), and a closed room whose site file has no opening hours
# animates for half an hour after its last visitor instead of the whole night. With
# opening hours the loop stops at closing time anyway.
ATTRACT_MINUTES = 30


class AttractSchedule:
    def __init__(self, hours: Callable[[], OpeningHours | None],
                 local_now: Callable[[], datetime], synchronised: Callable[[], bool],
                 clock: Callable[[], float] = time.monotonic,
                 run_seconds: float = ATTRACT_MINUTES * 60):
        # Asked each time, not kept: a coordinator may change the site file while it runs.
        self.hours = hours
        self.local_now = local_now
        self.synchronised = synchronised
        self.clock = clock
        self.run_seconds = run_seconds
        self._started_at: float | None = None
        # Whether the room was open at the last look (None: not looked yet): the loop
        # comes back when this turns from closed to open, the room's opening.
        self._was_open: bool | None = None

    def room_may_be_open(self) -> bool:
        """False only when the site knows its hours and a synchronised clock says shut."""
        hours = self.hours()
        if hours is None or not self.synchronised():
            return True
        return hours.open_at(self.local_now())

    def start(self) -> bool:
        """The idle reset (nobody at the door any more): whether to run the loop now."""
        self._was_open = self.room_may_be_open()
        self._started_at = self.clock() if self._was_open else None
        return self._was_open

    def keep_running(self) -> bool:
        """While the loop runs: whether it goes on (False: rest now)."""
        if self._started_at is None:
            return False
        elapsed = self.clock() - self._started_at
        # A monotonic clock does not go back; a negative span is a test's or a bug's
        # clock, and ends the run rather than stretching it.
        self._was_open = self.room_may_be_open()
        return 0 <= elapsed < self.run_seconds and self._was_open

    def opens_now(self) -> bool:
        """While home rests: whether the room has just opened (then the loop runs again,
        for ATTRACT_MINUTES at most, from now)."""
        now_open = self.room_may_be_open()
        opened = now_open and self._was_open is False
        self._was_open = now_open
        if opened:
            self._started_at = self.clock()
        return opened

    def stop(self) -> None:
        """Someone is at the door: no run is going on."""
        self._started_at = None
