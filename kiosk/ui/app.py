"""The Kivy application: a small state holder that wires screens to the door.

State the screens bind to lives in Kivy properties (language, the scanned card, a hint);
the rules live in kiosk.door. Visitors can never leave the app or reach a setting.
"""

from __future__ import annotations

import os
from pathlib import Path

from kivy.app import App
from kivy.base import ExceptionHandler, ExceptionManager
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.lang import Builder
from kivy.logger import Logger
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.screenmanager import NoTransition, ScreenManager

from kiosk import assets, fonts, i18n, sounds, systemd_notify
from kiosk.admin_pin import PinGuard
from kiosk.attract_schedule import AttractSchedule
from kiosk.speech import Speech
from kiosk.cards import CardError, CardKind
from kiosk.config import SiteConfig
from kiosk.door import Door
from kiosk.scanner import ScanBuffer
from kiosk.store import VisitStore
from kiosk import messages
from kiosk.ui import bidi, pictures, sizes
from kiosk.ui.audio import Audio, KivyAudio
from kiosk.ui.theme import Theme
from kiosk.ui import widgets  # noqa: F401  (registers Tile, IconButton with the kv Factory)
from kiosk.ui import card_prompt  # noqa: F401  (registers CardPrompt)
from kiosk.ui.screens import choice_grid  # noqa: F401
from kiosk.ui import screens
from kiosk.ui.still_there import IdleWatch
from kiosk.ui.staff_link import StaffPageLink

UI_DIR = Path(__file__).parent
# The rules every screen shares; each screen's own kv file is loaded with its first build.
KV_FILES = ["widgets.kv", "card_prompt.kv", "screens/choice_grid.kv", "still_there.kv"]
KEY_ESCAPE, KEY_ENTER, KEY_KEYPAD_ENTER, KEY_F1 = 27, 13, 271, 282
ADMIN_HOLD_SECONDS = 3.0
HINT_SECONDS = 6.0
MAINTENANCE_SECONDS = 30.0
# The visitor's next screens start in the frame after the first: shown, not waited for.
PREPARE_AFTER_SECONDS = 0.0
# Start-up work that holds the Kivy thread for a while (a step of the Cijfers tab's months,
# the speech warm-up's sentences, importing the staff page's web server) waits while the
# screen was touched (or a card scanned) this recently: a visitor's next tap must never
# wait behind it.
QUIET_SECONDS = 1.0


class _KeepTheDoorOpen(ExceptionHandler):
    """A bug in one callback is logged; the visitor sees the app carry on, not a trace."""

    def __init__(self):
        super().__init__()
        self.caught: list[BaseException] = []

    def handle_exception(self, exception):
        if isinstance(exception, (KeyboardInterrupt, SystemExit)):
            return ExceptionManager.RAISE
        self.caught.append(exception)
        Logger.exception("Kiosk: unexpected error, carrying on")
        return ExceptionManager.PASS


