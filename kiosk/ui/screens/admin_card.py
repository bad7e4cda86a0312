"""A card the scanner cannot read (a crease, a faded print): the coordinator types the
code printed under its QR code, and the visitor carries on as if it had been scanned."""

from __future__ import annotations

from kivy.app import App

from kiosk.cards import CardError, parse_human_code
from kiosk import messages
from kiosk.ui.screens.typing_screen import TypingScreen


class AdminCardScreen(TypingScreen):
    screen_name = "admin_card"
    field_id = "code_input"

    def use_card(self) -> None:
        app = App.get_running_app()
        try:
            card = parse_human_code(self.field.text)
        except CardError:
            # Nothing recorded and the typing kept: one wrong letter is easy to fix.
            self.message = app.t(messages.CODE_WRONG, app.language)
            return
        self.field.focus = False
        app.go_home()
        # From here on exactly what a scan does: the activity grid with the last activity
        # marked, in the card's language; a volunteer card starts or ends a shift.
        app.on_scan(card.payload)
