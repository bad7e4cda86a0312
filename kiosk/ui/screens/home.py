from kivy.app import App
from kivy.clock import Clock
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty
from kivy.factory import Factory
from kivy.uix.stacklayout import StackLayout

from kiosk.i18n import language_name
from kiosk.ui.widgets import KioskScreen

# The attract loop shows the welcome in the next language this often: long enough to read
# a word, short enough that all nine come round in half a minute.
ATTRACT_SECONDS = 3.0
# While home rests, it looks this often whether the room has just opened (by its opening
# hours): the loop is back within a minute of opening time, and a look draws nothing.
OPENING_CHECK_SECONDS = 30.0


class HomeScreen(KioskScreen):
    """The welcome screen: check in, ask a question, scan a card, choose a language; and
    the numbers volunteers are helping now, for those who sat down to wait.

    When nobody is there (after the idle reset) it invites the next visitor: the welcome
    in each offered language in turn, and the card going under the scanner. The first
    touch or scan ends that; the touch itself still does what it touched. When nobody
    could walk in (kiosk.attract_schedule: after half an hour, or while the room is shut)
    it rests: the same screen, standing still, until a touch or scan, or the room opens.
    """

    now_helping = ListProperty([])
    visit_going = BooleanProperty(False)
    attract = BooleanProperty(False)
    # The language the attract loop shows now (empty: not running).
    attract_language = StringProperty("")
    # Nobody could walk in: nothing on home moves, and the Pi draws no frames for it.
    resting = BooleanProperty(False)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._turn = None
        self._opening_check = None
        # The "Ik ga weg" tile itself, not the weak proxy in ids: taken out of its row
        # (no survey), the proxy would be all that is left and die with the next collection.
        self._leaving = self.ids.leaving.__self__
        self._tiles_row = self._leaving.parent
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

    def on_enter(self, *args):
        # The idle reset from another screen rests home before this screen is entered.
        if not self.resting:
            self.ids.card_prompt.start()

    def on_leave(self, *args):
        self.someone_there()
        self.ids.card_prompt.stop()

    def start_attract(self) -> None:
        """The idle reset: invite the next visitor, or rest if nobody could walk in."""
        self.stop_attract()
        if App.get_running_app().attract_schedule.start():
            self._run_attract()
        else:
            self.rest()

    def _run_attract(self) -> None:
        self._stop_opening_check()
        self.resting = False
        self.ids.card_prompt.start()
        languages = list(App.get_running_app().site.languages)
        self.attract_language = languages[0]
        self.attract = True
        self._turn = Clock.schedule_interval(self._next_language, ATTRACT_SECONDS)

    def stop_attract(self) -> None:
        if self._turn is not None:
            self._turn.cancel()
            self._turn = None
        self.attract = False
        self.attract_language = ""

    def rest(self) -> None:
        """Stand still: the site name where the welcome turned, the card in the hand."""
        self.stop_attract()
        self.resting = True
        self.ids.card_prompt.stop()
        if self._opening_check is None:
            self._opening_check = Clock.schedule_interval(self._room_opened,
                                                          OPENING_CHECK_SECONDS)

    def someone_there(self) -> None:
        """A touch or a scan: the loop stops, a resting home moves again (the card prompt),
        and the touch goes on to what it touched."""
        self.stop_attract()
        self._stop_opening_check()
        app = App.get_running_app()
        if app is not None:
            app.attract_schedule.stop()
        if self.resting:
            self.resting = False
            if self.manager is not None and self.manager.current == self.name:
                self.ids.card_prompt.start()

    def stop_timers(self) -> None:
        """The app stops: its timers go, and nothing on the screen changes. A kv rule run
        now would look up `app` while Kivy has already let go of this one, and tie the
        kv of the next app in the process (a restart, the tests) to this stopped one."""
        if self._turn is not None:
            self._turn.cancel()
            self._turn = None
        self._stop_opening_check()

    def _stop_opening_check(self) -> None:
        if self._opening_check is not None:
            self._opening_check.cancel()
            self._opening_check = None

    def _room_opened(self, *args) -> None:
        if App.get_running_app().attract_schedule.opens_now():
            self._run_attract()

    def _next_language(self, *args) -> None:
        if not App.get_running_app().attract_schedule.keep_running():
            self.rest()
            return
        languages = list(App.get_running_app().site.languages)
        current = (languages.index(self.attract_language)
                   if self.attract_language in languages else -1)
        self.attract_language = languages[(current + 1) % len(languages)]


class LanguageNames(StackLayout):
    """Every offered language in its own name and script, the current one bold and in
    colour: a visitor who reads no Dutch finds the word they can read on the welcome
    screen itself, not behind a globe."""

    languages = ListProperty([])
    current = StringProperty("")
    font_px = NumericProperty(24)
    colour = ListProperty([0, 0, 0, 1])
    current_colour = ListProperty([0, 0, 0, 1])

    def __init__(self, **kwargs):
        self._labels: dict = {}  # language code -> its KioskLabel
        self._scale = 1.0
        self._fitted_height = None
        super().__init__(**kwargs)
        self.bind(languages=self._build, current=self._mark, colour=self._mark,
                  current_colour=self._mark, font_px=self._build)
        self.bind(minimum_height=self._fit, height=self._fit)

    def _build(self, *args) -> None:
        app = App.get_running_app()
        self.clear_widgets()
        self._labels = {}
        self._scale = 1.0
        for code in self.languages:
            # KioskLabel (widgets.kv): the font and direction of the name's own script.
            label = Factory.KioskLabel(text=language_name(code), size_hint=(None, None))
            self._size_label(label, app)
            label.bind(texture_size=lambda label, size: setattr(label, "size", size))
            # `name` as a Kivy property, like the kv rules make it: a plain attribute set
            # now would be hidden once a kv rule creates the property on KioskLabel.
            if label.property("name", quiet=True) is None:
                label.create_property("name", "")
            label.name = f"language_name:{code}"
            self._labels[code] = label
            self.add_widget(label)
        self._mark()

    def _size_label(self, label, app) -> None:
        px = self.font_px * self._scale
        label.font_px = px  # a kv-declared property: not a constructor argument
        label.padding = (app.u * px * 0.3, app.u * px * 0.1)

    def _fit(self, *args) -> None:
        """Smaller names until all of them fit in the button: on a small screen (or with
        long names) a name below the button's edge is a name nobody finds."""
        app = App.get_running_app()
        if self.height != self._fitted_height:
            # A new size (the first layout, another screen): start again from full size.
            self._fitted_height, self._scale = self.height, 1.0
        elif self.minimum_height > self.height + 0.5 and self._scale > 0.6:
            self._scale *= 0.92
        else:
            return
        for label in self._labels.values():
            self._size_label(label, app)

    def _mark(self, *args) -> None:
        for code, label in self._labels.items():
            chosen = code == self.current
            label.bold = chosen
            label.underline = chosen
            label.color = self.current_colour if chosen else self.colour