class KioskApp(App):
    title = "Buurtwerkkamer"
    use_kivy_settings = False
    # Seconds after start to begin synthesising the site's sentences (None: never; tests).
    SPEECH_WARM_UP_SECONDS: float | None = 2.0
    # The volunteers' page on the LAN, when [staff] enabled; the door's tests leave it off.
    STAFF_PAGE = True
    # Seconds after start to prepare the Cijfers tab's months (None: only the upkeep does,
    # every MAINTENANCE_SECONDS).
    NUMBERS_WARM_UP_SECONDS: float | None = 1.0

    language = StringProperty("nl")
    # Arabic and Dari/Farsi: every row is mirrored (MirrorBox) and text aligns right.
    rtl = BooleanProperty(False)
    # A coordinator's text field has the focus: keys are typing, not a scanner.
    typing = BooleanProperty(False)
    u = NumericProperty(1.0)              # size unit: 1.0 on a 1280x720 screen
    card_scan = ObjectProperty(None, allownone=True)
    hint = StringProperty("")
    # Colours and pictogram set; every kv rule binds to it, so switching re-colours live.
    theme = ObjectProperty(None)
    # A picture beside the hint (door_pictures: "card_crossed" for a card not read).
    hint_picture = StringProperty("")

    def __init__(self, site: SiteConfig, store: VisitStore, door: Door | None = None, **kwargs):
        super().__init__(**kwargs)
        self.register_event_type("on_admin_request")
        self.site = site
        self.store = store
        self.door = door or Door(site, store)
        self.pin_guard = PinGuard(store.directory, now=self.door.now)
        self.speech = Speech(store.directory / "speech-cache")
        self.exit_reason = ""
        # Before the language: setting one that is not the class default ("nl") runs
        # on_language, which counts in it (a site whose first language is Arabic).
        self._speech_context = 0
        self.language = site.default_language
        self.theme = Theme(site.screen.theme)
        self.rtl = i18n.is_right_to_left(self.language)
        self.manager: ScreenManager | None = None
        self.idle: IdleWatch | None = None
        self.scanner = ScanBuffer(self.on_scan, self._on_scan_abandoned)
        self._hint_event = None
        self._admin_hold = None
        self._admin_touch = None
        # Speech and the card's chime and error tone (a FakeAudio in the tests).
        self.audio: Audio = KivyAudio()
        self._size_checked = False
        self._exception_handler = _KeepTheDoorOpen()
        self.printer = None  # the ticket printer's worker, when the site has a printer
        self._numbers_warm_up = None  # the next start-up step of the Cijfers tab's months
        # When home invites the next visitor and when it rests (the site may change live).
        self.attract_schedule = AttractSchedule(
            lambda: self.site.door.opening_hours, self.door.local_now,
            self.door.clock.synchronised)
        self.staff_page = StaffPageLink(self)
        # Each screen's kv file, loaded by this app (a test process starts many apps).
        self._kv_loaded: set[Path] = set()
        self._to_prepare: list[str] = []
        self._prepare_event = None
        self._quiet_jobs: dict = {}         # job -> its ClockEvent (when_quiet)
        self._month_summaries = None  # the Cijfers tab's months (month_summaries)

    # -- building ------------------------------------------------------------------

    def on_language(self, *args):
        self.rtl = i18n.is_right_to_left(self.language)
        self._speech_context += 1

    def build(self):
        bidi.install()
        self._register_fonts()
        for name in KV_FILES:
            self._load_kv(UI_DIR / name)
        self.manager = ScreenManager(transition=NoTransition())
        # Only the welcome screen before the first frame; the visitor's next screens right
        # after it (prepare_screens), the others when first opened (kiosk.ui.screens).
        self.screen("home")
        return self.manager

    def _load_kv(self, path: Path) -> None:
        if path in self._kv_loaded:
            return
        # Unload first: an app started twice in one process (tests, a restart from the
        # admin side) would otherwise apply every rule twice and double each widget.
        Builder.unload_file(str(path))
        Builder.load_file(str(path))
        self._kv_loaded.add(path)

    def screen(self, name: str):
        """The screen called `name`, built the first time it is asked for."""
        if not self.manager.has_screen(name):
            screen_class = screens.screen_class(name)
            self._load_kv(screens.kv_file(name))
            screen = screen_class(name=name)
            if hasattr(screen, "seconds"):
                screen.seconds = self._confirmation_seconds(name)
            self.manager.add_widget(screen)
        return self.manager.get_screen(name)

    def prepare_screens(self) -> None:
        """Build the screens a visitor reaches with one tap, now (tests call it so that no
        build lands in a timed touch; the app does it one per frame after the first)."""
        for name in self._screens_to_prepare():
            self.screen(name)

    def _screens_to_prepare(self) -> list[str]:
        wanted = list(screens.PREPARED)
        if self.site.door.survey:
            wanted.append("survey")  # the "Ik ga weg" tile is on the welcome screen
        return [name for name in wanted if not self.manager.has_screen(name)]

    def _prepare_next_screen(self, *args) -> None:
        # One screen per frame: a touch arriving meanwhile waits for one build, not six.
        self._prepare_event = None
        while self._to_prepare:
            name = self._to_prepare.pop(0)
            if not self.manager.has_screen(name):
                self.screen(name)
                break
        if self._to_prepare:
            self._prepare_event = Clock.schedule_once(self._prepare_next_screen, 0)

    def _first_frame_drawn(self, *args) -> None:
        """What the first frame does not need starts once it is drawn. Not by a timeout
        set in on_start: Kivy's Clock counts a timeout from its last tick, which before
        the first frame is as old as the process, so "in 0.5 s" set there ran before the
        welcome screen was drawn (with the screens, the speech and the staff page's
        server: 0.9 s of the cold start)."""
        Window.unbind(on_flip=self._first_frame_drawn)
        self._to_prepare = self._screens_to_prepare()
        self._prepare_event = Clock.schedule_once(self._prepare_next_screen, PREPARE_AFTER_SECONDS)
        if self.SPEECH_WARM_UP_SECONDS is not None:
            self.when_quiet(self.prepare_speech, self.SPEECH_WARM_UP_SECONDS)
        if self.STAFF_PAGE:
            self.staff_page.start()

    def when_quiet(self, job, seconds: float) -> None:
        """Run `job` on the Kivy thread in `seconds`, or later: not within QUIET_SECONDS
        of a touch or a scan, so that a visitor's taps never wait for it."""
        def attempt(dt):
            waited = self.idle.clock() - self.idle.last_activity
            if waited < QUIET_SECONDS:
                self._quiet_jobs[job] = Clock.schedule_once(attempt, QUIET_SECONDS - waited)
                return
            self._quiet_jobs.pop(job, None)
            job()

        self._quiet_jobs[job] = Clock.schedule_once(attempt, seconds)

    def _confirmation_seconds(self, screen_name: str) -> float:
        if screen_name == "queue_number":
            return self.site.door.queue_number_seconds
        return self.site.door.confirmation_seconds

    def on_start(self):
        ExceptionManager.add_handler(self._exception_handler)
        Window.bind(on_request_close=self._refuse_close, on_keyboard=self._on_keyboard,
                    on_key_down=self._on_key_down, on_textinput=self._on_textinput,
                    on_touch_down=self._on_window_touch_down,
                    on_touch_up=self._on_window_touch_up, size=self._on_window_size)
        self._on_window_size(Window, Window.size)
        # The rest of the start follows the first frame. Its timers are kept to be
        # cancelled: a SIGTERM in the first second (systemd stopping a kiosk that just
        # started) must not find them building screens for an app that has stopped.
        Window.bind(on_flip=self._first_frame_drawn)
        self.idle = IdleWatch(self.site.door.idle_seconds, self.site.door.still_there_seconds,
                              is_resting=lambda: self.manager.current == "home",
                              on_gone=self._nobody_there, on_settled=self._nobody_there,
                              is_admin=lambda: self.manager.current.startswith("admin"))
        self.door.prepare_day()
        self._maintenance = Clock.schedule_interval(self._maintain, MAINTENANCE_SECONDS)
        if self.NUMBERS_WARM_UP_SECONDS is not None:
            self._warm_up_numbers_in(self.NUMBERS_WARM_UP_SECONDS)
        # systemd: ready once the first frame is drawn; alive while the main loop runs.
        Clock.schedule_once(lambda dt: systemd_notify.notify("READY=1"), 0)
        interval = systemd_notify.watchdog_interval()
        if interval:
            self._watchdog = Clock.schedule_interval(
                lambda dt: systemd_notify.notify("WATCHDOG=1"), interval)
        self._scanner_tick = Clock.schedule_interval(lambda dt: self.scanner.tick(), 0.25)
        if self.site.printer is not None:
            from kiosk.printer import start_printer

            self.printer = start_printer(self.site.printer)
        # A question marked helped (on a phone or the Vragen tab) is recorded here, on the
        # Kivy thread, once its undo window has passed: the store keeps one writer thread.
        self._queue_settle = Clock.schedule_interval(lambda dt: self.door.queue.settle(), 1.0)

    def on_stop(self):
        ExceptionManager.remove_handler(self._exception_handler)
        Window.unbind(on_request_close=self._refuse_close, on_keyboard=self._on_keyboard,
                      on_key_down=self._on_key_down, on_textinput=self._on_textinput,
                      on_touch_down=self._on_window_touch_down,
                      on_touch_up=self._on_window_touch_up, size=self._on_window_size)
        Window.unbind(on_flip=self._first_frame_drawn)
        for event in (getattr(self, "_maintenance", None), getattr(self, "_scanner_tick", None),
                      getattr(self, "_watchdog", None), getattr(self, "_queue_settle", None),
                      self._numbers_warm_up, self._prepare_event,
                      *self._quiet_jobs.values()):
            if event is not None:
                event.cancel()
        if self.idle is not None:
            self.idle.stop()
        if self.manager is not None and self.manager.has_screen("home"):
            # Home's loop and its look for the room's opening are timers: none may outlive
            # this app and act on the next one in the process (a restart, the tests).
            self.manager.get_screen("home").stop_timers()
        if self.printer is not None:
            from kiosk.printer import stop_printer

            stop_printer(self.printer)
            self.printer = None
        self.staff_page.stop()

    def _on_window_size(self, window, size):
        self.u = min(size[0] / 1280.0, size[1] / 720.0)
        button_mm = sizes.BUTTON * self.u * 25.4 / self.site.screen.dpi
        if button_mm < sizes.MIN_BUTTON_MM and not self._size_checked:
            # The layout scales with the window, not the panel's density: a small, dense
            # panel gives buttons under the 20 mm visitors need. Say so where it is seen.
            self._size_checked = True
            Logger.warning(f"Kiosk: buttons are {button_mm:.1f} mm on this {size[0]}x{size[1]} "
                           f"screen at {self.site.screen.dpi:g} dpi; visitors need at least "
                           f"{sizes.MIN_BUTTON_MM} mm (a bigger screen, or check [screen] dpi)")

    # -- helpers for kv --------------------------------------------------------------

    def t(self, message: str, language: str) -> str:
        return i18n.translate(message, language)

    def pictogram(self, name: str, pictogram_set: str = "") -> str:
        """The picture's file in a set (the theme's unless given: kv passes
        app.theme.pictogram_set so that a theme switch changes the picture too)."""
        pictogram_set = pictogram_set or self.theme.pictogram_set
        path = assets.pictogram_path(name, pictogram_set)
        if path.exists():
            return str(path)
        return str(assets.pictogram_path("topic_other", pictogram_set))

    def speak(self, text: str, language: str = "") -> bool:
        """Say it, if a recording or a voice exists; silence otherwise, never an error.

        Never a wait either: a sentence not synthesised yet is made in the background and
        played when ready, unless the visitor has moved on to another screen or language.
        Returns whether something is said, now or in a moment.
        """
        if not text:
            return False
        language = language or self.language
        context = self._speech_context
        path = self.speech.sound_for(language, text, on_ready=lambda path: Clock.schedule_once(
            lambda dt: self._play_if_still_in(context, path)))
        if path is not None:
            self._play(path)
            return True
        return self.speech.can_synthesise(language)

    def _play_if_still_in(self, context: int, path) -> None:
        # Another screen or another language since the tap: the sentence is stale.
        if context == self._speech_context:
            self._play(path)

    def _play(self, path) -> None:
        self.audio.play(path, self.site.screen.speech_volume / 100, "speech")

    def signal(self, name: str) -> None:
        """A short sound (kiosk.sounds): "card_read" or "card_error"."""
        self.audio.play(sounds.sound_path(name), self.site.screen.speech_volume / 100,
                        "signal")

    def picture(self, name: str):
        """A drawn picture's texture (kiosk.door_pictures), for kv."""
        return pictures.picture(name, self.site.site_name)

    def font_for_text(self, text: str) -> str:
        return f"Kiosk-{fonts.family_for_text(text)}"

    @staticmethod
    def _register_fonts() -> None:
        from kivy.core.text import LabelBase

        for name in fonts.FAMILIES:
            regular, bold = fonts.font_files(name)
            LabelBase.register(f"Kiosk-{name}", fn_regular=str(regular), fn_bold=str(bold))

    # -- navigation ----------------------------------------------------------------

    def go(self, screen_name: str) -> None:
        self.screen(screen_name)
        self.manager.current = screen_name
        self._speech_context += 1

    def go_home(self, keep_language: bool = False) -> None:
        """The visit is over (confirmed, idle, or "start over"): back to the welcome
        screen, forgetting the visitor. Nothing is half-recorded."""
        self.card_scan = None
        self.set_hint("")
        if not keep_language:
            self.language = self.site.default_language
        self.go("home")

    def back_to_start(self) -> None:
        """The home button: the first screen again, still this visitor's. Someone who chose
        Arabic and opened a wrong screen must not get Dutch back, nor lose their card."""
        self.set_hint("")
        self.go("home")

    def _nobody_there(self) -> None:
        """The idle reset: forget the visitor, and invite the next one (attract loop), or
        rest while nobody could walk in (kiosk.attract_schedule)."""
        self.go_home()
        self.screen("home").start_attract()

    def _someone_there(self) -> None:
        if self.manager is not None and self.manager.has_screen("home"):
            self.manager.get_screen("home").someone_there()

    def start_checkin(self) -> None:
        self.go("activities")

    def set_hint(self, text: str, picture: str = "") -> None:
        self.hint = text
        self.hint_picture = picture if text else ""
        if self._hint_event is not None:
            self._hint_event.cancel()
        if text:
            self._hint_event = Clock.schedule_once(lambda dt: self.set_hint(""), HINT_SECONDS)

    def card_not_read(self, message: str) -> None:
        """A scan that is no card of this room: heard, and shown as the crossed card."""
        self.signal("card_error")
        self.set_hint(self.t(message, self.language), "card_crossed")

    # -- what a visitor does ---------------------------------------------------------

    def check_in(self, activity_id: str) -> None:
        card = self.card_scan.card if self.card_scan else None
        try:
            result = self.door.check_in(activity_id, self.language, card)
        except Exception:
            Logger.exception("Kiosk: check-in failed")
            self._failed()
            return
        self.set_hint("")  # a hint about an earlier scan is stale once the visitor chose
        activity = self.site.activity(activity_id)
        welcome = self.screen("welcome")
        welcome.activity_name = activity.name(self.language)
        welcome.pictogram = activity.pictogram
        welcome.first_visit = result.first_visit
        welcome.already = not result.counted
        self.go("welcome")

    def ask_question(self, topic_id: str) -> None:
        card = self.card_scan.card if self.card_scan else None
        try:
            result = self.door.ask_question(topic_id, self.language, card)
        except Exception:
            Logger.exception("Kiosk: question failed")
            self._failed()
            return
        topic = self.site.topic(topic_id)
        screen = self.screen("queue_number")
        screen.number = result.number
        screen.topic_name = topic.name(self.language)
        screen.pictogram = topic.pictogram
        if self.printer is not None and result.counted:
            from kiosk.printer import Ticket

            self.printer.submit(Ticket(result.number, topic.pictogram, self.language,
                                       self.site.site_name, self.door.local_now()))
        self.go("queue_number")

    def give_feedback(self, answer: int) -> None:
        """A face tapped for "Hoe was het vandaag?": recorded, thanked, and the visit ends
        (the thank-you goes home by itself and forgets language and card)."""
        card = self.card_scan.card if self.card_scan else None
        try:
            self.door.feedback(answer, self.language, card)
        except Exception:
            Logger.exception("Kiosk: survey answer failed")
            self._failed()
            return
        self.card_scan = None  # answered: the card is done with, whoever taps next
        self.go("survey_thanks")
        self.speak(self.t(messages.THANKS_BYE, self.language))

    def _failed(self) -> None:
        self.back_to_start()
        self.set_hint(self.t(messages.SOMETHING_WRONG, self.language))

    def on_scan(self, text: str) -> None:
        if self.idle is not None:
            self.idle.touched()
        self._someone_there()
        try:
            scan = self.door.identify(text)
        except CardError as error:
            self.card_not_read(messages.CARD_FOREIGN if error.reason == CardError.FOREIGN
                               else messages.CARD_UNREADABLE)
            return
        self.signal("card_read")
        if scan.card.kind.volunteers:
            self._volunteer(scan.card)
            return
        self.card_scan = scan
        if self.manager.current == "survey":
            # On the way out: the card says which activity the answer is about; the
            # faces stay (the screen shows the card as read).
            return
        if scan.language in self.site.languages and self.manager.current == "home":
            self.language = scan.language
        self.set_hint("")
        activities = self.screen("activities")
        if self.manager.current == "activities":
            activities.refresh()
        else:
            self.go("activities")

    def _volunteer(self, card) -> None:
        try:
            result = self.door.volunteer_scan(card, self.language)
        except Exception:
            Logger.exception("Kiosk: volunteer shift failed")
            self._failed()
            return
        self.card_scan = None
        screen = self.screen("volunteer")
        screen.started = result.started
        screen.repeated = result.repeated
        # Latin digits and a 24-hour clock, as the room's own clock on the wall shows it.
        screen.began = result.began.strftime("%H:%M") if result.began else ""
        screen.length = "" if result.minutes is None else messages.shift_length(
            result.minutes, self.language)
        self.set_hint("")
        if self.manager.current == "volunteer":
            screen.dispatch("on_enter")  # a second volunteer right after: restart the timer
        else:
            self.go("volunteer")

    def _on_scan_abandoned(self, text: str) -> None:
        self.card_not_read(messages.CARD_UNREADABLE)

    # -- the locked-down window ------------------------------------------------------

    def _refuse_close(self, *args, **kwargs) -> bool:
        return True

    def _on_keyboard(self, window, key, *args) -> bool:
        # Escape would close a Kivy app, F1 would open Kivy's settings panel.
        return key in (KEY_ESCAPE, KEY_F1)

    def _on_key_down(self, window, key, *args):
        if self.typing:
            # A coordinator's text field has the keys (TypingField keeps a scan's burst out).
            if self.idle is not None:
                self.idle.touched()
            return key in (KEY_ESCAPE, KEY_F1)
        if key in (KEY_ENTER, KEY_KEYPAD_ENTER):
            self.scanner.feed_enter()
            return True
        return key in (KEY_ESCAPE, KEY_F1)

    def _on_textinput(self, window, text):
        if self.typing:
            return
        self.scanner.feed_text(text)

    def open_settings(self, *args):
        return False

    def _on_window_touch_down(self, window, touch):
        if self.idle is not None:
            self.idle.touched()
        # The loop stops; the touch goes on to whatever it landed on, as the visitor meant.
        self._someone_there()
        corner = sizes.CORNER * self.u
        # The empty top corner: right, or left when the screen is mirrored for Arabic or
        # Farsi (the home button is then at the right).
        in_corner_x = touch.x <= corner if self.rtl else touch.x >= Window.width - corner
        if in_corner_x and touch.y >= Window.height - sizes.CORNER_HEIGHT * self.u:
            # One hold at a time, belonging to the finger that started it.
            if self._admin_hold is not None:
                self._admin_hold.cancel()
            self._admin_touch = touch.uid
            self._admin_hold = Clock.schedule_once(
                lambda dt: self.dispatch("on_admin_request"), ADMIN_HOLD_SECONDS)

    def _on_window_touch_up(self, window, touch):
        if self._admin_hold is not None and touch.uid == self._admin_touch:
            self._admin_hold.cancel()
            self._admin_hold = None
            self._admin_touch = None

    def on_admin_request(self):
        """Holding the top-right corner: the coordinator's way in, through the PIN pad."""
        if not self.manager.current.startswith("admin"):
            self.card_scan = None
            # The coordinator's screens are in the room's own language, not the visitor's.
            self.language = self.site.default_language
            self.go("admin_pin")

    def prepare_speech(self) -> None:
        """Synthesise what the door may say, in the background, so taps find it ready."""
        from kiosk.spoken import sentences

        for language in self.site.languages:
            self.speech.prepare(language, sentences(self.site, language))

    def use_site(self, site: SiteConfig) -> None:
        """The site file changed on the kiosk (a new activity): use it from now on."""
        self.site = site
        self.door.config = site
        self.theme.use(site.screen.theme)

    def open_admin(self) -> None:
        self.go("admin")

    @staticmethod
    def has_desktop() -> bool:
        """A desktop session behind the kiosk to go back to: an X or Wayland display, not
        the door's bare console (SDL straight on KMS/DRM, deploy/systemd/kiosk.service)."""
        if os.environ.get("SDL_VIDEODRIVER") == "kmsdrm":
            return False
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))

    def leave_kiosk(self, reason: str) -> None:
        """The only way out: from the coordinator's screens, after the PIN."""
        self.exit_reason = reason
        self.stop()

    # -- upkeep ----------------------------------------------------------------------

    def _keep_retention(self) -> None:
        if getattr(self, "_retention_checked", None) != self.door.today():
            self.keep_retention()

    def keep_retention(self, confirmed: bool = False) -> None:
        """Months past the privacy promise are summarised and deleted (at most a couple at
        once unless a coordinator confirmed it: see kiosk.retention.pause_reason)."""
        from kiosk import paths
        from kiosk.retention import purge

        today = self.door.today()
        purged = purge(self.store, today, self.site.privacy.retention_months,
                       exports=paths.exports_dir(),
                       clock_synchronised=self.door.clock.synchronised(), confirmed=confirmed)
        if purged:
            Logger.info(f"Kiosk: purged visit rows of {', '.join(purged)} (retention)")
        self._retention_checked = today

    def retention_waiting_for_confirmation(self) -> list[str]:
        """The months only a coordinator's confirmation will delete (else [])."""
        from kiosk.retention import MAX_MONTHS_AT_ONCE, months_due, pause_reason

        today = self.door.today()
        due = months_due(self.store, today, self.site.privacy.retention_months)
        if len(due) <= MAX_MONTHS_AT_ONCE:
            return []
        blocked_anyway = pause_reason(today, self.door.clock.synchronised(),
                                      self.store.newest_visit_date())
        return [] if blocked_anyway else due

    def _maintain(self, dt) -> None:
        """Upkeep while nobody is at the door: a new day, the journal into month files.

        Each step on its own: one that fails (a full disk, a damaged file, a bug) is
        logged and the next still runs, above all the compaction that keeps visits safe.
        """
        if self.manager.current != "home":
            return
        for step in (self.store.retry_writes, self.door.prepare_day,
                     self.door.close_forgotten_shifts, self._keep_retention,
                     self._compact, self.store.verify_next_partition,
                     self._prepare_numbers):
            try:
                step()
            except Exception:
                Logger.exception(f"Kiosk: upkeep step {step.__name__} failed; the journal "
                                 "keeps the visits")

    def _prepare_numbers(self, budget_seconds: float = 0.05) -> bool:
        # The Cijfers tab's months, a few at a time while nobody is at the door and right
        # after the compaction: its first opening then reads no month file.
        today = self.door.today()
        return self.month_summaries.prepare(
            self.store, f"{today.year:04d}-{today.month:02d}", budget_seconds)

    def _warm_up_numbers(self, *args) -> None:
        """Right after a start, the Cijfers tab's months are prepared at once rather than
        at the first upkeep 30 s later: a coordinator who restarts the kiosk and opens the
        tab finds them ready. One month a frame (a closed month is its kept tally, a few
        ms; the running month one read of its file), on the welcome or the coordinator's
        screens, and only when nobody touched the screen or scanned a card in the last
        QUIET_SECONDS: the first visitor's taps never wait behind a step."""
        quiet_for = self.idle.clock() - self.idle.last_activity
        screen = self.manager.current
        if quiet_for < QUIET_SECONDS or not (screen == "home" or screen.startswith("admin")):
            self._warm_up_numbers_in(QUIET_SECONDS)
            return
        try:
            done = self._prepare_numbers(budget_seconds=0.0)
        except Exception:
            # The upkeep tries again every MAINTENANCE_SECONDS, and logs it there too.
            Logger.exception("Kiosk: preparing the Cijfers tab's months at start failed")
            done = True
        self._warm_up_numbers_in(None if done else 0)

    def _warm_up_numbers_in(self, seconds: float | None) -> None:
        """The next start-up step in `seconds` (0: the next frame; None: none), the only
        one pending."""
        if self._numbers_warm_up is not None:
            self._numbers_warm_up.cancel()
        self._numbers_warm_up = None if seconds is None else \
            Clock.schedule_once(self._warm_up_numbers, seconds)

    @property
    def month_summaries(self):
        """The Cijfers tab's months for as long as the kiosk runs (a closed month is read
        once): the upkeep prepares them, the tab reads them. Held here, not by the tab, so
        that the upkeep does not build the coordinator's screens on a door nobody opens."""
        if self._month_summaries is None:
            from kiosk.numbers_at_a_glance import MonthSummaries

            self._month_summaries = MonthSummaries()
        return self._month_summaries

    def _compact(self) -> None:
        if self.store.pending_count or self.store.unsaved_count:
            self.store.compact()
