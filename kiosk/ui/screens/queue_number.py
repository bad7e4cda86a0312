import time

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import NumericProperty, StringProperty

from kiosk import spoken
from kiosk.ui.widgets import KioskScreen

from .confirmation import ConfirmationScreen

# The next person in line is often already reaching for the screen: a tap this soon
# after the number appeared is theirs, not the visitor's "I have read it".
GUARD_SECONDS = 3.0


class QueueNumberScreen(ConfirmationScreen):
    """ "Je bent nummer 7 - iemand komt naar je toe", until OK or `seconds` pass."""

    number = NumericProperty(0)
    topic_name = StringProperty("")
    pictogram = StringProperty("")
    # Read like IdleWatch's clock: tests move it instead of waiting half a minute.
    clock = staticmethod(time.monotonic)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.shown_at = 0.0
        self._tick = None

    def on_enter(self, *args):
        app = App.get_running_app()
        self.on_leave()
        self.shown_at = self.clock()
        # A timer, not schedule_once(seconds): the same clock decides the guard and the
        # timeout, and the idle watch is kept quiet while the number is up.
        self._tick = Clock.schedule_interval(lambda dt: self._check(app), 0.25)
        app.speak(spoken.queue_number(app.language, self.number))

    def _check(self, app) -> None:
        if self.manager is None or self.manager.current != self.name:
            return
        if self.clock() - self.shown_at >= self.seconds:
            app.go_home()
        elif app.idle is not None:
            # Up to 5 minutes (a site setting): "Ben je er nog?" must not cover the number.
            app.idle.touched()

    def on_leave(self, *args):
        if self._tick is not None:
            self._tick.cancel()
            self._tick = None

    def guarded(self) -> bool:
        return self.clock() - self.shown_at < GUARD_SECONDS

    def on_touch_down(self, touch):
        if self.guarded():
            return True  # swallowed: no button even shows pressed
        return super().on_touch_down(touch)

    def on_touch_move(self, touch):
        if self.guarded():
            return True
        return super().on_touch_move(touch)

    def on_touch_up(self, touch):
        if self.guarded():
            return True
        # OK (or home) only: a tap beside the number is not "I have read it".
        return KioskScreen.on_touch_up(self, touch)

    def done(self) -> None:
        if self.manager is not None and self.manager.current == self.name \
                and not self.guarded():
            App.get_running_app().go_home()
