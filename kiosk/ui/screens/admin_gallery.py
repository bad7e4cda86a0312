"""Adding an activity from the kiosk: pick a pictogram from the bundled gallery, type a
name on the on-screen keyboard, save it to the site file."""

from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from kiosk import assets
from kiosk.config import ConfigError
from kiosk.site_editing import add_activity
from kiosk import messages
from kiosk.ui.screens.choice_grid import TileChoice
from kiosk.ui.widgets import KioskScreen
from kiosk.ui.screens.typing_screen import TypingScreen


class AdminGalleryScreen(KioskScreen):
    """Every picture with its word under it, and a field that keeps those whose word
    holds what is typed ("fiets" finds the bicycle)."""

    found_nothing = BooleanProperty(False)

    def on_kv_post(self, base_widget):
        # While the search field has the focus, keys are typing, not a scanner.
        self.ids.search.bind(focus=lambda field, focused: setattr(
            App.get_running_app(), "typing", focused))

    def on_pre_enter(self, *args):
        self.ids.search.text = ""
        self.search("")

    def on_leave(self, *args):
        self.ids.search.focus = False
        self.ids.search.text = ""

    def words(self) -> list[tuple[str, str]]:
        app = App.get_running_app()
        names = sorted(n for n in assets.available_pictograms() if n.startswith("gallery_"))
        return sorted(((name, app.t(messages.GALLERY_WORDS[name], app.language)
                        if name in messages.GALLERY_WORDS else name[len("gallery_"):])
                       for name in names), key=lambda item: item[1].casefold())

    def search(self, text: str) -> None:
        wanted = text.strip().casefold()
        items = [TileChoice(f"gallery:{name}", name, lambda _, word=word: word, name)
                 for name, word in self.words() if wanted in word.casefold()]
        self.found_nothing = not items
        self.ids.grid.show(items, self.choose)

    def choose(self, pictogram: str) -> None:
        if self.manager is None or self.manager.current != self.name:
            return
        form = App.get_running_app().screen("admin_name")
        form.pictogram = pictogram
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
