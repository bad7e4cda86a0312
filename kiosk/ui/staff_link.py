"""The door's side of the staff page: starts and stops its server with the app and hands
it today's numbers. (Questions marked helped on a phone are recorded by the app's own
one-second tick, kiosk.ui.app, whether the page is on or not.)

Everything here runs on the Kivy thread; the server runs in its own. A server that fails
raises a health flag (scheduled onto this thread, where the store lives) and nothing else.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.logger import Logger

from kiosk.staff.network import staff_port
from kiosk.staff.today import SummaryHolder, TodayCounter

# After the first frame (the app starts the link then), and each only while nobody touches
# the screen (app.when_quiet): importing the web server (0.2 s on the Kivy thread) and the
# one read of today's visits are not in a visitor's way.
SERVE_AFTER_SECONDS = 1.0
LOAD_AFTER_SECONDS = 3.0
ROLLOVER_CHECK_SECONDS = 30.0


class StaffPageLink:
    def __init__(self, app):
        self.app = app
        self.today = SummaryHolder()
        self.counter = TodayCounter(app.site)
        self.server = None
        self._events = []
        self._unsubscribe = None
        self._publish_soon = Clock.create_trigger(lambda dt: self.publish(), 0.2)

    def start(self) -> None:
        app = self.app
        if app.site.staff.enabled:
            app.when_quiet(self._serve, SERVE_AFTER_SECONDS)

    def _serve(self) -> None:
        app = self.app
        try:
            from kiosk.staff.server import StaffServer

            self.server = StaffServer(
                app.site, app.door.queue, app.store.directory, today=self.today,
                port=staff_port(app.site.staff), bind=app.site.staff.bind, now=app.door.now,
                on_failure=lambda problem: Clock.schedule_once(
                    lambda dt: app.store.health.raise_flag(problem)))
            self.server.start()
        except Exception as error:  # a bug in the page is no reason to trouble the door
            Logger.exception("Kiosk: the staff page cannot start")
            app.store.health.raise_flag(f"the staff page cannot start: {error!r}")
            return
        self._unsubscribe = app.store.on_append(self._appended)
        self.app.when_quiet(self._load, LOAD_AFTER_SECONDS)
        self._events.append(Clock.schedule_interval(lambda dt: self.publish(),
                                                    ROLLOVER_CHECK_SECONDS))

    def _load(self) -> None:
        try:
            self.counter.load(self.app.door.todays_visits())
        except Exception:
            Logger.exception("Kiosk: today's numbers for the staff page could not be read")
        self.publish()

    def _appended(self, visit) -> None:
        self.counter.add(visit)
        self._publish_soon()  # after the tap's frame, not inside it

    def publish(self) -> None:
        try:
            self.today.publish(self.counter.summary(self.app.door.today()))
        except Exception:
            Logger.exception("Kiosk: today's numbers for the staff page failed")

    def stop(self) -> None:
        for event in self._events:
            event.cancel()
        self._events.clear()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self.server is not None:
            self.server.stop()
            self.server = None
