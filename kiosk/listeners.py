"""Callbacks told that something changed, from whichever thread changed it.

The question queue and today's numbers are changed on the door's thread or the staff
page's; their listeners (an event stream, a redraw scheduled on Kivy's clock) must only
pass the news on, and one that fails must never reach the door.
"""

from __future__ import annotations

import threading
from typing import Callable


class Listeners:
    def __init__(self):
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Returns the unsubscribe."""
        with self._lock:
            self._callbacks.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._callbacks:
                    self._callbacks.remove(callback)
        return unsubscribe

    def notify(self) -> None:
        with self._lock:
            callbacks = list(self._callbacks)
        for callback in callbacks:
            try:
                callback()
            except Exception:  # noqa: BLE001  (a listener's fault never reaches the door)
                pass
