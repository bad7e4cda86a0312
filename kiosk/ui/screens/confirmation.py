"""A screen that answers a tap and then goes home by itself, or at once on a tap."""

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import NumericProperty

from kiosk.ui.widgets import KioskScreen


class ConfirmationScreen(KioskScreen):
    seconds = NumericProperty(6)

    def on_enter(self, *args):
        # Bound to this screen's own app: a timer must never act on another app
        # instance (an app restarted in the same process).
        app = App.get_running_app()
        self.on_leave()
        self._timer = Clock.schedule_once(lambda dt: self._timed_out(app), self.seconds)

    def _timed_out(self, app) -> None:
        if self.manager is not None and self.manager.current == self.name:
            app.go_home()

    def on_leave(self, *args):
        timer = getattr(self, "_timer", None)
        if timer is not None:
            timer.cancel()

    def on_touch_up(self, touch):
        if self.collide_point(*touch.pos) and self.manager and self.manager.current == self.name:
            App.get_running_app().go_home()
            return True
        return super().on_touch_up(touch)
