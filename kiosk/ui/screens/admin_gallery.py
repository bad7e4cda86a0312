"""Adding an activity from the kiosk: pick a pictogram from the bundled gallery, type a
name on the on-screen keyboard, save it to the site file."""

from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty
from kivy.uix.screenmanager import Screen

from kiosk import assets
from kiosk.config import ConfigError
from kiosk.site_editing import add_activity
from kiosk.ui import theme
from kiosk.ui.screens.typing_screen import TypingScreen


class AdminGalleryScreen(Screen):
    def on_pre_enter(self, *args):
        names = sorted(n for n in assets.available_pictograms() if n.startswith("gallery_"))
        items = [(f"gallery:{name}", "", name, theme.CHECKIN, False, "") for name in names]
        self.ids.grid.show(items, self.choose)

    def choose(self, name: str) -> None:
        if self.manager is None or self.manager.current != self.name:
            return
        form = App.get_running_app().screen("admin_name")
        form.pictogram = name.split(":", 1)[1]
        self.manager.current = "admin_name"


class AdminNameScreen(TypingScreen):
    screen_name = "admin_name"
    field_id = "name_input"
    pictogram = StringProperty("")

    def save(self) -> None:
        app = App.get_running_app()
        try:
            site = add_activity(app.site, self.field.text, self.pictogram,
                                app.door.today())
        except (ConfigError, OSError) as error:
            self.message = getattr(error, "message", None) or str(error)
            return
        self.field.focus = False
        app.use_site(site)
        app.go("admin")
        app.screen("admin").show("activities")
