"""The card prompt: the room's own card going under the scanner, again and again, gently.

A picture says "hold your card under the scanner" to anyone, reader or not. Once the
card is read it lies under the scanner with a check mark. Tapping it says the prompt.

The motion runs on a Clock at FRAMES_PER_SECOND, and only while the card moves (a second
and a half in every few): Kivy redraws the window only when something on it changes, so a
Raspberry Pi draws about twenty frames in seven seconds for it, and none while it rests.
"""

from __future__ import annotations

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.widget import Widget

FRAMES_PER_SECOND = 12
MOVE_SECONDS = 1.5       # from the hand to under the scanner
READ_SECONDS = 1.5       # lying there, read (the check mark)
REST_SECONDS = 5.0       # before the next time; the attract loop rests less
ATTRACT_REST_SECONDS = 3.0
CARD_ASPECT = 303 / 480  # kiosk.door_pictures.room_card: height / width


class CardPrompt(ButtonBehavior, Widget):
    name = StringProperty("card_prompt")
    # What a tap says, and in which language (empty: the visitor's).
    speech = StringProperty("")
    speech_language = StringProperty("")
    # 0: the card in the hand, 1: under the scanner.
    phase = NumericProperty(0.0)
    # The scanner has read it: the check mark shows.
    lit = BooleanProperty(False)
    # The visitor's card was read: it stays under the scanner, still.
    read = BooleanProperty(False)
    running = BooleanProperty(False)
    attract = BooleanProperty(False)
    scanner_box = ListProperty([0, 0, 0, 0])
    card_box = ListProperty([0, 0, 0, 0])
    check_box = ListProperty([0, 0, 0, 0])

    def __init__(self, **kwargs):
        self._event = None
        self._moved = 0.0
        super().__init__(**kwargs)
        self.bind(pos=self._place, size=self._place, phase=self._place, lit=self._place)

    # -- what the screens call ---------------------------------------------------------

    def start(self) -> None:
        self.running = True

    def stop(self) -> None:
        self.running = False

    def on_running(self, *args) -> None:
        self._restart()

    def on_read(self, *args) -> None:
        self._restart()

    def on_attract(self, *args) -> None:
        if self.running and not self.read and self._moved == 0.0:
            self._restart()  # resting: the loop's shorter rest starts now

    def on_release(self) -> None:
        app = App.get_running_app()
        if self.speech:
            app.speak(self.speech, self.speech_language)

    # -- the motion --------------------------------------------------------------------

    def _cancel(self) -> None:
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def _restart(self) -> None:
        self._cancel()
        self._moved = 0.0
        if self.read:
            self.phase, self.lit = 1.0, True
            return
        self.phase, self.lit = 0.0, False
        if self.running:
            self._event = Clock.schedule_once(self._move, self._rest())

    def _rest(self) -> float:
        return ATTRACT_REST_SECONDS if self.attract else REST_SECONDS

    def _move(self, *args) -> None:
        self._event = Clock.schedule_interval(self._step, 1 / FRAMES_PER_SECOND)

    def _step(self, dt: float) -> bool | None:
        self._moved += dt
        progress = min(1.0, self._moved / MOVE_SECONDS)
        self.phase = 1 - (1 - progress) ** 2  # eases in under the scanner
        if progress < 1.0:
            return None
        self.lit = True
        self._event = Clock.schedule_once(lambda dt: self._restart(), READ_SECONDS)
        return False

    def _place(self, *args) -> None:
        # The picture keeps its shape in any box: as wide as the box allows at 1.35:1,
        # the card coming from the side. In a tall narrow box (a grid screen's rail) it
        # comes up from below instead, and takes the whole width to do it.
        # From x, y and size, not center_x and top: those aliases may still hold the old
        # values while this runs from the size's or the position's own callback.
        x0, y0, box_width, box_height = *self.pos, *self.size
        centre_x, top = x0 + box_width / 2, y0 + box_height
        upright = box_height >= box_width * 1.25
        width = box_width if upright else min(box_width, box_height * 1.35)
        scanner_w = width * 0.78
        scanner_h = scanner_w * 0.42
        self.scanner_box = [centre_x - scanner_w / 2, top - scanner_h, scanner_w, scanner_h]
        card_w = width * (0.9 if upright else 0.6)
        card_h = card_w * CARD_ASPECT
        end_x = centre_x - card_w / 2
        end_y = max(y0, top - scanner_h * 0.92 - card_h)
        start_x = end_x if upright else min(x0 + (box_width + width) / 2 - card_w,
                                            end_x + width * 0.3)
        start_y = y0
        x = start_x + (end_x - start_x) * self.phase
        y = start_y + (end_y - start_y) * self.phase
        self.card_box = [x, y, card_w, card_h]
        check = card_h * 0.7
        self.check_box = [x + card_w - check * 0.75, y - check * 0.2, check, check]
