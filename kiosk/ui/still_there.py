"""The "Are you still there?" overlay, and the watch that decides when to show it.

After `idle_seconds` without a touch on any screen but home, the overlay asks; after
`still_there_seconds` more, the visitor is gone: back home, nothing half-recorded.
"""

from __future__ import annotations

import time
from typing import Callable

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import NumericProperty
from kivy.uix.modalview import ModalView

from kiosk import messages


class StillThereOverlay(ModalView):
    seconds_left = NumericProperty(0)

    def on_open(self):
        # Said too: a visitor who cannot read it may still be standing right there.
        app = App.get_running_app()
        if app is not None:
            app.speak(app.t(messages.STILL_THERE, app.language))


class IdleWatch:
    def __init__(self, idle_seconds: float, grace_seconds: float,
                 is_resting: Callable[[], bool], on_gone: Callable[[], None],
                 on_settled: Callable[[], None] = lambda: None,
                 is_admin: Callable[[], bool] = lambda: False,
                 admin_seconds: float = 120.0,
                 clock: Callable[[], float] = time.monotonic):
        self.idle_seconds = idle_seconds
        self.grace_seconds = grace_seconds
        self.is_resting = is_resting
        self.on_gone = on_gone
        self.on_settled = on_settled
        self.is_admin = is_admin
        self.admin_seconds = admin_seconds
        # Not settled at start: a kiosk just switched on, with nobody at it, settles after
        # idle_seconds like one a visitor left (and starts inviting the next one).
        self._settled = False
        self.clock = clock
        self.last_activity = clock()
        self.overlay = StillThereOverlay()
        self.overlay.bind(on_touch_down=self._overlay_touched)
        self._event = Clock.schedule_interval(self.check, 0.5)

    def touched(self, *args) -> None:
        self.last_activity = self.clock()
        self._settled = False

    def _overlay_touched(self, *args) -> bool:
        self.touched()
        self.overlay.dismiss(animation=False)
        return True

    def check(self, *args) -> None:
        if self.is_resting():
            # On the welcome screen nobody is waiting to be asked; but a visitor who chose
            # a language and walked away must not leave it for the next one.
            if self.overlay.parent:
                self.overlay.dismiss(animation=False)
            if not self._settled and self.clock() - self.last_activity >= self.idle_seconds:
                self._settled = True
                self.on_settled()
            return
        idle = self.clock() - self.last_activity
        if self.is_admin():
            # The coordinator's screens close themselves, without asking: an open admin
            # screen must never wait for the next visitor.
            if idle >= self.admin_seconds:
                self.on_gone()
            return
        if idle >= self.idle_seconds + self.grace_seconds:
            self.overlay.dismiss(animation=False)
            self.on_gone()
        elif idle >= self.idle_seconds:
            self.overlay.seconds_left = max(0, int(self.idle_seconds + self.grace_seconds - idle + 0.99))
            if not self.overlay.parent:
                self.overlay.open(animation=False)
        elif self.overlay.parent:
            self.overlay.dismiss(animation=False)

    def stop(self) -> None:
        self._event.cancel()
