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

    def on_pre_enter(self, *args):
        self.show_survey()

    def show_survey(self) -> None:
        """The "Ik ga weg" tile only where the site asks the survey (a coordinator may
        switch it on or off while the kiosk runs)."""
        app = App.get_running_app()
        if not hasattr(self, "_leaving"):
            # Held here: kv's ids are weak, and a tile out of the row would be collected.
            self._leaving = self.ids.leaving.__self__
            self._tiles_row = self._leaving.parent
        tile, row = self._leaving, self._tiles_row
        wanted = app is not None and app.site.door.survey
        if wanted and tile.parent is None:
            # Last in reading order: shown last, or first while the row is mirrored.
            row.add_widget(tile, index=len(row.children) if row.rtl else 0)
        elif not wanted and tile.parent is not None:
            row.remove_widget(tile)

    def refresh_now_helping(self) -> None:
        if self._queue is not None:
            self.now_helping = self._queue.being_helped()

