from kivy.app import App
from kivy.clock import Clock
from kivy.properties import ListProperty

from kiosk.ui.widgets import KioskScreen


class HomeScreen(KioskScreen):
    """The welcome screen: check in, ask a question, scan a card, choose a language; and
    the numbers volunteers are helping now, for those who sat down to wait."""

    now_helping = ListProperty([])

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        app = App.get_running_app()
        self._queue = app.door.queue if app is not None else None
        if self._queue is not None:
            # Claims come from the staff page's thread: only a Clock callback may touch
            # the widgets (schedule_once is the thread-safe way onto the Kivy thread).
            self._queue.subscribe(
                lambda: Clock.schedule_once(lambda dt: self.refresh_now_helping()))
            self.refresh_now_helping()

    def refresh_now_helping(self) -> None:
        if self._queue is not None:
            self.now_helping = self._queue.being_helped()

