"""A coordinator's screen with one text field on the docked keyboard (a new activity's
name, a card's printed code): the field has the keys while the screen is up, and nothing
of it stays behind when the screen goes, also when the admin timeout sends it home."""

from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty
from kivy.uix.screenmanager import Screen


class TypingScreen(Screen):
    field_id = ""              # the kv id of the screen's TextInput
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
