"""A coordinator's screen with one text field on the docked keyboard (a new activity's
name, a card's printed code): the field has the keys while the screen is up, and nothing
of it stays behind when the screen goes, also when the admin timeout sends it home."""

from __future__ import annotations

from kivy.app import App
from kivy.logger import Logger
from kivy.properties import StringProperty
from kivy.uix.textinput import TextInput

from kiosk.scanner import BurstWatch
from kiosk.ui.widgets import KioskScreen

ENTER_KEYS = (13, 271)


class TypingField(TextInput):
    """A text field a scanner cannot type into.

    A card scanned while the field has the focus arrives as keys, like typing; its code is
    a card's secret and, in the new-activity field, Enter saved it as a name on a tile
    every visitor sees. A burst (kiosk.scanner.BurstWatch) is taken back out when its
    Enter comes, before Enter can save, and the field is as it was before the burst.
    The scan itself is dropped: the coordinator is busy here, and a visitor's hint on
    this screen would only puzzle them.
    """

    def __init__(self, **kwargs):
        self.bursts = BurstWatch()
        self._before_run = ("", 0)          # the text and cursor when the run began
        super().__init__(**kwargs)

    # SDL2 (managed text input) and the docked keyboard both bring text here, never
    # through keyboard_on_key_down.
    def keyboard_on_textinput(self, window, text):
        if self.bursts.typed(text):
            self._before_run = (self.text, self.cursor_index())
        return super().keyboard_on_textinput(window, text)

    def keyboard_on_key_down(self, window, keycode, text, modifiers):
        key = keycode[0]
        if key in ENTER_KEYS:
            if self.bursts.enter():
                text_before, cursor_before = self._before_run
                self.text = text_before
                self.cursor = self.get_cursor_from_index(cursor_before)
                self.reset_undo()  # an undo must not bring the code back either
                Logger.info("Kiosk: a scan while typing was kept out of the field")
                return True        # consumed: no on_text_validate, nothing saved
        elif key in self.interesting_keys:
            self.bursts.reset()
        return super().keyboard_on_key_down(window, keycode, text, modifiers)


class TypingScreen(KioskScreen):
    field_id = ""              # the kv id of the screen's TypingField
    message = StringProperty("")

    @property
    def field(self):
        return self.ids[self.field_id]

    def on_kv_post(self, base_widget):
        # While the field has the focus, keys are typing, not a scanner (KioskApp.typing).
        self.field.bind(focus=lambda field, focused: setattr(App.get_running_app(),
                                                             "typing", focused))

    def on_pre_enter(self, *args):
        self.message = ""
        self.field.text = ""

    def on_enter(self, *args):
        self.field.focus = True

    def on_leave(self, *args):
        # No keyboard docked over the visitors' screen, no text left in a hidden field.
        self.field.focus = False
        self.field.text = ""
