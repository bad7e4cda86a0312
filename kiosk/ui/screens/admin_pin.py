from kivy.app import App
from kivy.properties import StringProperty

from kiosk.admin_pin import PinError
from kiosk import messages
from kiosk.ui.widgets import KioskScreen


class AdminPinScreen(KioskScreen):
    """A big digit pad: the coordinator's PIN, never a keyboard."""

    typed = StringProperty("")
    message = StringProperty("")

    def on_pre_enter(self, *args):
        self.typed = ""
        app = App.get_running_app()
        guard = app.pin_guard
        if not guard.is_set():
            self.message = app.t(messages.PIN_NOT_SET, app.language)
        elif guard.locked_until() is not None:
            self._show_locked(guard.locked_until())
        else:
            self.message = app.t(messages.PIN_PROMPT, app.language)

    def press(self, key: str) -> None:
        if key == "back":
            self.typed = self.typed[:-1]
        elif key == "ok":
            self.submit()
        elif len(self.typed) < 8:
            self.typed += key

    def submit(self) -> None:
        app = App.get_running_app()
        pin, self.typed = self.typed, ""
        try:
            attempt = app.pin_guard.check(pin)
        except PinError:
            self.message = app.t(messages.PIN_NOT_SET, app.language)
            return
        if attempt.ok:
            app.open_admin()
        elif attempt.locked_until is not None:
            self._show_locked(attempt.locked_until)
        else:
            self.message = app.t(messages.PIN_WRONG, app.language).format(
                left=attempt.attempts_left)

    def _show_locked(self, until) -> None:
        app = App.get_running_app()
        local = until.astimezone(app.site.timezone).strftime("%H:%M")
        self.message = app.t(messages.PIN_LOCKED, app.language).format(time=local)
